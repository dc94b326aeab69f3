"""Where a plan contradicts itself (``planwatch check``).

1. Table arithmetic: a level indicator's baseline and target imply an average annual growth
   rate; it should match the 年均增长 written beside it (外贸 2470→3500亿元 implies 7.2 %/yr, not 4.8).
   A share's five-year change written as ``[x]`` should equal target − baseline.
2. Text against table: a commitment in the text about a table indicator (its name, less a trailing
   增长/增长率/降低, appears in the commitment) must carry the same figure.
3. Counts: what the plan — or an interpretation document given with ``--expect`` — says about
   itself (``10章45节26个专栏``, ``预期性指标17项``) against what was parsed.
4. What could not be read (``Plan.warnings``: a cell kept as written) is listed first, code ``unreadable``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Literal

from .model import Commitment, Indicator, Plan
from .targets import format_number

GROWTH_TOLERANCE = 0.3  # percentage points: rounding in published tables stays well inside this
SHARE_TOLERANCE = 0.05
_COUNT_NAMES = {"chapters": "章", "sections": "节", "columns": "专栏", "indicators": "主要指标",
                "expected": "预期性指标", "binding": "约束性指标"}


@dataclass(frozen=True)
class Finding:
    code: Literal["growth_mismatch", "share_change_mismatch", "text_table_mismatch", "count_mismatch", "unreadable"]
    message: str
    location: str
    details: dict[str, Any] = field(default_factory=dict)


def _core_name(name: str) -> str:
    return re.sub(r"(年均)?(增长率|增长|增速|降低|下降)$", "", name)


def check_table(ind: Indicator) -> list[Finding]:
    findings: list[Finding] = []
    b, t, g = ind.baseline_value, ind.target.value, ind.growth.value
    if b is None or t is None or g is None or not ind.baseline_year or not ind.target_year:
        return findings
    years = ind.target_year - ind.baseline_year
    if ind.growth.cumulative:
        if ind.unit == "%" and not ind.target.cumulative and abs((t - b) - g) > SHARE_TOLERANCE:
            findings.append(Finding(
                "share_change_mismatch",
                f"指标{ind.no}「{ind.name}」：{ind.baseline_year}年{format_number(b)}%到{ind.target_year}年"
                f"{format_number(t)}%，变化{format_number(round(t - b, 2))}个百分点，与表中所写累计[{format_number(g)}]不符",
                f"indicator/{ind.no}", {"implied": round(t - b, 4), "stated": g}))
        return findings
    if ind.unit != "%" and b > 0 and t > 0 and not ind.target.cumulative and years > 0:
        implied = ((t / b) ** (1 / years) - 1) * 100
        if abs(implied - g) > GROWTH_TOLERANCE:
            findings.append(Finding(
                "growth_mismatch",
                f"指标{ind.no}「{ind.name}」：{ind.baseline_year}年{format_number(b)}{ind.unit}到{ind.target_year}年"
                f"{format_number(t)}{ind.unit}，隐含年均增长{implied:.1f}%，与表中所写年均增长{format_number(g)}%不符",
                f"indicator/{ind.no}", {"implied": round(implied, 2), "stated": g}))
    return findings


_AFTER_NAME = re.compile(r"^(年均|年平均|增长|增速|达到|保持|超过|不低于|不少于|不超过|控制|提高|提升|下降|降低|\d)")


def _matching_indicator(c: Commitment, indicators: tuple[Indicator, ...]) -> Indicator | None:
    """The indicator the commitment is about: its name is followed by the verb or the figure
    (地区生产总值年均增长6.5%), not by more noun (增加值占地区生产总值比重 is not 地区生产总值)."""
    best: Indicator | None = None
    for ind in indicators:
        core = _core_name(ind.name)
        at = c.quantity.find(core)
        if len(core) >= 3 and at >= 0 and _AFTER_NAME.match(c.quantity[at + len(core):]) and (
                best is None or len(core) > len(_core_name(best.name))):
            best = ind
    return best


def check_text_against_table(plan: Plan) -> list[Finding]:
    findings: list[Finding] = []
    for c in plan.commitments:
        ind = _matching_indicator(c, plan.indicators)
        if ind is None or c.unit != ind.unit:
            continue
        is_rate = "年均" in c.quantity or (ind.name.endswith(("增长", "增长率")) and c.change == "increase")
        expected: float | None
        if is_rate and ind.growth.value is not None and not ind.growth.cumulative:
            expected, column = ind.growth.value, "年均增长"
        else:
            expected, column = ind.target.value, f"{ind.target_year or '目标'}年"
        if expected is None or abs(expected - c.value) < 1e-9:
            continue
        findings.append(Finding(
            "text_table_mismatch",
            f"正文「{c.quantity}」与主要指标表指标{ind.no}「{ind.name}」的{column}数值"
            f"{format_number(expected)}{ind.unit}不一致",
            c.node, {"text_value": c.value, "table_value": expected, "indicator": ind.no}))
    return findings


def check_counts(plan: Plan, stated: dict[str, int], source: str) -> list[Finding]:
    parsed = plan.counts()
    return [Finding("count_mismatch",
                    f"{source}写明{_COUNT_NAMES[key]}{value}个（项），实际解析出{parsed[key]}个（项）",
                    f"counts/{key}", {"stated": value, "parsed": parsed[key], "source": source})
            for key, value in stated.items() if parsed.get(key) != value]


def check_plan(plan: Plan, expected_counts: dict[str, int] | None = None,
               expected_source: str = "说明文件") -> list[Finding]:
    findings = [Finding("unreadable", w.message(), w.node or "plan", {"text": w.text, "place": w.place,
                                                                       "reason": w.reason})
                for w in plan.warnings]
    for ind in plan.indicators:
        findings.extend(check_table(ind))
    findings.extend(check_text_against_table(plan))
    findings.extend(check_counts(plan, plan.stated_counts, "规划正文"))
    if expected_counts:
        findings.extend(check_counts(plan, expected_counts, expected_source))
    return findings

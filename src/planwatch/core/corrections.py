"""Corrections a person makes to what was read from a plan, applied the same way by the CLI and the web.

No parser reads every document perfectly; the administrator checks the result (规划导入核对) and corrects it.
A correction names its item as people see it — an indicator by its printed number (``"10.1"``), a commitment
by its words and node, a project by its name and 专栏 — so that the same corrections apply again to the same
document read again (the web re-applies them when a file with the same content is imported).

Rules:

- indicator fields: ``name``, ``unit``, ``baseline``, ``baseline_year``, ``target``, ``growth`` (raw text, parsed
  again through :mod:`planwatch.core.targets`, so a typed ``〔18〕`` is a five-year total), ``attribute``
  (预期性/约束性 or expected/binding), and ``kind``/``direction``, which belong to the evaluation spec and are
  returned beside the plan (:attr:`Corrected.kinds`, :attr:`Corrected.directions`);
- commitments and projects are accepted (kept, the default) or rejected (``"accepted": false``: left out);
- corrections apply in order, so a later one for the same cell wins;
- a correction that names no item of the plan, a field not listed, or a value that does not parse is an
  :class:`~planwatch.core.errors.InputError` naming the correction by its number (第 n 条): nothing is applied.

The file format (``planwatch extract PLAN --corrections FILE``) is documented in docs/plan-format.md.

>>> c = parse_corrections([{"indicator": "3", "field": "target", "value": "≥66"}])
>>> c[0].indicator, c[0].field, c[0].value
('3', 'target', '≥66')
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from .errors import InputError, PlanwatchError
from .model import ATTRIBUTES, Attribute, Commitment, Indicator, Plan, Project
from .targets import parse_target

INDICATOR_FIELDS: dict[str, str] = {"name": "指标名称", "unit": "单位", "baseline": "基期值",
                                    "baseline_year": "基期年份", "target": "目标值", "growth": "年均/累计",
                                    "attribute": "属性", "kind": "类型", "direction": "方向"}
DIRECTIONS = ("higher", "lower")
_ATTRIBUTES: dict[str, Attribute] = {**ATTRIBUTES, "expected": "expected", "binding": "binding"}


@dataclass(frozen=True)
class Correction:
    """One correction: an indicator's cell (``indicator`` and ``field``), or a commitment or project accepted or
    rejected (``commitment``/``project`` with ``node``: the commitment's node id, the project's 专栏)."""

    indicator: str | None = None
    field: str = ""
    value: str = ""
    commitment: str | None = None
    project: str | None = None
    node: str = ""
    accepted: bool = True

    def as_dict(self) -> dict[str, Any]:
        """The JSON form, as the corrections file writes it."""
        if self.indicator is not None:
            return {"indicator": self.indicator, "field": self.field, "value": self.value}
        key = "commitment" if self.commitment is not None else "project"
        return {key: self.commitment if self.commitment is not None else self.project, "node": self.node,
                "accepted": self.accepted}

    def describe(self) -> str:
        """The correction in words, for the record on the review page."""
        if self.indicator is not None:
            return f"指标{self.indicator}“{INDICATOR_FIELDS.get(self.field, self.field)}”改为：{self.value or '（空）'}"
        what = f"量化承诺“{self.commitment}”" if self.commitment is not None else f"重大项目“{self.project}”"
        return what + ("：采纳" if self.accepted else "：不采纳")


@dataclass(frozen=True)
class Corrected:
    """A plan with corrections applied, and the kinds and directions set by them (indicator ``no`` → code)."""

    plan: Plan
    kinds: dict[int, str]
    directions: dict[int, str]


def _text(item: dict[str, Any], key: str, n: int, limit: int = 300) -> str:
    value = item.get(key, "")
    if not isinstance(value, (str, int, float)) or isinstance(value, bool) or len(str(value)) > limit:
        raise InputError(f"更正第{n}条：“{key}”必须是不超过{limit}字的文本")
    return str(value).strip()


def parse_corrections(data: object) -> list[Correction]:
    """Corrections from their JSON form: a list, or ``{"corrections": [...]}``; each checked for form."""
    if isinstance(data, dict):
        data = data.get("corrections")
    if not isinstance(data, list):
        raise InputError("更正文件应为列表，或含“corrections”列表的对象")
    out: list[Correction] = []
    for n, item in enumerate(data, 1):
        if not isinstance(item, dict):
            raise InputError(f"更正第{n}条不是对象")
        if "indicator" in item:
            field = _text(item, "field", n)
            if field not in INDICATOR_FIELDS:
                raise InputError(f"更正第{n}条：不能更正“{field}”，可更正：{'、'.join(INDICATOR_FIELDS)}")
            out.append(check(Correction(indicator=_text(item, "indicator", n), field=field,
                                        value=_text(item, "value", n)), n))
        elif "commitment" in item or "project" in item:
            accepted = item.get("accepted", True)
            if not isinstance(accepted, bool):
                raise InputError(f"更正第{n}条：“accepted”应为 true 或 false")
            key = "commitment" if "commitment" in item else "project"
            name, node = _text(item, key, n), _text(item, "node", n)
            out.append(Correction(commitment=name, node=node, accepted=accepted) if key == "commitment"
                       else Correction(project=name, node=node, accepted=accepted))
        else:
            raise InputError(f"更正第{n}条应指明“indicator”“commitment”或“project”")
    return out


def read_corrections(path: str | Path) -> list[Correction]:
    """Corrections from a JSON file (UTF-8)."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(f"更正文件无法读取：{Path(path).name}（{type(exc).__name__}）") from exc
    return parse_corrections(data)


def check(correction: Correction, n: int = 1) -> Correction:
    """The correction if its value is one the field takes (a kind the registry knows, a direction, an attribute);
    target values are checked where they apply, by parsing."""
    from .kinds import KINDS

    field, value = correction.field, correction.value
    allowed = {"kind": tuple(KINDS), "direction": DIRECTIONS, "attribute": tuple(_ATTRIBUTES)}.get(field)
    if allowed is not None and value and value not in allowed:
        raise InputError(f"更正第{n}条：{INDICATOR_FIELDS[field]}“{value}”无效，可选：{'、'.join(allowed)}")
    if field == "baseline_year" and value and not (value.isascii() and value.isdigit() and 1900 < int(value) < 2200):
        raise InputError(f"更正第{n}条：基期年份“{value}”不是年份")
    if field == "name" and not value:
        raise InputError(f"更正第{n}条：指标名称不能为空")
    return correction


def correct_indicator(ind: Indicator, field: str, value: str) -> Indicator:
    """``ind`` with one cell corrected; target cells are parsed again (TargetExpressionError when they do not
    parse). ``kind`` and ``direction`` are not cells of the row: the row is returned unchanged."""
    if field == "name":
        return replace(ind, name=value)
    if field == "unit":
        return replace(ind, unit=value)
    if field == "baseline":
        base = parse_target(value, "基期值")
        return replace(ind, baseline_raw=value, baseline_value=base.value, baseline_cumulative=base.cumulative)
    if field == "baseline_year":
        return replace(ind, baseline_year=int(value) if value else None)
    if field == "target":
        return replace(ind, target=parse_target(value))
    if field == "growth":
        return replace(ind, growth=parse_target(value, "年均增长"))
    if field == "attribute":
        return replace(ind, attribute=_ATTRIBUTES.get(value))
    return ind


def _same_commitment(c: Commitment, k: Correction) -> bool:
    return c.quantity == k.commitment and (not k.node or c.node == k.node)


def _same_project(p: Project, k: Correction) -> bool:
    return p.name == k.project and (not k.node or p.column == k.node)


def apply_corrections(plan: Plan, corrections: list[Correction]) -> Corrected:
    """``plan`` with ``corrections`` applied in order (see the module rules); all or nothing."""
    indicators = list(plan.indicators)
    commitments, projects = list(plan.commitments), list(plan.projects)
    kinds: dict[int, str] = {}
    directions: dict[int, str] = {}
    for n, k in enumerate(corrections, 1):
        if k.indicator is not None:
            at = next((i for i, ind in enumerate(indicators) if ind.display_no == k.indicator), None)
            if at is None:
                raise InputError(f"更正第{n}条：没有序号为“{k.indicator}”的指标")
            try:
                indicators[at] = correct_indicator(indicators[at], check(k, n).field, k.value)
            except PlanwatchError as exc:
                raise InputError(f"更正第{n}条（指标{k.indicator}）：{exc}") from exc
            no = indicators[at].no
            for table, field in ((kinds, "kind"), (directions, "direction")):
                if k.field == field:
                    table[no] = k.value  # empty: inferred again
        elif k.commitment is not None:
            if not any(_same_commitment(c, k) for c in plan.commitments):
                raise InputError(f"更正第{n}条：没有量化承诺“{k.commitment}”")
            commitments = [c for c in commitments if k.accepted or not _same_commitment(c, k)]
        else:
            if not any(_same_project(p, k) for p in plan.projects):
                raise InputError(f"更正第{n}条：没有重大项目“{k.project}”")
            projects = [p for p in projects if k.accepted or not _same_project(p, k)]
    return Corrected(replace(plan, indicators=tuple(indicators), commitments=tuple(commitments),
                             projects=tuple(projects)), {no: v for no, v in kinds.items() if v},
                     {no: v for no, v in directions.items() if v})

"""The main-indicator table (表1-1 of the Jinpu plan): one Indicator per row.

Columns are found by their header words, so reordered or renamed columns still work:
类别 | 序号 | 指标名称 | 单位 | 2020年 (baseline) | 2025年 (target) | 年均增长 | 属性.
A 类别 cell spanning several rows arrives once (with empty cells below) or repeated; both
inherit. ``—`` is unknown (None), never 0. Footnote markers ①…⑳ in any cell are resolved to the
text of the note below the table (``注：[ ]为五年累计数；①根据市目标调整…``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .errors import TargetExpressionError
from .model import ATTRIBUTES, Indicator, Node
from .targets import parse_target
from .textnorm import CIRCLED, number_text

_YEAR = re.compile(r"(\d{4})\s*年?")


@dataclass(frozen=True)
class _Columns:
    name: int
    category: int | None
    no: int | None
    unit: int | None
    baseline: int | None
    target: int | None
    growth: int | None
    attribute: int | None
    baseline_year: int | None
    target_year: int | None


def _find(header: list[str], *words: str) -> int | None:
    for word in words:
        for i, cell in enumerate(header):
            if word in cell:
                return i
    return None


def detect_columns(header: tuple[str, ...]) -> _Columns | None:
    """Column positions from a header row, or None when this is not an indicator table."""
    cells = [re.sub(r"\s+", "", c) for c in header]
    name = _find(cells, "指标名称", "指标")
    if name is None or (_find(cells, "属性", "单位") is None):
        return None
    years = [(i, int(m.group(1))) for i, c in enumerate(cells) if (m := _YEAR.search(c)) and "增" not in c]
    baseline = _find(cells, "基期", "基准", "现状")
    target = _find(cells, "目标")
    baseline_year = target_year = None
    if len(years) >= 2:
        (baseline, baseline_year), (target, target_year) = years[0], years[1]
    elif len(years) == 1 and baseline is not None:
        target, target_year = years[0]
    return _Columns(
        name=name, category=_find(cells, "类别", "领域", "类型"), no=_find(cells, "序号", "编号"),
        unit=_find(cells, "单位"), baseline=baseline, target=target,
        growth=_find(cells, "年均增长", "年均增速", "增长", "累计"), attribute=_find(cells, "属性"),
        baseline_year=baseline_year, target_year=target_year)


def parse_table_notes(text: str) -> tuple[dict[str, str], list[str]]:
    """Split ``[ ]为五年累计数；①根据市目标调整，②③④⑤最终以市目标下达为准`` into markers and conventions."""
    notes: dict[str, str] = {}
    conventions: list[str] = []
    for part in re.split(r"[；;]", text.strip().rstrip("。")):
        part = part.strip()
        if not part:
            continue
        pieces = re.findall(rf"([{CIRCLED}]+)([^{CIRCLED}]*)", part)
        lead = re.split(rf"[{CIRCLED}]", part, maxsplit=1)[0].strip("，, ")
        if lead:
            conventions.append(lead)
        for markers, body in pieces:
            for marker in markers:
                notes[marker] = body.strip("，,。 ")
    return notes, conventions


def _cell(row: tuple[str, ...], i: int | None) -> str:
    return row[i].replace("\n", "").strip() if i is not None and i < len(row) else ""


def _markers(*cells: str) -> list[str]:
    return [ch for cell in cells for ch in cell if ch in CIRCLED]


def parse_indicator_table(table: Node, note_text: str = "") -> tuple[list[Indicator], list[str]]:
    """Indicators of one table node (empty when the table is not an indicator table)."""
    header_at = next((i for i, row in enumerate(table.rows[:5]) if detect_columns(row)), None)
    if header_at is None:
        return [], []
    cols = detect_columns(table.rows[header_at])
    assert cols is not None
    notes, conventions = parse_table_notes(note_text) if note_text else ({}, [])
    indicators: list[Indicator] = []
    category = ""
    for row in table.rows[header_at + 1:]:
        name_raw = _cell(row, cols.name)
        if not name_raw:
            continue
        category = _cell(row, cols.category) or category
        no_text = number_text(_cell(row, cols.no))
        no = int(no_text) if no_text.isdigit() else len(indicators) + 1
        cells = [name_raw, _cell(row, cols.baseline), _cell(row, cols.target), _cell(row, cols.growth)]
        try:
            baseline = parse_target(cells[1])
            target = parse_target(cells[2])
            growth = parse_target(cells[3])
        except TargetExpressionError as exc:
            raise TargetExpressionError(f"指标表第 {no} 行（{name_raw}）：{exc}") from exc
        attribute_text = _cell(row, cols.attribute)
        indicators.append(Indicator(
            no=no, category=category, name="".join(ch for ch in name_raw if ch not in CIRCLED),
            unit=_cell(row, cols.unit), baseline_year=cols.baseline_year,
            baseline_value=baseline.value, baseline_raw=cells[1], target_year=cols.target_year,
            target=target, growth=growth, attribute=ATTRIBUTES.get(attribute_text),
            notes=tuple(f"{m}{notes[m]}" if m in notes else m for m in _markers(*cells))))
    return indicators, conventions

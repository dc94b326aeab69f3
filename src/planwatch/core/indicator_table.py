"""The main-indicator table (表1-1 of the Jinpu plan, 专栏1 of the national plans): one Indicator per row.

Columns are found by their header words, so reordered or renamed columns still work:
类别 | 序号 | 指标名称 | 单位 | 2020年 (baseline) | 2025年 (target) | 年均增长 | 属性.
A 类别 cell spanning several rows arrives once (with empty cells below) or repeated; both
inherit. ``—`` is unknown (None), never 0. Footnote markers ①…⑳ in any cell are resolved to the
text of the note below the table (``注：[ ]为五年累计数；①根据市目标调整…``).

The national convention writes number, name and unit in one cell, ``1.国内生产总值（GDP）增长（%）``: with no 序号
or 单位 of its own, the number and the trailing bracket are read from the name. Other marks resolve through the
note too: ``60.6*`` under ``②带*的为2019年数据`` gets that note and baseline year 2019. A note no cell points to
but which names an indicator (``③能源综合生产能力指…``) is that indicator's note. The note may also stand in the
table itself, as a last row (a table saved as .csv). Two rows with one printed number (15th FYP: 10. 执业医师数,
10. 注册护士数) are sub-rows ``10.1``, ``10.2`` of one item, each its own indicator (see
:class:`~planwatch.core.model.Indicator` for ``no`` and ``label``).

A cell that fits no target grammar never stops the table: it is kept as written, with no figure, and a
:class:`~planwatch.core.model.ParseWarning` names its row, column and the reason.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace

from .errors import TargetExpressionError
from .model import ATTRIBUTES, Indicator, Node, ParseWarning
from .targets import MARKS, TargetExpr, parse_target
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


_NOTE_ROW = re.compile(r"^(?:注|备注|说明)\s*[:：]\s*(.+)$", re.DOTALL)
# these three as text, compiled when first needed: only a table without a 序号 column, or with the unit in the
# name, uses them (issue #16: every pattern compiled at start-up costs each command)
_NUMBERED_NAME = r"(?s)^(\d{1,3})\s*[.．、]\s*(\S.*)$"
_UNIT_IN_NAME = r"[（(]([^（）()]{1,12})[）)]$"
_NOT_A_UNIT = r"^[A-Za-z0-9.\s]+$"  # （GDP）, （PM2.5）: part of the name
# 带*的为2019年数据 / 标*的为2019年数 / *为预计数: a mark a note defines, and the year of its values, if it says
_MARK_DEF = re.compile(r"(?:带|标有?|加)?([*＊※#＃△▲])号?(?:的|者)?(?:指标)?(?:数据|数值)?(?:为|是|系|表示)([^*＊※#＃△▲]*)")
_MARK_YEAR = re.compile(r"^(\d{4})年(?:的)?数")
_SHORT_NAME = re.compile(r"(年均)?(增长率|增长|增速|提高|降低|下降)$")


@dataclass
class TableNotes:
    """What the note under a table says: marker → note text, marks with a year, table-wide conventions."""

    notes: dict[str, str] = field(default_factory=dict)  # ① → 根据市目标调整; * → ②带*的为2019年数据
    years: dict[str, int] = field(default_factory=dict)  # * → 2019
    conventions: list[str] = field(default_factory=list)  # [ ]为五年累计数
    loose: list[str] = field(default_factory=list)  # numbered notes no cell may point to: ③能源综合生产能力指…


def parse_table_notes(text: str) -> tuple[dict[str, str], list[str]]:
    """Split ``[ ]为五年累计数；①根据市目标调整，②③④⑤最终以市目标下达为准`` into markers and conventions."""
    read = read_table_notes(text)
    return {k: v for k, v in read.notes.items() if k in CIRCLED}, read.conventions


def read_table_notes(text: str) -> TableNotes:
    """The note's parts. A numbered note that defines a mark (``②带*的为2019年数据``) or a bracket convention
    (``①〔〕内为5年累计数``) is a convention as well."""
    out = TableNotes()
    for part in re.split(r"[；;]", text.strip().rstrip("。")):
        part = part.strip()
        if not part:
            continue
        pieces = re.findall(rf"([{CIRCLED}]+)([^{CIRCLED}]*)", part)
        lead = re.split(rf"[{CIRCLED}]", part, maxsplit=1)[0].strip("，,。 ")
        if lead:
            out.conventions.append(lead)
            _define_marks(out, lead, lead)
        for markers, body in pieces:
            body = body.strip("，,。 ")
            for marker in markers:
                out.notes[marker] = body
            if _define_marks(out, body, f"{markers}{body}") or re.search(r"累计", body) and \
                    re.search(r"[\[［【〔(（]", body):
                out.conventions.append(body)
            else:
                out.loose.append(markers)
    return out


def _define_marks(out: TableNotes, text: str, note: str) -> bool:
    """Record the marks ``text`` defines (``带*的为2019年数据``) with ``note`` as their note; True if any."""
    found = False
    for m in _MARK_DEF.finditer(text):
        found = True
        out.notes[m.group(1)] = note
        if year := _MARK_YEAR.match(m.group(2)):
            out.years[m.group(1)] = int(year.group(1))
    return found


def _cell(row: tuple[str, ...], i: int | None) -> str:
    return row[i].replace("\n", "").strip() if i is not None and i < len(row) else ""


def _markers(*cells: str) -> list[str]:
    return [ch for cell in cells for ch in cell if ch in MARKS]


def _note(marker: str, notes: TableNotes) -> str:
    """①根据市目标调整 for ①; the whole numbered note (②带*的为2019年数据) for a mark; the marker alone if unexplained."""
    if marker not in notes.notes:
        return marker
    return marker + notes.notes[marker] if marker in CIRCLED else notes.notes[marker]


def _short_name(name: str) -> str:
    return _SHORT_NAME.sub("", re.sub(r"[（(][^（）()]*[）)]$", "", name))


@dataclass(frozen=True)
class TableReading:
    indicators: list[Indicator]
    conventions: list[str]
    warnings: list[ParseWarning]


def _note_rows(table: Node, start: int) -> tuple[str, set[int]]:
    """A note written as a row of the table itself (注：… in its first non-empty cell), and those rows."""
    texts, rows = [], set()
    for i, row in enumerate(table.rows[start:], start):
        cells = [c.strip() for c in row if c.strip()]
        if len(cells) == 1 and (m := _NOTE_ROW.match(cells[0])):
            texts.append(m.group(1))
            rows.add(i)
    return " ".join(texts), rows


def parse_indicator_table(table: Node, note_text: str = "") -> tuple[list[Indicator], list[str]]:
    """Indicators of one table node (empty when the table is not an indicator table)."""
    reading = read_indicator_table(table, note_text)
    return reading.indicators, reading.conventions


def read_indicator_table(table: Node, note_text: str = "") -> TableReading:
    """Indicators, conventions and warnings of one table node (no indicators when it is not an indicator table)."""
    header_at = next((i for i, row in enumerate(table.rows[:5]) if detect_columns(row)), None)
    if header_at is None:
        return TableReading([], [], [])
    header = table.rows[header_at]
    cols = detect_columns(header)
    assert cols is not None
    inline_note, note_rows = _note_rows(table, header_at + 1)
    note_text = " ".join(t for t in (note_text, inline_note) if t)
    notes = read_table_notes(note_text) if note_text else TableNotes()
    where = f"表{table.label}" if table.label and table.title else "主要指标表"  # an uncaptioned grid gets a number
    warnings: list[ParseWarning] = []
    rows: list[tuple[int | None, Indicator]] = []
    names = _item_names(table.rows, header_at, cols.name)
    category = ""
    last_printed: int | None = None
    for at, row in enumerate(table.rows[header_at + 1:], header_at + 1):
        name_raw, sub, inherited = names.get(at, ("", "", False))
        if not name_raw or at in note_rows:
            continue
        category = _cell(row, cols.category) or category
        name = "".join(ch for ch in name_raw if ch not in MARKS).strip()
        no_text = number_text(_cell(row, cols.no))
        printed = int(no_text) if no_text.isdigit() else None
        if printed is None and (m := re.match(_NUMBERED_NAME, number_text(name))):  # 1.国内生产总值（GDP）增长（%）
            printed, name = int(m.group(1)), name[m.start(2):]
        if printed is None and inherited:
            printed = last_printed
        last_printed = printed
        unit = _cell(row, cols.unit)
        if not unit and (m := re.search(_UNIT_IN_NAME, name)) and not re.match(_NOT_A_UNIT, m.group(1)):
            unit, name = m.group(1).strip(), name[:m.start()].strip()
        if sub:
            name = f"{name}：{''.join(ch for ch in sub if ch not in MARKS).strip()}"
        place = f"{where}第{len(rows) + 1}行（{name}）"
        cells = [name_raw, _cell(row, cols.baseline), _cell(row, cols.target), _cell(row, cols.growth)]
        parsed: list[TargetExpr] = []
        for text, column, what in ((cells[1], cols.baseline, "基期值"), (cells[2], cols.target, "目标值"),
                                   (cells[3], cols.growth, "年均增长")):
            try:
                parsed.append(parse_target(text, what))
            except TargetExpressionError as exc:
                heading = _cell(header, column) or what
                warnings.append(ParseWarning(f"{place}“{heading}”列", f"{exc}，已保留原文，未作为数值使用",
                                             text, table.id))
                parsed.append(TargetExpr(raw=text))
        baseline, target, growth = parsed
        attribute_text = "".join(ch for ch in _cell(row, cols.attribute) if ch not in MARKS)
        attribute = ATTRIBUTES.get(attribute_text)
        if attribute is None and attribute_text:
            warnings.append(ParseWarning(f"{place}“{_cell(header, cols.attribute)}”列",
                                         f"属性“{attribute_text}”不是预期性或约束性，未作判断", attribute_text, table.id))
        baseline_year = cols.baseline_year
        for mark in baseline.markers:
            baseline_year = notes.years.get(mark, baseline_year)
        rows.append((printed, Indicator(
            no=0, category=category, name=name, unit=unit, baseline_year=baseline_year,
            baseline_value=baseline.value, baseline_raw=cells[1], target_year=cols.target_year,
            target=target, growth=growth, attribute=attribute,
            notes=tuple(_note(m, notes) for m in _markers(*cells)),
            baseline_cumulative=baseline.cumulative)))
    indicators = _numbered(rows)
    _attach_loose_notes(indicators, notes)
    return TableReading(indicators, notes.conventions, warnings)


def _item_names(rows: tuple[tuple[str, ...], ...], header_at: int, name_col: int) -> dict[int, tuple[str, str, bool]]:
    """Row → (name cell, sub-name, inherited). A 指标 header merged over two columns (the cell after it empty) may
    hold an item whose name cell spans its measured sub-rows: 10.每千人口拥有医护人员数 over 执业医师数 and 注册护士数.
    Only then is the second column read as a sub-name, on the item's first row and on each row below it whose
    name cell is empty."""
    sub_col = name_col + 1 if name_col + 1 < len(rows[header_at]) and not _cell(rows[header_at], name_col + 1) \
        else None
    out: dict[int, tuple[str, str, bool]] = {}
    last = None
    for at in range(header_at + 1, len(rows)):
        name, sub = _cell(rows[at], name_col), _cell(rows[at], sub_col)
        if not name and sub and last is not None:
            head_name = out[last][0]
            out[last] = (head_name, _cell(rows[last], sub_col), False)
            out[at] = (head_name, sub, True)
        else:
            out[at] = (name, "", False)
            last = at if name else None
    return out


def _numbered(rows: list[tuple[int | None, Indicator]]) -> list[Indicator]:
    """``no`` and ``label``: the printed number when every row has its own, else the position; rows that repeat
    a printed number are its sub-rows, labelled 10.1, 10.2."""
    counts = Counter(p for p, _ in rows if p is not None)
    nos = [p if p is not None else k + 1 for k, (p, _) in enumerate(rows)]
    by_position = len(set(nos)) < len(nos)
    seen: Counter[int] = Counter()
    out: list[Indicator] = []
    for k, (printed, ind) in enumerate(rows):
        label = ""
        if printed is not None and counts[printed] > 1:
            seen[printed] += 1
            label = f"{printed}.{seen[printed]}"
        elif by_position and printed is not None:
            label = str(printed)
        out.append(replace(ind, no=k + 1 if by_position else nos[k], label=label))
    return out


def _attach_loose_notes(indicators: list[Indicator], notes: TableNotes) -> None:
    """A numbered note no cell points to, which names an indicator, becomes that indicator's note."""
    pointed = {m for ind in indicators for n in ind.notes for m in n[:1]}
    for markers in notes.loose:
        if any(m in pointed for m in markers):
            continue
        body = notes.notes.get(markers[0], "")
        for k, ind in enumerate(indicators):
            short = _short_name(ind.name)
            if len(short) >= 4 and short in body:
                indicators[k] = replace(ind, notes=(*ind.notes, f"{markers}{body}"))

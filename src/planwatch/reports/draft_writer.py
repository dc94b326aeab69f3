"""The 指标体系草案 (:class:`planwatch.core.draft_indicators.Draft`) as a table for the drafting team: .xlsx and .docx.

Both carry the same grid (:func:`grid`). Every sheet's name, its title, its page header and every row's 状态 cell say
草案, and each suggested target and attribute starts with 草案; the notes under the table state the methods and
each row states its own in 方法说明. The .xlsx keeps the trend as five year columns (numbers, so that the team can
recompute); the .docx, landscape A4 for the many columns, says the trend in one column (2030 value and how).
Spreadsheet cells pass through :func:`planwatch.exports.safe_cell` (no formula from a plan's text).
"""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

from ..core.draft_indicators import DRAFT, Draft, DraftRow
from ..core.targets import format_number
from ..exports import safe_cell

# mm per column of the .docx grid (landscape A4, 267 mm between the margins): the long texts get the room
DOCX_WIDTHS = (7, 10, 22, 9, 12, 26, 24, 11, 18, 18, 18, 10, 45, 30, 7)
FIXED = ("序号", "类别", "指标", "单位", "属性（上级/十四五）", "上级指标及目标", "本区“十四五”指标及目标")


def _n(value: float | None) -> str:
    return "—" if value is None else format_number(round(value, 2))


def header(draft: Draft, years_apart: bool) -> list[str]:
    trend = [f"{y}年趋势外推" for y in draft.years] if years_apart else \
        [f"{draft.base_year + 1}—{draft.end_year}年趋势外推"]
    return [*FIXED, f"{draft.base_year}年基数", *trend, "上级目标隐含的最低目标", f"建议目标（{DRAFT}）",
            f"建议属性（{DRAFT}）", "方法说明", "来源", "状态"]


def _row(draft: Draft, r: DraftRow, years_apart: bool) -> list[object]:
    if years_apart:
        trend: list[object] = [r.trend.get(y) if r.trend.get(y) is not None else "—" for y in draft.years]
    else:
        last = r.trend.get(draft.end_year)
        trend = [f"{draft.end_year}年{_n(last)}{r.unit}（{r.trend_text}）" if last is not None else r.trend_text]
    baseline: object = r.baseline if years_apart and r.baseline is not None else r.baseline_text
    return [r.no, r.category, r.name, r.unit, r.attribute, r.upper or "—", r.own or "—", baseline, *trend,
            r.minimum, r.suggested, f"{DRAFT}：{r.suggested_attribute}", r.method, r.source, r.status]


def grid(draft: Draft, years_apart: bool) -> list[list[object]]:
    """The header and one list of cells per row."""
    return [header(draft, years_apart), *(_row(draft, r, years_apart) for r in draft.rows)]


def write_xlsx(draft: Draft) -> bytes:
    import openpyxl
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = f"指标体系{DRAFT}"
    cells = grid(draft, years_apart=True)
    ws.append([draft.title])
    ws["A1"].font = Font(bold=True, size=14)
    ws.append([f"{DRAFT}：{draft.notes[0]}"])
    ws["A2"].font = Font(bold=True, color="C00000")
    for row in cells:
        ws.append([safe_cell(c) for c in row])
    fill = PatternFill("solid", fgColor="FFF2CC")
    for cell in ws[3]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    widths = {"A": 6, "B": 10, "C": 30, "D": 10, "E": 16, "F": 36, "G": 36}
    for column, width in widths.items():
        ws.column_dimensions[column].width = width
    names = cells[0]
    for j, name in enumerate(names, start=1):
        letter = get_column_letter(j)
        if name in ("方法说明", "来源"):
            ws.column_dimensions[letter].width = 60
        elif str(name).startswith(("上级目标", "建议目标")):
            ws.column_dimensions[letter].width = 30
        for row in ws.iter_rows(min_row=4, min_col=j, max_col=j):
            row[0].alignment = Alignment(vertical="top", wrap_text=True)
            if str(name).startswith(("建议", "状态")):
                row[0].fill = fill
    ws.freeze_panes = "D4"
    for sheet_header in (ws.oddHeader, ws.evenHeader):
        sheet_header.center.text = f"{draft.title}"
        sheet_header.right.text = DRAFT
    other = wb.create_sheet(f"不适用于区级的上级指标（{DRAFT}）")
    other.append([f"上级规划中不列入区级指标体系的指标（{DRAFT}）"])
    other.append(["上级序号", "指标", "单位", "不列入的理由", "状态"])
    for item in draft.not_applicable:
        other.append([safe_cell(c) for c in (item.no, item.name, item.unit, item.reason, DRAFT)])
    other.column_dimensions["B"].width = 30
    other.column_dimensions["D"].width = 80
    notes = wb.create_sheet(f"方法说明（{DRAFT}）")
    notes.append([f"方法说明（{DRAFT}）"])
    for text in draft.notes:
        notes.append([safe_cell(text)])
    notes.column_dimensions["A"].width = 140
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def write_docx(draft: Draft) -> bytes:
    import docx
    from docx.enum.section import WD_ORIENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm, Pt

    from .docx_writer import FANGSONG, HEI, KAI, SONG, TITLE_FONT, _font

    doc = docx.Document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    section.top_margin = section.bottom_margin = Mm(20)
    section.left_margin = section.right_margin = Mm(15)
    head = section.header.paragraphs[0]
    head.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    _font(head.add_run(f"{DRAFT} · 供起草组讨论"), HEI, 10.5)
    doc.core_properties.title = draft.title
    doc.core_properties.author = "规划实施监测评估平台"
    doc.core_properties.keywords = DRAFT

    def paragraph(text: str, font: str, size: float, align: Any = None, bold: bool = False) -> None:
        p = doc.add_paragraph()
        p.paragraph_format.space_after = Pt(4)
        if align is not None:
            p.alignment = align
        _font(p.add_run(text), font, size, bold)

    paragraph(draft.title, TITLE_FONT, 18, WD_ALIGN_PARAGRAPH.CENTER)
    paragraph(f"（{DRAFT}：{draft.notes[0]}）", KAI, 11, WD_ALIGN_PARAGRAPH.CENTER)
    cells = [[str(c) for c in row] for row in grid(draft, years_apart=False)]
    size = 7.5
    table = doc.add_table(rows=len(cells), cols=len(cells[0]))
    table.style = "Table Grid"
    table.autofit = False
    widths = [Mm(w) for w in DOCX_WIDTHS]
    for j, column in enumerate(table.columns):  # the grid's widths: LibreOffice reads these, Word the cells'
        column.width = widths[j]
    body = doc.styles["Normal"]  # the cells' font once, in the style: a font per run costs a second per draft
    _font(body, FANGSONG, size)
    for i, (values, row) in enumerate(zip(cells, table.rows, strict=True)):
        for j, cell in enumerate(row.cells):
            cell.width = widths[j]
            run = cell.paragraphs[0].add_run(values[j])
            if i == 0:
                _font(run, HEI, size)
    paragraph(f"上级规划中不列入区级指标体系的指标（{DRAFT}）", HEI, 12)
    for item in draft.not_applicable:
        paragraph(f"{item.no}. {item.name}（{item.unit}）：{item.reason}。", FANGSONG, 10.5)
    if not draft.not_applicable:
        paragraph("无。", FANGSONG, 10.5)
    paragraph(f"方法说明（{DRAFT}）", HEI, 12)
    for k, text in enumerate(draft.notes, start=1):
        paragraph(f"{k}. {text}", FANGSONG, 10.5)
    paragraph(f"本表为{DRAFT}，所有建议目标和属性须经起草组论证、按程序审定。", SONG, 10.5, WD_ALIGN_PARAGRAPH.RIGHT)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


DRAFT_WRITERS: dict[str, Callable[[Draft], bytes]] = {"xlsx": write_xlsx, "docx": write_docx}  # by extension

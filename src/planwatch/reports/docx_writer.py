"""Word .docx in the layout of official documents (党政机关公文格式 GB/T 9704-2012).

A4; margins top 37 mm, bottom 35 mm, left 28 mm, right 26 mm; title in 方正小标宋简体 二号 (22 pt), centred;
body 仿宋_GB2312 三号 (16 pt) at a fixed 28 pt line spacing, first line indented two characters; headings
一、 in 黑体, （一） in 楷体_GB2312, 1. in bold 仿宋; page numbers "— 1 —" in 宋体 四号 at the foot,
odd pages right, even pages left. Fonts are named as offices have them; Word, WPS and LibreOffice
substitute a metric-similar font where one is missing (the East Asian font slot is set explicitly).

Tables have fixed column widths fitted to their content (:func:`planwatch.reports.layout.fit_widths`: a number
never breaks across lines) and repeat their header row on every page; the title's lines are balanced by its
indents so that no line holds one character alone (the PDF is converted from this document and keeps both).
"""

from __future__ import annotations

import copy
import io
from typing import Any

from .charts import render
from .content import STATUS_COLOURS, Report, Section, Table, numbered, numbered_sections
from .layout import CELL_MARGIN, balanced_title, fit_widths, table_size, text_width

TITLE_FONT, HEI, KAI, FANGSONG, SONG = "方正小标宋简体", "黑体", "楷体_GB2312", "仿宋_GB2312", "宋体"
TEXT_WIDTH = (210 - 28 - 26) * 72 / 25.4  # pt: A4 less the left and right margins
TITLE_SIZE, TABLE_SIZE = 22.0, 10.5


_RUN_FORMATS: dict[tuple[str, float, bool], Any] = {}  # (font, size, bold) → a finished <w:rPr>, to copy


def _font(run: Any, name: str, size: float, bold: bool = False) -> None:
    """Times New Roman for Latin text, ``name`` for Chinese. A report has some 800 runs in a dozen formats: the
    first run of a format is formatted through python-docx, the others get a copy of its <w:rPr> (the same
    XML, a tenth of the time)."""
    element = run._element
    key = (name, size, bold)
    if element.rPr is None and key in _RUN_FORMATS:
        element.insert(0, copy.deepcopy(_RUN_FORMATS[key]))
        return
    from docx.oxml.ns import qn
    from docx.shared import Pt

    fresh = element.rPr is None
    run.font.name = "Times New Roman"
    run.font.size = Pt(size)
    run.font.bold = bold
    fonts = element.get_or_add_rPr().get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), name)
    if fresh:
        _RUN_FORMATS[key] = copy.deepcopy(element.rPr)


def _paragraph(doc: Any, text: str, font: str = FANGSONG, size: float = 16, bold: bool = False,
               indent: bool = True, align: Any = None) -> Any:
    from docx.shared import Pt

    p = doc.add_paragraph()
    fmt = p.paragraph_format
    fmt.line_spacing = Pt(28)
    fmt.space_before = fmt.space_after = Pt(0)
    if indent:
        fmt.first_line_indent = Pt(size * 2)
    if align is not None:
        p.alignment = align
    _font(p.add_run(text), font, size, bold)
    return p


def _shade(cell: Any, colour: str) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), colour)
    cell._tc.get_or_add_tcPr().append(shd)


def _table(doc: Any, table: Table, number: int) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt

    caption = f"表{number}" + (f" {table.caption}" if table.caption else "")
    _paragraph(doc, caption, HEI, 12, indent=False, align=WD_ALIGN_PARAGRAPH.CENTER)
    t = doc.add_table(rows=1 + len(table.rows), cols=len(table.header))
    t.style = "Table Grid"
    t.autofit = False  # fixed layout: the widths below hold in Word, WPS and LibreOffice
    margins = OxmlElement("w:tblCellMar")  # narrow cell margins, as the widths assume
    for side in ("left", "right"):
        margin = OxmlElement(f"w:{side}")
        margin.set(qn("w:w"), str(round(CELL_MARGIN * 20)))  # twentieths of a point
        margin.set(qn("w:type"), "dxa")
        margins.append(margin)
    look = t._tbl.tblPr.find(qn("w:tblLook"))  # the schema's order: tblCellMar comes before tblLook
    if look is not None:
        look.addprevious(margins)
    else:
        t._tbl.tblPr.append(margins)
    size = table_size(table.header, table.rows, TEXT_WIDTH, (TABLE_SIZE, 9.0, 7.5))  # smaller before a number breaks
    widths = [Pt(w) for w in fit_widths(table.header, table.rows, TEXT_WIDTH, size)]
    for column, width in zip(t.columns, widths, strict=True):
        column.width = width
    rows = t.rows  # each row's cells once: table.cell(i, j) rebuilds the whole grid on every call
    repeat = OxmlElement("w:tblHeader")  # the header row again at the top of every page
    rows[0]._tr.get_or_add_trPr().append(repeat)
    repeat.set(qn("w:val"), "true")
    for j, cell in enumerate(rows[0].cells):
        cell.width = widths[j]
        _font(cell.paragraphs[0].add_run(table.header[j]), HEI, size)
    for values, row in zip(table.rows, list(rows)[1:], strict=True):
        for j, cell in enumerate(row.cells):
            cell.width = widths[j]
            _font(cell.paragraphs[0].add_run(values[j]), FANGSONG, size)
            if j == table.shade_column and values[j] in STATUS_COLOURS:
                _shade(cell, STATUS_COLOURS[values[j]])


def _page_number_footer(section: Any) -> None:
    """— PAGE — centred in 宋体 四号 (a Word field, so it counts in Word, WPS and LibreOffice)."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    p = section.footer.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _font(p.add_run("— "), SONG, 14)
    run = p.add_run()
    _font(run, SONG, 14)
    for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if kind:
            field = OxmlElement("w:fldChar")
            field.set(qn("w:fldCharType"), kind)
            run._element.append(field)
        else:
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = text
            run._element.append(instr)
    _font(p.add_run(" —"), SONG, 14)


def write_docx(report: Report) -> bytes:
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Mm

    doc = docx.Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    _page_number_footer(section)
    doc.core_properties.title = report.title
    doc.core_properties.author = "规划实施监测评估平台"
    title = _paragraph(doc, report.title, TITLE_FONT, TITLE_SIZE, indent=False, align=WD_ALIGN_PARAGRAPH.CENTER)
    per_line = int(TEXT_WIDTH // TITLE_SIZE)
    line = balanced_title(report.title, per_line)
    if text_width(report.title) > per_line and line < per_line:  # narrow the title so its lines come out even: no character alone on the last line
        from docx.shared import Pt

        side = Pt(max(0.0, (TEXT_WIDTH - line * TITLE_SIZE - TITLE_SIZE / 2) / 2))
        title.paragraph_format.left_indent = title.paragraph_format.right_indent = side
    _paragraph(doc, report.subtitle, KAI, 16, indent=False, align=WD_ALIGN_PARAGRAPH.CENTER)
    _paragraph(doc, "", indent=False)
    for notice in report.notices:
        p = _paragraph(doc, "说明：" + notice, KAI, 14)
        p.paragraph_format.left_indent = Cm(0.5)
    counters = {"table": 0}

    def emit(sec: Section, n: int, heading: str | None = None) -> None:
        font, bold = {1: (HEI, False), 2: (KAI, False), 3: (FANGSONG, True), 4: (FANGSONG, False)}[sec.level]
        title = heading or numbered(sec.level, n) + sec.title
        _paragraph(doc, title, font, 16, bold=bold)  # headings keep the two-character indent of the body (公文)
        for text in sec.paragraphs:
            _paragraph(doc, text)
        for table in sec.tables:
            counters["table"] += 1
            _table(doc, table, counters["table"])
        for fig in sec.figures:
            doc.add_picture(io.BytesIO(render(fig.kind, fig.data)), width=Cm(15))
            doc.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER
            _paragraph(doc, fig.caption, KAI, 12, indent=False, align=WD_ALIGN_PARAGRAPH.CENTER)
        for i, child in enumerate(sec.children, start=1):
            emit(child, i)

    for sec, heading in numbered_sections(report.sections):
        emit(sec, 0, heading)
    _paragraph(doc, "", indent=False)
    _paragraph(doc, report.date_line, FANGSONG, 16, indent=False, align=WD_ALIGN_PARAGRAPH.RIGHT)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()

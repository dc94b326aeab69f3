"""PDF drawn directly (ReportLab), in the layout of the .docx: A4, the GB/T 9704 margins, title 22 pt, body 16 pt
at 28 pt line spacing with a two-character indent, headings 一、（一）1.（1）, page numbers "— 1 —".

Why not convert the .docx: LibreOffice takes 2–5 s per report on a shared two-core machine, lays out tables by
its own rules (numbers broke mid-digit in equal-width columns) and must be installed. Here every line is broken
by :func:`planwatch.reports.layout.break_lines` with the font's own widths, so a number is never split across
lines, table columns are fitted to their content (:func:`~planwatch.reports.layout.fit_widths`, smaller type
before a number would break) and the title's lines are balanced.

Font: the Adobe CID font STSong-Light (宋体) is named, not embedded: every PDF reader on a Chinese system has
it or a substitute (Adobe's Asian font pack, Poppler's and PDFium's built-in CJK fallbacks), and the file stays
small. LibreOffice's conversion is still available with ``PLANWATCH_PDF_ENGINE=libreoffice`` (pdf_writer.py).
"""

from __future__ import annotations

import html
import io
from typing import Any

from .charts import render
from .content import STATUS_COLOURS, Report, Section, numbered, numbered_sections
from .layout import CELL_MARGIN, balanced_title, break_lines, fit_widths, table_size

FONT = "STSong-Light"
MM = 72 / 25.4
PAGE_W, PAGE_H = 210 * MM, 297 * MM
LEFT, RIGHT, TOP, BOTTOM = 28 * MM, 26 * MM, 37 * MM, 35 * MM
TEXT_WIDTH = PAGE_W - LEFT - RIGHT - 12  # ReportLab's frame keeps 6 pt on either side
BODY, LEADING, TITLE, TABLE = 16.0, 28.0, 22.0, 10.5


def _measure() -> Any:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont

    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    return lambda text: pdfmetrics.stringWidth(text, FONT, 1.0)  # em


def _lines(text: str, size: float, width: float, indent: float = 0.0) -> str:
    """Paragraph markup with the line breaks chosen here (ReportLab's own CJK wrap splits numbers)."""
    measure = _measure()
    lines = break_lines(text, width / size, (width - indent) / size, measure)
    return "<br/>".join(html.escape(line) for line in lines)


def write_pdf_direct(report: Report) -> bytes:
    from reportlab.lib import colors
    from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Image, KeepTogether, Paragraph, SimpleDocTemplate, Spacer, TableStyle
    from reportlab.platypus import Table as Grid

    _measure()

    def style(name: str, size: float = BODY, leading: float = LEADING, align: int = TA_LEFT,
              indent: float = 0.0) -> ParagraphStyle:
        return ParagraphStyle(name, fontName=FONT, fontSize=size, leading=leading, alignment=align,
                              firstLineIndent=indent, wordWrap=None, splitLongWords=0)  # lines are ours

    body = style("body", indent=2 * BODY)
    heading = style("heading", indent=2 * BODY)
    centre = style("centre", 12, 20, TA_CENTER)
    cell = style("cell", TABLE, TABLE * 1.3)
    story: list[Any] = []

    def para(text: str, st: ParagraphStyle = body, width: float = TEXT_WIDTH) -> Any:
        return Paragraph(_lines(text, st.fontSize, width, st.firstLineIndent), st)

    per_line = int(TEXT_WIDTH // TITLE)
    title_width = min(TEXT_WIDTH, balanced_title(report.title, per_line) * TITLE + TITLE / 2)
    story.append(para(report.title, style("title", TITLE, 32, TA_CENTER), title_width))
    story.append(para(report.subtitle, style("subtitle", align=TA_CENTER)))
    story.append(Spacer(1, LEADING / 2))
    for notice in report.notices:
        box = Grid([[para("说明：" + notice, style("notice", 14, 24), TEXT_WIDTH - 12)]], colWidths=[TEXT_WIDTH])
        box.setStyle(TableStyle([("BOX", (0, 0), (-1, -1), 0.8, colors.HexColor("#e0b400")),
                                 ("BACKGROUND", (0, 0), (-1, -1), colors.HexColor("#fff8e1"))]))
        story += [box, Spacer(1, 6)]
    counter = {"table": 0}

    def table(t: Any) -> None:
        counter["table"] += 1
        caption = f"表{counter['table']}" + (f" {t.caption}" if t.caption else "")
        measure = _measure()
        size = table_size(t.header, t.rows, TEXT_WIDTH, (TABLE, 9.0, 7.5), measure)
        widths = fit_widths(t.header, t.rows, TEXT_WIDTH, size, measure)
        st = style(f"cell{size}", size, size * 1.3) if size != TABLE else cell
        inner = [w - 2 * CELL_MARGIN - 0.5 for w in widths]
        data = [[Paragraph(_lines(text, size, inner[j]), st) for j, text in enumerate(row)]
                for row in (t.header, *t.rows)]
        grid = Grid(data, colWidths=widths, repeatRows=1)
        commands: list[Any] = [
            ("GRID", (0, 0), (-1, -1), 0.5, colors.black), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("LEFTPADDING", (0, 0), (-1, -1), CELL_MARGIN), ("RIGHTPADDING", (0, 0), (-1, -1), CELL_MARGIN),
            ("TOPPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
            ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#f2f2f2"))]
        if t.shade_column is not None:
            for i, row in enumerate(t.rows, start=1):
                colour = STATUS_COLOURS.get(row[t.shade_column])
                if colour:
                    commands.append(("BACKGROUND", (t.shade_column, i), (t.shade_column, i),
                                     colors.HexColor("#" + colour)))
        grid.setStyle(TableStyle(commands))
        story.append(Paragraph(html.escape(caption), centre))
        story.append(grid)
        story.append(Spacer(1, 8))

    def emit(sec: Section, n: int, title: str | None = None) -> None:
        text = title or numbered(sec.level, n) + sec.title
        story.append(para(text, heading))
        for p in sec.paragraphs:
            story.append(para(p))
        for t in sec.tables:
            table(t)
        for fig in sec.figures:
            image = Image(io.BytesIO(render(fig.kind, fig.data)), width=150 * MM, height=75 * MM)
            story.append(KeepTogether([image, Paragraph(html.escape(fig.caption), centre)]))
        for i, child in enumerate(sec.children, start=1):
            emit(child, i)

    for sec, title in numbered_sections(report.sections):
        emit(sec, 0, title)
    story.append(Spacer(1, LEADING))
    story.append(para(report.date_line, style("date", align=TA_RIGHT)))

    def page_number(canvas: Any, doc: Any) -> None:
        canvas.saveState()
        canvas.setFont(FONT, 14)
        canvas.drawCentredString(PAGE_W / 2, BOTTOM - 14 * MM, f"— {doc.page} —")
        canvas.restoreState()

    out = io.BytesIO()
    doc = SimpleDocTemplate(out, pagesize=(PAGE_W, PAGE_H), leftMargin=LEFT, rightMargin=RIGHT, topMargin=TOP,
                            bottomMargin=BOTTOM, title=report.title, author="规划实施监测评估平台")
    doc.build(story, onFirstPage=page_number, onLaterPages=page_number)
    return out.getvalue()

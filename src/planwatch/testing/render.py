"""Typeset a plan's blocks as a real .docx, .html or .pdf, the way planning offices publish them.

Chapters and sections become headings (Word heading styles, <h1>/<h2>, centred bold lines in the
PDF), body paragraphs get the customary two-character first-line indent, 表 become ruled grid
tables (the 类别 cell spans its rows) and 专栏 become boxed one-cell tables. The PDF has a running
header and page numbers, wraps lines mid-sentence and embeds a subset of a TrueType CJK font, as
Word and WPS do (Debian's fonts-wqy-microhei; test.sh installs it).
"""

from __future__ import annotations

import html
import re
from pathlib import Path

from ..core.blocks import Block, Box, Break, Paragraph, Table

CJK_FONT_CANDIDATES = (
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
)
FALLBACK_FONT_CANDIDATES = ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",)
_CHAPTER = re.compile(r"^第[一二三四五六七八九十百\d]+[篇章]")
_SECTION = re.compile(r"^第[一二三四五六七八九十百\d]+节")
RUNNING_HEADER = "大连金普新区国民经济和社会发展第十四个五年规划纲要"


def _heading_level(text: str) -> int:
    if _CHAPTER.match(text) or text in ("附录",):
        return 1
    if _SECTION.match(text):
        return 2
    return 0


def _category_spans(rows: tuple[tuple[str, ...], ...]) -> list[int]:
    """Row span of the first column: a non-empty category cell spans the empty cells below it."""
    spans = [0] * len(rows)
    start = None
    for i, row in enumerate(rows):
        if i == 0 or row[0].strip():
            start = i
            spans[i] = 1
        elif start is not None:
            spans[start] += 1
    return spans


def render_docx(blocks: tuple[Block, ...] | list[Block], path: Path) -> None:
    import docx
    from docx.shared import Pt

    document = docx.Document()
    for block in blocks:
        if isinstance(block, Paragraph):
            level = _heading_level(block.text)
            if level:
                document.add_heading(block.text, level=level)
            else:
                p = document.add_paragraph(block.text)
                p.paragraph_format.first_line_indent = Pt(24)
        elif isinstance(block, Box):
            table = document.add_table(rows=1, cols=1)
            table.style = "Table Grid"
            cell = table.cell(0, 0)
            cell.paragraphs[0].text = block.paragraphs[0] if block.paragraphs else ""
            for text in block.paragraphs[1:]:
                cell.add_paragraph(text)
        elif isinstance(block, Table):
            rows = block.rows
            table = document.add_table(rows=len(rows), cols=len(rows[0]))
            table.style = "Table Grid"
            spans = _category_spans(rows)
            for i, row in enumerate(rows):
                for j, text in enumerate(row):
                    if j == 0 and spans[i] == 0:
                        continue
                    table.cell(i, j).text = text
            for i, span in enumerate(spans):
                if span > 1:
                    table.cell(i, 0).merge(table.cell(i + span - 1, 0))
                    table.cell(i, 0).text = rows[i][0]
    document.save(str(path))


def render_html(blocks: tuple[Block, ...] | list[Block], path: Path) -> None:
    out = ["<!DOCTYPE html>", '<html lang="zh-CN"><head><meta charset="utf-8">',
           f"<title>{RUNNING_HEADER}</title></head><body>"]
    for block in blocks:
        if isinstance(block, Paragraph):
            level = _heading_level(block.text)
            tag = f"h{level}" if level else "p"
            out.append(f"<{tag}>{html.escape(block.text)}</{tag}>")
        elif isinstance(block, Box):
            inner = "".join(f"<p>{html.escape(t)}</p>" for t in block.paragraphs)
            out.append(f'<table class="zhuanlan" border="1"><tr><td>{inner}</td></tr></table>')
        elif isinstance(block, Table):
            spans = _category_spans(block.rows)
            out.append('<table border="1">')
            for i, row in enumerate(block.rows):
                cells = []
                for j, text in enumerate(row):
                    if j == 0 and spans[i] == 0:
                        continue
                    span = f' rowspan="{spans[i]}"' if j == 0 and spans[i] > 1 else ""
                    tag = "th" if i == 0 else "td"
                    cells.append(f"<{tag}{span}>{'<br>'.join(html.escape(x) for x in text.split(chr(10)))}</{tag}>")
                out.append("<tr>" + "".join(cells) + "</tr>")
            out.append("</table>")
    out.append("</body></html>")
    path.write_text("\n".join(out), encoding="utf-8")


def render_pdf(blocks: tuple[Block, ...] | list[Block], path: Path, *, encrypt: str | None = None) -> None:
    from reportlab.lib import colors
    from reportlab.lib.enums import TA_CENTER
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.platypus import Paragraph as RLParagraph
    from reportlab.platypus import SimpleDocTemplate, Spacer, TableStyle
    from reportlab.platypus import Table as RLTable

    font = "PlanwatchCJK"
    path_ = next((p for p in CJK_FONT_CANDIDATES if Path(p).exists()), None)
    if path_ is None:
        raise RuntimeError("没有找到 TrueType 中文字体：请安装 fonts-wqy-microhei (apt-get install fonts-wqy-microhei)")
    pdfmetrics.registerFont(TTFont(font, path_, subfontIndex=0))
    # symbols the CJK font lacks, and Roman numerals (Ⅲ Ⅴ, whose codes in reportlab's 8-bit font subsets
    # PDFium does not always map back), are drawn with DejaVu Sans, as a word processor falls back
    fallback = next((p for p in FALLBACK_FONT_CANDIDATES if Path(p).exists()), None)
    covered = pdfmetrics.getFont(font).face.charToGlyph
    if fallback:
        pdfmetrics.registerFont(TTFont("PlanwatchFallback", fallback))

    def markup(text: str) -> str:
        out = []
        for ch in text:
            esc = html.escape(ch)
            out.append(f'<font name="PlanwatchFallback">{esc}</font>'
                       if fallback and ord(ch) > 127 and (ord(ch) not in covered or 0x2150 <= ord(ch) <= 0x218F)
                       else esc)
        return "".join(out)

    body = ParagraphStyle("body", fontName=font, fontSize=12, leading=20, firstLineIndent=24, wordWrap="CJK")
    plain = ParagraphStyle("plain", parent=body, firstLineIndent=0)
    cell = ParagraphStyle("cell", fontName=font, fontSize=9, leading=12, wordWrap="CJK")
    h1 = ParagraphStyle("h1", fontName=font, fontSize=16, leading=28, alignment=TA_CENTER, spaceBefore=12,
                        spaceAfter=6, wordWrap="CJK")
    h2 = ParagraphStyle("h2", parent=h1, fontSize=14, leading=24)
    width = A4[0] - 50 * mm
    story: list[object] = []
    for block in blocks:
        if isinstance(block, Paragraph):
            level = _heading_level(block.text)
            style = h1 if level == 1 else h2 if level == 2 else body
            story.append(RLParagraph(markup(block.text), style))
        elif isinstance(block, Box):
            # one row per paragraph, ruled only outside: a long 专栏 can then break across pages
            box = RLTable([[RLParagraph(markup(t), plain)] for t in block.paragraphs], colWidths=[width])
            box.setStyle(TableStyle([("BOX", (0, 0), (-1, -1), 1, colors.black),
                                     ("LEFTPADDING", (0, 0), (-1, -1), 8), ("RIGHTPADDING", (0, 0), (-1, -1), 8)]))
            story += [Spacer(1, 6), box, Spacer(1, 6)]
        elif isinstance(block, Table):
            spans = _category_spans(block.rows)
            data = [[RLParagraph(markup(t).replace("\n", "<br/>"), cell) for t in row]
                    for row in block.rows]
            n = len(block.rows[0])
            widths = [width * w for w in ([0.08, 0.07, 0.31, 0.07, 0.1, 0.12, 0.13, 0.12] if n == 8 else [1 / n] * n)]
            table = RLTable(data, colWidths=widths, repeatRows=1)
            style = [("GRID", (0, 0), (-1, -1), 0.5, colors.black), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                     ("FONT", (0, 0), (-1, -1), font, 9)]
            style += [("SPAN", (0, i), (0, i + s - 1)) for i, s in enumerate(spans) if s > 1]
            table.setStyle(TableStyle(style))
            story += [Spacer(1, 6), table, Spacer(1, 6)]
        elif isinstance(block, Break):
            continue

    def furniture(canvas: object, doc: object) -> None:
        canvas.saveState()  # type: ignore[attr-defined]
        canvas.setFont(font, 9)  # type: ignore[attr-defined]
        canvas.drawCentredString(A4[0] / 2, A4[1] - 15 * mm, RUNNING_HEADER)  # type: ignore[attr-defined]
        canvas.drawCentredString(A4[0] / 2, 12 * mm, f"- {doc.page} -")  # type: ignore[attr-defined]
        canvas.restoreState()  # type: ignore[attr-defined]

    doc = SimpleDocTemplate(str(path), pagesize=A4, leftMargin=25 * mm, rightMargin=25 * mm, topMargin=25 * mm,
                            bottomMargin=22 * mm, encrypt=encrypt, title=RUNNING_HEADER)
    doc.build(story, onFirstPage=furniture, onLaterPages=furniture)

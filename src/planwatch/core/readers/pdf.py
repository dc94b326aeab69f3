"""PDF plans, from their text layer (read with PDFium through pypdfium2: fast and BSD-licensed).

A PDF has lines, not paragraphs. This reader rebuilds paragraphs from geometry: a line that
is indented (first-line indent, centred heading) or that follows a short line starts a new
paragraph; anything else continues the sentence the previous line wrapped. Page numbers and
running headers (the same line at the top of most pages) are dropped, and the spaces PDF text
layers put between Chinese characters and digits are removed. A line set in another font size than the
line above (a heading after body text, also at the top of a page where no spacing shows) starts a new
paragraph. Quotation marks that a typesetter draws in a Latin font after the line's Chinese text
(LibreOffice does: ``“ ” 摘帽不摘…``) are put back where they stand on the line, by their position. Ruled tables become Tables and
ruled one-cell boxes (专栏) become Boxes, rebuilt from the ruling lines themselves (a box broken
across pages has no rule at the break); both are joined again when they continue on the next page.
"""

from __future__ import annotations

import itertools
import re
import statistics
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..blocks import Block, Box, Paragraph, SourceDocument, Table
from ..errors import EncryptedInputError, InputError
from ..textnorm import CJK, clean_line, squeeze_pdf_spaces
from .limits import MAX_PAGE_OBJECTS, MAX_PDF_CHARS, MAX_PDF_PAGES, MAX_PDF_SECONDS, check_pdf_streams

_PAGE_NUMBER = re.compile(r"^[-—–\s]*(\d{1,4}|第\s*\d+\s*页(\s*共\s*\d+\s*页)?|\d+\s*/\s*\d+)[-—–\s]*$")
_RULE = 3.0  # a path thinner than this (points) is a ruling line
_FORM_DEPTH = 15  # Form XObjects nested deeper than this are not looked into (as in pypdfium2)


@dataclass
class _Line:
    top: float
    x0: float
    x1: float
    size: float
    text: str
    height: float = 0.0  # the font's height (loose box of the line's first Chinese character): 0 when unknown


@dataclass
class _Item:
    top: float
    block: Block | list[_Line]  # loose lines are turned into paragraphs after headers are removed
    boxed: bool = False  # the lines of a ruled one-cell box (专栏), paragraphed after page merges
    right: float = 0.0  # a box's right rule


def _paragraphs(lines: list[_Line], boxed: bool = False, box_right: float | None = None) -> list[str]:
    """Join wrapped lines into paragraphs.

    A line starts a paragraph when it is indented (first-line indent, centred heading), when more
    space than usual separates it from the line above, or when the line above ended short of the
    right edge *and* ended a sentence (CJK line breaking can leave a full line one character short).
    """
    if not lines:
        return []
    widths = [line.size for line in lines if len(line.text) >= 10]
    size = statistics.median(widths) if widths else 12.0  # the width of one character
    left = Counter(round(line.x0) for line in lines).most_common(1)[0][0]
    ends = sorted(line.x1 for line in lines)
    right = ends[int(0.95 * (len(ends) - 1))]
    if box_right is not None:  # a full line in a box ends within its padding (about a character) of the rule
        right = max(right, box_right - size)
    steps = [b.top - a.top for a, b in itertools.pairwise(lines) if 0 < b.top - a.top < 4 * size]
    # the line pitch inside a paragraph: a low quantile, since boxes of one-line items have more gaps than lines
    pitch = sorted(steps)[len(steps) // 4] if steps else 2 * size
    paragraphs: list[str] = []
    prev: _Line | None = None
    for line in lines:
        short = prev is not None and prev.x1 < right - 1.5 * size and not _wrapped_early(prev, line, right, size)
        starts_new = (
            prev is None
            # another font size: a heading after body text, or body text after a heading
            or line.height > 0 and prev.height > 0 and abs(line.height - prev.height) > 0.12 * prev.height
            or line.x0 > left + 0.8 * size  # indented first line or centred heading
            or 0 < line.top - prev.top and line.top - prev.top > 1.25 * pitch  # paragraph spacing
            or short and prev.text[-1] in "。！？；：”）"  # the line above ended a sentence early
            or prev.x1 < right - 4 * size  # the line above was far too short to have wrapped
            or prev.x0 > left + 0.8 * size and short  # a centred heading
            # boxes have no first-line indent: across a page break, a finished sentence ends the item
            or boxed and line.top < prev.top and prev.text[-1] in "。！？"
        )
        if starts_new:
            paragraphs.append(line.text)
        else:
            paragraphs[-1] += line.text
        prev = line
    return paragraphs


# what cannot be broken at the start of a line: a number or Latin word (5.5%), or a character with the punctuation
# that may not open a line (炭、): the line above ends short by its width, and is no short line for that
_UNBREAKABLE_HEAD = re.compile(r"^(?:[0-9A-Za-z.%‰\-+/]+|.[、，。；：！？）」”’%])")


def _wrapped_early(prev: _Line, line: _Line, right: float, size: float) -> bool:
    head = _UNBREAKABLE_HEAD.match(line.text)
    return head is not None and right - prev.x1 < (len(head.group()) + 1) * size


Rect = tuple[float, float, float, float]  # left, top, right, bottom in top-down page coordinates


def _text_lines(textpage: Any, height: float) -> list[_Line]:
    """Lines as PDFium lays them out (it puts CR LF between lines), each with its extent on the page.

    Only the first and last character of a line are measured, which keeps this fast; character
    indexes map one-to-one onto the page text.
    """
    count = textpage.count_chars()
    if count <= 0:
        return []
    text = textpage.get_text_range(0, count)
    lines: list[_Line] = []
    start = 0
    for m in re.finditer(r"\r\n|\r|\n|$", text):
        segment = text[start:m.start()]
        stripped = segment.strip()
        if stripped and len(text) == count:
            first = start + len(segment) - len(segment.lstrip())
            last = start + len(segment.rstrip()) - 1
            l0, b0, r0, _t0 = textpage.get_charbox(first, loose=True)
            l1, b1, r1, _t1 = textpage.get_charbox(last, loose=True)
            chinese = _CHINESE.search(segment)  # a digit's or Latin letter's font has another height
            if chinese:
                _l, hb, _r, ht = textpage.get_charbox(start + chinese.start(), loose=True)
            if _QUOTES.search(stripped):
                stripped = _in_position_order(textpage, first, last) or stripped
            clean = squeeze_pdf_spaces(clean_line(stripped))
            if clean:
                lines.append(_Line(height - min(b0, b1), min(l0, l1), max(r0, r1),
                                   (max(r0, r1) - min(l0, l1)) / max(len(clean), 1), clean,
                                   ht - hb if chinese else 0.0))
        start = m.end()
        if m.start() == len(text):
            break
    return lines


_QUOTES = re.compile("[“”‘’]")
_CHINESE = re.compile(f"[{CJK}]")


def _in_position_order(textpage: Any, first: int, last: int) -> str | None:
    """The characters ``first``…``last`` of one line in the order they stand on it, when the text layer has them
    in another (None when it has not): a run drawn later in another font comes out of place. The spaces PDFium
    makes up for gaps (no width) are left out when the line is reordered."""
    chars = []
    for index in range(first, last + 1):
        left, _bottom, right, _top = textpage.get_charbox(index)
        chars.append((left, right, index))
    if all(a[0] <= b[0] + 0.5 for a, b in itertools.pairwise(c for c in chars if c[1] > c[0])):
        return None
    text = textpage.get_text_range(first, last - first + 1)
    return "".join(text[i - first] for left, right, i in sorted(c for c in chars if c[1] > c[0]))


def _rulings(page: Any, height: float) -> tuple[list[tuple[float, float, float]], list[tuple[float, float, float]]]:
    """Horizontal (y, x0, x1) and vertical (x, top, bottom) ruling lines; rectangles give their four edges.

    The page's objects (and those of its Form XObjects, 15 levels deep as ``PdfPage.get_objects`` goes) are walked
    through the raw PDFium calls: a page holds hundreds of text objects for each path, and wrapping every one of
    them in a helper object took two thirds of the time to read a PDF."""
    import ctypes

    import pypdfium2.raw as pdfium_c
    from pypdfium2 import PdfiumError

    get_type, get_bounds = pdfium_c.FPDFPageObj_GetType, pdfium_c.FPDFPageObj_GetBounds
    path_type, form_type, unknown = pdfium_c.FPDF_PAGEOBJ_PATH, pdfium_c.FPDF_PAGEOBJ_FORM, pdfium_c.FPDF_PAGEOBJ_UNKNOWN
    l, b, r, t = ctypes.c_float(), ctypes.c_float(), ctypes.c_float(), ctypes.c_float()
    bounds = (ctypes.byref(l), ctypes.byref(b), ctypes.byref(r), ctypes.byref(t))
    horizontal: list[tuple[float, float, float]] = []
    vertical: list[tuple[float, float, float]] = []

    def walk(parent: Any, count: Any, get: Any, level: int) -> None:
        n = count(parent)
        if n < 0:
            raise PdfiumError("Failed to get number of pageobjects.")
        for i in range(n):
            obj = get(parent, i)
            if not obj:
                raise PdfiumError("Failed to get pageobject.")
            kind = get_type(obj)
            if kind == unknown:
                raise PdfiumError("Failed to determine pageobject type.")
            if kind == path_type:
                if not get_bounds(obj, *bounds):
                    raise PdfiumError("Failed to locate pageobject.")
                left, right = l.value, r.value
                top, bottom = height - t.value, height - b.value
                if right - left < _RULE and bottom - top > _RULE:
                    vertical.append(((left + right) / 2, top, bottom))
                elif bottom - top < _RULE and right - left > _RULE:
                    horizontal.append(((top + bottom) / 2, left, right))
                elif right - left >= _RULE and bottom - top >= _RULE:
                    horizontal.extend([(top, left, right), (bottom, left, right)])
                    vertical.extend([(left, top, bottom), (right, top, bottom)])
            elif kind == form_type and level < _FORM_DEPTH - 1:
                walk(obj, pdfium_c.FPDFFormObj_CountObjects, pdfium_c.FPDFFormObj_GetObject, level + 1)

    walk(page.raw, pdfium_c.FPDFPage_CountObjects, pdfium_c.FPDFPage_GetObject, 0)
    return horizontal, vertical


def _cluster(values: list[float]) -> list[float]:
    out: list[float] = []
    for v in sorted(values):
        if not out or v - out[-1] > 2:
            out.append(v)
    return out


def _grids(horizontal: list[tuple[float, float, float]], vertical: list[tuple[float, float, float]]) -> list[Rect]:
    """Bounding boxes of ruled regions: vertical rules that overlap in height belong to one region."""
    regions: list[list[float]] = []
    for x, t, b in sorted(vertical, key=lambda v: v[1]):
        for r in regions:
            if t <= r[3] + 2 and b >= r[1] - 2:
                r[0], r[1], r[2], r[3] = min(r[0], x), min(r[1], t), max(r[2], x), max(r[3], b)
                break
        else:
            regions.append([x, t, x, b])
    return [(r[0], r[1], r[2], r[3]) for r in regions if r[2] - r[0] > 20]


def _covered(segments: list[tuple[float, float, float]], at: float, lo: float, hi: float) -> bool:
    mid = (lo + hi) / 2
    return any(abs(pos - at) < 2 and a - 1 <= mid <= b + 1 for pos, a, b in segments)


def _table(textpage: Any, height: float, bbox: Rect, horizontal: list[tuple[float, float, float]],
           vertical: list[tuple[float, float, float]]) -> list[list[str]]:
    """Cell texts of one ruled region; a cell spanning rows (类别) keeps its text in its first row only."""
    left, top, right, bottom = bbox
    ys = _cluster([top, bottom] + [y for y, a, b in horizontal if top - 2 <= y <= bottom + 2 and a < right and b > left])
    xs = _cluster([left, right] + [x for x, a, b in vertical if left - 2 <= x <= right + 2 and a < bottom and b > top])
    rows: list[list[str]] = []
    for r in range(len(ys) - 1):
        row = []
        for c in range(len(xs) - 1):
            if r > 0 and not _covered(horizontal, ys[r], xs[c], xs[c + 1]):
                row.append("")  # continues the cell above: its text was read with the span
                continue
            end = r + 1
            while end < len(ys) - 1 and not _covered(horizontal, ys[end], xs[c], xs[c + 1]):
                end += 1
            text = textpage.get_text_bounded(xs[c], height - ys[end], xs[c + 1], height - ys[r])
            row.append(squeeze_pdf_spaces(clean_line(re.sub(r"[\r\n]+", "", text))))
        rows.append(row)
    return rows


def _open(path: Path) -> Any:
    import pypdfium2 as pdfium

    data = path.read_bytes()
    check_pdf_streams(path, data)  # before PDFium inflates anything
    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise EncryptedInputError(f"{path.name}: PDF 已加密，请先解除密码") from exc
        raise InputError(f"{path.name}: PDF 文件已损坏，无法读取") from exc


def read_pdf(path: Path) -> SourceDocument:
    import pypdfium2.raw as pdfium_c

    pdf = _open(path)
    pages: list[list[_Item]] = []
    total_chars = 0
    deadline = time.monotonic() + MAX_PDF_SECONDS
    try:
        if len(pdf) > MAX_PDF_PAGES:
            raise InputError(f"{path.name}: PDF 有 {len(pdf)} 页，超过 {MAX_PDF_PAGES} 页的上限，已拒绝")
        for index in range(len(pdf)):
            if time.monotonic() > deadline:
                raise InputError(f"{path.name}: PDF 内容过于复杂，读取超过 {MAX_PDF_SECONDS:.0f} 秒，已停止（读到第 {index} 页）")
            page = pdf[index]
            objects = pdfium_c.FPDFPage_CountObjects(page.raw)
            if objects > MAX_PAGE_OBJECTS:
                raise InputError(f"{path.name}: PDF 第 {index + 1} 页有 {objects} 个对象，超过 {MAX_PAGE_OBJECTS} 个的上限"
                                 "（疑似恶意文件），已拒绝")
            height = page.get_height()
            textpage = page.get_textpage()
            total_chars += textpage.count_chars()
            if total_chars > MAX_PDF_CHARS:
                raise InputError(f"{path.name}: PDF 文字超过 {MAX_PDF_CHARS} 个字符的上限，已拒绝")
            lines = _text_lines(textpage, height)
            horizontal, vertical = _rulings(page, height)
            items: list[_Item] = []
            for bbox in _grids(horizontal, vertical):
                x0, top, x1, bottom = bbox
                inside: list[_Line] = []  # one pass: `ln not in inside` compared every pair of lines field by field
                outside: list[_Line] = []
                for ln in lines:
                    (inside if x0 <= (ln.x0 + ln.x1) / 2 <= x1 and top <= ln.top <= bottom else outside).append(ln)
                lines = outside
                rows = _table(textpage, height, bbox, horizontal, vertical)
                if len(rows) <= 1 and all(len(r) == 1 for r in rows):
                    items.append(_Item(top, inside, boxed=True, right=x1))
                else:
                    items.append(_Item(top, Table(tuple(tuple(r) for r in rows))))
            items.extend(_Item(line.top, [line]) for line in lines)
            items.sort(key=lambda it: it.top)
            pages.append(items)
    except InputError:
        raise
    except Exception as exc:  # PDFium reports malformed content in several ways
        raise InputError(f"{path.name}: PDF 内容无法解析：{type(exc).__name__}") from exc
    finally:
        pdf.close()
    if total_chars == 0:
        raise InputError(f"{path.name}: PDF 没有文字层（扫描图像型 PDF），请先进行文字识别 (OCR)")
    return SourceDocument(tuple(_assemble(pages)), "pdf", None)


_ITEM_NUMBER = re.compile(r"^\d+(?:\.\d+)?[.．、]")


def _rest_of_row(above: tuple[str, ...], row: tuple[str, ...]) -> bool:
    """True when ``row``, first on a page, is the rest of the row ``above`` that the page broke: its filled cells
    are some of that row's, fewer of them, and it opens no numbered item of its own (``9.劳动年龄`` / ``人口平均
    受教育年限（年）``)."""
    filled = {i for i, cell in enumerate(row) if cell}
    full = {i for i, cell in enumerate(above) if cell}
    return bool(filled) and filled < full and not any(_ITEM_NUMBER.match(row[i]) for i in filled)


def _assemble(pages: list[list[_Item]]) -> list[Block]:
    """Drop page furniture, then join lines into paragraphs across page breaks and merge split tables."""
    firsts = Counter(p[0].block[0].text for p in pages
                     if p and isinstance(p[0].block, list) and not p[0].boxed)
    running = {text for text, n in firsts.items() if n >= max(2, len(pages) // 2)}
    loose: list[_Line] = []
    box: list[_Line] = []
    box_right = [0.0]
    blocks: list[Block] = []

    def flush_loose() -> None:
        blocks.extend(Paragraph(text) for text in _paragraphs(loose))
        loose.clear()

    def flush_box() -> None:
        if box:
            blocks.append(Box(tuple(_paragraphs(box, boxed=True, box_right=box_right[0]))))
            box.clear()

    for items in pages:
        page_top = True  # nothing but page furniture seen yet on this page
        for item in items:
            if item.boxed:
                assert isinstance(item.block, list)
                flush_loose()
                if not page_top:  # only a box that opens a page continues the previous one
                    flush_box()
                box.extend(item.block)
                box_right[0] = item.right
                page_top = False
                continue
            if isinstance(item.block, list):
                line = item.block[0]
                if _PAGE_NUMBER.match(line.text) or line.text in running:
                    continue
                page_top = False
                flush_box()
                loose.append(line)
                continue
            page_top = False
            flush_loose()
            flush_box()
            last = blocks[-1] if blocks else None
            if isinstance(item.block, Table) and isinstance(last, Table) and \
                    len(item.block.rows[0]) == len(last.rows[0]):
                rows = item.block.rows
                if rows[0] == last.rows[0]:  # repeated header row on the continuation page
                    rows = rows[1:]
                head = last.rows
                if rows and _rest_of_row(head[-1], rows[0]):  # a row broken across the page: one row again
                    head = (*head[:-1], tuple(a + b for a, b in zip(head[-1], rows[0], strict=True)))
                    rows = rows[1:]
                blocks[-1] = Table(head + rows)
            else:
                blocks.append(item.block)
    flush_loose()
    flush_box()
    return blocks

"""Bounds on the work a file may demand of a reader: one home for every limit, each far above any real plan.

A few KB can declare billions of cells or inflate to gigabytes, so readers count what they are about to do
and stop with one line naming the bound instead of running out of memory or time:

- **inflated bytes** (:data:`MAX_UNCOMPRESSED`): the members of a .docx/.xlsx zip, and the streams of a PDF
  (each filter chain followed, FlateDecode inside FlateDecode too), are counted before the file is parsed;
  a file that would inflate beyond the bound — or, past 10 MB, more than :data:`MAX_RATIO` times — is a
  suspected compression bomb. Image streams are not decoded to read text; they count against the larger
  :data:`MAX_IMAGE_UNCOMPRESSED`.
- **spreadsheet cells** (:data:`MAX_SHEET_CELLS`): the sheet's declared ``<dimension>`` (which may claim
  A1:XFD1048576) is ignored and only the rows present are read, each as wide as its last cell; beyond
  Excel's own 1,048,576 rows, or more cells than the bound, the sheet is refused.
- **Word tables**: a row may span at most :data:`MAX_GRID_COLUMNS` grid columns (Word itself allows 63) and
  a document hold at most :data:`MAX_TABLE_CELLS` cells; vertically merged cells are read row by row, never
  by recursion, so 3,000 merged rows cost as little as 3,000 plain ones.
- **PDF**: one content stream inflates to at most :data:`MAX_PDF_STREAM`, a page holds at most
  :data:`MAX_PAGE_OBJECTS` objects; at most :data:`MAX_PDF_PAGES` pages, :data:`MAX_PDF_CHARS` characters of
  text and :data:`MAX_PDF_SECONDS` seconds of reading.
"""

from __future__ import annotations

import itertools
import re
import zipfile
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from ..errors import InputError

MAX_UNCOMPRESSED = 200 * 1024 * 1024  # a 纲要 .docx inflates to a few MB, its PDF's fonts and pages to tens
MAX_IMAGE_UNCOMPRESSED = 1024 * 1024 * 1024
MAX_RATIO = 200
MAX_SHEET_ROWS = 1_048_576  # Excel's own limit
MAX_SHEET_CELLS = 1_000_000  # an indicator table or an assignment sheet has a few thousand
MAX_GRID_COLUMNS = 1_000
MAX_TABLE_CELLS = 200_000  # the Jinpu plan's tables have about 300
MAX_PDF_STREAM = 16 * 1024 * 1024  # one page's content, inflated: a page of text is tens of KB, a vector chart 1–2 MB
MAX_PAGE_OBJECTS = 100_000  # text runs, paths and images on one page: a real page has hundreds
MAX_PDF_PAGES = 2_000
MAX_PDF_CHARS = 10_000_000  # the Jinpu plan has about 60,000
MAX_PDF_SECONDS = 120.0


def refuse_inflated(name: str, size: str) -> None:
    """The one refusal for every compression bomb; ``size`` says how large it would inflate."""
    raise InputError(f"{name}: 解压后大小{size}异常（疑似压缩炸弹），已拒绝")


def check_zip_bomb(path: Path, kind: str) -> None:
    """Refuse zip archives whose contents inflate to an implausible size (zip bombs)."""
    try:
        with zipfile.ZipFile(path) as zf:
            total = sum(info.file_size for info in zf.infolist())
            packed = sum(info.compress_size for info in zf.infolist()) or 1
    except zipfile.BadZipFile as exc:
        raise InputError(f"{path.name}: 压缩包已损坏，不是有效的 {kind} 文件") from exc
    if total > MAX_UNCOMPRESSED or (total > 10 * 1024 * 1024 and total / packed > MAX_RATIO):
        refuse_inflated(path.name, f" {total / 1048576:.0f} MB ")


# PDF streams: the bytes between "stream" and "endstream"; the object's dictionary sits just before
# the word first, then the look back: a pattern that opens with a look-behind is tried at every byte of the file
_STREAM = re.compile(rb"stream(?<!endstream)\r?\n")  # (?<!end)stream, found by the literal's fast search
_IMAGE = re.compile(rb"/Subtype\s*/Image")
_FONT_OR_FILE = re.compile(rb"/Length[123]\b|/Subtype\s*/(?:Type1C|CIDFontType0C|OpenType)|/Type\s*/EmbeddedFile")
_MAX_FILTERS = 4  # /Filter [/FlateDecode /FlateDecode …]: deeper chains are not followed
_PIECE = 1 << 20


class _TooBig(Exception):
    def __init__(self, limit: int) -> None:
        super().__init__(limit)
        self.limit = limit


def _looks_deflated(data: bytes) -> bool:
    """A zlib header (what FlateDecode streams start with)."""
    return len(data) >= 2 and data[0] & 0x0F == 8 and (data[0] << 8 | data[1]) % 31 == 0


def _inflate(pieces: Iterable[bytes]) -> Iterator[bytes]:
    """Inflate a stream piece by piece, at most 1 MB of output at a time; a corrupt tail just ends it."""
    inflater = zlib.decompressobj()
    try:
        for piece in pieces:
            while piece and not inflater.eof:
                out = inflater.decompress(piece, _PIECE)
                piece = inflater.unconsumed_tail
                if out:
                    yield out
            if inflater.eof:
                return
    except zlib.error:
        return


def _counted(pieces: Iterator[bytes], counter: list[int], limit: int) -> Iterator[bytes]:
    for piece in pieces:
        counter[0] += len(piece)
        if counter[0] > limit:
            raise _TooBig(limit)
        yield piece


def _inflate_chain(raw: bytes, counter: list[int], limit: int) -> None:
    """Follow FlateDecode (and FlateDecode of FlateDecode…) through one stream, counting every byte produced."""
    pieces: Iterator[bytes] = iter(())
    head = raw
    for _ in range(_MAX_FILTERS):
        if not _looks_deflated(head):
            break
        pieces = _counted(_inflate(itertools.chain((head,), pieces)), counter, limit)
        head = next(pieces, b"")
    for _ in pieces:
        pass


def check_pdf_streams(path: Path, data: bytes) -> None:
    """Refuse a PDF whose streams would inflate beyond the bounds, before PDFium decodes any of them.

    A page's content is parsed into objects (about 350 bytes of memory for each 13-byte ``0 0 1 1 re S``), so one
    content stream may inflate to :data:`MAX_PDF_STREAM`; font programs and embedded files count only towards
    the total, images towards their own bound (they are not decoded to read text)."""
    total = [0]
    images = [0]
    try:
        for m in _STREAM.finditer(data):
            end = data.find(b"endstream", m.end())
            raw = data[m.end():end if end >= 0 else len(data)]
            header = data[max(0, data.rfind(b"obj", max(0, m.start() - 65536), m.start())):m.start()]
            if _IMAGE.search(header):
                _inflate_chain(raw, images, MAX_IMAGE_UNCOMPRESSED)
                continue
            one = [0]
            try:
                _inflate_chain(raw, one, MAX_UNCOMPRESSED if _FONT_OR_FILE.search(header) else MAX_PDF_STREAM)
            finally:
                total[0] += one[0]
            if total[0] > MAX_UNCOMPRESSED:
                raise _TooBig(MAX_UNCOMPRESSED)
    except _TooBig as exc:
        refuse_inflated(path.name, f"超过 {exc.limit / 1048576:.0f} MB，")


def sheet_rows(ws: Any, name: str) -> Iterator[tuple[int, tuple[object, ...]]]:
    """(row number, values) for each row of a read-only openpyxl worksheet that holds cells, each row as wide as
    its last cell.

    The declared dimension is ignored (a few bytes can claim every cell of the sheet), and the rows a file
    leaves out cost nothing; a sheet beyond Excel's row limit or with more than :data:`MAX_SHEET_CELLS`
    cells is refused.
    """
    ws.reset_dimensions()
    cells = 0
    for number, row in enumerate(ws.iter_rows(values_only=True), start=1):
        if number > MAX_SHEET_ROWS:
            raise InputError(f"{name}: 工作表超过 {MAX_SHEET_ROWS} 行（Excel 的上限），不是有效的表格，已拒绝")
        if not row:  # a row the file leaves out (openpyxl fills the gaps)
            continue
        cells += len(row)
        if cells > MAX_SHEET_CELLS:
            raise InputError(f"{name}: 工作表超过 {MAX_SHEET_CELLS} 个单元格，超出上限"
                             f"（指标表和分工表只有几千个），已拒绝")
        yield number, row

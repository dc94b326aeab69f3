"""Word .docx plans: paragraphs and tables in body order.

A grid table (表1-1) becomes a Table; a boxed one-cell table (专栏) becomes a Box. Vertically
merged cells (a 类别 cell spanning several rows) come back from python-docx once per row or as
empty continuation cells; the indicator-table parser treats both alike.
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from xml.etree.ElementTree import ParseError

from ..blocks import Block, Paragraph, SourceDocument, box_or_table
from ..errors import EncryptedInputError, InputError
from ..textnorm import clean_line

# A .docx is a zip: refuse archives that would inflate far beyond any real document.
MAX_UNCOMPRESSED = 200 * 1024 * 1024
MAX_RATIO = 200


def check_zip_bomb(path: Path, kind: str) -> None:
    """Refuse zip archives whose contents inflate to an implausible size (zip bombs)."""
    try:
        with zipfile.ZipFile(path) as zf:
            total = sum(info.file_size for info in zf.infolist())
            packed = sum(info.compress_size for info in zf.infolist()) or 1
    except zipfile.BadZipFile as exc:
        raise InputError(f"{path.name}: 压缩包已损坏，不是有效的 {kind} 文件") from exc
    if total > MAX_UNCOMPRESSED or (total > 10 * 1024 * 1024 and total / packed > MAX_RATIO):
        raise InputError(f"{path.name}: 解压后大小 {total / 1048576:.0f} MB 异常（疑似压缩炸弹），已拒绝")


def read_docx(path: Path) -> SourceDocument:
    check_zip_bomb(path, "Word")
    try:
        import docx
        from docx.opc.exceptions import PackageNotFoundError

        document = docx.Document(str(path))
    except (PackageNotFoundError, KeyError, ParseError, ValueError) as exc:
        raise InputError(f"{path.name}: 不是有效的 Word (.docx) 文件：{type(exc).__name__}") from exc
    except Exception as exc:  # lxml raises its own XMLSyntaxError on corrupt parts
        if "encrypt" in str(exc).lower():
            raise EncryptedInputError(f"{path.name}: Word 文件已加密，请先解除密码") from exc
        raise InputError(f"{path.name}: Word 文件已损坏，无法读取：{type(exc).__name__}") from exc

    from docx.table import Table as DocxTable
    from docx.text.paragraph import Paragraph as DocxParagraph

    blocks: list[Block] = []
    for item in document.iter_inner_content():
        if isinstance(item, DocxParagraph):
            text = clean_line(item.text)
            if text:
                blocks.append(Paragraph(text))
        elif isinstance(item, DocxTable):
            rows = []
            # cell elements are kept in lists (not id()s) so that lxml proxies stay alive and comparable
            above: list[object] = []
            for row in item.rows:
                cells: list[str] = []
                seen: list[object] = []
                for cell in row.cells:
                    # a horizontally merged cell is returned once per grid column: keep it once
                    if any(cell._tc is tc for tc in seen):
                        continue
                    seen.append(cell._tc)
                    if any(cell._tc is tc for tc in above):  # a vertically merged cell continues
                        cells.append("")
                        continue
                    lines = [clean_line(p.text) for p in cell.paragraphs]
                    cells.append("\n".join(line for line in lines if line))
                rows.append(cells)
                above = seen
            if rows:
                blocks.append(box_or_table(rows))
    return SourceDocument(tuple(blocks), "docx", None)

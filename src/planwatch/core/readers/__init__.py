"""Readers turn a file into a :class:`~planwatch.core.blocks.SourceDocument`.

The format is sniffed from the content (the extension only separates CSV from plain text),
and every failure is an :class:`~planwatch.core.errors.InputError` with a one-line message.
"""

from __future__ import annotations

import os
from pathlib import Path

from ..blocks import SourceDocument
from ..errors import InputError

DEFAULT_MAX_BYTES = 50 * 1024 * 1024  # a 纲要 is a few MB even with images; 50 MB leaves room
FORMATS = ("txt", "docx", "pdf", "html", "csv", "xlsx")


def sniff_format(path: Path, head: bytes) -> str:
    """The file's real format, judged by its first bytes (and the zip directory for Office files)."""
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        import zipfile  # imported for Office files only: plain text starts faster

        try:
            with zipfile.ZipFile(path) as zf:
                names = set(zf.namelist())
        except zipfile.BadZipFile as exc:
            raise InputError(f"{path.name}: 压缩包已损坏，不是有效的 Word/Excel 文件") from exc
        if "word/document.xml" in names:
            return "docx"
        if "xl/workbook.xml" in names:
            return "xlsx"
        raise InputError(f"{path.name}: 是 zip 压缩包，但不是 Word (.docx) 或 Excel (.xlsx) 文件")
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise InputError(f"{path.name}: 是旧版 Office 二进制格式 (.doc/.xls)，请另存为 .docx 或 .xlsx")
    lowered = head[:2048].lower()
    if b"<html" in lowered or b"<!doctype html" in lowered:
        return "html"
    if path.suffix.lower() == ".csv":
        return "csv"
    if path.suffix.lower() in (".docx", ".xlsx", ".pdf"):
        raise InputError(f"{path.name}: 扩展名是 {path.suffix}，但内容不是该格式的文件")
    return "txt"


def read_document(path: str | os.PathLike[str], max_bytes: int = DEFAULT_MAX_BYTES) -> SourceDocument:
    """Read any supported file into blocks, refusing empty, oversized and unreadable files."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if path.is_dir():
            raise InputError(f"{path}: 是目录，不是文件")
        with path.open("rb") as fh:
            head = fh.read(4096)
    except FileNotFoundError as exc:
        raise InputError(f"{path}: 文件不存在") from exc
    except PermissionError as exc:
        raise InputError(f"{path}: 没有读取权限") from exc
    if size == 0:
        raise InputError(f"{path.name}: 文件为空")
    if size > max_bytes:
        raise InputError(f"{path.name}: 文件大小 {size / 1048576:.1f} MB 超过上限 {max_bytes / 1048576:.0f} MB")
    fmt = sniff_format(path, head)
    if fmt == "txt":
        from .txt import read_txt
        return read_txt(path)
    if fmt == "docx":
        from .docx import read_docx
        return read_docx(path)
    if fmt == "pdf":
        from .pdf import read_pdf
        return read_pdf(path)
    if fmt == "html":
        from .html import read_html
        return read_html(path)
    from .sheet import read_sheet
    return read_sheet(path, fmt)

"""Evidence attachments (佐证材料): which files are accepted, judged by their content, not their name.

Accepted: PDF, Word (.docx), Excel (.xlsx), JPEG and PNG. The type is sniffed from the first bytes (and, for
.docx/.xlsx, from the zip directory, with the zip-bomb check the plan readers use); the file's extension must
agree with what the content is. Every refusal is an :class:`~planwatch.core.errors.InputError` whose message
names the file as the person called it.

>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> (folder / "a").write_bytes(b"%PDF-1.4 ...")
12
>>> attachment_kind(folder / "a", "进展报告.pdf", max_bytes=1024)
'pdf'
>>> (folder / "b").write_bytes(b"MZ\\x90\\x00 not a pdf")
14
>>> attachment_kind(folder / "b", "报告.pdf", max_bytes=1024)
Traceback (most recent call last):
...
planwatch.core.errors.InputError: 报告.pdf: 文件类型不允许：只接受 PDF、Word (.docx)、Excel (.xlsx)、JPEG、PNG 文件
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath, PureWindowsPath

from .errors import InputError
from .readers import sniff_format
from .readers.docx import check_zip_bomb

KINDS: dict[str, tuple[tuple[str, ...], str]] = {  # kind → (accepted extensions, media type)
    "pdf": ((".pdf",), "application/pdf"),
    "docx": ((".docx",), "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    "xlsx": ((".xlsx",), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    "jpeg": ((".jpg", ".jpeg"), "image/jpeg"),
    "png": ((".png",), "image/png"),
}
ALLOWED = "PDF、Word (.docx)、Excel (.xlsx)、JPEG、PNG"
MAX_NAME = 200


def display_name(name: str) -> str:
    """The name to show: the last part of whatever path the browser sent, without control characters.

    >>> display_name("C:\\\\Users\\\\me\\\\报告\\t(终稿).pdf")
    '报告(终稿).pdf'
    """
    base = PureWindowsPath(PurePosixPath(name).name).name
    clean = "".join(ch for ch in base if ch.isprintable()).strip().lstrip(".")
    if len(clean) > MAX_NAME:
        suffix = Path(clean).suffix[:10]
        clean = clean[: MAX_NAME - len(suffix)] + suffix
    return clean or "未命名"


def _sniff(path: Path, head: bytes, name: str) -> str | None:
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        try:
            kind = sniff_format(path, head)  # word/document.xml → docx, xl/workbook.xml → xlsx
            check_zip_bomb(path, {"docx": "Word", "xlsx": "Excel"}.get(kind, "Office"))
        except InputError as exc:
            raise InputError(str(exc).replace(path.name, name, 1)) from exc
        return kind
    return None


def attachment_kind(path: Path, name: str, max_bytes: int) -> str:
    """The kind of an uploaded file (``pdf``, ``docx``, ``xlsx``, ``jpeg`` or ``png``), or InputError."""
    shown = display_name(name)
    size = path.stat().st_size
    if size == 0:
        raise InputError(f"{shown}: 文件为空")
    if size > max_bytes:
        raise InputError(f"{shown}: 文件大小 {size / 1048576:.1f} MB 超过上限 {max_bytes / 1048576:.0f} MB")
    with path.open("rb") as fh:
        head = fh.read(16)
    kind = _sniff(path, head, shown)
    if kind not in KINDS:
        raise InputError(f"{shown}: 文件类型不允许：只接受 {ALLOWED} 文件")
    extensions = KINDS[kind][0]
    suffix = Path(shown).suffix.lower()
    if suffix not in extensions:
        raise InputError(f"{shown}: 内容是 {kind.upper()} 文件，扩展名应为 {' 或 '.join(extensions)}")
    return kind


def media_type(kind: str) -> str:
    return KINDS[kind][1]


def extension(kind: str) -> str:
    return KINDS[kind][0][0]

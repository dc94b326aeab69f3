"""Detect the encoding of Chinese text files: UTF-8 (with or without BOM), UTF-16, GB18030/GBK, Big5.

Chinese government files are overwhelmingly UTF-8 or GB18030 (a superset of GBK and GB2312).
Strict decoding is tried in that order because it is exact where a statistical guess is not;
charset-normalizer decides only the rare remainder (Big5, say).
"""

from __future__ import annotations

import codecs

from ..errors import InputError
from ..textnorm import is_mostly_text


def decode_text(data: bytes, name: str) -> tuple[str, str]:
    """Return (text, encoding name) or raise InputError for binary junk."""
    if data.startswith(codecs.BOM_UTF8):
        candidates = ["utf-8-sig"]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        candidates = ["utf-16"]
    else:
        candidates = ["utf-8", "gb18030"]
    for enc in candidates:
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        if is_mostly_text(text[:20000]):
            return text, {"utf-8-sig": "utf-8-sig", "utf-16": "utf-16"}.get(enc, enc)
    if b"\x00" not in data[:4096]:
        from charset_normalizer import from_bytes

        best = from_bytes(data[:200000]).best()
        if best is not None:
            try:
                text = data.decode(best.encoding)
            except (UnicodeDecodeError, LookupError):
                text = ""
            if is_mostly_text(text[:20000]):
                return text, best.encoding
    raise InputError(f"{name}: 不是可识别的文本文件（编码无法识别或内容为二进制数据）")

"""Text normalisation shared by every reader, so that .txt, .docx, .pdf and .html agree."""

from __future__ import annotations

import re
import unicodedata

# Full-width digits, Latin letters and the ASCII-like punctuation that appears inside numbers.
_FULLWIDTH = str.maketrans({chr(0xFF10 + i): str(i) for i in range(10)} | {"．": ".", "－": "-", "−": "-"})

CJK = r"\u3400-\u9fff\uf900-\ufaff"
_SPACE_BETWEEN_CJK_AND_ASCII = re.compile(rf"(?<=[{CJK}“”（）、，。：；])[ \u3000]+(?=[0-9A-Za-z\[\-+.%])|"
                                          rf"(?<=[0-9A-Za-z%\]\)])[ \u3000]+(?=[{CJK}“”（）、，。：；])")
_SPACE_BETWEEN_CJK = re.compile(rf"(?<=[{CJK}，。、；：“”（）])[ \u3000]+(?=[{CJK}，。、；：“”（）])")
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"


def clean_line(text: str) -> str:
    """Strip a line and normalise invisible characters (BOM, NBSP, zero-width) and CR."""
    text = text.replace("\ufeff", "").replace("\u200b", "").replace("\xa0", " ").replace("\r", "")
    return text.strip(" \t\u3000")


def number_text(text: str) -> str:
    """Map full-width digits and minus signs to ASCII, as needed before reading a number."""
    return text.translate(_FULLWIDTH)


_SPACE_BEFORE_PERCENT = re.compile(r"(?<=\d)[ \u3000]+(?=[%‰％])")


def squeeze_pdf_spaces(text: str) -> str:
    """Remove the spaces PDF text layers put between Chinese and digits or between Chinese characters."""
    text = _SPACE_BETWEEN_CJK.sub("", text)
    text = _SPACE_BEFORE_PERCENT.sub("", text)
    return _SPACE_BETWEEN_CJK_AND_ASCII.sub("", text)


def is_mostly_text(sample: str) -> bool:
    """True when a decoded sample looks like human text rather than binary junk."""
    if not sample:
        return False
    bad = sum(1 for ch in sample if unicodedata.category(ch) in ("Cc", "Co", "Cn", "Cs") and ch not in "\t\n\r\f")
    return bad / len(sample) < 0.01

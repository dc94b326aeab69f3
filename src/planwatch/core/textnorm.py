"""Text normalisation shared by every reader, so that .txt, .docx, .pdf and .html agree."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from functools import cache

# Full-width digits, Latin letters and the ASCII-like punctuation that appears inside numbers.
_FULLWIDTH = str.maketrans({chr(0xFF10 + i): str(i) for i in range(10)} | {"．": ".", "－": "-", "−": "-"})
# one scan in C for any of them (a frozenset's isdisjoint made a string object of every character it looked at)
_FULLWIDTH_ANY = re.compile(f"[{re.escape(''.join(sorted(map(chr, _FULLWIDTH))))}]")

CJK = r"\u3400-\u9fff\uf900-\ufaff"
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"


def clean_line(text: str) -> str:
    """Strip a line and normalise invisible characters (BOM, NBSP, zero-width) and CR."""
    text = text.replace("\ufeff", "").replace("\u200b", "").replace("\xa0", " ").replace("\r", "")
    return text.strip(" \t\u3000")


def number_text(text: str) -> str:
    """Map full-width digits and minus signs to ASCII, as needed before reading a number."""
    # translate() looks every character up in the table: ten times slower than finding there is none to map
    return text if _FULLWIDTH_ANY.search(text) is None else text.translate(_FULLWIDTH)


@cache
def _pdf_spaces() -> tuple[re.Pattern[str], ...]:
    """Compiled on first use (reading a PDF): their CJK ranges were a fifth of the regex work of every start-up."""
    return (re.compile(rf"(?<=[{CJK}，。、；：“”（）])[ \u3000]+(?=[{CJK}，。、；：“”（）])"),
            re.compile(r"(?<=\d)[ \u3000]+(?=[%‰％])"),
            re.compile(rf"(?<=[{CJK}“”（）、，。：；])[ \u3000]+(?=[0-9A-Za-z\[\-+.%])|"
                       rf"(?<=[0-9A-Za-z%\]\)])[ \u3000]+(?=[{CJK}“”（）、，。：；])"))


def squeeze_pdf_spaces(text: str) -> str:
    """Remove the spaces PDF text layers put between Chinese and digits or between Chinese characters."""
    if " " not in text and "\u3000" not in text:  # nothing to remove: each pattern would try every character
        return text
    for pattern in _pdf_spaces():  # between Chinese characters, before %, then between Chinese and ASCII
        text = pattern.sub("", text)
    return text


def is_mostly_text(sample: str) -> bool:
    """True when a decoded sample looks like human text rather than binary junk."""
    if not sample:
        return False
    # at C speed first: with its line breaks, tabs and full-width spaces taken out, a printable sample has no
    # character of the categories C* or Z* (but the space) at all, so none of the bad ones
    if sample.replace("\n", "").replace("\r", "").replace("\t", "").replace("\f", "").replace("\u3000", "").isprintable():
        return True
    bad = sum(n for ch, n in Counter(sample).items()  # each distinct character once: a text has a few thousand
              if unicodedata.category(ch) in ("Cc", "Co", "Cn", "Cs") and ch not in "\t\n\r\f")
    return bad / len(sample) < 0.01

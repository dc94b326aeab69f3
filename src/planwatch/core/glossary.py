"""The appendix glossary (附录：部分指标和名词解释), with each entry linked to the indicators it explains."""

from __future__ import annotations

import re
from functools import lru_cache

from .model import GlossaryEntry, Indicator, Node

_ENTRY = re.compile(r"^\d+\s*[．.、]\s*(.{1,40}?)\s*[：:]\s*(.+)$")


@lru_cache(maxsize=4096)  # each indicator's name is compared with every term
def _bigrams(text: str) -> frozenset[str]:
    text = re.sub(r"[\s“”\"（）()、，]", "", text)
    return frozenset(text[i:i + 2] for i in range(len(text) - 1))


def linked_indicators(term: str, indicators: tuple[Indicator, ...] | list[Indicator]) -> tuple[int, ...]:
    """Indicators whose name contains the term, is contained in it, or shares ≥ 80 % of its bigrams."""
    found = []
    terms = _bigrams(term)
    for ind in indicators:
        if term in ind.name or ind.name in term or terms and len(terms & _bigrams(ind.name)) / len(terms) >= 0.8:
            found.append(ind.no)
    return tuple(found)


def parse_glossary(root: Node, indicators: tuple[Indicator, ...]) -> list[GlossaryEntry]:
    entries: list[GlossaryEntry] = []
    for appendix in (n for n in root.children if n.kind == "appendix"):
        for node in appendix.walk():
            kind = "indicator" if "指标" in node.title else "term"
            for text in node.paragraphs:
                m = _ENTRY.match(text)
                if m:
                    term = m.group(1)
                    if term.startswith("“") and term.endswith("”") and term.count("“") == 1:
                        term = term[1:-1]
                    entries.append(GlossaryEntry(term, m.group(2).strip(), kind,  # type: ignore[arg-type]
                                                 linked_indicators(term, indicators)))
    return entries

"""Chinese full-text search tokens and highlighting, for any database.

SQLite's FTS5 trigram tokenizer cannot find two-character words (能耗, 氢能) and PostgreSQL has no
Chinese parser here, so text is tokenised before it is stored: jieba words (for ranking), plus every
CJK character and every pair of adjacent CJK characters, plus ASCII words. A query is tokenised into
the characters (one-character runs) or pairs it contains, all of which must be present — so any word
of one or more characters is found even where jieba segments differently ("以氢能源" → 以氢 / 能源).

>>> query_tokens("氢能 产业")
['氢能', '产业']
>>> query_tokens("GDP能耗")
['gdp', '能耗']
>>> "氢能" in index_tokens("以氢能源创新发展为引领").split()
True
>>> highlight("推动建设氢能产业园。", "氢能")
'推动建设<mark>氢能</mark>产业园。'
"""

from __future__ import annotations

import html
import logging
import re
from functools import lru_cache

_CJK_RUN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]+")
_ASCII_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9.+\-]*")


@lru_cache(maxsize=1)
def _jieba() -> object:
    import jieba

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    return jieba


def _grams(run: str) -> list[str]:
    return [run] if len(run) == 1 else [run[i:i + 2] for i in range(len(run) - 1)]


def index_tokens(text: str) -> str:
    """Space-separated tokens to store for a text (words, characters, character pairs)."""
    jieba = _jieba()
    tokens: list[str] = [w.lower() for w in jieba.cut_for_search(text) if w.strip() and  # type: ignore[attr-defined]
                         (_CJK_RUN.fullmatch(w) or _ASCII_WORD.fullmatch(w))]
    for run in _CJK_RUN.findall(text):
        tokens.extend(run)  # single characters: one-character queries
        tokens.extend(run[i:i + 2] for i in range(len(run) - 1))
    tokens.extend(w.lower() for w in _ASCII_WORD.findall(text))
    return " ".join(tokens)


def query_tokens(query: str) -> list[str]:
    """Tokens that must all be present for a document to match (no operators, no syntax)."""
    tokens: list[str] = []
    for part in re.findall(r"[\u3400-\u9fff\uf900-\ufaff]+|[A-Za-z0-9][A-Za-z0-9.+\-]*", query[:200]):
        tokens.extend(_grams(part) if _CJK_RUN.fullmatch(part) else [part.lower()])
    return list(dict.fromkeys(tokens))


def terms(query: str) -> list[str]:
    """The words to mark in results: the query's CJK runs and ASCII words, longest first."""
    found = re.findall(r"[\u3400-\u9fff\uf900-\ufaff]+|[A-Za-z0-9][A-Za-z0-9.+\-]*", query[:200])
    return sorted(dict.fromkeys(found), key=len, reverse=True)


def highlight(text: str, query: str, width: int = 60) -> str:
    """An HTML-escaped snippet of ``text`` around the first hit, with every hit in <mark>."""
    words = terms(query)
    if not words:
        return html.escape(text[: 2 * width])
    pattern = re.compile("|".join(re.escape(w) for w in words), re.IGNORECASE)
    first = pattern.search(text)
    start = max(0, first.start() - width) if first else 0
    end = min(len(text), (first.end() if first else 0) + width)
    snippet = text[start:end]
    out, last = [], 0
    for m in pattern.finditer(snippet):
        out.append(html.escape(snippet[last:m.start()]))
        out.append(f"<mark>{html.escape(m.group(0))}</mark>")
        last = m.end()
    out.append(html.escape(snippet[last:]))
    return ("…" if start > 0 else "") + "".join(out) + ("…" if end < len(text) else "")

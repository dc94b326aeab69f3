"""Chinese full-text search tokens and highlighting, for any database.

SQLite's FTS5 trigram tokenizer cannot find two-character words (能耗, 氢能) and PostgreSQL has no
Chinese parser here, so text is tokenised before it is stored: jieba words (for ranking), plus every
CJK character and every pair of adjacent CJK characters, plus ASCII words. A query is tokenised into
the characters (one-character runs) or pairs it contains, all of which must be present — so any word
of one or more characters is found even where jieba segments differently ("以氢能源" → 以氢 / 能源).

>>> query_tokens("氢能 产业")
['氢能', '产业']
>>> query_tokens("5G基站")
['5g', '基站']
>>> "氢能" in index_tokens("以氢能源创新发展为引领").split()
True
>>> highlight("推动建设氢能产业园。", "氢能")
'推动建设<mark>氢能</mark>产业园。'

Abbreviations: the words of one group of :data:`SYNONYMS` find one another. A text containing any of them is
indexed with the group's own token, and a query's occurrence of any of them is replaced by that token, so that
能耗 finds 单位地区生产总值能源消耗降低 and 能源消耗 finds 能耗 (the rest of the query still has to match):

>>> group_token("能耗") == group_token("能源消耗") and group_token("能耗") in index_tokens("能源消耗降低").split()
True
>>> query_tokens("单位能耗降低") == ["单位", group_token("能耗"), "降低"]
True
>>> terms("能耗")
['能源消耗', '能耗']
>>> highlight("单位地区生产总值能源消耗降低", "GDP能耗")
'单位<mark>地区生产总值</mark><mark>能源消耗</mark>降低'
"""

from __future__ import annotations

import html
import logging
import re
import zlib
from functools import lru_cache

_CJK_RUN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]+")
_ASCII_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9.+\-]*")

# Common planning abbreviations and the full forms they stand for: the words of a group find one another (both
# ways). The one list, read when a text is indexed and when a query is tokenised. To extend it, add a word to a
# group or a new group (ASCII words match regardless of case), then rebuild the stored indexes: ``planwatch
# manage reindex_search``. A group's token derives from its first word: keep the first word when editing a group.
SYNONYMS: tuple[tuple[str, ...], ...] = (
    ("能耗", "能源消耗"),
    ("碳排放", "二氧化碳排放"),
    ("研发", "研究与试验发展"),
    ("GDP", "地区生产总值", "国内生产总值"),
)
_GROUP_OF = {word.lower(): group for group in SYNONYMS for word in group}
_SYNONYM = re.compile("|".join(re.escape(w) for w in sorted(_GROUP_OF, key=len, reverse=True)), re.IGNORECASE)


def group_token(word: str) -> str:
    """The search token standing for ``word``'s synonym group (one ASCII word, the same on FTS5 and PostgreSQL)."""
    return f"syn{zlib.crc32(_GROUP_OF[word.lower()][0].lower().encode()):08x}"


def synonyms(word: str) -> tuple[str, ...]:
    """The words of ``word``'s group (``word`` alone when it has none).

    >>> synonyms("gdp")
    ('GDP', '地区生产总值', '国内生产总值')
    """
    return _GROUP_OF.get(word.lower(), (word,))


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
    tokens.extend(dict.fromkeys(group_token(m.group(0)) for m in _SYNONYM.finditer(text)))
    return " ".join(tokens)


def query_tokens(query: str) -> list[str]:
    """Tokens that must all be present for a document to match (no operators, no syntax)."""
    tokens: list[str] = []
    for part in re.findall(r"[\u3400-\u9fff\uf900-\ufaff]+|[A-Za-z0-9][A-Za-z0-9.+\-]*", query[:200]):
        if not _CJK_RUN.fullmatch(part):
            tokens.append(group_token(part) if part.lower() in _GROUP_OF else part.lower())
            continue
        last = 0  # an abbreviation or full form inside the run stands for its group; the rest is cut in pairs
        for m in _SYNONYM.finditer(part):
            if m.start() > last:
                tokens.extend(_grams(part[last:m.start()]))
            tokens.append(group_token(m.group(0)))
            last = m.end()
        if last < len(part):
            tokens.extend(_grams(part[last:]))
    return list(dict.fromkeys(tokens))


def terms(query: str) -> list[str]:
    """The words to mark in results: the query's CJK runs and ASCII words, with the other words of every
    synonym group the query names, longest first."""
    found = re.findall(r"[\u3400-\u9fff\uf900-\ufaff]+|[A-Za-z0-9][A-Za-z0-9.+\-]*", query[:200])
    found += [word for m in _SYNONYM.finditer(query[:200]) for word in synonyms(m.group(0))]
    return sorted(dict.fromkeys(found), key=len, reverse=True)


def passages(text: str, query: str) -> list[str]:
    r"""The lines of ``text`` in which a word of the query (or of its synonym groups) occurs, in order.

    >>> passages("发展氢能。\n建设港口。\n氢能产业园。", "氢能")
    ['发展氢能。', '氢能产业园。']
    """
    words = terms(query)
    if not words:
        return []
    pattern = re.compile("|".join(re.escape(w) for w in words), re.IGNORECASE)
    return [line.strip() for line in text.splitlines() if line.strip() and pattern.search(line)]


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

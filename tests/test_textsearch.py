"""Search tokens and highlighted snippets (the framework-free part of full-text search)."""

from __future__ import annotations

from planwatch.core.textsearch import group_token, highlight, index_tokens, query_tokens


def test_queries_become_character_pairs_and_words() -> None:
    assert query_tokens("氢能") == ["氢能"]
    assert query_tokens("能耗") == query_tokens("能源消耗") == [group_token("能耗")]  # core.textsearch.SYNONYMS
    assert query_tokens("氢能源") == ["氢能", "能源"]
    assert query_tokens("氢") == ["氢"]
    assert query_tokens("5G基站") == ["5g", "基站"]
    assert query_tokens("\"'*()^:") == []


def test_indexed_text_contains_every_pair_and_character() -> None:
    tokens = index_tokens("推进氢能产业园建设").split()
    assert {"氢能", "能产", "产业", "氢", "产业园"} <= set(tokens)


def test_snippets_are_escaped_around_the_marks() -> None:
    assert highlight("<b>氢能</b> & 产业", "氢能") == "&lt;b&gt;<mark>氢能</mark>&lt;/b&gt; &amp; 产业"


def test_snippets_are_cut_around_the_first_hit() -> None:
    text = "甲" * 200 + "能耗" + "乙" * 200
    snippet = highlight(text, "能耗", width=10)
    assert snippet == "…" + "甲" * 10 + "<mark>能耗</mark>" + "乙" * 10 + "…"

"""The appendix glossary and its links to the indicators it explains."""

from __future__ import annotations

from planwatch.core.model import Plan


def test_it_reads_3_indicator_explanations_and_13_terms(jinpu: Plan) -> None:
    kinds = [g.kind for g in jinpu.glossary]
    assert (kinds.count("indicator"), kinds.count("term")) == (3, 13)


def test_it_links_explanations_to_the_indicators_they_explain(jinpu: Plan) -> None:
    links = {g.term: g.indicators for g in jinpu.glossary}
    assert links["战略性新兴产业产值占工业总产值比重"] == (8,)
    assert links["数字经济核心产业增加值占地区生产总值比重"] == (7,)
    assert links["人均地区生产总值"] == ()  # explained, but not one of the 23 indicators
    assert links["三线一单"] == ()


def test_it_keeps_quoted_terms_whole(jinpu: Plan) -> None:
    assert "“433+1”现代产业体系" in {g.term for g in jinpu.glossary}

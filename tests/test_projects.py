"""Named major projects in the 专栏, each with its 专栏 and sector."""

from __future__ import annotations

from collections import Counter

from planwatch.core.model import Plan


def test_it_splits_a_list_of_projects_into_items(jinpu: Plan) -> None:
    petrochemical = [p.name for p in jinpu.projects if p.sector == "石油化工产业"]
    assert petrochemical == ["申联环保项目", "百傲化学异噻唑啉酮系列产品项目", "瑞环环境有机溶剂再生及废酸碱处置项目"]
    assert all(p.column == "3-1" and p.node == "ch3/s1/col3-1" for p in jinpu.projects if p.sector == "石油化工产业")


def test_it_records_sub_sectors_named_before_the_list(jinpu: Plan) -> None:
    cold_chain = [p for p in jinpu.projects if p.sector == "现代流通／冷链物流"]
    assert cold_chain[0].name == "毅都冷链全球仓项目"
    assert len(cold_chain) == 6


def test_it_counts_the_projects_of_the_project_columns(jinpu: Plan) -> None:
    per_column = Counter(p.column for p in jinpu.projects)
    assert per_column["3-1"] == 36  # 3 + 14 + 9 + 10 named in 专栏3-1
    assert per_column["8-3"] == 12


def test_it_does_not_take_places_or_policies_for_projects(jinpu: Plan) -> None:
    names = {p.name for p in jinpu.projects}
    assert "文化场馆" not in names  # 5G coverage of public places in 专栏8-1
    assert not [n for n in names if n.startswith("一批")]
    assert all(n.count("“") == n.count("”") for n in names)

"""`planwatch report --kind …`: each kind of report is its own document — its sections in order, and its tables
against the evaluation (computed here from the evaluation API), the decomposition and the plan's lists."""

from __future__ import annotations

from collections import Counter

import docx
import pytest

from planwatch.cli import main
from planwatch.core.decompose import decompose
from planwatch.core.evaluation import LAGGING, evaluate
from planwatch.core.explain import fmt
from planwatch.core.extract import extract_plan
from planwatch.core.kinds import KINDS, plan_specs
from planwatch.core.observations import read_observations
from planwatch.core.statuses import STATUSES

from .conftest import FIXTURES, JINPU_TXT

DATA = FIXTURES / "data" / "jinpu-obs-simulated.csv"
AS_OF = 2023
TITLE = "金普新区规划"


@pytest.fixture(scope="module")
def plan():  # type: ignore[no-untyped-def]
    return extract_plan(JINPU_TXT)


@pytest.fixture(scope="module")
def results(plan):  # type: ignore[no-untyped-def]
    table = read_observations(DATA, plan.indicators, "本地区")
    return sorted(evaluate(plan_specs(plan.indicators, 2020, 2025), table, AS_OF), key=lambda e: e.no)


def _report(tmp_path_factory: pytest.TempPathFactory, kind: str) -> docx.document.Document:
    out = tmp_path_factory.mktemp(kind) / f"{kind}.docx"
    assert main(["report", "--plan", str(JINPU_TXT), "--data", str(DATA), "--as-of", str(AS_OF), "--kind", kind,
                 "--title", TITLE, "-o", str(out)]) == 0
    return docx.Document(str(out))


def _headings(document: docx.document.Document) -> list[str]:
    """The top-level headings: 一、… and 附件…, in order."""
    return [p.text for p in document.paragraphs
            if p.text[:2] in {f"{n}、" for n in "一二三四五六七八九十"} or p.text.startswith("附件")]


def _rows(table: docx.table.Table) -> list[list[str]]:
    return [[c.text for c in row.cells] for row in table.rows]


def _table(document: docx.document.Document, first: str, second: str) -> list[list[str]]:
    return next(_rows(t) for t in document.tables if [c.text for c in t.rows[0].cells][:2] == [first, second])


def _unit(e) -> str:  # type: ignore[no-untyped-def]
    return KINDS[e.kind].result_unit or e.unit


def test_the_annual_report_sets_the_year_against_its_target_and_warns(tmp_path_factory: pytest.TempPathFactory,
                                                                     results) -> None:  # type: ignore[no-untyped-def]
    document = _report(tmp_path_factory, "annual")
    assert document.paragraphs[0].text == f"{TITLE}年度监测报告"
    assert _headings(document) == ["一、总体情况", f"二、{AS_OF}年目标完成情况", "三、预警", "四、数据缺口",
                                   "附件1：测算方法", "附件2：数据来源"]
    rows = _table(document, "序号", "指标")
    assert rows[0] == ["序号", "指标", "属性", f"{AS_OF}年目标", f"{AS_OF}年实际", "规划目标", "进度", "评估结果"]
    assert [int(r[0]) for r in rows[1:]] == [e.no for e in results]
    for row, e in zip(rows[1:], results, strict=True):
        expected = "—" if e.expected is None else fmt(e.expected, _unit(e))
        assert row[3:5] == [expected, e.actual_text] and row[6:] == [e.progress, e.label]
    text = "\n".join(p.text for p in document.paragraphs)
    at_risk = [e for e in results if e.binding and e.status in LAGGING]
    assert at_risk, "the fixture has a lagging binding indicator to warn about"
    assert f"约束性指标{len(at_risk)}项需预警" in text
    for e in at_risk:
        assert f"{e.name}（约束性）" in text
    reached = sum(1 for e in results if e.ratio is not None and e.ratio >= 1)
    assert f"{reached}项达到{AS_OF}年应有进度" in text


@pytest.mark.parametrize("kind", ["midterm", "final"])
def test_evaluations_have_the_five_parts_and_their_annexes(tmp_path_factory: pytest.TempPathFactory, kind: str,
                                                           plan, results) -> None:  # type: ignore[no-untyped-def]
    document = _report(tmp_path_factory, kind)
    last = "五、下一步工作建议" if kind == "midterm" else "五、对“十五五”的建议"
    assert _headings(document) == ["一、总体进展", "二、主要指标完成情况", "三、重点任务和重大工程项目推进情况",
                                   "四、存在的主要问题", last, "附件1：主要指标完成情况表", "附件2：测算方法",
                                   "附件3：数据来源"]
    text = "\n".join(p.text for p in document.paragraphs)
    counts = Counter(e.label for e in results)
    first = "，".join(f"{counts[s.zh]}项{s.zh}" for s in STATUSES.values() if counts[s.zh])
    assert f"{len(results)}项主要指标中，{first}。" in text
    # 二: by category in the plan's order, binding first within each, every indicator once
    rows = _table(document, "类别", "序号")[1:]
    order = list(dict.fromkeys(i.category for i in plan.indicators))
    category = {i.no: i.category for i in plan.indicators}
    by_no = {e.no: e for e in results}
    keys = [(order.index(r[0]), r[3] != "约束性", int(r[1])) for r in rows]
    assert keys == sorted(keys) and sorted(int(r[1]) for r in rows) == [e.no for e in results]
    for r in rows:
        e = by_no[int(r[1])]
        assert (r[0], r[2], r[5], r[6], r[7]) == (category[e.no], e.name, e.actual_text, e.progress, e.label)
    # each lagging indicator has its cause and measure fields to fill in
    lagging = [e for e in results if e.status in LAGGING]
    paragraphs = [p.text for p in document.paragraphs if p.text]  # heading, sentence, [chart caption,] fields
    for e in lagging:
        at = next(i for i, p in enumerate(paragraphs) if p.endswith(e.name) and p[:1].isdigit())
        fields = at + (3 if e.binding else 2)  # a lagging binding indicator has its chart
        assert paragraphs[fields:fields + 4] == ["（1）主要原因", "（待填写）", "（2）拟采取的措施", "（待填写）"]
        assert paragraphs[at + 2].endswith("年度目标路径与实际值") == e.binding
    # 三: by chapter, counted from the plan's own lists (no ledger on the command line, and it says so)
    chapters = _table(document, "章", "重点任务（项）")
    for chapter in plan.nodes("chapter"):
        tasks = sum(1 for t in plan.tasks if t.node.split("/")[0] == chapter.id)
        projects = sum(1 for p in plan.projects if p.node.split("/")[0] == chapter.id)
        row = [r for r in chapters if r[0] == f"第{chapter.label}章 {chapter.title}"]
        assert row == ([[row[0][0], str(tasks), str(projects)]] if row else [])
    assert f"共部署重点任务{len(plan.tasks)}项、重大工程项目{len(plan.projects)}个" in text
    assert "未接入任务台账" in text
    # 四: drafted from the data
    for e in lagging:
        assert e.name in text.split("四、存在的主要问题")[1].split("附件1")[0]
    # 附件: the method in our own words, no foreign citation as the reader's method
    assert "Open SDG" not in text and "加拿大统计局" not in text
    assert "完成进度：实际完成的变化量与同期应完成的变化量之比" in text


def test_the_annual_plan_report_sets_plan_against_result_and_drafts_next_year(
        tmp_path_factory: pytest.TempPathFactory, plan, results) -> None:  # type: ignore[no-untyped-def]
    document = _report(tmp_path_factory, "annual-plan")
    assert document.paragraphs[0].text == f"关于{AS_OF}年国民经济和社会发展计划执行情况与{AS_OF + 1}年计划草案的报告"
    rows = _table(document, "指标", f"{AS_OF}年计划目标")
    assert rows[0] == ["指标", f"{AS_OF}年计划目标", "执行结果", "完成情况"]
    assert rows[1:] == [[e.name, "—" if e.expected is None else fmt(e.expected, _unit(e)), e.actual_text, e.label]
                        for e in results]
    paths = {row.no: row.values for row in decompose(plan_specs(plan.indicators, 2020, 2025))}
    following = _table(document, "指标", "单位")
    assert following[0][2] == f"{AS_OF + 1}年目标（分解值）"
    for row, e in zip(following[1:], results, strict=True):
        value = paths[e.no].get(AS_OF + 1)
        assert row[:3] == [e.name, e.unit, "—" if value is None else fmt(value)]
    assert "年度计划录入平台之前" in "\n".join(p.text for p in document.paragraphs)


def test_the_division_plan_lists_every_task_project_and_commitment(tmp_path_factory: pytest.TempPathFactory,
                                                                   plan) -> None:  # type: ignore[no-untyped-def]
    document = _report(tmp_path_factory, "division")
    assert document.paragraphs[0].text == f"《{TITLE}》重点任务分工方案"
    captions = [p.text for p in document.paragraphs if p.text.startswith("表")]
    assert captions == ["表1 重点任务分工表", "表2 重大项目分工表", "表3 量化承诺分工表"]
    tables = [_rows(t) for t in document.tables]
    for rows, names in zip(tables, ([t.title for t in plan.tasks], [p.name for p in plan.projects],
                                    [c.quantity for c in plan.commitments]), strict=True):
        assert rows[0] == ["序号", "任务内容", "牵头单位", "配合单位", "完成时限"]
        assert [r[1] for r in rows[1:]] == names and [r[0] for r in rows[1:]] == [str(n) for n in
                                                                                  range(1, len(names) + 1)]
        assert {r[2] for r in rows[1:]} == {"待明确"}  # no assignments given

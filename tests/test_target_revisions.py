"""Target revisions (issue 13 item 7): a target changed after adoption is in force from its year on; evaluation
as of a year judges by the targets in force then and says when one was revised; the CLI reads them from a CSV.

The plan is tests/fixtures/eval-plan.csv (3 外贸进出口总额 2470 → 3500左右 亿元 by 2025; 1 地区生产总值增长 6.5%
a year); the figures and the revising documents are 示例 made up for these tests.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from planwatch.cli import main
from planwatch.core.evaluation import evaluate
from planwatch.core.extract import extract_plan
from planwatch.core.kinds import plan_specs
from planwatch.core.observations import read_observations
from planwatch.core.revisions import (
    RevisionError,
    TargetRevision,
    check_revisions,
    read_revisions,
    specs_in_force,
    target_in_force,
)

PLAN = Path(__file__).resolve().parent / "fixtures" / "eval-plan.csv"
NOTICE = "示例：某区人民政府关于调整“十四五”规划部分指标目标的通知"
TRADE = TargetRevision(3, "3000左右", 2023, NOTICE, "中期评估后调整")
OBSERVATIONS = "indicator,year,value\n3,2021,2600\n3,2022,2700\n3,2023,2800\n1,2021,6.0\n1,2022,5.5\n1,2023,5.0\n"


@pytest.fixture()
def data(tmp_path: Path) -> Path:
    path = tmp_path / "obs.csv"
    path.write_text(OBSERVATIONS, encoding="utf-8")
    return path


def _evaluate(data: Path, as_of: int, revisions: list[TargetRevision]) -> dict[int, object]:
    plan = extract_plan(PLAN)
    base, end = plan.plan_years
    assert base is not None and end is not None
    specs = specs_in_force(plan.indicators, base, end, revisions, as_of)
    table = read_observations(data, plan.indicators, "某区")
    return {e.no: e for e in evaluate(specs, table, as_of)}


def test_the_target_in_force_is_the_plan_s_until_the_revision_s_year_then_the_latest_revision_s() -> None:
    trade = next(i for i in extract_plan(PLAN).indicators if i.no == 3)
    later = TargetRevision(3, "3200", 2024, "示例：某区2024年规划调整通知")
    history = [later, TRADE]  # listed in any order: the year decides
    assert target_in_force(trade, history, 2022).raw == "3500左右"  # the plan's own
    assert target_in_force(trade, history, 2023).raw == "3000左右"
    assert target_in_force(trade, history, 2025).value == 3200  # the history is kept; the latest one holds
    same_year = [TRADE, TargetRevision(3, "3100", 2023, "示例：更正通知")]
    assert target_in_force(trade, same_year, 2023).value == 3100  # of one year, the one listed later


def test_a_revision_from_2023_changes_the_statuses_from_2023_on_and_not_2022_s(data: Path) -> None:
    before, after = _evaluate(data, 2022, []), _evaluate(data, 2022, [TRADE])
    assert after == before  # 2022 is judged by the plan's target: the same results, sentence and all
    plain, revised = _evaluate(data, 2023, [])[3], _evaluate(data, 2023, [TRADE])[3]
    # plan: 2470 → 3500 by 2025, 2800 in 2023 is behind the path's 3044.53; revised: 2470 → 3000, due 2775.57
    assert (plain.status, plain.expected) == ("behind", pytest.approx(3044.5254))  # type: ignore[attr-defined]
    assert (revised.status, revised.expected) == ("ahead", pytest.approx(2775.5658))  # type: ignore[attr-defined]
    assert _evaluate(data, 2023, [TRADE])[1] == _evaluate(data, 2023, [])[1]  # another indicator: untouched


def test_the_sentence_of_a_revised_indicator_says_when_and_by_which_document(data: Path) -> None:
    revised = _evaluate(data, 2024, [TRADE])[3]
    assert revised.explanation.endswith(f"目标已于2023年调整（依据：{NOTICE}）。")  # type: ignore[attr-defined]
    assert f"revised from 2023 (per {NOTICE})" in revised.explained("en")  # type: ignore[attr-defined]
    assert "revised" in revised.flags  # type: ignore[attr-defined]
    assert "调整" not in _evaluate(data, 2022, [TRADE])[3].explanation  # type: ignore[attr-defined]


def test_a_growth_target_is_revised_in_its_growth_column(data: Path) -> None:
    plan = extract_plan(PLAN)
    gdp = TargetRevision(1, "5", 2023, "示例：某区中期评估报告")
    spec = next(s for s in specs_in_force(plan.indicators, 2020, 2025, [gdp], 2023) if s.no == 1)
    plain = next(s for s in plan_specs(plan.indicators, 2020, 2025) if s.no == 1)
    assert (plain.kind, plain.target) == ("growth_rate", 6.5)
    assert (spec.kind, spec.target, spec.revised_from) == ("growth_rate", 5.0, 2023)
    # 2021–2023 averaged 5.5 %: behind 6.5 %, ahead of the revised 5 %
    assert _evaluate(data, 2023, [gdp])[1].status == "ahead"  # type: ignore[attr-defined]


@pytest.mark.parametrize(("revision", "message"), [
    (TargetRevision(12, "5", 2023, "示例"), "规划中没有序号为12的指标"),
    (TargetRevision(3, "3000", 2020, "示例"), "生效年份2020不在规划期2021—2025年内"),
])
def test_a_revision_the_plan_cannot_take_is_refused(revision: TargetRevision, message: str) -> None:
    plan = extract_plan(PLAN)
    with pytest.raises(RevisionError, match=message):
        check_revisions([revision], plan.indicators, 2020, 2025)


def test_a_revision_without_document_or_figure_is_refused() -> None:
    with pytest.raises(RevisionError, match="没有写明依据文件"):
        TargetRevision(3, "3000", 2023, " ")
    with pytest.raises(RevisionError, match="调整后的目标应为数值"):
        TargetRevision(3, "进一步提高", 2023, "示例")


def test_evaluate_takes_revisions_from_a_csv(tmp_path: Path, data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    revisions = tmp_path / "revisions.csv"
    revisions.write_text(f"indicator,target,effective_from,document,reason\n3,3000左右,2023,{NOTICE},中期评估后调整\n",
                         encoding="utf-8")
    assert read_revisions(revisions) == [TRADE]
    args = ["evaluate", "--plan", str(PLAN), "--data", str(data), "--default-region", "某区", "--format", "json",
            "--revisions", str(revisions), "--as-of"]
    assert main([*args, "2023"]) == 0
    trade = next(e for e in json.loads(capsys.readouterr().out) if e["no"] == 3)
    assert (trade["status"], trade["flags"]) == ("ahead", ["revised"])
    assert trade["explanation"].endswith(f"目标已于2023年调整（依据：{NOTICE}）。")
    assert main([*args, "2022"]) == 0
    trade = next(e for e in json.loads(capsys.readouterr().out) if e["no"] == 3)
    assert (trade["status"], trade["flags"]) == ("behind", [])


def test_the_columns_may_be_written_in_chinese(tmp_path: Path) -> None:
    path = tmp_path / "调整.csv"
    path.write_bytes(f"指标序号,调整后目标,生效年份,依据文件\n3,3000左右,2023年,{NOTICE}\n".encode("gb18030"))
    assert read_revisions(path) == [TargetRevision(3, "3000左右", 2023, NOTICE)]


@pytest.mark.parametrize(("content", "message"), [
    ("", "目标调整文件为空"),
    ("indicator,target\n3,3000\n", "缺少必需的列 effective_from、document"),
    ("indicator,target,effective_from,document\n3,3000,二〇二三,示例\n", "第2行：生效年份应为四位年份"),
    ("indicator,target,effective_from,document\n3,3000,2023,示例\n第三项,3000,2023,示例\n", "第3行：指标序号应为整数"),
    ("indicator,target,effective_from,document\n3,约3千,2023,示例\n", "第2行：调整后的目标"),
    ("indicator,target,effective_from,document\n9,5,2023,示例\n3,3000,2023,\n", "第3行：指标3的目标调整没有写明依据文件"),
    ("indicator,target,effective_from,document\n12,5,2023,示例\n", "规划中没有序号为12的指标"),
    ("indicator,target,effective_from,document\n3,3000,2027,示例\n", "不在规划期2021—2025年内"),
    ("indicator,target,effective_from,document\n", "没有数据行"),
])
def test_a_bad_revisions_file_exits_2_with_a_chinese_message_and_writes_nothing(
        tmp_path: Path, data: Path, capsys: pytest.CaptureFixture[str], content: str, message: str) -> None:
    revisions, out = tmp_path / "revisions.csv", tmp_path / "out.json"
    revisions.write_text(content, encoding="utf-8")
    code = main(["evaluate", "--plan", str(PLAN), "--data", str(data), "--as-of", "2023", "--revisions",
                 str(revisions), "-o", str(out)])
    captured = capsys.readouterr()
    assert code == 2 and not out.exists() and captured.out == ""
    assert captured.err.startswith("planwatch: 错误：") and message in captured.err
    assert "Traceback" not in captured.err and len(captured.err.strip().splitlines()) == 1


def test_a_revisions_file_that_is_not_there_or_not_text_exits_2(tmp_path: Path, data: Path,
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    binary = tmp_path / "revisions.csv"
    binary.write_bytes(bytes(range(256)) * 8)
    for path, message in ((tmp_path / "missing.csv", "目标调整文件不存在"), (binary, "不是可识别的文本文件")):
        code = main(["evaluate", "--plan", str(PLAN), "--data", str(data), "--as-of", "2023", "--revisions", str(path)])
        assert code == 2 and message in capsys.readouterr().err

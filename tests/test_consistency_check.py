"""`planwatch check`: where a plan contradicts itself."""

from __future__ import annotations

from pathlib import Path

from planwatch.cli import main
from planwatch.core.consistency import check_plan
from planwatch.core.extract import extract_plan
from planwatch.core.model import Plan

from .conftest import JINPU_INTERPRETATION, JINPU_TXT


def test_it_finds_the_two_growth_rates_that_do_not_match_the_table(jinpu: Plan) -> None:
    findings = check_plan(jinpu)
    assert [(f.code, f.location, f.details["implied"], f.details["stated"]) for f in findings] == [
        ("growth_mismatch", "indicator/10", 7.22, 4.8),
        ("growth_mismatch", "indicator/11", 22.47, 10.0),
    ]
    assert "隐含年均增长7.2%，与表中所写年均增长4.8%不符" in findings[0].message


def test_the_interpretation_counts_agree_with_the_parsed_plan(jinpu: Plan, capsys: object) -> None:
    code = main(["check", str(JINPU_TXT), "--expect", str(JINPU_INTERPRETATION)])
    out = capsys.readouterr().out  # type: ignore[attr-defined]
    assert code == 1  # findings exist (the two growth rates)
    assert "count_mismatch" not in out and "章" not in out.split("\n")[0]


def test_it_reports_counts_that_differ_from_an_interpretation(tmp_path: Path, capsys: object) -> None:
    expect = tmp_path / "解读.txt"
    expect.write_text("《纲要》包括10章46节25个专栏。构建主要指标体系共23项。", encoding="utf-8")
    code = main(["check", str(JINPU_TXT), "--expect", str(expect), "--format", "json"])
    out = capsys.readouterr().out  # type: ignore[attr-defined]
    assert code == 1
    assert "解读.txt写明节46个（项），实际解析出45个（项）" in out
    assert "解读.txt写明专栏25个（项），实际解析出26个（项）" in out


def test_it_reports_a_text_target_that_differs_from_the_table(tmp_path: Path) -> None:
    text = JINPU_TXT.read_text(encoding="utf-8").replace("森林覆盖率达到33%（三调", "森林覆盖率达到35%（三调")
    path = tmp_path / "plan.txt"
    path.write_text(text, encoding="utf-8")
    findings = [f for f in check_plan(extract_plan(path)) if f.code == "text_table_mismatch"]
    assert len(findings) == 1
    assert findings[0].details == {"text_value": 35.0, "table_value": 33.0, "indicator": 23}
    assert findings[0].location == "ch7/s1/col7-1"


def test_a_consistent_plan_exits_zero(tmp_path: Path, capsys: object) -> None:
    path = tmp_path / "plan.txt"
    path.write_text("第一章 目标\n到2025年，全区新增企业100家以上。\n", encoding="utf-8")
    assert main(["check", str(path)]) == 0
    assert capsys.readouterr().out == "未发现不一致。\n"  # type: ignore[attr-defined]

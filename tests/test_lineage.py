"""`planwatch lineage`: which indicators continue from one plan to its successor, which are new, which dropped.

The national 14th → 15th tables are checked against a pairing made by hand from the two tables
(tests/fixtures/lineage/national-14-15-pairs.csv), not against the tool's own output.
"""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import pytest

from planwatch.cli import main
from planwatch.core.extract import extract_plan
from planwatch.core.lineage import Measure, lineage, pair_measures
from planwatch.core.model import Indicator
from planwatch.core.targets import parse_target

from .conftest import FIXTURES

REAL = Path(__file__).resolve().parents[2] / "shared" / "plans" / "real"
TABLE_14, TABLE_15 = REAL / "national-14th-main-indicators.csv", REAL / "national-15th-main-indicators.csv"
HAND = FIXTURES / "lineage" / "national-14-15-pairs.csv"


def _hand() -> tuple[set[tuple[str, str]], set[str], set[str]]:
    lines = [line for line in HAND.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    rows = list(csv.DictReader(lines))
    continued = {(r["old_no"], r["new_no"]) for r in rows if r["status"] == "continued"}
    return (continued, {r["old_no"] for r in rows if r["status"] == "dropped"},
            {r["new_no"] for r in rows if r["status"] == "new"})


def _national() -> dict[str, object]:
    return lineage(extract_plan(TABLE_14), extract_plan(TABLE_15)).as_dict()


def test_it_pairs_the_national_tables_as_the_hand_pairing_does() -> None:
    continued, dropped, new = _hand()
    result = _national()
    found = {(p["old"]["key"], p["new"]["key"]) for p in result["continued"]}  # type: ignore[attr-defined]
    precision = len(found & continued) / len(found)
    recall = len(found & continued) / len(continued)
    assert (precision, recall) == (1.0, 1.0), (found - continued, continued - found)
    assert {m["key"] for m in result["dropped"]} == dropped  # type: ignore[attr-defined]
    assert {m["key"] for m in result["new_indicators"]} == new  # type: ignore[attr-defined]


def test_the_hand_pairing_covers_every_row_of_both_tables_once() -> None:
    continued, dropped, new = _hand()
    old = [i.display_no for i in extract_plan(TABLE_14).indicators]
    new_rows = [i.display_no for i in extract_plan(TABLE_15).indicators]
    assert sorted([o for o, _ in continued] + list(dropped), key=float) == old
    assert sorted([n for _, n in continued] + list(new), key=float) == sorted(new_rows, key=float)


def test_it_lists_the_childcare_and_pension_indicators_as_dropped_and_their_successors_as_new() -> None:
    result = _national()
    dropped = {m["name"] for m in result["dropped"]}  # type: ignore[attr-defined]
    new = {m["name"] for m in result["new_indicators"]}  # type: ignore[attr-defined]
    assert {"每千人口拥有3岁以下婴幼儿托位数", "基本养老保险参保率"} <= dropped
    assert {"3岁以下婴幼儿入托率提高", "养老机构护理型床位占比"} <= new


def test_each_continued_indicator_says_why_and_renamed_ones_ask_for_confirmation() -> None:
    pairs = {p["old"]["key"]: p for p in _national()["continued"]}  # type: ignore[attr-defined]
    assert (pairs["1"]["rule"], pairs["1"]["confirm"]) == ("same_name", False)
    assert (pairs["10"]["rule"], pairs["10"]["confirm"]) == ("qualifier", True)  # 执业（助理）医师 → 执业医师
    assert (pairs["17"]["rule"], pairs["17"]["confirm"]) == ("synonym", True)  # → 优良水体比例
    assert all(p["reason"] for p in pairs.values())


def test_a_changed_unit_is_converted_and_the_old_target_restated() -> None:
    grain = next(p for p in _national()["continued"] if p["old"]["key"] == "19")  # type: ignore[attr-defined]
    assert grain["units"]["status"] == "converted"
    assert grain["units"]["factor"] == pytest.approx(0.2)  # 1亿吨 = 0.2万亿斤
    assert grain["old_target_in_new_unit"] == pytest.approx(1.3)  # ＞6.5亿吨


def _measure(key: str, name: str, unit: str) -> Measure:
    ind = Indicator(no=int(key), category="", name=name, unit=unit, baseline_year=2020, baseline_value=None,
                    baseline_raw="", target_year=2025, target=parse_target("5"), growth=parse_target("—"),
                    attribute="expected")
    return Measure(key, name, unit, ind)


def test_a_unit_that_cannot_be_converted_is_flagged_never_compared() -> None:
    continued, _, _ = pair_measures([_measure("1", "养老机构床位数", "张")], [_measure("1", "养老机构床位数", "%")])
    assert continued[0].units.status == "mismatch"
    assert continued[0].old_target_in_new_unit is None
    assert "无法换算" in continued[0].units.message


def test_similar_names_pair_only_in_one_unit_and_not_across_statistics() -> None:
    continued, added, dropped = pair_measures(
        [_measure("1", "城镇登记失业率", "%"), _measure("2", "学前三年毛入园率", "%"), _measure("3", "托位数", "个")],
        [_measure("1", "城镇调查失业率", "%"), _measure("2", "学前教育毛入园率", "%"), _measure("3", "托位比例", "%")])
    assert [(p.old.key, p.new.key, p.rule) for p in continued] == [("2", "2", "similar")]
    assert {m.key for m in dropped} == {"1", "3"} and {m.key for m in added} == {"1", "3"}


def test_plan_documents_pair_through_their_quantitative_commitments_when_a_table_is_an_image() -> None:
    result = lineage(extract_plan(REAL / "national-13th-fyp.md"), extract_plan(REAL / "national-14th-fyp.txt"))
    pairs = {(p.old.name, p.new.name) for p in result.continued}
    assert ("自然岸线保有率", "自然岸线保有率") in pairs
    assert ("高中阶段教育毛入学率", "高中阶段教育毛入学率") in pairs
    assert ("战略性新兴产业增加值占国内生产总值比重", "战略性新兴产业增加值占GDP比重") in pairs  # synonym
    assert all(p.old.source == "text" for p in result.continued)  # the 13th's table is an image
    assert result.notes and "正文" in result.notes[0]


def test_a_plan_document_and_its_own_table_give_the_same_lineage() -> None:
    from_document = lineage(extract_plan(REAL / "national-14th-fyp.txt"), extract_plan(TABLE_15))
    from_table = lineage(extract_plan(TABLE_14), extract_plan(TABLE_15))
    assert [(p.old.key, p.new.key, p.rule) for p in from_document.continued] == \
        [(p.old.key, p.new.key, p.rule) for p in from_table.continued]
    assert not from_document.old.with_text  # both have tables: commitments are not measures


def test_the_command_prints_chinese_text_and_writes_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["lineage", str(TABLE_14), str(TABLE_15)]) == 0
    text = capsys.readouterr().out
    assert "延续 16 项：" in text and "新增 5 项：" in text and "取消 4 项：" in text
    assert "粮食综合生产能力（亿吨） → 19 粮食综合生产能力（万亿斤）：名称相同；单位已换算" in text
    out = tmp_path / "lineage.json"
    assert main(["lineage", str(TABLE_14), str(TABLE_15), "--format", "json", "-o", str(out)]) == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert len(data["continued"]) == 16 and data["new"]["end_year"] == 2030


@pytest.mark.parametrize("case", ["missing", "not_a_plan", "data_table", "binary"])
def test_bad_input_is_one_chinese_line_exit_2_and_nothing_written(tmp_path: Path, case: str) -> None:
    bad = tmp_path / {"missing": "nope.csv", "not_a_plan": "note.txt", "data_table": "obs.csv",
                      "binary": "x.csv"}[case]
    if case == "not_a_plan":
        bad.write_text("这是一段普通的文字，不是规划。\n", encoding="utf-8")
    elif case == "data_table":
        bad.write_text("indicator,year,value\n地区生产总值增长,2021,9.0\n", encoding="utf-8")
    elif case == "binary":
        bad.write_bytes(bytes(range(256)) * 8)
    out = tmp_path / "out.json"
    run = subprocess.run([sys.executable, "-m", "planwatch.cli", "lineage", str(TABLE_14), str(bad), "-o", str(out)],
                         capture_output=True, text=True, check=False, timeout=60)
    assert run.returncode == 2
    assert run.stdout == ""
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("planwatch: 错误：") and "Traceback" not in run.stderr
    assert any("\u4e00" <= ch <= "\u9fff" for ch in lines[0].removeprefix("planwatch: 错误："))
    assert not out.exists() and [p.name for p in tmp_path.iterdir()] == ([bad.name] if bad.exists() else [])


def test_the_old_plans_final_values_become_the_new_baselines_the_new_table_lacks(tmp_path: Path) -> None:
    old = tmp_path / "old.csv"
    old.write_text("类别,指标,2020年,2025年,年均/累计,属性\n绿色,1.森林覆盖率（%）,30,33,—,约束性\n"
                   "安全,2.粮食产量（万吨）,90,100,—,约束性\n民生,3.城镇化率（%）,60,65,—,预期性\n", encoding="utf-8")
    new = tmp_path / "new.csv"
    new.write_text("类别,指标,2025年,2030年,年均/累计,属性\n绿色,1.森林覆盖率（%）,—,35,—,约束性\n"
                   "安全,2.粮食产量（亿斤）,—,22,—,约束性\n民生,3.城镇化率（%）,—,70,—,预期性\n", encoding="utf-8")
    data = tmp_path / "obs.csv"
    data.write_text("indicator,year,value,flag,source\n森林覆盖率,2025,33.5,全年,示例\n粮食产量,2025,101,全年,示例\n"
                    "城镇化率,2025,64,1-9月,示例\n", encoding="utf-8")
    out = tmp_path / "lineage.json"
    assert main(["lineage", str(old), str(new), "--data", str(data), "--format", "json", "-o", str(out)]) == 0
    pairs = {p["old"]["key"]: p for p in json.loads(out.read_text(encoding="utf-8"))["continued"]}
    assert pairs["1"]["carried_baseline"] == 33.5 and pairs["1"]["carried_from"] == "2025年实际值（示例）"
    assert pairs["2"]["carried_baseline"] == pytest.approx(20.2)  # 101万吨 = 20.2亿斤 (1万吨 = 0.2亿斤)
    assert pairs["3"]["carried_baseline"] is None  # a part-year value never stands for the year

"""One unreadable cell never stops a document: the cell is kept as written, a warning names its place and the
reason (in Chinese), the rest of the plan is read; ``extract`` exits 0 and prints the warning on stderr, its JSON
carries ``warnings[]``, ``check`` lists it. A file that is no plan at all still exits 2."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from planwatch.cli import main
from planwatch.core.extract import extract_plan

REAL = Path(__file__).resolve().parents[2] / "shared" / "plans" / "real"
NATIONAL_14TH = REAL / "national-14th-fyp.txt"
PLACE = "主要指标表第3行（常住人口城镇化率）“2020年”列"


@pytest.fixture
def plan_file(tmp_path: Path) -> Path:
    """The national 14th table, its 3rd baseline cell spoilt (60.6? — a figure in no known form)."""
    if not NATIONAL_14TH.is_file():
        pytest.skip("the shared corpus of real plans is not at hand")
    text = NATIONAL_14TH.read_text(encoding="utf-8")
    assert text.count("\t60.6*\n") == 1
    path = tmp_path / "plan.txt"
    path.write_text(text.replace("\t60.6*\n", "\t60.6?7\n"), encoding="utf-8")
    return path


def test_the_plan_is_still_extracted_with_a_warning_for_the_cell(plan_file: Path) -> None:
    plan = extract_plan(plan_file)
    assert plan.counts()["indicators"] == 20 and plan.counts()["chapters"] == 65
    (warning,) = plan.warnings
    assert warning.place == PLACE and warning.text == "60.6?7" and warning.node.endswith("tab1")
    assert warning.reason == "基期值无法识别：'60.6?7'，已保留原文，未作为数值使用"
    urban = plan.indicators[2]
    assert (urban.name, urban.baseline_raw, urban.baseline_value, urban.target.value) == (
        "常住人口城镇化率", "60.6?7", None, 65)


def test_extract_exits_0_prints_the_warning_on_stderr_and_in_the_json(plan_file: Path, tmp_path: Path,
                                                                      capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "plan.json"
    assert main(["extract", str(plan_file), "--format", "json", "-o", str(out)]) == 0
    assert capsys.readouterr().err == f"planwatch: 警告：{PLACE}：基期值无法识别：'60.6?7'，已保留原文，未作为数值使用\n"
    data = json.loads(out.read_text(encoding="utf-8"))
    (warning,) = data["warnings"]
    assert warning["place"] == PLACE and warning["text"] == "60.6?7" and "基期值无法识别" in warning["reason"]
    assert data["indicators"][2]["baseline"] == {"year": 2020, "value": None, "raw": "60.6?7"}


def test_check_lists_the_warning(plan_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(plan_file)]) == 1
    out = capsys.readouterr().out
    assert "读入警告 1 处（原文已保留，未作为数值使用）：" in out and PLACE in out
    assert main(["check", str(plan_file), "--format", "json"]) == 1
    (finding,) = [f for f in json.loads(capsys.readouterr().out) if f["code"] == "unreadable"]
    assert finding["details"]["text"] == "60.6?7" and finding["location"].endswith("tab1")


def test_check_runs_on_the_national_14th_plan(plan_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(NATIONAL_14TH)]) == 0
    assert capsys.readouterr().out == "未发现不一致。\n"
    assert main(["extract", str(NATIONAL_14TH)]) == 0
    captured = capsys.readouterr()
    assert captured.err == "" and "主要指标：20项（预期性12项、约束性8项）" in captured.out


def test_a_file_that_is_no_plan_still_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "note.txt"
    path.write_text("今天天气很好。\n我们去公园散步。\n", encoding="utf-8")
    assert main(["extract", str(path)]) == 2
    assert "不像一份规划文本" in capsys.readouterr().err

"""Corrections to what was read (core.corrections): the same JSON the web records, applied by the CLI with
``planwatch extract PLAN --corrections FILE``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from planwatch.cli import main
from planwatch.core.corrections import apply_corrections, parse_corrections
from planwatch.core.errors import InputError
from planwatch.core.extract import extract_plan

from .test_corpus_structure import REAL

NATIONAL_14TH = REAL / "national-14th-fyp.txt"
CORRECTIONS = {"corrections": [
    {"indicator": "3", "field": "target", "value": "≥66"},
    {"indicator": "14", "field": "growth", "value": "〔13〕"},
    {"indicator": "14", "field": "growth", "value": "〔13.5〕"},  # the later one wins
    {"indicator": "9", "field": "attribute", "value": "预期性"},
    {"indicator": "8", "field": "kind", "value": "ceiling"},
    {"indicator": "8", "field": "direction", "value": "lower"},
    {"indicator": "5", "field": "name", "value": "每万人口高价值发明专利拥有量（件）"},
]}


def test_corrections_change_the_cells_they_name_and_nothing_else() -> None:
    plan = extract_plan(NATIONAL_14TH)
    corrected = apply_corrections(plan, parse_corrections(CORRECTIONS))
    rows = {i.display_no: i for i in corrected.plan.indicators}
    assert (rows["3"].target.comparator, rows["3"].target.value, rows["3"].target.raw) == ("ge", 66.0, "≥66")
    assert (rows["14"].growth.value, rows["14"].growth.cumulative) == (13.5, True)
    assert rows["9"].attribute == "expected"
    assert rows["5"].name == "每万人口高价值发明专利拥有量（件）"
    assert (corrected.kinds, corrected.directions) == ({8: "ceiling"}, {8: "lower"})
    untouched = [i for i in plan.indicators if i.display_no not in ("3", "5", "9", "14")]
    assert untouched == [rows[i.display_no] for i in untouched]


def test_a_rejected_commitment_is_left_out() -> None:
    plan = extract_plan(NATIONAL_14TH)
    first = plan.commitments[0]
    corrected = apply_corrections(plan, parse_corrections([
        {"commitment": first.quantity, "node": first.node, "accepted": False}]))
    assert len(corrected.plan.commitments) == len(plan.commitments) - 1
    assert first not in corrected.plan.commitments


@pytest.mark.parametrize(("item", "message"), [
    ({"indicator": "99", "field": "target", "value": "1"}, "更正第1条：没有序号为“99”的指标"),
    ({"indicator": "3", "field": "colour", "value": "1"}, "更正第1条：不能更正“colour”"),
    ({"indicator": "3", "field": "target", "value": "3,500"}, "更正第1条（指标3）：目标值无法识别：'3,500'"),
    ({"indicator": "3", "field": "kind", "value": "magic"}, "更正第1条：类型“magic”无效"),
    ({"commitment": "没有这句话", "node": "ch1", "accepted": False}, "更正第1条：没有量化承诺“没有这句话”"),
    ({"what": 1}, "更正第1条应指明"),
])
def test_a_correction_that_does_not_apply_is_refused_with_its_number(item: dict[str, object], message: str) -> None:
    with pytest.raises(InputError, match="^" + message.replace("(", r"\(").replace(")", r"\)")):
        apply_corrections(extract_plan(NATIONAL_14TH), parse_corrections([item]))


def test_the_cli_applies_a_corrections_file(tmp_path: Path) -> None:
    corrections, out = tmp_path / "更正.json", tmp_path / "plan.json"
    corrections.write_text(json.dumps(CORRECTIONS, ensure_ascii=False), encoding="utf-8")
    assert main(["extract", str(NATIONAL_14TH), "--format", "json", "--corrections", str(corrections),
                 "-o", str(out)]) == 0
    rows = {i["label"]: i for i in json.loads(out.read_text(encoding="utf-8"))["indicators"]}
    assert rows["3"]["target"]["raw"] == "≥66" and rows["3"]["target"]["comparator"] == "ge"
    assert (rows["8"]["kind"], rows["8"]["direction"]) == ("ceiling", "lower")
    assert "kind" not in rows["3"]  # only what a correction set


def test_the_cli_refuses_a_bad_corrections_file_and_writes_nothing(tmp_path: Path,
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    corrections, out = tmp_path / "更正.json", tmp_path / "plan.json"
    corrections.write_text("[{\"indicator\": \"99\", \"field\": \"target\", \"value\": \"1\"}]", encoding="utf-8")
    assert main(["extract", str(NATIONAL_14TH), "--corrections", str(corrections), "-o", str(out)]) == 2
    assert "更正第1条：没有序号为“99”的指标" in capsys.readouterr().err
    assert not out.exists()
    corrections.write_text("{not json", encoding="utf-8")
    assert main(["extract", str(NATIONAL_14TH), "--corrections", str(corrections), "-o", str(out)]) == 2
    assert "更正文件无法读取" in capsys.readouterr().err

"""`planwatch lineage` says why two indicators were paired in Chinese and in English: the JSON carries the rule's
code (``rule``), the Chinese reason, units message and notes as before, and their English beside them
(``reason_en``, ``units.message_en``, ``notes_en``, ``rules_en``), and whether the pair continues exactly (same name,
same unit); the text output stays the Chinese it was, byte for byte (tests/fixtures/lineage/national-14-15-lineage.txt,
written by the version before the English was added)."""

from __future__ import annotations

import json
import re
import string
from pathlib import Path

import pytest

from planwatch.cli import main
from planwatch.core.extract import extract_plan
from planwatch.core.lineage import PHRASES, RULE_LABELS, RULE_LABELS_EN, RULES, lineage

from .conftest import FIXTURES

REAL = Path(__file__).resolve().parents[2] / "shared" / "plans" / "real"
TABLE_14, TABLE_15 = REAL / "national-14th-main-indicators.csv", REAL / "national-15th-main-indicators.csv"
CJK = re.compile(r"[\u4e00-\u9fff]")


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_phrase_has_its_english_with_the_same_arguments() -> None:
    assert set(PHRASES["zh"]) == set(PHRASES["en"])
    for key, zh in PHRASES["zh"].items():
        assert _fields(zh) == _fields(PHRASES["en"][key]), key
        assert not CJK.search(PHRASES["en"][key].replace("正文", "")), key  # 正文 is the mark the text shows
    assert set(RULE_LABELS) == set(RULE_LABELS_EN) == set(RULES)


def test_the_text_output_is_the_chinese_it_was(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["lineage", str(TABLE_14), str(TABLE_15)]) == 0
    expected = (FIXTURES / "lineage" / "national-14-15-lineage.txt").read_text(encoding="utf-8")
    assert capsys.readouterr().out.replace("\r\n", "\n") == expected


def test_the_json_carries_the_code_the_chinese_and_the_english(tmp_path: Path) -> None:
    out = tmp_path / "lineage.json"
    assert main(["lineage", str(TABLE_14), str(TABLE_15), "--format", "json", "-o", str(out)]) == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["rules_en"] == RULE_LABELS_EN and data["rules"] == RULE_LABELS
    pairs = {p["old"]["key"]: p for p in data["continued"]}
    for p in pairs.values():
        assert p["reason"] == RULE_LABELS[p["rule"]] and p["reason_en"] == RULE_LABELS_EN[p["rule"]]
        assert len(p["notes_en"]) == len(p["notes"]) and bool(p["units"]["message_en"]) == bool(p["units"]["message"])
    assert (pairs["1"]["reason_en"], pairs["1"]["exact"]) == ("same name", True)
    assert (pairs["10"]["reason_en"], pairs["10"]["exact"]) == ("same name without the bracketed qualifier", False)
    assert pairs["10"]["notes_en"] == [("the bracketed qualifier （助理） differs; the statistical definition may have "
                                        "changed")]
    grain = pairs["19"]  # 粮食综合生产能力: same name, but 亿吨 → 万亿斤 is no exact continuation
    assert (grain["rule"], grain["exact"]) == ("same_name", False)
    assert grain["units"]["message_en"] == "unit converted: 1 亿吨 = 0.2 万亿斤"
    assert grain["units"]["message"] == "单位已换算：1亿吨 = 0.2万亿斤"
    assert "1.3 万亿斤" in grain["notes_en"][0] and "折合1.3万亿斤" in grain["notes"][0]
    water = pairs["17"]  # renamed: 地表水达到或好于Ⅲ类水体比例 → 优良水体比例
    assert water["notes_en"] == ["the name has changed; the administrator confirms the statistical definition"]
    assert sum(p["exact"] for p in pairs.values()) == sum(
        p["rule"] == "same_name" and p["units"]["status"] == "same" and not p["confirm"] for p in pairs.values())


def test_a_similarity_and_a_file_note_are_said_in_both_languages() -> None:
    result = lineage(extract_plan(REAL / "national-13th-fyp.md"), extract_plan(REAL / "national-14th-fyp.txt"))
    assert result.notes == ("至少一方没有可读的主要指标表，正文中的量化目标（标“正文”）一并比较",)
    assert result.notes_in("en")[0].startswith("at least one side has no readable main-indicator table")
    similar = [pair for pair in result.continued if pair.rule == "similar"]
    assert similar  # 13th → 14th has pairs of similar names
    for pair in similar:
        if pair.similarity is not None:
            assert pair.reason == f"单位相同且名称相近（相似度{pair.similarity:.2f}）"
            assert pair.reason_in("en") == f"same unit and a similar name (similarity {pair.similarity:.2f})"

"""`planwatch extract --format json` on every corpus plan gives the counts a careful reader counts by hand
(../shared/plans/real/README.md; the Jinpu plan's in ../shared/README.md): the whole command, not only the outline
builder, so that what a user sees in the JSON and the text summary is what the plan holds."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from planwatch.cli import main

SHARED = Path(__file__).resolve().parents[2] / "shared" / "plans"
REAL = SHARED / "real"
pytestmark = pytest.mark.skipif(not REAL.is_dir(), reason=f"{REAL} is not here")

# file → the hand counts (only the keys the README counts; each key compared exactly)
HAND = {
    "national-14th-fyp.txt": {"parts": 19, "chapters": 65, "sections": 192, "columns": 1, "indicators": 20,
                              "expected": 12, "binding": 8},
    "national-13th-fyp.md": {"parts": 20, "chapters": 80, "sections": 237},
    # 18 专栏, of which 1–2 are images: 16 in the text
    "national-11th-fyp.txt": {"parts": 14, "chapters": 48, "sections": 142, "columns": 16},
    "rural-revitalization-2024-2027.txt": {"parts": 0, "chapters": 0, "sections": 0, "subsections": 11,
                                           "clauses": 34},
    "national-14th-main-indicators.csv": {"indicators": 20, "indicator_rows": 20, "expected": 12, "binding": 8},
    "national-15th-main-indicators.csv": {"indicators": 20, "indicator_rows": 21, "expected": 12, "binding": 8},
    "../jinpu-14th-fyp.txt": {"chapters": 10, "sections": 45, "columns": 26, "indicators": 23, "expected": 17,
                              "binding": 6},
}


def _extract(name: str, tmp_path: Path) -> dict[str, Any]:
    out = tmp_path / "plan.json"
    assert main(["extract", str(REAL / name), "--format", "json", "-o", str(out)]) == 0
    data: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
    return data


@pytest.mark.parametrize("name", sorted(HAND))
def test_extract_gives_the_hand_counts_of_each_corpus_plan(name: str, tmp_path: Path) -> None:
    counts = _extract(name, tmp_path)["counts"]
    assert {key: counts[key] for key in HAND[name]} == HAND[name]


def test_the_text_summary_of_a_numbered_plan_lists_its_numbered_headings(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["extract", str(REAL / "rural-revitalization-2024-2027.txt")]) == 0
    out = capsys.readouterr().out
    assert "“一、”标题11个、“（一）”标题34个" in out  # was 0章 0节 and an empty 目录
    assert "二、  优化城乡发展格局，分类有序推进乡村全面振兴  [sub2]" in out
    assert "  （一）  统筹优化城乡发展布局  [sub2/cl1]" in out
    assert sum(1 for line in out.splitlines() if line.endswith("]")) == 11 + 34


def test_the_eleventh_plan_names_its_transport_works_and_the_glued_item(tmp_path: Path) -> None:
    projects = _extract("national-11th-fyp.txt", tmp_path)["projects"]
    # by hand: 专栏4 14, 5 7, 7 45 (17 rail, 14 motorways, 港口, 水运, 12 airports), 10 10, 11 6, 12 10, 13 5,
    # 14 14, 15 5, 16 9, 17 7
    assert len(projects) == 14 + 7 + 45 + 10 + 6 + 10 + 5 + 14 + 5 + 9 + 7
    assert {p["sector"] for p in projects if p["column"] == "7"} == {"铁路", "公路", "机场", ""}
    assert "大型飞机" in {p["name"] for p in projects}

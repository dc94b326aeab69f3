"""Text plans in any common Chinese encoding are detected from their bytes, not their name."""

from __future__ import annotations

from pathlib import Path

import pytest

from planwatch.core.extract import extract_plan
from planwatch.core.model import Plan

from .conftest import JINPU_TXT


@pytest.mark.parametrize(("encoding", "reported"), [
    ("utf-8", "utf-8"), ("utf-8-sig", "utf-8-sig"), ("gb18030", "gb18030"), ("gbk", "gb18030"),
    ("utf-16", "utf-16")])
def test_it_detects_the_encoding_and_reads_the_same_plan(tmp_path: Path, jinpu: Plan, encoding: str,
                                                         reported: str) -> None:
    text = JINPU_TXT.read_text(encoding="utf-8")
    if encoding == "gbk":
        text = text.replace("²", "2").replace("³", "3")  # km², C³ have no GBK code (GB18030 has them)
    path = tmp_path / "plan.dat"  # no telling extension
    path.write_bytes(text.encode(encoding, errors="strict"))
    plan = extract_plan(path)
    assert plan.source.encoding == reported
    assert plan.counts() == jinpu.counts()
    assert plan.indicators == jinpu.indicators


def test_it_reads_big5_through_detection(tmp_path: Path) -> None:
    text = "第一章 發展基礎\n第一節 主要目標\n到2025年，地區生產總值年均增長6%以上，全區新增企業100家以上。\n" * 3
    path = tmp_path / "big5.txt"
    path.write_bytes(text.encode("big5"))
    plan = extract_plan(path)
    assert plan.counts()["chapters"] == 3

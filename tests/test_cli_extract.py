"""`planwatch extract`: text for people, JSON for programs, written atomically."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from planwatch.cli import main

from .conftest import JINPU_TXT


def test_text_output_summarises_the_plan(capsys: object) -> None:
    assert main(["extract", str(JINPU_TXT)]) == 0
    out = capsys.readouterr().out  # type: ignore[attr-defined]
    assert "结构：10章 45节 26个专栏" in out
    assert "主要指标：23项（预期性17项、约束性6项）" in out
    assert "  第三章  构建智造引领的现代产业新体系  [ch3]" in out
    assert " 19  绿色发展  单位地区生产总值能源消耗降低  %  3.03  [13.5] ②  —  约束性" in out


def test_json_output_follows_the_documented_schema(tmp_path: Path) -> None:
    out = tmp_path / "plan.json"
    assert main(["extract", str(JINPU_TXT), "--format", "json", "-o", str(out)]) == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["schema_version"] == "1.0"
    assert set(data["counts"]) >= {"chapters", "sections", "columns", "indicators", "expected", "binding",
                                   "commitments", "projects", "tasks"}
    ind = data["indicators"][18]
    assert set(ind) >= {"no", "category", "name", "unit", "baseline", "target", "growth", "attribute", "notes"}
    assert ind["target"] == {"year": 2025, "raw": "[13.5] ②", "value": 13.5, "value_max": None, "comparator": "eq",
                             "cumulative": True}
    assert set(data["commitments"][0]) >= {"text", "deadline", "recurring", "value", "value_max", "unit",
                                           "comparator", "node"}
    assert set(data["projects"][0]) >= {"name", "column", "sector"}
    assert data["structure"][1]["id"] == "ch1"
    column = data["structure"][3]["children"][0]["children"][0]
    assert (column["id"], column["title"]) == ("ch3/s1/col3-1", "优势制造业发展重大项目")
    assert [item["title"] for item in column["items"]] == ["石油化工产业", "新一代汽车产业", "电子信息产业", "高端装备制造业"]
    assert data["glossary"][1]["indicators"] == [8]


def test_the_console_script_runs_as_a_module(tmp_path: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "planwatch", "extract", str(JINPU_TXT), "--format", "json"],
                            capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 0
    assert json.loads(result.stdout)["counts"]["indicators"] == 23


def test_an_output_directory_that_does_not_exist_is_an_error(tmp_path: Path, capsys: object) -> None:
    assert main(["extract", str(JINPU_TXT), "-o", str(tmp_path / "no" / "plan.txt")]) == 2
    assert "输出目录不存在" in capsys.readouterr().err  # type: ignore[attr-defined]

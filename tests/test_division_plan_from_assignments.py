"""`planwatch report --kind division`: the official 分工表 (序号, 任务内容, 牵头单位, 配合单位, 完成时限) as Excel,
filled from the platform's assignment template when one is given; without one the lead unit is 待明确."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from planwatch.cli import main
from planwatch.core.extract import extract_plan

from .conftest import FIXTURES, JINPU_TXT

DATA = FIXTURES / "data" / "jinpu-obs-simulated.csv"
HEADER = ["编号", "名称", "所在章节", "牵头单位", "配合单位（用、分隔）", "完成时限（YYYY-MM-DD）"]  # the template's


def _template(path: Path, rows: dict[str, list[list[object]]]) -> Path:
    wb = openpyxl.Workbook()
    wb.remove(wb.active)  # type: ignore[arg-type]
    for title, body in rows.items():
        ws = wb.create_sheet(title)
        ws.append(HEADER)
        for row in body:
            ws.append(row)
    wb.save(path)
    return path


def _division(tmp_path: Path, *extra: str) -> tuple[int, Path]:
    out = tmp_path / "分工方案.xlsx"
    return main(["report", "--plan", str(JINPU_TXT), "--data", str(DATA), "--as-of", "2023", "--kind", "division",
                 *extra, "-o", str(out)]), out


def test_the_division_table_carries_the_assignments(tmp_path: Path) -> None:
    plan = extract_plan(JINPU_TXT)
    task, project = plan.tasks[3], plan.projects[0]
    assignments = _template(tmp_path / "分工.xlsx", {
        "重点任务": [[101, task.title, task.node, "发展和改革局", "统计局、财政局", "2024-06-30"]],
        "重大项目": [[7, project.name, project.node, "'=工业和信息化局", "", ""]],  # written safe by the template
    })
    code, out = _division(tmp_path, "--assignments", str(assignments))
    assert code == 0
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["重点任务分工表", "重大项目分工表", "量化承诺分工表"]
    tasks = list(wb["重点任务分工表"].iter_rows(min_row=2, values_only=True))
    assert tasks[0] == ("序号", "任务内容", "牵头单位", "配合单位", "完成时限")
    assert [r[1] for r in tasks[1:]] == [t.title for t in plan.tasks]
    assert tasks[4] == ("4", task.title, "发展和改革局", "统计局、财政局", "2024年6月30日")
    assert {r[2] for i, r in enumerate(tasks[1:]) if i != 3} == {"待明确"}
    assert {r[4] for i, r in enumerate(tasks[1:]) if i != 3} == {"2025年"}  # the plan's end
    projects = list(wb["重大项目分工表"].iter_rows(min_row=3, values_only=True))
    assert projects[0][1:3] == (project.name, "'=工业和信息化局") and len(projects) == len(plan.projects)
    commitments = list(wb["量化承诺分工表"].iter_rows(min_row=3, values_only=True))
    assert [r[1] for r in commitments] == [c.quantity for c in plan.commitments]


def test_a_template_of_another_plan_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assignments = _template(tmp_path / "分工.xlsx", {"重点任务": [[1, "不存在的任务", "ch1", "发展和改革局", "", ""]]})
    code, out = _division(tmp_path, "--assignments", str(assignments))
    assert code == 2 and "在本规划中找不到" in capsys.readouterr().err and not out.exists()


def test_a_file_that_is_not_a_workbook_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "分工.xlsx"
    bad.write_bytes(b"not a workbook")
    code, out = _division(tmp_path, "--assignments", str(bad))
    assert code == 2 and "分工.xlsx" in capsys.readouterr().err and not out.exists()

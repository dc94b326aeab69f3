"""A report judges each indicator by the target in force in its year and says when a target was revised (issue 13,
item 7: "reports say when a target was revised"). The plan is tests/fixtures/eval-plan.csv (3 外贸进出口总额
2470 → 3500左右 亿元); the figures and the revising document are 示例 made up for this test."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx import Document

from planwatch.cli import main

PLAN = Path(__file__).resolve().parent / "fixtures" / "eval-plan.csv"
NOTICE = "示例：某区人民政府关于调整“十四五”规划部分指标目标的通知"


def _text(path: Path) -> str:
    doc = Document(str(path))
    cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in doc.paragraphs] + cells)


@pytest.fixture()
def files(tmp_path: Path) -> tuple[Path, Path]:
    data = tmp_path / "obs.csv"
    data.write_text("indicator,year,value\n3,2021,2600\n3,2022,2700\n3,2023,2800\n3,2024,2900\n3,2025,3000\n"
                    "1,2021,6.0\n1,2022,5.5\n1,2023,5.0\n1,2024,5.0\n1,2025,5.0\n", encoding="utf-8")
    revisions = tmp_path / "revisions.csv"
    revisions.write_text(f"indicator,target,effective_from,document,reason\n3,3000左右,2023,{NOTICE},中期评估后调整\n",
                         encoding="utf-8")
    return data, revisions


def test_the_final_report_judges_by_the_revised_target_and_says_so(tmp_path: Path, files: tuple[Path, Path]) -> None:
    data, revisions = files
    plain, revised = tmp_path / "plain.docx", tmp_path / "revised.docx"
    common = ["report", "--plan", str(PLAN), "--data", str(data), "--as-of", "2025", "--kind", "final",
              "--default-region", "某区"]
    assert main([*common, "-o", str(plain)]) == 0
    assert main([*common, "--revisions", str(revisions), "-o", str(revised)]) == 0

    before, after = _text(plain), _text(revised)
    assert "年起调整" not in before and "3500左右" in before
    # the table's target column gives the revised target, its year, the plan's own and the document
    assert f"3000左右（2023年起调整，原目标3500左右；依据：{NOTICE}）" in after


def test_a_bad_revisions_file_writes_no_report(tmp_path: Path, files: tuple[Path, Path],
                                              capsys: pytest.CaptureFixture[str]) -> None:
    data, revisions = files
    revisions.write_text(f"indicator,target,effective_from,document\n99,3000,2023,{NOTICE}\n", encoding="utf-8")
    out = tmp_path / "r.docx"
    assert main(["report", "--plan", str(PLAN), "--data", str(data), "--as-of", "2025", "--kind", "final",
                 "--default-region", "某区", "--revisions", str(revisions), "-o", str(out)]) == 2
    assert not out.exists() and "没有序号为99的指标" in capsys.readouterr().err

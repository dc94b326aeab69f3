"""The annual monitoring report and the final evaluation of the same data are different documents, not one
report under two titles: their sections, their tables and their sentences differ."""

from __future__ import annotations

from pathlib import Path

import docx

from planwatch.cli import main

from .conftest import FIXTURES, JINPU_TXT

DATA = FIXTURES / "data" / "jinpu-obs-simulated.csv"


def _body(tmp_path: Path, kind: str) -> tuple[list[str], list[tuple[str, ...]]]:
    out = tmp_path / f"{kind}.docx"
    assert main(["report", "--plan", str(JINPU_TXT), "--data", str(DATA), "--as-of", "2025", "--kind", kind,
                 "--title", "金普新区规划", "-o", str(out)]) == 0
    document = docx.Document(str(out))
    paragraphs = [p.text for p in document.paragraphs[1:] if p.text]  # without the title
    annex = next(i for i, p in enumerate(paragraphs) if p.startswith("附件"))  # the method annex is shared
    first = next(i for i, p in enumerate(paragraphs) if p.startswith("一、"))  # after the subtitle and notices
    paragraphs = [p for p in paragraphs[first:annex] if not p.startswith(("图", "表"))]  # sentences, not captions
    return paragraphs, [tuple(c.text for c in t.rows[0].cells) for t in document.tables]


def test_annual_and_final_reports_differ_in_content(tmp_path: Path) -> None:
    annual, annual_tables = _body(tmp_path, "annual")
    final, final_tables = _body(tmp_path, "final")
    shared = set(annual) & set(final)
    assert len(shared) <= 0.1 * min(len(annual), len(final)), sorted(shared)
    assert "三、预警" in annual and "三、预警" not in final
    assert "四、存在的主要问题" in final and not any("存在的主要问题" in p for p in annual)
    assert any(p.startswith("五、对“十五五”的建议") for p in final)
    assert annual_tables[0] != final_tables[0]  # 2025年目标 / 2025年实际 against 类别 and 目标值
    assert "2025年目标" in annual_tables[0] and "类别" in final_tables[0]

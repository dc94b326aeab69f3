"""The command line's table shows no explanation, so it never writes one: the sentences of a result are written
only when first asked for (issue #16), and the JSON, which shows them, still does."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from planwatch.cli import main
from planwatch.core.evaluation import Explanations

from .conftest import JINPU_TXT

DATA = Path(__file__).resolve().parent / "fixtures" / "data" / "jinpu-obs-simulated.csv"


def test_the_table_is_written_without_a_sentence(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[str] = []
    written = Explanations.texts
    monkeypatch.setattr(Explanations, "texts", lambda self, language: asked.append(language) or written(self, language))
    args = ["evaluate", "--plan", str(JINPU_TXT), "--data", str(DATA), "--as-of", "2025", "-o"]
    assert main([*args, str(tmp_path / "table.txt")]) == 0
    assert asked == [] and "序号  指标名称" in (tmp_path / "table.txt").read_text(encoding="utf-8")
    assert main([*args, str(tmp_path / "out.json"), "--format", "json"]) == 0
    records = json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))
    assert set(asked) == {"zh", "en"} and all(r["explanation"] and r["explanation_en"] for r in records)

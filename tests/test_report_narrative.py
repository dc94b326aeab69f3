"""Texts a person wrote replace the drafted ones: `--narrative FILE.json` maps a section code to its text
(the platform keeps them per report later; the report builder takes the same mapping)."""

from __future__ import annotations

import json
from pathlib import Path

import docx
import pytest

from planwatch.cli import main
from planwatch.core.evaluation import LAGGING, evaluate
from planwatch.core.extract import extract_plan
from planwatch.core.kinds import plan_specs
from planwatch.core.observations import read_observations

from .conftest import FIXTURES, JINPU_TXT

DATA = FIXTURES / "data" / "jinpu-obs-simulated.csv"


def _run(tmp_path: Path, narrative: dict[str, str]) -> tuple[int, Path]:
    texts = tmp_path / "narrative.json"
    texts.write_text(json.dumps(narrative, ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "midterm.docx"
    code = main(["report", "--plan", str(JINPU_TXT), "--data", str(DATA), "--as-of", "2023", "--kind", "midterm",
                 "--narrative", str(texts), "-o", str(out)])
    return code, out


def test_a_persons_texts_replace_the_drafts(tmp_path: Path) -> None:
    plan = extract_plan(JINPU_TXT)
    results = evaluate(plan_specs(plan.indicators, 2020, 2025), read_observations(DATA, plan.indicators, "本地区"),
                       2023)
    lagging = next(e for e in results if e.status in LAGGING)
    code, out = _run(tmp_path, {"problems": "一是消费恢复偏慢。\n\n二是外贸承压。",
                                f"cause.{lagging.no}": "受外部需求收缩影响。"})
    assert code == 0
    paragraphs = [p.text for p in docx.Document(str(out)).paragraphs if p.text]
    at = paragraphs.index("四、存在的主要问题")
    assert paragraphs[at + 1:at + 4] == ["一是消费恢复偏慢。", "二是外贸承压。", "五、下一步工作建议"]
    heading = next(i for i, p in enumerate(paragraphs) if p.endswith(lagging.name) and p[:1].isdigit())
    fields = heading + (3 if lagging.binding else 2)  # after the sentence and, for a binding one, its chart
    assert paragraphs[fields:fields + 4] == ["（1）主要原因", "受外部需求收缩影响。", "（2）拟采取的措施", "（待填写）"]


@pytest.mark.parametrize(("narrative", "message"), [
    ({"no_such_section": "x"}, "不是本报告的章节"),
    ({"problems": 3}, "JSON 对象"),
])
def test_unknown_sections_are_refused_and_nothing_is_written(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                             narrative: dict[str, object], message: str) -> None:
    code, out = _run(tmp_path, narrative)  # type: ignore[arg-type]
    assert code == 2 and message in capsys.readouterr().err and not out.exists()

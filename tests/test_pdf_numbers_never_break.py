"""The PDF report: no number in its indicator tables is split across lines, and the title leaves no character
alone on a line. Read back with PDFium (pypdfium2, the project's PDF reader): every character with its box."""

from __future__ import annotations

import itertools
import re

import pypdfium2 as pdfium
import pytest

from planwatch.cli import main
from planwatch.core.evaluation import evaluate
from planwatch.core.explain import fmt
from planwatch.core.extract import extract_plan
from planwatch.core.kinds import KINDS, plan_specs
from planwatch.core.observations import read_observations

from .conftest import FIXTURES, JINPU_TXT

DATA = FIXTURES / "data" / "jinpu-obs-simulated.csv"
TITLE = "大连金普新区国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要"
NUMBER = re.compile(r"(?<![\d.])\d+(?:\.\d+)?%?(?![\d.])")


@pytest.fixture(scope="module")
def pdf_chars(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[str, int, float, float]]:
    """(character, page, left, bottom) for every character laid out, in reading order, line breaks as "\\n"."""
    out = tmp_path_factory.mktemp("pdf") / "final.pdf"
    assert main(["report", "--plan", str(JINPU_TXT), "--data", str(DATA), "--as-of", "2025", "--kind", "final",
                 "--title", TITLE, "-o", str(out)]) == 0
    chars = []
    pdf = pdfium.PdfDocument(str(out))
    for number in range(len(pdf)):
        page = pdf[number].get_textpage()
        for i in range(page.count_chars()):
            ch = page.get_text_range(i, 1)
            if ch == "\r":
                continue
            if ch == "\n":  # a line break, kept as one character: a number split across lines spans it
                chars.append(("\n", number, 0.0, 0.0))
                continue
            left, bottom, _, _ = page.get_charbox(i)
            chars.append((ch, number, left, bottom))
    return chars


def _one_line(run: list[tuple[str, int, float, float]]) -> bool:
    """The characters sit on one line: no line break among them, one page, one baseline, left to right."""
    return (all(c[0] != "\n" for c in run) and len({c[1] for c in run}) == 1 and max(c[3] for c in run) - min(c[3] for c in run) < 3
            and all(b[2] > a[2] for a, b in itertools.pairwise(run)))


def test_no_number_of_the_indicator_table_is_split(pdf_chars: list[tuple[str, int, float, float]]) -> None:
    plan = extract_plan(JINPU_TXT)
    results = evaluate(plan_specs(plan.indicators, 2020, 2025), read_observations(DATA, plan.indicators, "本地区"),
                       2025)
    cells = [text for e in results for text in (
        e.actual_text, e.progress, "" if e.expected is None else fmt(e.expected, KINDS[e.kind].result_unit or e.unit))]
    cells += [fmt(i.baseline_value) for i in plan.indicators if i.baseline_value is not None]
    numbers = {m.group() for text in cells for m in NUMBER.finditer(text) if len(m.group()) >= 3}
    assert len(numbers) > 40
    stream = "".join(c[0] for c in pdf_chars)
    broken = []
    for number in sorted(numbers):
        pattern = "\n?".join(re.escape(ch) for ch in number)  # found whole, or across a line break
        spans = [m.span() for m in re.finditer(rf"(?<![\d.]){pattern}(?![\d.])", stream)]
        assert spans, f"{number} is not in the PDF"
        broken += [number for a, b in spans if not _one_line(pdf_chars[a:b])]
    assert not broken, broken


def test_the_title_leaves_no_character_alone(pdf_chars: list[tuple[str, int, float, float]]) -> None:
    chars = [c for c in pdf_chars if c[0] != "\n"]
    start = "".join(c[0] for c in chars).index(TITLE)
    title = chars[start:start + len(TITLE + "总结评估报告")]
    lines: list[list[float]] = []  # the characters' bottoms, line by line (a glyph's box varies by a point)
    for _, _, _, bottom in title:
        if lines and abs(lines[-1][0] - bottom) < 8:
            lines[-1].append(bottom)
        else:
            lines.append([bottom])
    sizes = [len(line) for line in lines]
    assert len(sizes) >= 2 and min(sizes) >= max(sizes) - 2, sizes  # balanced: 14, 14, 13 — not 20, 20, 1

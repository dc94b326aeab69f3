"""`planwatch report`: the Word report in official layout, its numbers against the evaluation, HTML in a browser."""

from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from docx.shared import Mm

from planwatch.cli import main
from planwatch.core.evaluation import evaluate
from planwatch.core.extract import extract_plan
from planwatch.core.kinds import plan_specs
from planwatch.core.observations import read_observations

from .conftest import FIXTURES, JINPU_TXT

DATA = FIXTURES / "data" / "jinpu-obs-simulated.csv"
TITLE = "大连金普新区国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要"


@pytest.fixture(scope="module")
def final_report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("report") / "总结评估.docx"
    assert main(["report", "--plan", str(JINPU_TXT), "--data", str(DATA), "--as-of", "2025", "--kind", "final",
                 "--title", TITLE, "-o", str(out)]) == 0
    return out


@pytest.fixture(scope="module")
def expected() -> list[object]:
    plan = extract_plan(JINPU_TXT)
    table = read_observations(DATA, plan.indicators, "本地区")
    return evaluate(plan_specs(plan.indicators, 2020, 2025), table, 2025)  # type: ignore[return-value]


def test_the_summary_counts_match_the_evaluation(final_report: Path, expected: list[object]) -> None:
    text = "\n".join(p.text for p in docx.Document(str(final_report)).paragraphs)
    counts = Counter(e.label for e in expected)  # type: ignore[attr-defined]
    assert f"23项主要指标中，{counts['已完成']}项已完成，{counts['未完成']}项未完成" in text
    binding = Counter(e.label for e in expected if e.binding)  # type: ignore[attr-defined]
    assert f"其中约束性指标6项：{binding['已完成']}项已完成、{binding['未完成']}项未完成" in text
    assert text.startswith(TITLE + "总结评估报告")


def test_the_indicator_table_matches_the_evaluation(final_report: Path, expected: list[object]) -> None:
    document = docx.Document(str(final_report))  # 附件1 主要指标完成情况表: every indicator, by number
    table = next(t for t in document.tables if t.rows[0].cells[0].text == "序号")
    rows = [[c.text for c in row.cells] for row in table.rows]
    assert rows[0] == ["序号", "指标", "属性", "单位", "基期值", "目标值", "应达值", "实际值（年份）", "进度", "评估结果"]
    by_no = {e.no: e for e in expected}  # type: ignore[attr-defined]
    assert len(rows) == 24
    for row in rows[1:]:
        e = by_no[int(row[0])]
        assert (row[1], row[7], row[8], row[9]) == (e.name, e.actual_text, e.progress, e.label)
    assert rows[19][5] == "[13.5] ②" and rows[1][5] == "年均增长6.5"
    shaded = table.rows[1].cells[9]._tc.tcPr.find(qn("w:shd"))
    assert shaded is not None and shaded.get(qn("w:fill")) in ("C8E6C9", "FFE0B2")


def test_it_has_the_layout_of_an_official_document(final_report: Path) -> None:
    document = docx.Document(str(final_report))
    section = document.sections[0]
    def mm(length: object) -> float:
        return round(int(length) / Mm(1), 1)  # type: ignore[call-overload]

    assert (mm(section.page_width), mm(section.page_height)) == (210.0, 297.0)  # A4 (Word keeps twips)
    assert [mm(x) for x in (section.top_margin, section.bottom_margin, section.left_margin,
                            section.right_margin)] == [37.0, 35.0, 28.0, 26.0]
    title_run = document.paragraphs[0].runs[0]
    assert title_run._element.rPr.rFonts.get(qn("w:eastAsia")) == "方正小标宋简体" and title_run.font.size.pt == 22
    headings = [p for p in document.paragraphs if p.text.startswith(("一、", "二、", "（一）"))]
    assert headings[0].text == "一、总体进展"
    assert headings[0].runs[0]._element.rPr.rFonts.get(qn("w:eastAsia")) == "黑体"
    assert any(p.text == "（一）约束性指标" for p in document.paragraphs)
    footer_xml = section.footer.paragraphs[0]._p.xml
    assert "PAGE" in footer_xml and "— " in section.footer.paragraphs[0].text
    assert len(document.inline_shapes) >= 2  # the overview chart and one per lagging indicator


def test_simulated_figures_are_declared_on_the_first_page(final_report: Path) -> None:
    paragraphs = [p.text for p in docx.Document(str(final_report)).paragraphs]
    assert paragraphs[3].startswith("说明：本报告部分数据为平台生成的模拟数据")


def test_real_data_only_says_so_and_reports_the_gaps(tmp_path: Path) -> None:
    real = Path(__file__).resolve().parents[1] / "src" / "planwatch" / "data" / "jinpu-published-figures.csv"
    out = tmp_path / "r.docx"
    assert main(["report", "--plan", str(JINPU_TXT), "--data", str(real), "--as-of", "2022", "--kind", "annual",
                 "--default-region", "金普新区", "-o", str(out)]) == 0
    text = "\n".join(p.text for p in docx.Document(str(out)).paragraphs)
    assert "模拟数据" not in text
    # 16, not 17: 22 地表水 (—⑤, 最终以市目标下达为准) is 目标待下达 whether or not it has data (issue #12)
    assert "16项指标没有报送数据" in text and "（未报送不按0计算）" in text


@pytest.mark.parametrize(("args", "message"), [
    (["--as-of", "2030"], "不在规划期"),
    (["--as-of", "2025", "--format", "odt"], "invalid choice"),
])
def test_bad_requests_get_a_clear_error_and_no_file(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                    args: list[str], message: str) -> None:
    out = tmp_path / "r.docx"
    try:
        code = main(["report", "--plan", str(JINPU_TXT), "--data", str(DATA), *args, "-o", str(out)])
    except SystemExit as exc:  # argparse refuses unknown choices itself
        code = int(str(exc.code))
    assert code == 2 and message in capsys.readouterr().err and not out.exists()


def test_a_plan_without_an_indicator_table_cannot_be_evaluated(tmp_path: Path,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    plan = tmp_path / "plan.txt"
    plan.write_text("第一章 总则\n加强领导。做好工作。\n", encoding="utf-8")
    assert main(["report", "--plan", str(plan), "--data", str(DATA), "--as-of", "2025", "-o",
                 str(tmp_path / "r.docx")]) == 2
    assert "没有主要指标表" in capsys.readouterr().err


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("chromium") is None, reason="Debian chromium needed")
def test_the_html_report_in_a_browser(tmp_path: Path) -> None:
    from playwright.sync_api import sync_playwright

    out = tmp_path / "report.html"
    assert main(["report", "--plan", str(JINPU_TXT), "--data", str(DATA), "--as-of", "2025", "--kind", "final",
                 "--title", TITLE, "-o", str(out)]) == 0
    shots = Path(__file__).resolve().parents[1] / "out" / "screenshots"
    shots.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=shutil.which("chromium"),
                                    args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        page = browser.new_page(viewport={"width": 900, "height": 1200})
        page.goto(out.as_uri())
        assert page.locator("h1").inner_text() == TITLE + "总结评估报告"
        assert page.locator("img").count() >= 2
        assert page.evaluate("Array.from(document.images).every(i => i.complete && i.naturalWidth > 0)")
        page.screenshot(path=str(shots / "report-html.png"), full_page=True)
        browser.close()


@pytest.mark.slow
def test_the_pdf_is_the_same_report(tmp_path: Path, expected: list[object]) -> None:
    import pypdfium2 as pdfium

    out = tmp_path / "report.pdf"
    assert main(["report", "--plan", str(JINPU_TXT), "--data", str(DATA), "--as-of", "2025", "--kind", "final",
                 "--title", TITLE, "-o", str(out)]) == 0
    pdf = pdfium.PdfDocument(str(out))
    assert len(pdf) >= 8
    width, height = pdf[0].get_size()
    assert (round(width), round(height)) == (595, 842)  # A4
    text = "".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf))).replace("\r\n", "")
    counts = Counter(e.label for e in expected)  # type: ignore[attr-defined]
    assert f"23项主要指标中，{counts['已完成']}项已完成" in text.replace(" ", "")
    assert "— 1 —" in pdf[0].get_textpage().get_text_range()  # the page number field was laid out


def test_a_comparison_across_regions(tmp_path: Path) -> None:
    import csv

    rows = [["indicator", "year", "value", "region", "source"]]
    for region, gdp, energy in (("甲区", [9, 8, 7, 7, 7], [3, 3, 3, 3, 3]), ("乙区", [3, 2, 2, 2, 2], [1, 1, 1, 1, 1]),
                                ("丙区", [7, 7, 7, 7, 7], [4, 1, 1, 1, 1])):
        for k in range(5):
            rows.append(["1", str(2021 + k), str(gdp[k]), region, "模拟数据（示例）"])
            rows.append(["19", str(2021 + k), str(energy[k]), region, "模拟数据（示例）"])
    data = tmp_path / "regions.csv"
    with data.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows(rows)
    out = tmp_path / "compare.docx"
    assert main(["report", "--plan", str(JINPU_TXT), "--data", str(data), "--as-of", "2025", "--kind", "final",
                 "--region", "甲区", "--compare", "-o", str(out)]) == 0
    document = docx.Document(str(out))
    assert any(p.text == "三、各地区比较" for p in document.paragraphs)
    table = next(t for t in document.tables if t.rows[0].cells[0].text == "地区")
    names = [r.cells[0].text for r in table.rows[1:]]
    # 能耗 (binding): 甲 1−0.97⁵ = 14.1 % met; 乙 4.9 % and 丙 8.0 % not met. GDP growth: 乙 (≈2.2 %) also
    # misses 6.5 %, so 乙 (2 lagging) comes before 丙 (1 lagging), and 甲 (none) last.
    assert names == ["乙区", "丙区", "甲区"]
    assert table.rows[1].cells[-1].text == "1" and table.rows[3].cells[-1].text == "0"

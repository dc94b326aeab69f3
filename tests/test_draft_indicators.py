"""`planwatch draft-indicators`: the 指标体系草案 for Jinpu's 15th plan, opened as .xlsx and .docx.

Expected rows are derived from the two plans read independently here: every national 15th indicator except the
two supply-capacity totals documented as not applying to a district (docs/lineage.md), and every Jinpu 14th
indicator.
"""

from __future__ import annotations

import math
import subprocess
import sys
from pathlib import Path

import docx
import openpyxl
import pytest

from planwatch.cli import main
from planwatch.core.extract import extract_plan

from .conftest import JINPU_TXT

SHARED = Path(__file__).resolve().parents[2] / "shared"
UPPER = SHARED / "plans" / "real" / "national-15th-main-indicators.csv"
DATA = SHARED / "data" / "jinpu-published-figures.csv"
NOT_FOR_A_DISTRICT = {"粮食综合生产能力", "能源综合生产能力"}


def _draft(tmp_path: Path, name: str = "draft.xlsx", *extra: str, data: Path | None = DATA) -> Path:
    out = tmp_path / name
    args = ["draft-indicators", "--upper", str(UPPER), "--own", str(JINPU_TXT), "-o", str(out),
            "--default-region", "金普新区", *extra]
    if data is not None:
        args += ["--data", str(data)]
    assert main(args) == 0
    return out


def _sheet_rows(path: Path) -> tuple[list[str], list[dict[str, object]]]:
    wb = openpyxl.load_workbook(path)
    ws = wb.worksheets[0]
    values = list(ws.iter_rows(values_only=True))
    header = [str(c) for c in values[2]]
    return header, [dict(zip(header, row, strict=True)) for row in values[3:]]


def _expected() -> tuple[list[str], list[str]]:
    """(national 15th rows that apply, Jinpu 14th rows) as "number. name"."""
    upper = [f"{i.display_no}. {i.name}" for i in extract_plan(UPPER).indicators if i.name not in NOT_FOR_A_DISTRICT]
    own = [f"{i.display_no}. {i.name}" for i in extract_plan(JINPU_TXT).indicators]
    return upper, own


def _check_rows(rows: list[dict[str, object]], upper_column: str, own_column: str) -> None:
    upper, own = _expected()
    uppers = [str(r[upper_column]) for r in rows]
    owns = [str(r[own_column]) for r in rows]
    for item in upper:
        assert sum(1 for cell in uppers if cell.startswith(item + "（")) == 1, item
    for item in own:
        assert sum(1 for cell in owns if cell.startswith(item + "（")) == 1, item
    for r in rows:
        method, source = str(r["方法说明"]), str(r["来源"])
        assert "基数：" in method and "趋势外推：" in method and "建议目标：" in method, r["指标"]
        assert source.startswith(("上级：", "本区：")), r["指标"]
        assert r["状态"] == "草案"
        assert str(r["建议目标（草案）"]).startswith("草案：") and str(r["建议属性（草案）"]).startswith("草案：")


def test_the_xlsx_has_a_row_for_every_applicable_national_and_every_jinpu_indicator(tmp_path: Path) -> None:
    header, rows = _sheet_rows(_draft(tmp_path))
    assert header[:7] == ["序号", "类别", "指标", "单位", "属性（上级/十四五）", "上级指标及目标", "本区“十四五”指标及目标"]
    assert {"2025年基数", "2026年趋势外推", "2030年趋势外推", "上级目标隐含的最低目标", "方法说明", "来源"} <= set(header)
    _check_rows(rows, "上级指标及目标", "本区“十四五”指标及目标")
    upper, own = _expected()
    merged = sum(1 for r in rows if r["上级指标及目标"] != "—" and r["本区“十四五”指标及目标"] != "—")
    assert len(rows) == len(upper) + len(own) - merged


def test_every_sheet_and_row_of_the_xlsx_is_marked_as_a_draft(tmp_path: Path) -> None:
    wb = openpyxl.load_workbook(_draft(tmp_path))
    assert all("草案" in ws.title for ws in wb.worksheets)
    ws = wb.worksheets[0]
    assert "草案" in str(ws["A1"].value) and str(ws["A2"].value).startswith("草案：")
    assert ws.oddHeader.right.text == "草案"
    apart = wb.worksheets[1]
    listed = {row[1]: row[3] for row in apart.iter_rows(min_row=3, values_only=True)}
    assert set(listed) == NOT_FOR_A_DISTRICT and all(listed.values())  # each with its reason


def test_the_docx_has_the_same_rows_with_method_and_source(tmp_path: Path) -> None:
    document = docx.Document(str(_draft(tmp_path, "draft.docx")))
    table = document.tables[0]
    header = [c.text for c in table.rows[0].cells]
    assert "2026—2030年趋势外推" in header and "上级目标隐含的最低目标" in header
    rows = [dict(zip(header, [c.text for c in row.cells], strict=True)) for row in table.rows[1:]]
    _check_rows(rows, "上级指标及目标", "本区“十四五”指标及目标")  # type: ignore[arg-type]
    assert "草案" in document.paragraphs[0].text
    assert "草案" in document.sections[0].header.paragraphs[0].text
    text = "\n".join(p.text for p in document.paragraphs)
    assert all(name in text for name in NOT_FOR_A_DISTRICT)


def test_both_files_are_written_with_both(tmp_path: Path) -> None:
    _draft(tmp_path, "draft.docx", "--both")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["draft.docx", "draft.xlsx"]


def test_missing_2025_figures_are_flagged_not_guessed(tmp_path: Path) -> None:
    _, rows = _sheet_rows(_draft(tmp_path))  # Jinpu's published figures end in 2022
    assert all(r["2025年基数"] == "缺数据" for r in rows)
    trade = next(r for r in rows if r["指标"] == "外贸进出口总额")
    # 2020 baseline 2470 (表1-1), 2022 2335 (published): a constant rate of (2335/2470)^(1/2) − 1 = −2.77 % a year
    assert trade["2030年趋势外推"] == pytest.approx(2470 * (2335 / 2470) ** (10 / 2), abs=0.01)
    assert "最近实际值：2022年2335亿元" in str(trade["方法说明"])


def _observations(path: Path) -> Path:
    lines = ["indicator,year,value,source"]
    for year, value in zip(range(2021, 2026), (6.0, 4.0, 5.0, 5.5, 5.0), strict=True):  # 常住居民收入增长率
        lines.append(f"常住居民人均可支配收入增长率,{year},{value},示例数据")
    for year, value in zip(range(2021, 2026), (33.2, 33.4, 33.6, 33.8, 34.0), strict=True):  # 森林覆盖率
        lines.append(f"森林覆盖率,{year},{value},示例数据")
    for year, value in ((2020, 76.0), (2025, 78.5)):  # an upper-only indicator, by its national name
        lines.append(f"常住人口城镇化率,{year},{value},示例数据")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_baselines_trends_and_suggestions_follow_the_stated_methods(tmp_path: Path) -> None:
    _, rows = _sheet_rows(_draft(tmp_path, data=_observations(tmp_path / "obs.csv")))
    by_name = {str(r["指标"]): r for r in rows}
    forest = by_name["森林覆盖率"]  # merged with the national 森林覆盖率 (名称相同)
    assert forest["2025年基数"] == 34.0
    # 2020 baseline 33 (表1-1) to 2025 34.0: +0.2 a year, linear (a share); 2030: 35.0
    assert forest["2030年趋势外推"] == pytest.approx(35.0)
    assert forest["上级目标隐含的最低目标"] == "2030年不低于25.8%"
    assert forest["建议目标（草案）"] == "草案：2030年不低于35%"  # the trend is stronger than the national 25.8
    assert forest["建议属性（草案）"] == "草案：约束性"
    income = by_name["常住居民人均可支配收入增长率"]
    mean = (math.prod(1 + r / 100 for r in (6.0, 4.0, 5.0, 5.5, 5.0)) ** (1 / 5) - 1) * 100  # compound mean
    assert income["2026年趋势外推"] == pytest.approx(round(mean, 2))
    assert income["上级目标隐含的最低目标"] == "与地区生产总值增长同步"
    town = by_name["常住人口城镇化率"]  # upper only: its data found by the national name
    assert town["2025年基数"] == 78.5
    assert town["2030年趋势外推"] == pytest.approx(81.0)  # +0.5 a year
    assert town["建议目标（草案）"] == "草案：2030年不低于81%"
    assert "示例数据" in str(town["来源"])


def _table(path: Path, rows: list[str], base: int, end: int) -> Path:
    path.write_text(f"类别,指标,{base}年,{end}年,年均/累计,属性\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return path


def test_units_are_converted_or_the_row_flagged_never_compared_silently(tmp_path: Path) -> None:
    upper = _table(tmp_path / "upper.csv", ["民生,1.人均国内生产总值（元）,90000,≥100000,—,预期性",
                                            "民生,2.人均公园绿地面积（平方米）,14,15,—,预期性"], 2025, 2030)
    own = _table(tmp_path / "own.csv", ["民生,1.人均地区生产总值（万元）,8,10,—,预期性",
                                        "民生,2.人均公园绿地面积（%）,1,2,—,预期性"], 2020, 2025)
    out = tmp_path / "draft.xlsx"
    assert main(["draft-indicators", "--upper", str(upper), "--own", str(own), "-o", str(out)]) == 0
    _, rows = _sheet_rows(out)
    gdp = next(r for r in rows if r["指标"] == "人均地区生产总值")
    assert gdp["单位"] == "万元" and gdp["上级目标隐含的最低目标"] == "2030年不低于10万元"  # 100000元 = 10万元
    parks = [r for r in rows if str(r["指标"]).startswith("人均公园绿地面积")]
    assert len(parks) == 2  # 平方米 and % are not one measure: two rows, each naming the other
    assert all("无法换算" in str(r["方法说明"]) for r in parks)


@pytest.mark.parametrize("case", ["missing_own", "upper_not_a_table", "bad_extension", "unknown_indicator",
                                  "missing_data"])
def test_bad_input_is_one_line_exit_2_and_nothing_written(tmp_path: Path, case: str) -> None:
    out = tmp_path / ("draft.pdf" if case == "bad_extension" else "draft.xlsx")
    upper, own, data = UPPER, JINPU_TXT, None
    if case == "missing_own":
        own = tmp_path / "none.txt"
    elif case == "upper_not_a_table":
        upper = DATA
    elif case == "unknown_indicator":
        data = tmp_path / "obs.csv"
        data.write_text("indicator,year,value\n不存在的指标,2025,1\n", encoding="utf-8")
    elif case == "missing_data":
        data = tmp_path / "none.csv"
    before = sorted(p.name for p in tmp_path.iterdir())
    args = [sys.executable, "-m", "planwatch.cli", "draft-indicators", "--upper", str(upper), "--own", str(own),
            "-o", str(out), "--both"] + (["--data", str(data)] if data else [])
    run = subprocess.run(args, capture_output=True, text=True, check=False, timeout=60)
    assert run.returncode == 2, run.stderr
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("planwatch: 错误：") and "Traceback" not in run.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == before  # no output, no temporary file left


def test_a_failed_run_keeps_the_previous_draft(tmp_path: Path) -> None:
    good = _draft(tmp_path)
    content = good.read_bytes()
    assert main(["draft-indicators", "--upper", str(DATA), "--own", str(JINPU_TXT), "-o", str(good)]) == 2
    assert good.read_bytes() == content

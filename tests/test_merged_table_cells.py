"""Merged cells: the 15th FYP table typeset as a publisher would — 指标 over two columns, 类别 and item 10 spanning
rows, its sub-rows 执业医师数 / 注册护士数 in the second column — reads as the .csv transcription does, from HTML
(``rowspan``/``colspan``) and from Word (``gridSpan``/``vMerge``). And a 注 after one blank line ends a pasted table."""

from __future__ import annotations

import csv
from itertools import groupby
from pathlib import Path

import docx
import pytest

from planwatch.core.extract import extract_plan

REAL = Path(__file__).resolve().parents[2] / "shared" / "plans" / "real"
CSV = REAL / "national-15th-main-indicators.csv"
pytestmark = pytest.mark.skipif(not CSV.is_file(), reason="the shared corpus of real plans is not at hand")
ITEM_10 = "10.每千人口拥有医护人员数（人）"


def _table() -> tuple[list[str], list[list[str]], str]:
    rows = list(csv.reader(CSV.open(encoding="utf-8")))
    note = next(r[0] for r in rows if r[0].startswith("注"))
    body = [r for r in rows[1:] if not r[0].startswith("注")]
    category = ""
    for r in body:
        category = r[0] = r[0] or category
    return rows[0], body, note


def _sub_name(cell: str) -> str:
    return cell.split("：")[1].split("（")[0]


def test_html_rowspan_and_colspan_read_as_the_csv(tmp_path: Path) -> None:
    header, body, note = _table()
    html = ["<html><body><p>第一章 发展目标</p><p>专栏1 “十五五”时期经济社会发展主要指标</p><table>",
            "<tr><th>类别</th><th colspan='2'>指标</th>" + "".join(f"<th>{c}</th>" for c in header[2:]) + "</tr>"]
    for category, group in groupby(body, key=lambda r: r[0]):
        rows = list(group)
        for k, r in enumerate(rows):
            cells = f"<td rowspan='{len(rows)}'>{category}</td>" if k == 0 else ""
            if r[1].startswith("10."):
                first = r is next(x for x in rows if x[1].startswith("10."))
                cells += (f"<td rowspan='2'>{ITEM_10}</td>" if first else "") + f"<td>{_sub_name(r[1])}</td>"
            else:
                cells += f"<td colspan='2'>{r[1]}</td>"
            html.append(f"<tr>{cells}" + "".join(f"<td>{c}</td>" for c in r[2:]) + "</tr>")
    html.append(f"</table><p>{note}</p></body></html>")
    path = tmp_path / "15th.html"
    path.write_text("\n".join(html), encoding="utf-8")
    plan = extract_plan(path)
    assert plan.indicators == extract_plan(CSV).indicators and plan.warnings == ()
    assert [i.display_no for i in plan.indicators][9:12] == ["10.1", "10.2", "11"]


def test_word_merged_cells_read_as_the_csv(tmp_path: Path) -> None:
    header, body, note = _table()
    document = docx.Document()
    document.add_paragraph("第一章 发展目标")
    document.add_paragraph("专栏1 “十五五”时期经济社会发展主要指标")
    table = document.add_table(rows=len(body) + 1, cols=len(header) + 1)
    for j, text in enumerate([header[0], "指标", "", *header[2:]]):
        table.cell(0, j).text = text
    table.cell(0, 1).merge(table.cell(0, 2)).text = "指标"
    tens = [i for i, r in enumerate(body, 1) if r[1].startswith("10.")]
    for i, r in enumerate(body, 1):
        for j, text in enumerate(r[2:], 3):
            table.cell(i, j).text = text
        if i in tens:
            table.cell(i, 2).text = _sub_name(r[1])
        else:
            table.cell(i, 1).merge(table.cell(i, 2)).text = r[1]
    table.cell(tens[0], 1).merge(table.cell(tens[1], 1)).text = ITEM_10
    first = 1
    for category, group in groupby(body, key=lambda r: r[0]):
        n = len(list(group))
        table.cell(first, 0).merge(table.cell(first + n - 1, 0)).text = category
        first += n
    document.add_paragraph(note)
    path = tmp_path / "15th.docx"
    document.save(str(path))
    plan = extract_plan(path)
    assert plan.indicators == extract_plan(CSV).indicators and plan.warnings == ()


def test_a_note_after_one_blank_line_is_not_glued_into_the_last_cell(tmp_path: Path) -> None:
    header = ["类别", "指标", "2020年", "2025年", "年均/累计", "属性"]
    rows = [["安全保障", "19.粮食综合生产能力（亿吨）", "—", "＞6.5", "—", "约束性"],
            ["", "20.能源综合生产能力（亿吨标准煤）*", "—", "＞46", "—", "约束性"]]
    table = "\n\n".join("\n".join(f"\t{c}" for c in row) for row in [header, *rows])
    text = f"第一章 主要目标\n\n{table}\n\n注：*为2019年数据。\n\n第二章 下一章\n\n正文。\n"
    path = tmp_path / "plan.txt"
    path.write_text(text, encoding="utf-8")
    plan = extract_plan(path)
    energy = plan.indicators[1]
    assert (energy.name, energy.attribute, energy.notes) == ("能源综合生产能力", "binding", ("*为2019年数据",))
    assert plan.table_conventions == ("*为2019年数据",)

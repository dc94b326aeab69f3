"""总览 导出Excel (?format=xlsx on the overview's URL): the 主要指标 rows the page shows, from the same evaluation,
with the plan, region and year in the first row; figures are numbers with thousands separators and the
indicator's decimals (counts whole), units in their own column."""

from __future__ import annotations

from django.test import Client

from planwatch.core.spec import counts_whole
from planwatch.web.monitoring.services import evaluate_plan
from planwatch.web.plans.models import Plan

from .workbooks import column_formats, opened, rows

AS_OF = 2023


def test_it_exports_the_rows_the_overview_shows(admin_client: Client, demo: Plan) -> None:
    page = admin_client.get("/overview/", {"as_of": AS_OF})
    ws = opened(admin_client.get("/overview/", {"as_of": AS_OF, "format": "xlsx"}))
    got = rows(ws)
    caption, header, body = got[0][0], got[1], got[2:]
    assert demo.title in caption and demo.region.name in caption and f"{AS_OF}年" in caption
    assert "含模拟数据（示例，非真实统计）" in caption  # the demo's simulated values are in the table
    assert header == ("序号", "指标", "单位", "属性", "状态", "应达", "实际（当年值）", "实际年份", "实际（期间值）",
                      "期间值口径", "进度", "说明", "牵头单位")
    results, _ = evaluate_plan(demo, AS_OF, False, demo.region)
    assert [e.no for e in page.context["results"]] == [e.no for e in results]
    printed = {i.no: i.display_no for i in demo.indicators.all()}
    assert [(r[0], r[1], r[2]) for r in body] == [(printed[e.no], e.name, e.unit) for e in results]
    for r, e in zip(body, results, strict=True):
        assert r[3] == ("约束性" if e.binding else "预期性") and r[4].startswith(e.label)
        assert r[5] == e.expected
        shown = e.year_value if e.period_value is not None else e.actual
        assert r[6] == (None if e.actual is None else shown)
        assert r[10] == e.ratio


def test_its_figures_are_numbers_with_separators_and_the_indicators_decimals(admin_client: Client,
                                                                            demo: Plan) -> None:
    ws = opened(admin_client.get("/overview/", {"as_of": AS_OF, "format": "xlsx"}))
    body = rows(ws)[2:]
    assert any(r[6] is not None for r in body)
    assert all(isinstance(v, int | float) for r in body for v in (r[5], r[6], r[8], r[10]) if v is not None)
    for line, r in enumerate(body, start=3):
        for column in (6, 7):
            fmt = ws.cell(row=line, column=column).number_format
            if ws.cell(row=line, column=column).value is not None:
                assert fmt == ("#,##0" if counts_whole(r[1], r[2]) else "#,##0.00")
    assert set(column_formats(ws, 11)) <= {"0.00%"}  # 进度 a ratio shown as a percentage
    assert all(isinstance(year, int) for year in (r[7] for r in body) if year is not None)


def test_it_follows_the_region_and_year_of_the_page(admin_client: Client, demo: Plan) -> None:
    ws = opened(admin_client.get("/overview/", {"as_of": 2022, "region": demo.region_id, "format": "xlsx"}))
    results, _ = evaluate_plan(demo, 2022, False, demo.region)
    body = rows(ws)[2:]
    assert "2022年" in rows(ws)[0][0]
    assert [r[5] for r in body] == [e.expected for e in results]


def test_the_overview_export_needs_a_login(outsider: Client, demo: Plan) -> None:
    assert outsider.get("/overview/", {"format": "xlsx"}).status_code == 302

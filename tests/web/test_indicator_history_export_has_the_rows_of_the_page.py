"""An indicator's 历年数据 导出Excel: the rows the page lists (年份, 数值, 单位, 口径, 来源, 状态, 是否计入), in its
order, each value a number with the indicator's decimals; the caption names plan, region, year and the
simulated data."""

from __future__ import annotations

from django.test import Client

from planwatch.core.spec import counts_whole
from planwatch.web.plans.models import Plan

from .workbooks import column_formats, opened, rows


def test_it_exports_the_history_rows_the_page_shows(admin_client: Client, demo: Plan) -> None:
    ind = demo.indicators.order_by("no").first()
    url = f"/plans/{demo.pk}/indicators/{ind.no}/"
    page = admin_client.get(url)
    shown = page.context["rows"]()  # the (observation, counted) pairs the page lists
    assert shown
    ws = opened(admin_client.get(url, {"format": "xlsx"}))
    got = rows(ws)
    assert demo.title in got[0][0] and demo.region.name in got[0][0] and ind.name in got[0][0]
    assert ("含模拟数据（示例，非真实统计）" in got[0][0]) == any(o.simulated for o, _ in shown)
    assert got[1] == ("年份", "数值", "单位", "口径", "来源", "状态", "是否计入")
    assert [(r[0], r[1], r[2]) for r in got[2:]] == [(o.year, o.value, ind.unit) for o, _ in shown]
    assert [r[6].startswith("计入") for r in got[2:]] == [bool(c) for _, c in shown]
    assert all(isinstance(r[0], int) and isinstance(r[1], int | float) for r in got[2:])  # numbers, not text
    assert set(column_formats(ws, 2)) == {"#,##0" if counts_whole(ind.name, ind.unit) else "#,##0.00"}

"""The 历年数据 table of an indicator marks the value that counts in each year (the one the status and the chart
use, chosen by core.series), and says why when a year has several: a reader need not guess which of 51, 53 and
52 the page's status is about."""

from __future__ import annotations

import re

from django.test import Client

from planwatch.web.monitoring.models import Flag, Observation, Status
from planwatch.web.plans.models import Plan

SHARE = 4  # 工业增加值占比: a level, so the year's counted value is the status's actual value


def _rows_of_2024(html: str) -> list[tuple[float, bool, str]]:
    """(value, counted?, the 是否计入 cell's text) for each 2024 row of the 历年数据 table."""
    table = html.split("历年数据", 1)[1].split("</table>", 1)[0]
    rows = []
    for row in re.findall(r"<tr( class=\"counted\")?><td>2024</td>(.*?)</tr>", table, flags=re.DOTALL):
        cells = [re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", row[1], flags=re.DOTALL)]
        rows.append((float(cells[0].replace(",", "")), bool(row[0]), cells[-1]))
    return rows


def test_the_full_year_value_is_marked_counted_and_the_others_not(demo: Plan, leader: Client) -> None:
    ind = demo.indicators.get(no=SHARE)
    Observation.objects.filter(indicator=ind, year=2024).delete()
    for value, flag, period in [(51.0, Flag.EXPECTED, "全年(预计)"), (53.0, Flag.PARTIAL, "2024Q3"),
                                (52.0, Flag.FINAL, "")]:
        Observation.objects.create(indicator=ind, region=demo.region, year=2024, value=value, flag=flag,
                                   period=period, source="https://www.dljp.gov.cn/tjj", status=Status.PUBLISHED)

    page = leader.get(f"/plans/{demo.pk}/indicators/{SHARE}/?as_of=2024")
    rows = _rows_of_2024(page.content.decode())
    chart = page.context["chart"]()

    assert [(value, counted) for value, counted, _ in rows] == [(51, False), (53, False), (52, True)]
    counted_cell = next(cell for _, counted, cell in rows if counted)
    assert counted_cell.startswith("计入（") and "全年" in counted_cell  # why it won over the estimate
    assert all(cell.startswith("未计入") for _, counted, cell in rows if not counted)
    assert chart["actual"][chart["years"].index("2024")] == 52.0  # the marked value is the chart's


def test_a_year_with_one_value_is_marked_without_a_reason(demo: Plan, leader: Client) -> None:
    ind = demo.indicators.get(no=SHARE)
    Observation.objects.filter(indicator=ind, year=2024).delete()
    Observation.objects.create(indicator=ind, region=demo.region, year=2024, value=50.5,
                               source="统计局报送", status=Status.PUBLISHED)

    rows = _rows_of_2024(leader.get(f"/plans/{demo.pk}/indicators/{SHARE}/?as_of=2024").content.decode())

    assert rows == [(50.5, True, "计入")]

"""Each table page has a 导出Excel button next to its table, not printed (d-print-none), whose link is the page's
own URL with its plan, region and year and format=xlsx — and following it gives the workbook."""

from __future__ import annotations

import html
import re

import pytest
from django.test import Client

from planwatch.web.plans.models import Plan

from .workbooks import opened, rows

BUTTON = re.compile(r'<p class="d-print-none[^"]*"><a [^>]*id="export-xlsx" href="([^"]+)">导出Excel</a>')


def _pages(plan: Plan) -> list[str]:
    ind = plan.indicators.order_by("no").first()
    return [f"/overview/?plan={plan.pk}&as_of=2023", f"/public/?plan={plan.pk}&as_of=2023",
            f"/plans/{plan.pk}/indicators/{ind.no}/?as_of=2023", "/review/", f"/rounds/?plan={plan.pk}", "/plans/"]


@pytest.mark.parametrize("page", range(6))
def test_the_button_downloads_the_pages_table(admin_client: Client, demo: Plan, page: int) -> None:
    url = _pages(demo)[page]
    found = BUTTON.search(admin_client.get(url).content.decode())
    assert found, url
    link = html.unescape(found.group(1))
    assert "format=xlsx" in link
    if "as_of" in url:
        assert "as_of=2023" in link and f"plan={demo.pk}" in link and f"region={demo.region_id}" in link
    got = rows(opened(admin_client.get(url.split("?")[0] + link)))
    assert len(got) >= 2 and got[1][0]

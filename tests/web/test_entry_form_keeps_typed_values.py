"""The entry form: after a refusal it shows again what was typed (indicator, year, value, source, comment), not
indicator 1 and the first year; opened afresh it stands on the open round's period and shows the chosen
indicator's target and last value; the 来源 typed is stored with the value and its history."""

from __future__ import annotations

import re

from django.test import Client

from planwatch.web.monitoring.models import Observation
from planwatch.web.monitoring.services import target_paths
from planwatch.web.plans.models import Plan


def _selected(page: str, select: str) -> str:
    block = page.split(f'id="{select}"')[1].split("</select>")[0]
    found = re.search(r'<option(?: value="([^"]*)")? selected>([^<]*)', block)
    assert found, f"nothing selected in {select}"
    return found[1] if found[1] is not None else found[2]


def test_it_keeps_what_was_typed_after_a_refusal(reporter: Client, demo: Plan) -> None:
    income = demo.indicators.get(no=12)  # not the first of the reporter's indicators
    response = reporter.post("/report/save/", {"indicator": income.pk, "year": "2025", "value": "七点五",
                                               "source": "统计局快报", "comment": "按新口径"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "年份和数值必须是数字" in page
    assert _selected(page, "id_indicator") == str(income.pk)
    assert _selected(page, "id_year") == "2025"
    assert 'value="七点五"' in page and 'value="统计局快报"' in page and 'value="按新口径"' in page
    assert not Observation.objects.filter(indicator=income, year=2025, simulated=False).exists()


def test_it_keeps_what_was_typed_after_a_workflow_refusal(reporter: Client, demo: Plan) -> None:
    income = demo.indicators.get(no=12)
    response = reporter.post("/report/save/", {"indicator": income.pk, "year": "2023", "value": "6.1"})
    assert response.status_code == 400  # no round for 2023
    page = response.content.decode()
    assert _selected(page, "id_indicator") == str(income.pk) and _selected(page, "id_year") == "2023"


def test_it_opens_on_the_open_rounds_year_with_target_and_last_value(reporter: Client, demo: Plan) -> None:
    page = reporter.get("/report/").content.decode()
    assert _selected(page, "id_year") == "2025"  # the 2025 round is open, the 2024 one closed
    gdp = demo.indicators.get(no=1)
    context = page.split('id="entry-context"')[1].split("</p>")[0]
    target = target_paths(demo)[1][2025]
    assert target is not None and f"{target:g}" in context.split('class="target">')[1].split("</span>")[0]
    page = reporter.get(f"/report/?indicator={gdp.pk}&year=2022").content.decode()
    last = page.split('class="last">')[1].split("</span>")[0]
    assert "9%" in last and "中国日报网" in last  # 2021's published figure, 9.0 %, with its source


def test_the_source_typed_is_stored(reporter: Client, demo: Plan) -> None:
    gdp = demo.indicators.get(no=1)
    reporter.post("/report/save/", {"indicator": gdp.pk, "year": "2025", "value": "5.6", "source": "统计局快报"})
    obs = Observation.objects.get(indicator=gdp, year=2025, simulated=False)
    assert obs.source == "统计局快报" and obs.events.get().action == "create"
    # the row's edit form carries the source: the edit changes that value, it does not make a second one
    response = reporter.post("/report/save/", {"indicator": gdp.pk, "year": "2025", "value": "5.7",
                                               "source": "统计局快报", "version": obs.version})
    assert response.status_code == 302
    obs.refresh_from_db()
    assert obs.value == 5.7 and Observation.objects.filter(indicator=gdp, year=2025, simulated=False).count() == 1

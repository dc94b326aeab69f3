"""The overview and the public portal open with KPI cards, one per status counted, coloured by the status code;
the overview's chart draws each status's bar in that status's colour (a lagging status in its lagging colour)."""

from __future__ import annotations

import json
import re
from collections import Counter

from django.test import Client

from planwatch.core.statuses import STATUSES
from planwatch.web.plans.models import Plan


def _cards(body: str) -> dict[str, int]:
    found = re.findall(r'<div class="kpi[^"]*" data-status="([a-z_]+)"><span class="kpi-value">(\d+)</span>', body)
    return {code: int(n) for code, n in found}


def _statuses(body: str) -> Counter[str]:
    """The statuses of the indicator table's rows, read from their tags."""
    table = body[body.index("<tbody>"):body.index("</tbody>")]
    return Counter(re.findall(r'<span class="tag s-([a-z_]+)">', table))


def test_the_overview_counts_every_status_in_a_card_of_its_colour(leader: Client, demo: Plan) -> None:
    body = leader.get("/overview/?as_of=2025").content.decode()
    cards, rows = _cards(body), _statuses(body)
    assert cards.pop("all") == sum(rows.values()) == demo.indicators.count()
    assert cards.pop("lagging") == sum(n for code, n in rows.items() if STATUSES[code].lags)
    assert cards == dict(rows)  # one card per status shown, with its count
    for code in cards:
        assert re.search(rf'class="kpi s-{code}[ "]', body)  # coloured through the status's own class
        assert f".s-{code}{{background:#{STATUSES[code].colour.lower()}}}" in body


def test_each_bar_is_drawn_in_its_status_colour(leader: Client, demo: Plan) -> None:
    body = leader.get("/overview/?as_of=2025").content.decode()
    data = json.loads(body.split('id="status-data" type="application/json">')[1].split("</script>")[0])
    assert {d["code"] for d in data} == set(_statuses(body))
    for bar in data:
        status = STATUSES[bar["code"]]
        assert bar["colour"] == f"#{status.colour}" and bar["lags"] == status.lags
        assert bar["value"] == _statuses(body)[bar["code"]]
    assert any(bar["lags"] for bar in data)  # the demo in 2025 has lagging indicators: their bars are coloured so


def test_the_public_portal_has_the_cards_too(outsider: Client, demo: Plan) -> None:
    body = outsider.get("/public/?as_of=2025").content.decode()
    cards = _cards(body)
    assert cards.pop("all") == demo.indicators.count() and cards.pop("lagging") >= 0
    assert cards and set(cards) <= set(STATUSES)

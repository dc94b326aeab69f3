"""NaN and infinity: refused wherever a value enters (service, API, bulk import command), nothing written; a value
already stored that is not finite is shown as missing, and every page and API answer stays strict JSON."""

from __future__ import annotations

import csv
import io
import json
import math
import re
from pathlib import Path

import openpyxl
import pytest
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import Client

from planwatch.web.accounts.models import ApiToken
from planwatch.web.monitoring.models import Observation, Status
from planwatch.web.monitoring.services import WorkflowError, save_value
from planwatch.web.plans.models import Plan


def _strict(text: str) -> object:
    """Parse JSON as a strict parser (a browser's JSON.parse) would: NaN and Infinity are not JSON."""
    def refuse(constant: str) -> object:
        raise AssertionError(f"{constant} in JSON output")

    return json.loads(text, parse_constant=refuse)


def _auth(username: str) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Bearer {ApiToken.issue(User.objects.get(username=username), '测试')[1]}"}


@pytest.mark.parametrize("value", [math.nan, math.inf, -math.inf])
def test_the_service_refuses_a_value_that_is_not_finite(demo: Plan, value: float) -> None:
    before = Observation.objects.count()
    with pytest.raises(WorkflowError, match="数值必须是有限的数字"):
        save_value(User.objects.get(username="tjj_tianbao"), demo.indicators.get(no=1), demo.region, 2025, value,
                   source="非有限")
    assert Observation.objects.count() == before


@pytest.mark.parametrize("body", ['{"indicator": %d, "year": 2025, "value": NaN}',
                                  '{"indicator": %d, "year": 2025, "value": Infinity}',
                                  '{"indicator": %d, "year": 2025, "value": -Infinity}',
                                  '{"indicator": %d, "year": 2025, "value": 1e309}',
                                  '{"indicator": %d, "year": 2025, "value": "nan"}'])
def test_the_api_refuses_a_value_that_is_not_finite(demo: Plan, body: str) -> None:
    before = Observation.objects.count()
    response = Client().post("/api/observations", body % demo.indicators.get(no=1).pk,
                             content_type="application/json", **_auth("tjj_tianbao"))
    assert 400 <= response.status_code < 500
    _strict(response.content.decode())
    assert Observation.objects.count() == before


def test_the_import_command_refuses_a_file_with_a_value_that_is_not_finite(demo: Plan, tmp_path: Path) -> None:
    path = tmp_path / "obs.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows([["indicator", "year", "value"], ["1", "2024", "5.5"], ["1", "2025", "inf"],
                                  ["3", "2025", "1e309"], ["4", "2025", "nan"]])
    before = Observation.objects.count()
    with pytest.raises(CommandError, match=r"数值不是有限数字（nan、inf 或超出范围）：第3、4、5行"):
        call_command("import_observations", str(demo.pk), str(path))
    assert Observation.objects.count() == before


def _stored(demo: Plan, value: float) -> Observation:
    """A published value that is not finite, as an older version or a direct database edit may have left it."""
    obs = Observation.objects.filter(indicator__plan=demo, indicator__no=1, region=demo.region,
                                     status=Status.PUBLISHED).order_by("-year").first()
    assert obs is not None
    Observation.objects.filter(pk=obs.pk).update(value=value)
    from planwatch.web.plans.models import touch_plans

    touch_plans([demo.pk])  # as any write does: cached pages and answers are rebuilt
    return obs


STORED = [math.inf, -math.inf]
if connection.vendor == "postgresql":  # SQLite cannot hold NaN (it stores NULL, which the column refuses)
    STORED.append(math.nan)


@pytest.mark.parametrize("value", STORED)
def test_a_stored_non_finite_value_leaves_every_json_answer_strict(outsider: Client, demo: Plan, value: float) -> None:
    obs = _stored(demo, value)
    rows = _strict(outsider.get(f"/api/plans/{demo.pk}/observations").content.decode())
    assert isinstance(rows, list) and obs.pk not in [r["id"] for r in rows]  # missing, not Infinity
    evaluation = _strict(outsider.get(f"/api/plans/{demo.pk}/evaluation?as_of={demo.end_year}").content.decode())
    assert isinstance(evaluation, list) and len(evaluation) == 23
    for what in ("observations", "evaluation", "indicators"):
        response = outsider.get(f"/api/plans/{demo.pk}/export/{what}?format=json")
        assert response.status_code == 200
        _strict(response.content.decode())


@pytest.mark.parametrize("value", STORED)
def test_a_stored_non_finite_value_is_missing_in_the_exports(outsider: Client, demo: Plan, value: float) -> None:
    obs = _stored(demo, value)
    text = outsider.get(f"/api/plans/{demo.pk}/export/observations?format=csv").content.decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert rows and str(obs.pk) not in [r["id"] for r in rows]
    assert all(math.isfinite(float(r["value"])) for r in rows)
    sheet = openpyxl.load_workbook(io.BytesIO(
        outsider.get(f"/api/plans/{demo.pk}/export/observations?format=xlsx").content)).active
    assert sheet is not None
    assert all(not (isinstance(c, float) and not math.isfinite(c)) for row in sheet.iter_rows(values_only=True)
               for c in row)


@pytest.mark.parametrize("value", STORED)
def test_a_stored_non_finite_value_does_not_break_a_page_or_its_chart(demo: Plan, value: float) -> None:
    _stored(demo, value)
    leader = Client()
    leader.force_login(User.objects.get(username="lingdao"))
    for client, url in ((Client(), "/public/"), (leader, "/overview/"), (Client(), f"/plans/{demo.pk}/indicators/1/"),
                        (leader, f"/plans/{demo.pk}/indicators/1/")):
        response = client.get(url)
        assert response.status_code == 200, url
        page = response.content.decode()
        for data in re.findall(r'<script id="[^"]+" type="application/json">(.*?)</script>', page, re.DOTALL):
            _strict(data)
        assert "Infinity" not in page and ">inf<" not in page, url

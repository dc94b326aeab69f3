"""The REST API: OpenAPI schema, public reads, token writes by persona, exports."""

from __future__ import annotations

import io
import json

import openpyxl
import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.test import Client

from planwatch.web.accounts.models import ApiToken
from planwatch.web.monitoring.models import Observation, Status
from planwatch.web.plans.models import Plan


def _token(username: str) -> str:
    return ApiToken.issue(User.objects.get(username=username), "测试")[1]


def _auth(username: str) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Bearer {_token(username)}"}


def test_the_openapi_schema_is_served_locally(outsider: Client) -> None:
    schema = outsider.get("/api/openapi.json").json()
    assert schema["info"]["title"].startswith("Planwatch")
    assert {"/api/plans", "/api/plans/{plan_id}/evaluation", "/api/observations"} <= set(schema["paths"])
    docs = outsider.get("/api/docs").content.decode()
    assert "cdn" not in docs.lower() and "/static/ninja/" in docs


def test_anonymous_reads_see_published_values_only(outsider: Client, demo: Plan) -> None:
    gdp = demo.indicators.get(no=1)
    Observation.objects.create(indicator=gdp, region=demo.region, year=2025, value=66.6, source="未发布",
                               status=Status.SUBMITTED)
    rows = outsider.get(f"/api/plans/{demo.pk}/observations?year=2025").json()
    assert rows and all(r["status"] == "published" for r in rows)
    assert 66.6 not in [r["value"] for r in rows]
    staff = Client().get(f"/api/plans/{demo.pk}/observations?year=2025", **_auth("lingdao")).json()
    assert 66.6 in [r["value"] for r in staff]


def test_the_evaluation_has_every_documented_field(outsider: Client, demo: Plan) -> None:
    rows = outsider.get(f"/api/plans/{demo.pk}/evaluation?as_of=2023").json()
    assert len(rows) == 23
    assert set(rows[0]) >= {"no", "name", "region", "status", "label", "expected", "actual", "ratio",
                            "required_rate", "projection", "binding", "explanation"}
    assert outsider.get(f"/api/plans/{demo.pk}/evaluation?as_of=2015").status_code == 400


# persona → (may create a value for indicator 1, may approve)
PERSONAS = {"fgj_admin": (201, 200), "tjj_tianbao": (201, 403), "swj_tianbao": (403, 403), "lingdao": (403, 403)}


@pytest.mark.parametrize("username", list(PERSONAS))
def test_writes_need_the_right_role(demo: Plan, username: str) -> None:
    client, gdp = Client(), demo.indicators.get(no=1)
    created, approved = PERSONAS[username]
    response = client.post("/api/observations", json.dumps({"indicator": gdp.pk, "year": 2025, "value": 5.5,
                                                            "source": f"api-{username}"}),
                           content_type="application/json", **_auth(username))
    assert response.status_code == created
    pending = Observation.objects.create(indicator=gdp, region=demo.region, year=2025, value=5.6, source="p",
                                         status=Status.SUBMITTED)
    response = client.post(f"/api/observations/{pending.pk}/transition", json.dumps({"to": "approved"}),
                           content_type="application/json", **_auth(username))
    assert response.status_code == approved
    assert Observation.objects.get(pk=pending.pk).status == (Status.APPROVED if approved == 200 else Status.SUBMITTED)


def test_writes_without_a_valid_token_are_refused(outsider: Client, demo: Plan) -> None:
    body = json.dumps({"indicator": demo.indicators.get(no=1).pk, "year": 2025, "value": 1})
    assert outsider.post("/api/observations", body, content_type="application/json").status_code == 401
    assert outsider.post("/api/observations", body, content_type="application/json",
                         HTTP_AUTHORIZATION="Bearer pw_forged").status_code == 401
    assert not Observation.objects.filter(year=2025, value=1).exists()


def test_bad_moves_are_a_400_with_a_message(demo: Plan) -> None:
    pending = Observation.objects.create(indicator=demo.indicators.get(no=1), region=demo.region, year=2025,
                                         value=5.6, source="q", status=Status.SUBMITTED)
    for to in ("published", "nonsense"):
        response = Client().post(f"/api/observations/{pending.pk}/transition", json.dumps({"to": to}),
                                 content_type="application/json", **_auth("fgj_admin"))
        assert response.status_code == 400 and response.json()["detail"]


def test_exports_in_csv_xlsx_and_json(outsider: Client, demo: Plan) -> None:
    csv_text = outsider.get(f"/api/plans/{demo.pk}/export/indicators?format=csv").content.decode("utf-8-sig")
    assert csv_text.splitlines()[0].startswith("no,label,name,category,unit")  # label: the printed number (10.1)
    assert "外贸进出口总额" in csv_text
    xlsx = outsider.get(f"/api/plans/{demo.pk}/export/evaluation?format=xlsx&as_of=2025")
    ws = openpyxl.load_workbook(io.BytesIO(xlsx.content)).active
    assert ws is not None and ws.title == "评估结果" and ws.max_row == 24
    rows = outsider.get(f"/api/plans/{demo.pk}/export/observations?format=json").json()
    assert all(r["status"] == "published" for r in rows)
    assert outsider.get(f"/api/plans/{demo.pk}/export/secrets?format=csv").status_code == 400


def test_exported_text_cannot_run_as_a_spreadsheet_formula(outsider: Client, demo: Plan) -> None:
    Observation.objects.create(indicator=demo.indicators.get(no=1), region=demo.region, year=2025, value=1.0,
                               source="=HYPERLINK(\"http://evil\")", status=Status.PUBLISHED)
    text = outsider.get(f"/api/plans/{demo.pk}/export/observations?format=csv").content.decode("utf-8-sig")
    assert "'=HYPERLINK" in text and ",=HYPERLINK" not in text


def test_tokens_are_issued_once_and_stored_hashed(demo: Plan, capsys: pytest.CaptureFixture[str]) -> None:
    call_command("issue_token", "tjj_tianbao", "统计局接口")
    key = capsys.readouterr().out.strip()
    assert key.startswith("pw_") and not ApiToken.objects.filter(key_hash=key).exists()
    assert ApiToken.objects.filter(key_hash=ApiToken.hash(key)).exists()


def test_oversized_numbers_are_refused_by_validation(outsider: Client, demo: Plan) -> None:
    huge = "9" * 30
    assert outsider.get(f"/api/plans/{huge}").status_code == 422
    assert outsider.get(f"/api/plans/{demo.pk}/observations?year={huge}").status_code == 422
    body = json.dumps({"indicator": int(huge), "year": 2025, "value": 1})
    response = Client().post("/api/observations", body, content_type="application/json", **_auth("fgj_admin"))
    assert response.status_code == 422
    response = Client().post(f"/api/observations/{huge}/transition", json.dumps({"to": "approved"}),
                             content_type="application/json", **_auth("fgj_admin"))
    assert response.status_code == 422


def test_a_plan_without_indicators_evaluates_to_an_empty_list(leader: Client, demo: Plan) -> None:
    special = Plan.objects.filter(parent=demo, indicators__isnull=True).first()
    assert special is not None  # the special plans of 专栏10-1 are registered without a 表1-1
    for url in (f"/api/plans/{special.pk}/evaluation?as_of=2025", f"/overview/?plan={special.pk}"):
        response = leader.get(url)
        assert response.status_code == 200, url
    assert leader.get(f"/api/plans/{special.pk}/evaluation?as_of=2025").json() == []


def test_a_part_year_value_goes_in_and_comes_out_with_its_period(demo: Plan) -> None:
    import datetime as dt

    from planwatch.web.monitoring.models import Frequency, ReportingRound

    ReportingRound.objects.create(plan=demo, year=2025, frequency=Frequency.QUARTERLY, period=1, name="2025年第一季度",
                                  deadline=dt.date.today() + dt.timedelta(days=30))
    gdp = demo.indicators.get(no=1)
    response = Client().post("/api/observations", json.dumps({"indicator": gdp.pk, "year": 2025, "value": 4.9,
                                                              "period": "2025Q1", "source": "季度快报"}),
                             content_type="application/json", **_auth("tjj_tianbao"))
    assert response.status_code == 201, response.content
    assert (response.json()["period"], response.json()["flag"]) == ("2025Q1", "partial")
    rows = Client().get(f"/api/plans/{demo.pk}/observations", {"year": 2025}, **_auth("lingdao")).json()
    assert [r["period"] for r in rows if r["source"] == "季度快报"] == ["2025Q1"]

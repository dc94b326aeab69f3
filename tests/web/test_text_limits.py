"""Free text is bounded by its column, and comments and reasons by a documented limit (2,000 characters:
planwatch.web.limits): longer text is refused with a message that names the field and the limit, and
nothing is written — on the pages, in the API (the schema declares the limits) and in the bulk import.
(PostgreSQL refused a 400-character source with a server error; SQLite stored it.)"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.contrib.messages import get_messages
from django.test import Client

from planwatch.core.errors import PlanwatchError
from planwatch.web.accounts.models import ApiToken
from planwatch.web.ledgers.models import Milestone, ProgressUpdate, SupervisionNotice
from planwatch.web.limits import COMMENT_MAX
from planwatch.web.monitoring.bulk import import_observations
from planwatch.web.monitoring.models import Observation, ObservationEvent, Status
from planwatch.web.monitoring.services import save_value
from planwatch.web.plans.models import Plan


def _auth(username: str) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Bearer {ApiToken.issue(User.objects.get(username=username), '测试')[1]}"}


def _written() -> tuple[int, int]:
    return Observation.objects.count(), ObservationEvent.objects.count()


def _said(response: object) -> str:
    return " ".join(str(m) for m in get_messages(response.wsgi_request))  # type: ignore[attr-defined]


def test_the_documented_limit_is_two_thousand_characters() -> None:
    assert COMMENT_MAX == 2000


@pytest.mark.parametrize("size", [COMMENT_MAX + 1, 15 * 1024 * 1024])
def test_a_too_long_comment_is_refused_on_the_form(reporter: Client, demo: Plan, size: int) -> None:
    before = _written()
    response = reporter.post("/report/save/", {"indicator": demo.indicators.get(no=1).pk, "year": 2025,
                                               "value": "5.1", "comment": "x" * size})
    assert response.status_code == 400
    assert "说明最多2000个字" in response.content.decode()
    assert _written() == before


def test_a_comment_of_exactly_the_limit_is_kept(reporter: Client, demo: Plan) -> None:
    response = reporter.post("/report/save/", {"indicator": demo.indicators.get(no=1).pk, "year": 2025,
                                               "value": "5.1", "comment": "说" * COMMENT_MAX})
    assert response.status_code == 302
    assert Observation.objects.filter(comment="说" * COMMENT_MAX).exists()


@pytest.mark.parametrize("field, size", [("source", 301), ("source", 400), ("comment", COMMENT_MAX + 1),
                                         ("region", 101)])
def test_too_long_text_is_refused_by_the_api(demo: Plan, field: str, size: int) -> None:
    before = _written()
    body = {"indicator": demo.indicators.get(no=1).pk, "year": 2025, "value": 5.1, field: "长" * size}
    response = Client().post("/api/observations", json.dumps(body), content_type="application/json",
                             **_auth("tjj_tianbao"))
    assert response.status_code in (400, 422)
    assert _written() == before


def test_the_api_schema_declares_the_limits(outsider: Client) -> None:
    schema = outsider.get("/api/openapi.json").json()["components"]["schemas"]
    assert schema["ObservationIn"]["properties"]["source"]["maxLength"] == 300
    assert schema["ObservationIn"]["properties"]["comment"]["maxLength"] == COMMENT_MAX
    assert schema["MoveIn"]["properties"]["reason"]["maxLength"] == COMMENT_MAX


def test_the_service_refuses_a_too_long_source_for_every_caller(demo: Plan) -> None:
    from django.core.exceptions import ValidationError

    before = _written()
    with pytest.raises(ValidationError, match="来源最多300个字"):
        save_value(User.objects.get(username="tjj_tianbao"), demo.indicators.get(no=1), demo.region, 2025, 5.1,
                   source="长" * 301)
    assert _written() == before


def test_a_too_long_reason_is_refused_for_a_workflow_step(admin_client: Client, demo: Plan) -> None:
    obs = save_value(User.objects.get(username="tjj_tianbao"), demo.indicators.get(no=1), demo.region, 2025, 5.1,
                     source="统计局")
    before = _written()
    response = admin_client.post(f"/observations/{obs.pk}/move/", {"to": Status.SUBMITTED,
                                                                    "reason": "理" * (COMMENT_MAX + 1)})
    assert "理由最多2000个字" in _said(response)
    api = Client().post(f"/api/observations/{obs.pk}/transition",
                        json.dumps({"to": Status.SUBMITTED, "reason": "理" * (COMMENT_MAX + 1)}),
                        content_type="application/json", **_auth("fgj_admin"))
    assert api.status_code in (400, 422)
    assert _written() == before and Observation.objects.get(pk=obs.pk).status == Status.DRAFT


def test_too_long_ledger_text_is_refused(admin_client: Client, demo: Plan) -> None:
    task = demo.tasks.order_by("id").first()
    before = (ProgressUpdate.objects.count(), Milestone.objects.count(), SupervisionNotice.objects.count(),
              task.progress)
    said = [
        _said(admin_client.post(f"/ledgers/tasks/{task.pk}/progress/", {"progress": 50, "note": "进" * 501})),
        _said(admin_client.post(f"/ledgers/tasks/{task.pk}/milestones/",
                                {"name": "立项", "planned": "2026-06-30", "note": "备" * 501})),
        _said(admin_client.post(f"/ledgers/tasks/{task.pk}/notice/",
                                {"reason": "督" * (COMMENT_MAX + 1), "reply_due": "2030-12-31"})),
    ]
    assert "最多500个字" in said[0] and "最多500个字" in said[1] and "最多2000个字" in said[2]
    task.refresh_from_db()
    assert (ProgressUpdate.objects.count(), Milestone.objects.count(), SupervisionNotice.objects.count(),
            task.progress) == before


def test_a_too_long_reply_to_a_notice_is_refused(admin_client: Client, demo: Plan) -> None:
    from planwatch.web.ledgers.services import issue_notice, reply_notice

    task = demo.tasks.exclude(lead=None).order_by("id").first()
    from django.core.exceptions import ValidationError

    notice = issue_notice(User.objects.get(username="fgj_admin"), task, "进度滞后", dt.date(2026, 12, 31))

    with pytest.raises(ValidationError, match="答复最多2000个字"):
        reply_notice(User.objects.get(username="fgj_admin"), notice.pk, "答" * (COMMENT_MAX + 1))
    notice.refresh_from_db()
    assert notice.reply == "" and notice.status == "issued"


def test_a_bulk_import_row_with_a_too_long_source_writes_nothing(demo: Plan, tmp_path: Path) -> None:
    path = tmp_path / "obs.csv"
    path.write_text("indicator,year,value,region,source\n1,2023,5.0,金普新区,统计局\n"
                    f"1,2024,5.2,金普新区,{'长' * 301}\n", encoding="utf-8")
    count = Observation.objects.count()
    with pytest.raises(PlanwatchError, match="来源.*300"):
        import_observations(demo, path)
    assert Observation.objects.count() == count


def test_the_refusal_speaks_english(reporter: Client, demo: Plan) -> None:
    reporter.post("/i18n/setlang/", {"language": "en", "next": "/report/"})
    response = reporter.post("/report/save/", {"indicator": demo.indicators.get(no=1).pk, "year": 2025,
                                               "value": "5.1", "comment": "x" * (COMMENT_MAX + 1)})
    assert response.status_code == 400
    assert "may be at most 2000 characters long (this one has 2001); nothing was saved" in response.content.decode()

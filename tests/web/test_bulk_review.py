"""批量审核 / 批量发布: ticked values in one POST, each through the workflow pipeline with its history row; all or
nothing — one value that cannot make the move leaves every value as it was, and the page names it. The review
list shows each value in context: last year's value, the change, the target, the source, a link."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.test import Client

from planwatch.web.monitoring.models import Observation, ObservationEvent, Status
from planwatch.web.monitoring.services import save_value, target_paths, transition
from planwatch.web.plans.models import Plan


def _submitted(demo: Plan, no: int, value: float, source: str = "") -> Observation:
    user = User.objects.get(username="fgj_admin")
    obs = save_value(user, demo.indicators.get(no=no), demo.region, 2025, value, "说明", source=source)
    return transition(user, obs.pk, Status.SUBMITTED)


def test_it_approves_the_ticked_values_with_a_history_row_each(admin_client: Client, demo: Plan) -> None:
    a, b, untouched = _submitted(demo, 1, 5.5), _submitted(demo, 12, 6.1), _submitted(demo, 2, 4.0)
    response = admin_client.post("/review/bulk/", {"to": "approved", "ids": [a.pk, b.pk]}, follow=True)
    assert "已处理 2 条数据：已审核" in response.content.decode()
    for obs in (a, b):
        assert Observation.objects.get(pk=obs.pk).status == Status.APPROVED
        assert ObservationEvent.objects.filter(observation=obs, action="approve").count() == 1
    assert Observation.objects.get(pk=untouched.pk).status == Status.SUBMITTED
    admin_client.post("/review/bulk/", {"to": "published", "ids": [a.pk, b.pk]})
    assert set(Observation.objects.filter(pk__in=[a.pk, b.pk]).values_list("status", flat=True)) == {Status.PUBLISHED}


def test_one_value_that_cannot_move_leaves_all_as_they_were(admin_client: Client, demo: Plan) -> None:
    a = _submitted(demo, 1, 5.5)
    draft = save_value(User.objects.get(username="fgj_admin"), demo.indicators.get(no=12), demo.region, 2025, 6.0)
    response = admin_client.post("/review/bulk/", {"to": "approved", "ids": [a.pk, draft.pk]}, follow=True)
    page = response.content.decode()
    assert "1条数据不能处理，全部未处理" in page and "不能从“草稿”变为“已审核”" in page
    assert Observation.objects.get(pk=a.pk).status == Status.SUBMITTED
    assert not ObservationEvent.objects.filter(observation=a, action="approve").exists()


def test_only_the_admin_may_approve_in_bulk(reporter: Client, leader: Client, demo: Plan) -> None:
    a = _submitted(demo, 1, 5.5)
    for client in (reporter, leader):
        assert client.post("/review/bulk/", {"to": "approved", "ids": [a.pk]}).status_code == 403
    assert Observation.objects.get(pk=a.pk).status == Status.SUBMITTED


def test_the_review_list_shows_each_value_in_context(admin_client: Client, real_only: Plan) -> None:
    demo = real_only
    admin = User.objects.get(username="fgj_admin")
    last = save_value(admin, demo.indicators.get(no=1), demo.region, 2024, 5.0, source="2024年统计公报")
    for to in (Status.SUBMITTED, Status.APPROVED, Status.PUBLISHED):
        transition(admin, last.pk, to)
    obs = _submitted(demo, 1, 5.5, source="统计局快报")
    page = admin_client.get("/review/").content.decode()
    row = page.split(f'data-observation="{obs.pk}"')[1].split("</tr>")[0]
    assert f"/plans/{demo.pk}/indicators/1/" in row
    assert "统计局快报" in row
    target = target_paths(demo)[1][2025]
    assert target is not None and f"{target:g}" in row.split('class="num target">')[1].split("</td>")[0]
    assert row.split('class="num last">')[1].split("</td>")[0] == "5"
    assert row.split('class="num change">')[1].split("</td>")[0] == "+10.0%"  # (5.5 − 5) / 5

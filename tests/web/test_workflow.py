"""草稿 → 已提交 → 已审核 / 退回 → 已发布, through the declared pipeline, with a history row per move."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied

from planwatch.web.monitoring.models import Observation, ObservationEvent, Status
from planwatch.web.monitoring.services import WorkflowError, save_value, transition
from planwatch.web.plans.models import Plan


def _users() -> tuple[User, User, User]:
    return (User.objects.get(username="tjj_tianbao"), User.objects.get(username="fgj_admin"),
            User.objects.get(username="swj_tianbao"))


def test_a_value_goes_from_draft_to_published_with_its_history(demo: Plan) -> None:
    reporter, admin, _ = _users()
    gdp = demo.indicators.get(no=1)
    obs = save_value(reporter, gdp, demo.region, 2025, 5.1, source="统计局年报")
    assert obs.status == Status.DRAFT
    transition(reporter, obs.pk, Status.SUBMITTED)
    transition(admin, obs.pk, Status.APPROVED)
    transition(admin, obs.pk, Status.PUBLISHED)
    events = list(ObservationEvent.objects.filter(observation=obs).values_list("action", "from_status",
                                                                                "to_status", "actor__username"))
    assert events == [("create", "", "draft", "tjj_tianbao"), ("submit", "draft", "submitted", "tjj_tianbao"),
                      ("approve", "submitted", "approved", "fgj_admin"),
                      ("publish", "approved", "published", "fgj_admin")]


def test_illegal_moves_are_refused(demo: Plan) -> None:
    reporter, admin, _ = _users()
    obs = save_value(reporter, demo.indicators.get(no=1), demo.region, 2025, 5.1, source="x")
    with pytest.raises(WorkflowError, match="不能从“草稿”变为“已发布”"):
        transition(admin, obs.pk, Status.PUBLISHED)
    transition(reporter, obs.pk, Status.SUBMITTED)
    with pytest.raises(WorkflowError, match="退回时必须写明理由"):
        transition(admin, obs.pk, Status.RETURNED, "")
    transition(admin, obs.pk, Status.RETURNED, "口径与统计公报不一致")
    assert Observation.objects.get(pk=obs.pk).status == Status.RETURNED


def test_a_submitted_value_cannot_be_edited_and_a_stale_form_cannot_overwrite(demo: Plan) -> None:
    reporter, _, _ = _users()
    gdp = demo.indicators.get(no=1)
    obs = save_value(reporter, gdp, demo.region, 2025, 5.1, source="y")
    save_value(reporter, gdp, demo.region, 2025, 5.2, version=obs.version, source="y")  # fresh form: fine
    with pytest.raises(WorkflowError, match="已被他人修改"):
        save_value(reporter, gdp, demo.region, 2025, 5.3, version=obs.version, source="y")  # stale form
    transition(reporter, obs.pk, Status.SUBMITTED)
    with pytest.raises(WorkflowError, match="不能修改"):
        save_value(reporter, gdp, demo.region, 2025, 5.4, source="y")
    assert Observation.objects.get(pk=obs.pk).value == 5.2


def test_a_jump_against_last_year_needs_a_comment(demo: Plan) -> None:
    reporter, _, _ = _users()
    gdp = demo.indicators.get(no=1)
    last = Observation.objects.filter(indicator=gdp, year=2024).first()
    assert last is not None
    with pytest.raises(WorkflowError, match="请在说明中写明原因"):
        save_value(reporter, gdp, demo.region, 2025, last.value * 3 + 10, source="z")
    save_value(reporter, gdp, demo.region, 2025, last.value * 3 + 10, comment="统计口径调整", source="z")


def test_only_the_lead_unit_may_report(demo: Plan) -> None:
    _, _, other = _users()
    with pytest.raises(PermissionDenied, match="牵头单位（统计局）"):
        save_value(other, demo.indicators.get(no=1), demo.region, 2025, 5.0)

"""A commitment that restates an indicator's target (地区生产总值年均增长6.5%以上 is indicator 1's) takes its light
from the indicator's evaluation, not from a typed percentage, and says so; the link is stored when the plan is
imported and the admin may change it."""

from __future__ import annotations

from django.test import Client

from planwatch.core.ledger import light_of_status
from planwatch.web.ledgers.models import CommitmentLink
from planwatch.web.ledgers.services import indicator_statuses, item_light
from planwatch.web.plans.models import Plan


def test_the_gdp_commitment_is_linked_to_the_gdp_indicator(demo: Plan) -> None:
    link = CommitmentLink.objects.select_related("indicator").get(commitment__plan=demo,
                                                                   commitment__quantity="地区生产总值年均增长6.5%以上")
    assert link.indicator.no == 1 and link.set_by is None  # matched at import
    unlinked = CommitmentLink.objects.get(commitment__plan=demo, commitment__quantity="旅游总人次达到2500万人")
    assert unlinked.indicator is None


def test_its_light_follows_the_indicator_whatever_its_progress(leader: Client, demo: Plan) -> None:
    commitment = demo.commitments.get(quantity="地区生产总值年均增长6.5%以上")
    status = indicator_statuses(demo)[1]
    expected = light_of_status(status)
    assert expected is not None
    for progress in (0, 60, 100):
        commitment.progress = progress
        assert item_light(commitment) == expected
    response = leader.get(f"/ledgers/commitments/{commitment.pk}/")
    assert response.context["light"] == expected
    assert "状态取自指标“地区生产总值增长”" in response.content.decode()
    rows = dict(leader.get("/ledgers/commitments/").context["rows"])
    assert rows[commitment] == expected


def test_the_admin_can_unlink_it(admin_client: Client, demo: Plan) -> None:
    commitment = demo.commitments.get(quantity="地区生产总值年均增长6.5%以上")
    link = commitment.link
    response = admin_client.post(f"/admin/ledgers/commitmentlink/{link.pk}/change/", {"indicator": ""})
    assert response.status_code == 302
    link.refresh_from_db()
    assert link.indicator is None and link.set_by is not None and link.set_by.username == "fgj_admin"
    commitment.refresh_from_db()
    commitment.progress = 0  # from now on its own progress counts: nothing done by the end of 2025 is red
    assert item_light(commitment) == "red"

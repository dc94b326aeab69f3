"""规划衔接 of the demo's draft 15th (issue 17, item 3): Jinpu's 草案 is filed under the national 15th FYP as its upper
plan, every row the draft built from a national row is linked to that row, and the 规划衔接 page judges each draft
target against the national one by the rules used for the 14th (core.linkage) — a weaker target is marked, a row
without comparable targets says so, units are never compared silently. Only those who check plans see the draft."""

from __future__ import annotations

from django.test import Client

from planwatch.core.draft_indicators import draft_from_files
from planwatch.core.linkage import compare_targets
from planwatch.web.demo import DATA
from planwatch.web.monitoring.services import plan_specs_of
from planwatch.web.plans.linkage import linkage_rows
from planwatch.web.plans.models import Plan


def _plans() -> tuple[Plan, Plan]:
    return (Plan.objects.get(region__name="金普新区", base_year=2025),
            Plan.objects.get(region__name="全国", end_year=2030))


def test_every_row_taken_from_a_national_row_is_linked_to_it(demo: Plan) -> None:
    draft, national = _plans()
    assert draft.parent == national
    rows = draft_from_files(DATA / "national-15th-main-indicators.csv", DATA / "plans" / "jinpu-14th-fyp.txt",
                            DATA / "jinpu-published-figures.csv").rows
    links = {i.no: i.upper for i in draft.indicators.select_related("upper")}
    for row in rows:
        up = links[row.no]
        if row.upper:  # "10.1. 每千人口拥有医护人员数：执业医师数（人）：…" names the national row it came from
            assert up is not None and up.plan_id == national.pk, row.name
            assert row.upper.startswith(f"{up.display_no}. {up.name}（{up.unit}）"), row.name
        else:  # a row of the district's own 14th only
            assert up is None, row.name
    assert sum(up is not None for up in links.values()) == sum(bool(r.upper) for r in rows) >= 15


def test_the_linkage_page_judges_each_draft_target_by_the_14th_rules(demo: Plan, admin_client: Client) -> None:
    draft, national = _plans()
    page = admin_client.get(f"/plans/{draft.pk}/linkage/")
    assert page.status_code == 200
    html = page.content.decode()
    assert national.title in html and "草案" in html
    ours, theirs = {s.no: s for s in plan_specs_of(draft)}, {s.no: s for s in plan_specs_of(national)}
    for row in page.context["rows"]:
        if row.upper is None:
            assert row.alignment is None
            continue
        expected = compare_targets(theirs[row.upper.no], ours[row.indicator.no], row.indicator.aggregation or None)
        assert row.alignment == expected, row.indicator.name
        if row.indicator.unit != row.upper.unit:  # converted (the reason says so) or flagged, never silent
            assert row.alignment.status == "not_comparable" or "换算" in row.alignment.reason, row.indicator.name
    statuses = [r.alignment.status for r in page.context["rows"] if r.alignment is not None]
    # the draft suggests at least what the national target implies: nothing weaker; 待定 rows are not comparable
    assert "weaker" not in statuses and statuses.count("not_weaker") >= 10 and "not_comparable" in statuses
    assert "上位指标没有可比较的量化目标" in html  # 国内生产总值增长：保持在合理区间 — said, not judged


def test_a_draft_target_lowered_below_the_national_one_is_marked_weaker(demo: Plan, admin_client: Client) -> None:
    draft, _ = _plans()
    urban = draft.indicators.get(name="常住人口城镇化率")
    assert urban.upper is not None and urban.upper.target_raw == "71"
    draft.indicators.filter(pk=urban.pk).update(target_raw="≥70")  # as the drafting team might lower it
    row = next(r for r in linkage_rows(Plan.objects.get(pk=draft.pk)) if r.indicator.pk == urban.pk)
    assert row.alignment is not None and row.alignment.status == "weaker"
    html = admin_client.get(f"/plans/{draft.pk}/linkage/").content.decode()
    assert 'class="weaker"' in html and "弱于上位目标" in html


def test_only_those_who_check_plans_see_the_drafts_linkage(demo: Plan, reporter: Client, leader: Client,
                                                           outsider: Client) -> None:
    draft, _ = _plans()
    for client in (reporter, leader):
        response = client.get(f"/plans/{draft.pk}/linkage/")
        assert response.status_code == 404 and "草案" not in response.content.decode()
    assert outsider.get(f"/plans/{draft.pk}/linkage/").status_code == 302  # to the sign-in page
    assert reporter.post(f"/plans/{draft.pk}/linkage/", {"action": "accept"}).status_code == 404

"""The demo's first 指标库 decisions (issue 17, items 1 and 2): the entry of each indicator of Jinpu's draft 15th that
continues a 14th indicator exactly — paired by core.lineage by the same name in the same unit — is confirmed by the
admin, with a history row saying who and why, so that the 14th's values count in the draft and its series run
2020–2030; the entries the national plans carry too (人均预期寿命, 森林覆盖率…) included, since nothing is rolled up
into 全国 (its regions in the platform are not all of it) and the district's simulated values do not count there;
nothing else is confirmed."""

from __future__ import annotations

from django.test import Client

from planwatch.web.monitoring.services import counted_values, visible_observations
from planwatch.web.plans.models import Indicator, IndicatorEntry, IndicatorEntryEvent, Plan, PlanStatus
from planwatch.web.plans.succession import plan_lineage


def _draft() -> Plan:
    return Plan.objects.get(region__name="金普新区", base_year=2025)


def _exact(demo: Plan) -> dict[int, tuple[Indicator, Indicator]]:
    """Entry id → (14th indicator, draft indicator) of every exact continuation, by the core's pairing."""
    draft = _draft()
    old, new = {i.no: i for i in demo.indicators.all()}, {i.no: i for i in draft.indicators.all()}
    pairs = [p for p in plan_lineage(demo, draft, public=False).continued if p.exact]
    assert len(pairs) >= 20  # the draft keeps the district's own indicators under their names
    out = {}
    for p in pairs:
        a, b = old[p.old.indicator.no], new[p.new.indicator.no]
        assert a.entry_id == b.entry_id is not None  # one measure: one entry
        out[a.entry_id] = (a, b)
    return out


def test_each_exact_continuation_is_confirmed_by_the_admin_with_its_reason(demo: Plan) -> None:
    exact = _exact(demo)
    national = set(Indicator.objects.filter(plan__region__name="全国").values_list("entry_id", flat=True))
    for entry_id, (old, new) in exact.items():
        entry = IndicatorEntry.objects.get(pk=entry_id)
        events = list(IndicatorEntryEvent.objects.filter(entry=entry, action="confirm"))
        assert entry.confirmed and entry.confirmed_by is not None and entry.confirmed_by.username == "fgj_admin"
        assert len(events) == 1 and events[0].actor == entry.confirmed_by, old.name
        assert f"第{new.display_no}项“{new.name}”延续" in events[0].detail and "名称相同，单位相同" in events[0].detail
    assert set(exact) == set(IndicatorEntry.objects.filter(confirmed=True).values_list("pk", flat=True))  # no more
    assert len(national & set(exact)) == 6 and len(set(exact) - national) >= 15  # 人均预期寿命, 森林覆盖率…


def test_the_14ths_values_count_in_the_draft(demo: Plan) -> None:
    exact = _exact(demo)
    gdp = next(pair for pair in exact.values() if pair[0].name == "地区生产总值增长")
    def series(plan: Plan, no: int) -> dict[int, tuple[float, str]]:  # the value that counts each year, and its source
        chosen = counted_values(visible_observations(plan, public=False).filter(plan_no=no, region=demo.region))
        return {year: (c.value, c.source) for (_, _, year), c in chosen.items()}

    ours = series(demo, gdp[0].no)
    assert series(_draft(), gdp[1].no) == ours and min(ours) == 2021 and max(ours) == 2025  # the same rows


def test_once_adopted_the_drafts_series_runs_from_2020_to_2030(demo: Plan, admin_client: Client) -> None:
    draft = _draft()
    Plan.objects.filter(pk=draft.pk).update(status=PlanStatus.CONFIRMED)  # as if the 人大 adopted the draft
    gdp = draft.indicators.get(name="地区生产总值增长")
    page = admin_client.get(f"/plans/{draft.pk}/indicators/{gdp.no}/")
    assert page.status_code == 200
    chart = page.context["chart"]()
    assert chart["years"][0] == "2021" and chart["years"][-1] == "2030"  # 2021–2025 of the 14th, then 2025–2030
    assert chart["previous_period"] == ["2021", "2025"]
    assert all(v is not None for v in chart["actual"][:5])

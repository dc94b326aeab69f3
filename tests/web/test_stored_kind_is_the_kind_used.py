"""The kind and direction stored with an indicator (inferred at import, corrected in the admin) are the ones that
the evaluation, the pages, the decomposition and the API use — never inferred again behind the admin's back."""

from __future__ import annotations

from django.test import Client

from planwatch.web.monitoring.services import evaluate_plan, plan_specs_of
from planwatch.web.plans.admin import IndicatorForm
from planwatch.web.plans.models import Plan


def _result(plan: Plan, no: int):  # type: ignore[no-untyped-def]
    fresh = Plan.objects.get(pk=plan.pk)  # as a new request reads it: its data stamp is read again
    return next(e for e in evaluate_plan(fresh, 2023, public=False)[0] if e.no == no)


def test_it_uses_the_kind_the_admin_stored(demo: Plan, outsider: Client) -> None:
    unemployment = demo.indicators.get(no=13)  # 城镇登记失业率 ＜4: inferred a ceiling at import
    assert unemployment.kind == "ceiling" and _result(demo, 13).kind == "ceiling"
    unemployment.kind = "no_target"  # the planning office decides it is watched, not judged
    unemployment.save()
    after = _result(demo, 13)
    assert after.kind == "no_target" and after.status in ("no_target", "no_data")
    rows = outsider.get(f"/api/plans/{demo.pk}/evaluation?as_of=2023").json()
    assert next(r for r in rows if r["no"] == 13)["kind"] == "no_target"


def test_it_uses_the_direction_the_admin_stored(demo: Plan) -> None:
    share = demo.indicators.get(no=4)  # 工业增加值占比 55.6 → 50左右: lower is better, from the figures
    assert {s.no: s.direction for s in plan_specs_of(demo)}[4] == share.direction == "lower"
    share.direction = "higher"
    share.save()
    assert {s.no: s.direction for s in plan_specs_of(demo)}[4] == "higher"


def test_a_row_stored_without_a_kind_is_inferred_again(demo: Plan) -> None:
    demo.indicators.filter(no=13).update(kind="", direction="")
    assert {s.no: s.kind for s in plan_specs_of(demo)}[13] == "ceiling"


def test_the_admin_chooses_a_kind_from_the_registry() -> None:
    choices = dict(IndicatorForm.base_fields["kind"].choices)  # type: ignore[attr-defined]
    assert {"growth_rate", "level", "ceiling", "floor", "cumulative", "range", "relational", "no_target"} < set(choices)
    assert "weird" not in choices

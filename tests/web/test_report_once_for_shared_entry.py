"""一数一报 (issue 17, 多头填报): a figure of a confirmed 指标库 entry entered once — for the master plan's round —
is no longer missing in the special plan's and the successor plan's rounds of the same region and year, counts in
their completeness, and is left out of the reminders; returned, it still counts as entered (with the reviewer's
reason). While the entry is unconfirmed, every plan still asks for its own value."""

from __future__ import annotations

from pathlib import Path

from django.contrib.auth.models import User

from planwatch.web.monitoring.models import Observation, Status
from planwatch.web.monitoring.services import completeness, missing_values, reminders, save_value, transition

from .shared_entries import URBAN, family


def _reporter() -> User:
    return User.objects.get(username="tjj_tianbao")  # 统计局, the lead unit in every plan of the family


def _missing(round_, user: User) -> list[str]:  # type: ignore[no-untyped-def]
    from planwatch.web.accounts.permissions import reportable

    return [i.name for i in missing_values(round_, reportable(user, round_.plan.indicators.order_by("no")))]


def _department(round_, name: str = "统计局") -> dict[str, int]:  # type: ignore[no-untyped-def]
    row = next(r for r in completeness(round_) if r["department"] == name)
    return {k: row[k] for k in ("expected", "entered", "submitted", "missing")}


def test_a_figure_entered_once_is_not_asked_again_by_the_other_plans(demo: object, tmp_path: Path) -> None:
    shared = family(tmp_path)
    shared.confirm()
    (a, b, c), user = shared.rounds, _reporter()
    assert _missing(b, user) == [URBAN] and _missing(c, user) == [URBAN]
    assert _department(b) == {"expected": 1, "entered": 0, "submitted": 0, "missing": 1}

    obs = save_value(user, shared.urban[0], shared.plans[0].region, 2025, 58.5, "示例")  # under A's indicator
    assert _missing(a, user) == ["每千人口拥有3岁以下婴幼儿托位数"]  # A's other indicator is still asked for
    assert _missing(b, user) == [] and _missing(c, user) == []
    assert _department(b) == _department(c) == {"expected": 1, "entered": 1, "submitted": 0, "missing": 0}
    assert _department(a) == {"expected": 2, "entered": 1, "submitted": 0, "missing": 1}
    due = reminders(user, shared.rounds, days=7)
    assert [(r.pk, [i.name for i in m]) for r, _, m in due] == [(a.pk, ["每千人口拥有3岁以下婴幼儿托位数"])]

    transition(user, obs.pk, Status.SUBMITTED)
    assert _department(c)["submitted"] == 1  # the furthest state of the one figure
    transition(User.objects.get(username="fgj_admin"), obs.pk, Status.RETURNED, "请核实口径")
    assert _missing(b, user) == [] and _department(b)["entered"] == 1  # returned: entered, with the reason
    # observations never move: the one value stays with A's indicator
    assert Observation.objects.filter(indicator__in=shared.urban, simulated=False).count() == 1


def test_a_figure_of_another_region_or_year_does_not_count(demo: object, tmp_path: Path) -> None:
    shared = family(tmp_path)
    shared.confirm()
    user, admin = _reporter(), User.objects.get(username="fgj_admin")
    save_value(admin, shared.urban[0], shared.plans[0].region, 2024, 57.0, "示例")  # last year's
    assert _missing(shared.rounds[1], user) == [URBAN]


def test_while_the_entry_is_unconfirmed_each_plan_still_asks_for_it(demo: object, tmp_path: Path) -> None:
    shared = family(tmp_path)
    user = _reporter()
    save_value(user, shared.urban[0], shared.plans[0].region, 2025, 58.5, "示例")
    assert _missing(shared.rounds[1], user) == [URBAN] and _missing(shared.rounds[2], user) == [URBAN]
    assert _department(shared.rounds[1])["entered"] == 0
    assert [r.pk for r, _, _ in reminders(user, shared.rounds, days=7)] == [r.pk for r in shared.rounds]

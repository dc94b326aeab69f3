"""一数一报 on the reporter's home: a value of a confirmed 指标库 entry entered under the master plan's indicator is
listed in 已填报 whichever of the plans carrying the entry is chosen (the master plan, its special plan, the next
period's plan), once, labelled with the plan it is held under (填报于《…》) on the others; returned by the reviewer,
it is listed once among 被退回的数据 with the reason, in every one of them. Unconfirmed, each plan lists its own
values only, and a department that leads none of the indicators is shown none of them."""

from __future__ import annotations

from pathlib import Path

from django.contrib.auth.models import User
from django.test import Client

from planwatch.web.monitoring.models import Observation
from planwatch.web.monitoring.services import save_value, transition

from .shared_entries import Family, family

REASON = "与统计公报不符，请核对"


def _enter_for_master(shared: Family) -> Observation:
    return save_value(User.objects.get(username="tjj_tianbao"), shared.urban[0], shared.plans[0].region, 2025, 58.5,
                      "示例")


def _home(client: Client, plan_pk: int) -> str:
    return client.get(f"/report/?plan={plan_pk}").content.decode()


def _table(page: str, marker: str) -> str:
    """The table after ``marker`` (a heading), up to its end: "" when the page has no such table."""
    return page.split(marker, 1)[1].split("</table>")[0] if marker in page else ""


def _rows(table: str, obs: Observation) -> list[str]:
    return [part.split("</tr>")[0] for part in table.split(f'<tr data-observation="{obs.pk}">')[1:]]


def test_it_lists_the_value_once_in_every_plan(reporter: Client, tmp_path: Path) -> None:
    shared = family(tmp_path)
    shared.confirm()
    obs = _enter_for_master(shared)
    label = f"填报于《{shared.plans[0].title}》"
    for plan in shared.plans:
        rows = _rows(_table(_home(reporter, plan.pk), "已填报</h3>"), obs)
        assert len(rows) == 1, plan.title
        assert "常住人口城镇化率" in rows[0] and "58.5" in rows[0]
        assert (label in rows[0]) is (plan.pk != shared.plans[0].pk)  # named where it is held, on the others
        assert f'name="indicator" value="{shared.urban[0].pk}"' in rows[0]  # its edit form changes the one value


def test_a_returned_value_shows_once_with_the_reason_in_every_plan(reporter: Client, tmp_path: Path) -> None:
    shared = family(tmp_path)
    shared.confirm()
    obs = _enter_for_master(shared)
    transition(User.objects.get(username="tjj_tianbao"), obs.pk, "submitted")
    transition(User.objects.get(username="fgj_admin"), obs.pk, "returned", REASON)
    for plan in shared.plans:
        page = _home(reporter, plan.pk)
        rows = _rows(_table(page, "被退回的数据</h3>"), obs)
        assert len(rows) == 1, plan.title
        assert REASON in rows[0]
        assert (f"填报于《{shared.plans[0].title}》" in rows[0]) is (plan.pk != shared.plans[0].pk)
        entered = _rows(_table(page, "已填报</h3>"), obs)
        assert len(entered) == 1 and f"退回理由：{REASON}" in entered[0]


def test_unconfirmed_each_plan_lists_its_own_values(reporter: Client, tmp_path: Path) -> None:
    shared = family(tmp_path)
    obs = _enter_for_master(shared)
    assert len(_rows(_table(_home(reporter, shared.plans[0].pk), "已填报</h3>"), obs)) == 1
    for plan in shared.plans[1:]:
        assert _rows(_table(_home(reporter, plan.pk), "已填报</h3>"), obs) == []


def test_another_department_is_not_shown_the_value(other_reporter: Client, tmp_path: Path) -> None:
    shared = family(tmp_path)
    shared.confirm()
    obs = _enter_for_master(shared)
    for plan in shared.plans:
        assert f'data-observation="{obs.pk}"' not in _home(other_reporter, plan.pk)

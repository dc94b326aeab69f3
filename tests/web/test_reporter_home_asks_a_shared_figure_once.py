"""The reporter's home (/report/) with 一数一报: the open rounds of every plan the department leads indicators of
(the master plan, a special plan, the next period's plan); a figure of a confirmed 指标库 entry that several of
those rounds ask for is listed once, naming the plans that use it (用于：《…》《…》), and entering it once under
the link given clears it from every round. Unconfirmed, it is asked for in each plan."""

from __future__ import annotations

from pathlib import Path

from django.contrib.auth.models import User
from django.test import Client

from planwatch.web.monitoring.services import save_value

from .shared_entries import URBAN, Family, family


def _missing(client: Client) -> str:
    page = client.get("/report/").content.decode()
    return page.split('id="missing"')[1].split("</table>")[0] if 'id="missing"' in page else ""


def _uses(shared: Family) -> str:
    return "用于：" + "".join(f"《{p.title}》" for p in shared.plans)


def test_it_lists_a_shared_figure_once_naming_its_plans(reporter: Client, tmp_path: Path) -> None:
    shared = family(tmp_path)
    shared.confirm()
    page = reporter.get("/report/").content.decode()
    for r in shared.rounds:  # the open rounds of the three plans, each named with its plan
        row = page.split(f'data-round="{r.pk}"')[1].split("</tr>")[0]
        assert f"《{r.plan.title}》" in row
    missing = _missing(reporter)
    assert missing.count(f"{URBAN}</a>") == 1
    assert _uses(shared) in missing
    # the link enters it under the first plan's indicator, on that plan's page
    a = shared.urban[0]
    assert f'href="?plan={a.plan_id}&amp;indicator={a.pk}&amp;year=2025&amp;period=#entry"' in missing

    response = reporter.post("/report/save/", {"indicator": a.pk, "year": "2025", "value": "58.5", "comment": "示例"})
    assert response.status_code == 302
    missing = _missing(reporter)
    assert URBAN not in missing
    assert "每千人口拥有3岁以下婴幼儿托位数" in missing  # A's own indicator is still asked for, once, without 用于


def test_unconfirmed_each_plan_asks_for_its_own_value(reporter: Client, tmp_path: Path) -> None:
    shared = family(tmp_path)
    missing = _missing(reporter)
    assert missing.count(f"{URBAN}</a>") == 3 and _uses(shared) not in missing
    save_value(User.objects.get(username="tjj_tianbao"), shared.urban[0], shared.plans[0].region, 2025, 58.5, "示例")
    assert _missing(reporter).count(f"{URBAN}</a>") == 2  # B and C still ask


def test_another_department_is_not_shown_the_rounds(other_reporter: Client, tmp_path: Path) -> None:
    shared = family(tmp_path)
    shared.confirm()
    page = other_reporter.get("/report/").content.decode()
    assert all(f'data-round="{r.pk}"' not in page for r in shared.rounds)  # 商务局 leads nothing there

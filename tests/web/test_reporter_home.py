"""The reporter's home (/report/, 填报员首页): open rounds with their deadline and days left, what is still
missing, returned values with the reviewer's reason, the department's ledger items in the red, and a reminder
banner in the days before a deadline."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import User
from django.test import Client, override_settings
from django.utils import timezone

from planwatch.web.accounts.models import Department
from planwatch.web.monitoring.models import ReportingRound, Status
from planwatch.web.monitoring.services import save_value, transition
from planwatch.web.plans.models import Plan, Task


def _returned(demo: Plan, reason: str) -> int:
    reporter, admin = User.objects.get(username="tjj_tianbao"), User.objects.get(username="fgj_admin")
    obs = save_value(reporter, demo.indicators.get(no=1), demo.region, 2025, 5.9, "快报")
    transition(reporter, obs.pk, Status.SUBMITTED)
    transition(admin, obs.pk, Status.RETURNED, reason)
    return obs.pk


def test_it_shows_a_returned_value_with_the_reviewers_reason(reporter: Client, demo: Plan) -> None:
    pk = _returned(demo, "与统计公报不一致，请核实口径")
    page = reporter.get("/report/").content.decode()
    returned = page.split('id="returned"')[1].split("</table>")[0]
    assert f'data-observation="{pk}"' in returned
    assert "与统计公报不一致，请核实口径" in returned
    assert "fgj_admin" in returned


def test_another_department_does_not_see_the_returned_value(other_reporter: Client, demo: Plan) -> None:
    _returned(demo, "请核实口径（统计局）")
    page = other_reporter.get("/report/").content.decode()
    assert "请核实口径（统计局）" not in page


def test_it_lists_open_rounds_with_days_left_and_what_is_missing(reporter: Client, demo: Plan) -> None:
    round_2025 = ReportingRound.objects.get(plan=demo, year=2025)
    left = (round_2025.open_until() - timezone.localdate()).days
    page = reporter.get("/report/").content.decode()
    row = page.split(f'data-round="{round_2025.pk}"')[1].split("</tr>")[0]
    assert f'<td class="num">{left}</td>' in row
    assert '<td class="num">2</td>' in row  # 统计局 leads indicators 1 and 12, neither reported for 2025
    missing = page.split('id="missing"')[1].split("</table>")[0]
    assert "地区生产总值增长" in missing and "常住居民人均可支配收入增长率" in missing
    assert "社会消费品零售总额增长" not in missing  # 商务局's
    save_value(User.objects.get(username="tjj_tianbao"), demo.indicators.get(no=1), demo.region, 2025, 5.9, "快报")
    missing = reporter.get("/report/").content.decode().split('id="missing"')[1].split("</table>")[0]
    assert "地区生产总值增长" not in missing and "常住居民人均可支配收入增长率" in missing


@override_settings(PLANWATCH_REMIND_DAYS=5)
def test_it_reminds_in_the_days_before_a_deadline(reporter: Client, demo: Plan) -> None:
    round_2025 = ReportingRound.objects.get(plan=demo, year=2025)
    round_2025.deadline = timezone.localdate() + dt.timedelta(days=6)
    round_2025.save()
    assert "提醒：" not in reporter.get("/report/").content.decode()  # six days left, reminded from five
    round_2025.deadline = timezone.localdate() + dt.timedelta(days=5)
    round_2025.save()
    page = reporter.get("/report/").content.decode()
    assert "提醒：2025年度数据填报（总结评估）将于" in page and "还有5天" in page and "您还有2项未填报" in page


def test_it_lists_the_departments_ledger_items_in_the_red(reporter: Client, demo: Plan) -> None:
    task = Task.objects.filter(plan=demo).order_by("id").first()
    assert task is not None
    task.lead = Department.objects.get(name="统计局")
    task.deadline = timezone.localdate() - dt.timedelta(days=30)  # overdue, not finished
    task.progress = 40
    task.save()
    page = reporter.get("/report/").content.decode()
    overdue = page.split('id="overdue"')[1].split("</ul>")[0]
    assert f"/ledgers/tasks/{task.pk}/" in overdue
    task.progress = 100
    task.save()
    page = reporter.get("/report/").content.decode()
    assert f"/ledgers/tasks/{task.pk}/" not in page.split('id="entry"')[0]


def test_odd_parameters_never_fail(reporter: Client, admin_client: Client, demo: Plan) -> None:
    for value in ("1 OR 1=1", "%", "-1", "9" * 30, "2026Q9", "abc"):
        params = {"indicator": value, "year": value, "period": value}
        assert reporter.get("/report/", params).status_code == 200, value
        assert admin_client.get("/review/", {"round": value}).status_code == 200, value
        assert admin_client.post("/review/bulk/", {"to": "approved", "ids": [value]}).status_code == 302, value
        assert admin_client.post("/review/bulk/", {"to": value, "ids": ["1"]}).status_code == 302, value

"""A round's completeness by department (审核发布 page): per lead unit, the values expected (its indicators), entered
(any state), submitted (or later) and approved (or published), from the round's own period and the plan's region,
simulated values not counted."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.test import Client

from planwatch.web.monitoring.models import ReportingRound, Status
from planwatch.web.monitoring.services import completeness, save_value, transition
from planwatch.web.plans.models import Plan


def test_it_counts_each_department_along_the_pipeline(admin_client: Client, demo: Plan) -> None:
    round_ = ReportingRound.objects.get(plan=demo, year=2025)
    admin = User.objects.get(username="fgj_admin")
    ind = {no: demo.indicators.get(no=no) for no in (1, 12, 2, 10)}
    save_value(admin, ind[1], demo.region, 2025, 5.5, "示例")  # 统计局: one draft …
    approved = save_value(admin, ind[12], demo.region, 2025, 6.0, "示例")  # … and one approved
    for to in (Status.SUBMITTED, Status.APPROVED):
        transition(admin, approved.pk, to)
    submitted = save_value(admin, ind[2], demo.region, 2025, 4.0, "示例")  # 商务局 (2, 10, 11): one submitted
    transition(admin, submitted.pk, Status.SUBMITTED)
    save_value(admin, ind[10], demo.region, 2024, 3000.0, "示例")  # another round's year: not counted in 2025's
    rows = {r["department"]: r for r in completeness(round_)}
    assert {k: rows["统计局"][k] for k in ("expected", "entered", "submitted", "approved", "missing")} == {
        "expected": 2, "entered": 2, "submitted": 1, "approved": 1, "missing": 0}
    assert {k: rows["商务局"][k] for k in ("expected", "entered", "submitted", "approved", "missing")} == {
        "expected": 3, "entered": 1, "submitted": 1, "approved": 0, "missing": 2}
    assert rows["卫生健康局"]["expected"] == 3 and rows["卫生健康局"]["entered"] == 0  # simulated values not counted
    assert sum(r["expected"] for r in rows.values()) == demo.indicators.count()

    page = admin_client.get(f"/review/?round={round_.pk}").content.decode()
    table = page.split('id="completeness"')[1]
    row = table.split('data-department="商务局"')[1].split("</tr>")[0]
    assert [cell.split(">")[1] for cell in row.split("<td")[2:]] == ["3</td", "1</td", "1</td", "0</td", "2</td"]


def test_only_the_admin_sees_the_review_page(reporter: Client, leader: Client, demo: Plan) -> None:
    for client in (reporter, leader):
        assert client.get("/review/").status_code == 403

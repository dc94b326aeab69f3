"""考核排名 /departments/: every department that leads something, best score first, the score broken down into
the parts the score already has (indicators, ledger items and their lights, overdue 督办单, deduction). The
ranking and the department page read one computation (ledgers.services.assessments)."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pytest
from django.test import Client

from planwatch.core.ledger import assessment_score
from planwatch.web.accounts.models import Department
from planwatch.web.ledgers.models import SupervisionNotice
from planwatch.web.ledgers.services import assessments
from planwatch.web.plans.models import Plan


def test_it_ranks_departments_by_score_with_the_parts(leader: Client, demo: Plan) -> None:
    response = leader.get("/departments/")
    assert response.status_code == 200
    ranked = response.context["ranked"]
    assert len(ranked) >= 5
    totals = [a.score.total for a in ranked]
    assert totals == sorted(totals, reverse=True)
    for a in ranked:  # each row's total is the core rule applied to the row's own parts
        again = assessment_score([e.status for e in a.indicators], [x for _, x in a.items], a.overdue_notices)
        assert again.total == a.score.total
        assert sum(a.lights().values()) == len(a.items)
    body = response.content.decode()
    assert "考核排名" in body and "指标得分" in body and "逾期未答复督办单" in body
    first = ranked[0]
    row = body[body.index(f'data-department="{first.department.pk}"'):]
    assert f"{first.score.total:.1f}" in row[:row.index("</tr>")]


def test_the_department_page_shows_the_same_score_as_the_ranking(admin_client: Client, demo: Plan) -> None:
    ranked = admin_client.get("/departments/").context["ranked"]
    for a in ranked[:3]:
        page = admin_client.get(f"/departments/{a.department.pk}/")
        assert page.context["score"].total == a.score.total
        assert 'class="score-parts"' in page.content.decode()


def test_an_overdue_notice_lowers_the_score_by_two_points(demo: Plan) -> None:
    dept = Department.objects.get(name="商务局")
    before = assessments(demo, [dept])[0][0]
    SupervisionNotice.objects.create(department=dept, reason="滞后", reply_due=dt.date(2020, 1, 1),
                                     commitment=demo.commitments.first())
    after = assessments(demo, [dept])[0][0]
    assert after.overdue_notices == before.overdue_notices + 1
    assert after.score.deduction == before.score.deduction + 2


def test_the_ranking_exports_the_table_it_shows(admin_client: Client, demo: Plan) -> None:
    ranked = admin_client.get("/departments/").context["ranked"]
    response = admin_client.get("/departments/?format=xlsx")
    assert response.status_code == 200 and "spreadsheetml" in response["Content-Type"]
    ws = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = list(ws.iter_rows(values_only=True))
    title = rows[0][0]  # the first row says what the table is: plan, region, year, and 模拟 when simulated
    assert demo.title in title and demo.region.name in title and "考核排名" in title and "年" in title
    assert rows[1][:3] == ("名次", "部门", "考核得分")
    assert [(r[1], r[2]) for r in rows[2:]] == [(a.department.name, a.score.total) for a in ranked]


@pytest.mark.parametrize("persona", ["outsider"])
def test_the_public_does_not_see_the_ranking(request: pytest.FixtureRequest, persona: str) -> None:
    client = request.getfixturevalue(persona)
    assert client.get("/departments/").status_code == 302  # to the login page


def test_the_department_page_exports_its_items_under_a_title_row(admin_client: Client, demo: Plan) -> None:
    page = admin_client.get("/departments/").context["ranked"][0]
    dept = page.department
    response = admin_client.get(f"/departments/{dept.pk}/?format=xlsx")
    assert response.status_code == 200 and "spreadsheetml" in response["Content-Type"]
    rows = list(openpyxl.load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert demo.title in rows[0][0] and dept.name in rows[0][0]
    assert rows[1][:2] == ("灯号", "事项") and len(rows) - 2 == len(page.items)

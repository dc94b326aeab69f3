"""The platform's reports go through the same builder: a 分工方案 from the assignments kept in the platform, and
an evaluation's 三、重点任务和重大工程项目 from the ledgers (progress, lights, overdue items)."""

from __future__ import annotations

import datetime as dt
import io

import docx
import openpyxl
from django.test import Client

from planwatch.web.accounts.models import Department
from planwatch.web.plans.models import Plan


def test_the_division_download_lists_the_assigned_units(leader: Client, demo: Plan) -> None:
    task = demo.tasks.order_by("id")[2]
    lead, co = Department.objects.order_by("id")[:2]
    task.lead, task.deadline = lead, dt.date(2024, 9, 30)
    task.save()
    task.co_units.set([co])
    response = leader.get("/reports/download/?kind=division&format=xlsx&as_of=2023")
    assert response.status_code == 200
    rows = list(openpyxl.load_workbook(io.BytesIO(response.content))["重点任务分工表"].iter_rows(min_row=3,
                                                                                            values_only=True))
    assert len(rows) == demo.tasks.count()
    assert rows[2] == ("3", task.title, lead.name, co.name, "2024年9月30日")


def test_an_evaluation_counts_overdue_projects_from_the_ledger(leader: Client, demo: Plan) -> None:
    project = demo.projects.order_by("id").first()
    assert project is not None
    project.deadline, project.progress = dt.date(2022, 6, 30), 40
    project.save()
    document = docx.Document(io.BytesIO(leader.get("/reports/download/?kind=midterm&format=docx&as_of=2023").content))
    text = "\n".join(p.text for p in document.paragraphs)
    problems = text.split("四、存在的主要问题")[1].split("五、")[0]
    assert "逾期未完成" in problems and project.name in problems
    assert "未接入任务台账" not in text

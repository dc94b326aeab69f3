"""里程碑 on ledger items: who may set and complete them, what is refused, and how they move the light."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from planwatch.core.ledger import light, overdue_milestones
from planwatch.web.accounts.models import Department
from planwatch.web.ledgers.models import EventAction, LedgerEvent, Milestone
from planwatch.web.ledgers.services import item_light
from planwatch.web.plans.models import Plan, Project, Task

from .items import led_by

# persona → may add and complete milestones of an item led by 统计局
ALLOWED = {"admin_client": True, "reporter": True, "other_reporter": False, "leader": False, "stranger": False,
           "outsider": False}


def _task_of(demo: Plan, department: str = "统计局") -> Task:
    return led_by(demo.tasks.order_by("id")[0], department)


def _milestone(task: Task, planned: dt.date = dt.date(2024, 6, 30), done: dt.date | None = None) -> Milestone:
    return Milestone.objects.create(task=task, name="完成可行性研究", planned=planned, done=done)


@pytest.mark.parametrize("persona", list(ALLOWED))
def test_only_the_lead_unit_and_the_admin_add_milestones(request: pytest.FixtureRequest, demo: Plan,
                                                         persona: str) -> None:
    client: Client = request.getfixturevalue(persona)
    task = _task_of(demo)
    response = client.post(f"/ledgers/tasks/{task.pk}/milestones/",
                           {"name": "完成可行性研究", "planned": "2025-06-30", "note": "报发改局"})
    written = Milestone.objects.filter(task=task).count() + LedgerEvent.objects.filter(task=task).count()
    if ALLOWED[persona]:
        assert response.status_code == 302 and written == 2
        m = Milestone.objects.get(task=task)
        assert (m.name, m.planned, m.done, m.note) == ("完成可行性研究", dt.date(2025, 6, 30), None, "报发改局")
    else:
        assert written == 0
        assert response.status_code == 403 or response["Location"].startswith("/login/")


@pytest.mark.parametrize("persona", list(ALLOWED))
def test_only_the_lead_unit_and_the_admin_mark_milestones_done(request: pytest.FixtureRequest, demo: Plan,
                                                               persona: str) -> None:
    client: Client = request.getfixturevalue(persona)
    task = _task_of(demo)
    m = _milestone(task)
    response = client.post(f"/ledgers/tasks/{task.pk}/milestones/{m.pk}/done/", {"done": "2024-07-02"})
    m.refresh_from_db()
    if ALLOWED[persona]:
        assert response.status_code == 302 and m.done == dt.date(2024, 7, 2)
        assert LedgerEvent.objects.get(task=task).action == EventAction.MILESTONE_DONE
    else:
        assert m.done is None and not LedgerEvent.objects.filter(task=task).exists()
        assert response.status_code == 403 or response["Location"].startswith("/login/")


def test_another_departments_reporter_is_told_who_may(other_reporter: Client, demo: Plan) -> None:
    task = _task_of(demo)
    response = other_reporter.post(f"/ledgers/tasks/{task.pk}/milestones/", {"name": "x", "planned": "2025-01-01"})
    assert response.status_code == 403 and "统计局" in response.content.decode()


@pytest.mark.parametrize(("data", "message"), [
    ({"name": "  ", "planned": "2025-06-30"}, "请填写里程碑名称"),
    ({"name": "开工", "planned": ""}, "计划日期"),
    ({"name": "开工", "planned": "2025-13-40"}, "计划日期"),
    ({"name": "开工" * 101, "planned": "2025-06-30"}, "不能超过200个字"),
])
def test_a_milestone_without_a_name_or_a_real_date_is_refused(reporter: Client, demo: Plan, data: dict[str, str],
                                                              message: str) -> None:
    task = _task_of(demo)
    response = reporter.post(f"/ledgers/tasks/{task.pk}/milestones/", data)
    assert response.status_code == 400 and message in response.content.decode()
    assert not Milestone.objects.filter(task=task).exists() and not LedgerEvent.objects.filter(task=task).exists()


def test_a_done_date_in_the_future_is_refused(reporter: Client, demo: Plan) -> None:
    task = _task_of(demo)
    m = _milestone(task)
    response = reporter.post(f"/ledgers/tasks/{task.pk}/milestones/{m.pk}/done/", {"done": "2999-01-01"})
    m.refresh_from_db()
    assert response.status_code == 400 and "完成日期不能晚于今天" in response.content.decode()
    assert m.done is None and not LedgerEvent.objects.filter(task=task).exists()


def test_a_milestone_is_completed_only_once(reporter: Client, demo: Plan) -> None:
    task = _task_of(demo)
    m = _milestone(task, done=dt.date(2024, 6, 1))
    response = reporter.post(f"/ledgers/tasks/{task.pk}/milestones/{m.pk}/done/", {"done": "2024-07-01"})
    m.refresh_from_db()
    assert response.status_code == 400 and "已于2024-06-01完成" in response.content.decode()
    assert m.done == dt.date(2024, 6, 1)


def test_a_milestone_of_another_item_is_not_found(admin_client: Client, demo: Plan) -> None:
    task = _task_of(demo)
    other = demo.tasks.exclude(pk=task.pk).order_by("id").first()
    assert other is not None
    m = _milestone(other)
    response = admin_client.post(f"/ledgers/tasks/{task.pk}/milestones/{m.pk}/done/", {"done": "2024-07-01"})
    m.refresh_from_db()
    assert response.status_code == 404 and m.done is None


def test_projects_have_milestones_too(reporter: Client, demo: Plan) -> None:
    project = demo.projects.order_by("id").first()
    assert project is not None
    project.lead = Department.objects.get(name="统计局")
    project.save()
    assert reporter.post(f"/ledgers/projects/{project.pk}/milestones/",
                         {"name": "主体完工", "planned": "2025-10-01"}).status_code == 302
    assert Milestone.objects.get(project=project).name == "主体完工"
    assert LedgerEvent.objects.get(project=project).action == EventAction.MILESTONE_ADDED


def test_the_ledger_list_shows_milestone_dates_and_flags_the_overdue(leader: Client, demo: Plan) -> None:
    task = _task_of(demo)
    _milestone(task, planned=dt.date(2020, 3, 31))
    Milestone.objects.create(task=task, name="竣工验收", planned=dt.date(2021, 9, 30), done=dt.date(2021, 9, 28))
    body = leader.get("/ledgers/tasks/").content.decode()
    row = body[body.index(f'data-item="{task.pk}"'):]
    row = row[:row.index("</tr>")]
    assert "完成可行性研究 2020-03-31" in row and "逾期" in row
    assert "竣工验收 2021-09-30" in row and "已完成 2021-09-28" in row


def test_the_item_page_shows_milestones_and_their_history(reporter: Client, leader: Client, demo: Plan) -> None:
    task = _task_of(demo)
    reporter.post(f"/ledgers/tasks/{task.pk}/milestones/", {"name": "完成招标", "planned": "2024-03-31"})
    body = leader.get(f"/ledgers/tasks/{task.pk}/").content.decode()
    assert "完成招标" in body and "2024-03-31" in body and "新增里程碑" in body and "tjj_tianbao" in body
    assert "标记完成" not in body  # the leader reads, and is offered no form


def test_an_overdue_open_milestone_turns_a_green_item_yellow(demo: Plan) -> None:
    task = _task_of(demo)
    task.progress = 100
    task.save()
    today = dt.date(2024, 7, 1)
    assert item_light(task, today) == "green"
    m = _milestone(task, planned=dt.date(2024, 6, 30))
    assert item_light(Task.objects.get(pk=task.pk), today) == "yellow"
    m.done = dt.date(2024, 7, 1)
    m.save()
    assert item_light(Task.objects.get(pk=task.pk), today) == "green"


def test_a_milestone_due_today_is_not_overdue_yet(demo: Plan) -> None:
    task = _task_of(demo)
    task.progress = 100
    task.save()
    _milestone(task, planned=dt.date(2024, 7, 1))
    assert item_light(Task.objects.get(pk=task.pk), dt.date(2024, 7, 1)) == "green"


def test_the_ledger_page_passes_milestones_into_the_light(admin_client: Client, demo: Plan) -> None:
    project = Project.objects.filter(plan=demo).order_by("id").first()
    assert project is not None
    project.progress = 100
    project.save()
    lights = {p.pk: x for p, x in admin_client.get("/ledgers/projects/").context["rows"]}
    assert lights[project.pk] == "green"
    Milestone.objects.create(project=project, name="环评批复", planned=dt.date(2020, 1, 1))
    lights = {p.pk: x for p, x in admin_client.get("/ledgers/projects/").context["rows"]}
    assert lights[project.pk] == "yellow"


def test_an_overdue_milestone_never_makes_an_item_red_by_itself() -> None:
    start, deadline, today = dt.date(2021, 1, 1), dt.date(2025, 12, 31), dt.date(2023, 7, 1)
    overdue = [(dt.date(2021, 3, 1), None), (dt.date(2022, 3, 1), None), (dt.date(2023, 3, 1), None)]
    assert overdue_milestones(overdue, today) == 3
    assert light(80, deadline, today, start, milestones=overdue) == "yellow"
    assert light(45, deadline, today, start, milestones=overdue) == "yellow"
    assert light(10, deadline, today, start, milestones=overdue) == "red"  # red by time, as without milestones


def test_the_department_page_counts_the_milestone_light(admin_client: Client, demo: Plan) -> None:
    task = _task_of(demo)
    task.progress = 100
    task.save()
    url = f"/departments/{task.lead_id}/"
    assert dict(admin_client.get(url).context["items"])[task] == "green"
    _milestone(task, planned=dt.date(2020, 1, 1))
    assert dict(admin_client.get(url).context["items"])[task] == "yellow"

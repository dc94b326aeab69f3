"""任务台账 / 重大项目台账, 督办单 and the department page, with every persona on every write."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from planwatch.core.ledger import assessment_score
from planwatch.web.ledgers.models import NoticeStatus, ProgressUpdate, SupervisionNotice
from planwatch.web.plans.models import Plan, Task


def _task_of(demo: Plan, department: str) -> Task:
    from planwatch.web.accounts.models import Department

    task = demo.tasks.order_by("id").first()
    assert task is not None
    task.lead = Department.objects.get(name=department)
    task.save()
    return task


# persona → may update the progress of a task led by 统计局
PROGRESS = {"admin_client": True, "reporter": True, "other_reporter": False, "leader": False, "stranger": False}


@pytest.mark.parametrize("persona", list(PROGRESS))
def test_only_the_lead_unit_updates_progress(request: pytest.FixtureRequest, demo: Plan, persona: str) -> None:
    client: Client = request.getfixturevalue(persona)
    task = _task_of(demo, "统计局")
    response = client.post(f"/ledgers/tasks/{task.pk}/progress/", {"progress": "40", "note": "完成可研"})
    task.refresh_from_db()
    assert (task.progress == 40) is PROGRESS[persona]
    assert response.status_code == (302 if PROGRESS[persona] else 403)
    assert ProgressUpdate.objects.filter(task=task).count() == (1 if PROGRESS[persona] else 0)


def test_progress_outside_0_to_100_is_refused(reporter: Client, demo: Plan) -> None:
    task = _task_of(demo, "统计局")
    before = task.progress
    for bad in ("120", "-5", "很多"):
        reporter.post(f"/ledgers/tasks/{task.pk}/progress/", {"progress": bad})
    task.refresh_from_db()
    assert task.progress == before and not ProgressUpdate.objects.filter(task=task).exists()


def test_the_ledger_shows_lights_and_filters(admin_client: Client, demo: Plan) -> None:
    response = admin_client.get("/ledgers/projects/")
    assert response.status_code == 200
    assert response.context["total"] == demo.projects.count()  # on pages of 50 (test_ledger_paging.py)
    reds = admin_client.get("/ledgers/projects/?light=red").context["rows"]
    assert all(light == "red" for _, light in reds)
    assert admin_client.get("/ledgers/nonsense/").status_code == 404


def test_a_notice_goes_from_issued_to_answered_to_closed(admin_client: Client, reporter: Client,
                                                        other_reporter: Client, demo: Plan) -> None:
    task = _task_of(demo, "统计局")
    assert reporter.post(f"/ledgers/tasks/{task.pk}/notice/", {"reason": "滞后", "reply_due": "2030-12-31"}
                         ).status_code == 403
    admin_client.post(f"/ledgers/tasks/{task.pk}/notice/", {"reason": "进度滞后，请说明", "reply_due": "2030-12-31"})
    notice = SupervisionNotice.objects.get(task=task)
    assert notice.department.name == "统计局" and notice.status == NoticeStatus.ISSUED
    assert other_reporter.post(f"/supervision/{notice.pk}/reply/", {"reply": "不是我们的"}).status_code == 403
    admin_client.post(f"/supervision/{notice.pk}/close/")
    assert SupervisionNotice.objects.get(pk=notice.pk).status == NoticeStatus.ISSUED  # not answered yet
    reporter.post(f"/supervision/{notice.pk}/reply/", {"reply": "已调整计划，年底前完成"})
    assert reporter.post(f"/supervision/{notice.pk}/close/").status_code == 403
    admin_client.post(f"/supervision/{notice.pk}/close/")
    notice.refresh_from_db()
    assert notice.status == NoticeStatus.CLOSED and notice.reply.startswith("已调整计划")
    assert "进度滞后" not in other_reporter.get("/supervision/").content.decode()  # other units see only theirs


def test_the_department_page_scores_by_the_documented_formula(admin_client: Client, demo: Plan) -> None:
    from planwatch.web.accounts.models import Department

    dept = Department.objects.get(name="商务局")
    response = admin_client.get(f"/departments/{dept.pk}/")
    assert response.status_code == 200
    score = response.context["score"]
    statuses = [e.status for e in response.context["results"]]
    lights = [x for _, x in response.context["items"]]
    assert score == assessment_score(statuses, lights, 0)
    assert "考核得分" in response.content.decode()


def test_the_score_formula() -> None:
    s = assessment_score(["met", "behind", "no_data", "no_target"], ["green", "yellow", "red", "red"], 1)
    # indicators (1 + 0.5 + 0) / 3 = 50; ledger (1 + 0.6 + 0 + 0) / 4 = 40; 0.6·50 + 0.4·40 = 46; −2
    assert (s.indicator_part, s.ledger_part, s.deduction, s.total) == (50.0, 40.0, 2.0, 44.0)
    assert assessment_score([], ["green"], 0).total == 100.0  # the only part carries the weight


def test_an_overdue_notice_counts_against_the_department(demo: Plan) -> None:
    from planwatch.web.ledgers.services import overdue

    task = _task_of(demo, "统计局")
    SupervisionNotice.objects.create(task=task, department=task.lead, reason="x", reply_due=dt.date(2020, 1, 1))
    assert overdue(SupervisionNotice.objects.all()) == 1


def test_simulated_progress_in_the_demo_is_labelled(leader: Client, demo: Plan) -> None:
    from planwatch.web.demo import SIMULATED_PROGRESS

    assert demo.tasks.filter(progress_note=SIMULATED_PROGRESS).exists()
    for kind in ("tasks", "projects", "commitments"):
        body = leader.get(f"/ledgers/{kind}/").content.decode()
        assert 'class="simulated"' in body and "模拟进展" in body, kind
    lights = {light for _, light in leader.get("/ledgers/tasks/").context["rows"]}
    assert lights == {"green", "red"}  # the plan period is over: unfinished items are overdue

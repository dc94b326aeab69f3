"""量化承诺台账: the plan's quantified commitments kept like tasks and projects — progress, lights, milestones,
evidence — with the same rule: the lead unit's reporter or the admin writes, everyone else is refused."""

from __future__ import annotations

import datetime as dt

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from planwatch.web.ledgers.models import EventAction, Evidence, LedgerEvent, Milestone, ProgressUpdate
from planwatch.web.ledgers.services import item_light
from planwatch.web.plans.models import Commitment, Plan

from .items import led_by, pdf_file


def _commitment_of(demo: Plan, department: str = "统计局") -> Commitment:
    return led_by(demo.commitments.get(quantity="新增新型研发机构5—10家"), department)


def test_it_lists_the_60_jinpu_commitments_with_their_lights(leader: Client, demo: Plan) -> None:
    response = leader.get("/ledgers/commitments/")
    assert response.status_code == 200
    rows = response.context["rows"]  # the first page of 50 (tests/web/test_ledger_paging.py)
    assert response.context["total"] == demo.commitments.count() == 60 and len(rows) == 50
    assert {light for _, light in rows} <= {"green", "yellow", "red"}
    body = response.content.decode()
    assert "量化承诺台账" in body and "新增新型研发机构5—10家" in body
    row = body[body.index("新增新型研发机构5—10家"):]
    assert row[:row.index("</tr>")].count("2025年12月31日") == 1  # 到2025年: its deadline, not 规划期末


def test_it_runs_a_commitment_to_31_december_of_its_year_unless_a_deadline_is_set(demo: Plan) -> None:
    commitment = _commitment_of(demo)
    assert commitment.due_year == 2025 and commitment.due == dt.date(2025, 12, 31)
    commitment.progress = 40  # 2.5 of 5 years gone by mid-2023: 40 % is behind by less than 20 points
    assert item_light(commitment, dt.date(2023, 7, 1)) == "yellow"
    commitment.deadline = dt.date(2022, 12, 31)  # its own deadline has passed unfinished
    assert commitment.due == dt.date(2022, 12, 31) and item_light(commitment, dt.date(2023, 7, 1)) == "red"


def test_the_lead_units_reporter_updates_progress(reporter: Client, demo: Plan) -> None:
    commitment = _commitment_of(demo)
    before = commitment.progress  # the demo's simulated progress
    response = reporter.post(f"/ledgers/commitments/{commitment.pk}/progress/", {"progress": "60", "note": "新增4家"})
    commitment.refresh_from_db()
    assert response.status_code == 302
    assert (commitment.progress, commitment.progress_note) == (60, "新增4家")
    update = ProgressUpdate.objects.get(commitment=commitment)
    assert (update.old_progress, update.new_progress, update.task, update.project) == (before, 60, None, None)


def test_the_lead_units_reporter_adds_a_milestone(reporter: Client, demo: Plan) -> None:
    commitment = _commitment_of(demo)
    response = reporter.post(f"/ledgers/commitments/{commitment.pk}/milestones/",
                             {"name": "认定首批新型研发机构", "planned": "2025-06-30"})
    assert response.status_code == 302
    milestone = Milestone.objects.get(commitment=commitment)
    assert (milestone.name, milestone.planned) == ("认定首批新型研发机构", dt.date(2025, 6, 30))
    assert LedgerEvent.objects.get(commitment=commitment).action == EventAction.MILESTONE_ADDED
    assert "认定首批新型研发机构" in reporter.get(f"/ledgers/commitments/{commitment.pk}/").content.decode()


def test_another_departments_reporter_is_refused_and_nothing_changes(other_reporter: Client, demo: Plan) -> None:
    commitment = _commitment_of(demo)
    before = commitment.progress
    base = f"/ledgers/commitments/{commitment.pk}"
    responses = [other_reporter.post(f"{base}/progress/", {"progress": "60"}),
                 other_reporter.post(f"{base}/milestones/", {"name": "开工", "planned": "2025-06-30"}),
                 other_reporter.post(f"{base}/evidence/", {"file": SimpleUploadedFile("报告.pdf", pdf_file())})]
    assert [r.status_code for r in responses] == [403, 403, 403]
    assert "只有牵头单位（统计局）" in responses[1].content.decode()
    commitment.refresh_from_db()
    assert commitment.progress == before
    assert not any(model.objects.filter(commitment=commitment).exists()
                   for model in (ProgressUpdate, Milestone, Evidence, LedgerEvent))


def test_an_evidence_pdf_uploads_to_a_commitment_and_downloads_again(reporter: Client, demo: Plan) -> None:
    commitment = _commitment_of(demo)
    data = pdf_file()
    response = reporter.post(f"/ledgers/commitments/{commitment.pk}/evidence/",
                             {"file": SimpleUploadedFile("研发机构认定文件.pdf", data)})
    assert response.status_code == 302
    evidence = Evidence.objects.get(commitment=commitment)
    assert (evidence.name, evidence.kind, evidence.size, evidence.task) == ("研发机构认定文件.pdf", "pdf", len(data), None)
    download = reporter.get(f"/ledgers/commitments/{commitment.pk}/evidence/{evidence.pk}/")
    assert b"".join(download.streaming_content) == data  # type: ignore[attr-defined]


def test_a_red_commitment_can_be_given_a_notice_that_names_it(admin_client: Client, demo: Plan) -> None:
    commitment = _commitment_of(demo)
    response = admin_client.post(f"/ledgers/commitments/{commitment.pk}/notice/",
                                 {"reason": "进度滞后", "reply_due": "2030-12-31"})
    assert response.status_code == 302
    notice = commitment.notices.get()
    assert notice.department.name == "统计局" and notice.subject == "新增新型研发机构5—10家"
    assert "新增新型研发机构5—10家" in admin_client.get("/supervision/").content.decode()


def test_a_commitment_counts_in_its_lead_units_score(admin_client: Client, demo: Plan) -> None:
    commitment = _commitment_of(demo)
    items = admin_client.get(f"/departments/{commitment.lead_id}/").context["items"]
    assert commitment in [item for item, _ in items]

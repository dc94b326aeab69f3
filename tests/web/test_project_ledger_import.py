"""重大项目台账 by Excel: export, fill in, import. One bad cell and nothing is written, with every bad cell named
in Chinese (400); corrected, the file is accepted and each changed project gets its 台账操作记录, as a form
edit does."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import openpyxl
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from planwatch.web.ledgers.models import EventAction, LedgerEvent, ProjectDetails
from planwatch.web.plans.models import Plan


def _filled(admin_client: Client, changes: dict[int, dict[str, object]]) -> bytes:
    wb = openpyxl.load_workbook(io.BytesIO(admin_client.get("/ledgers/projects/export/").content))
    ws = wb["重大项目"]
    heads = [c.value for c in ws[1]]
    for row in ws.iter_rows(min_row=2):
        for heading, value in changes.get(row[0].value, {}).items():
            row[heads.index(heading)].value = value
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _upload(client: Client, data: bytes) -> object:
    return client.post("/ledgers/projects/import/", {"file": SimpleUploadedFile("项目台账.xlsx", data)})


def test_one_bad_cell_refuses_the_file_then_the_corrected_file_is_accepted(admin_client: Client, demo: Plan) -> None:
    a, b = demo.projects.order_by("id")[:2]
    good = {"总投资（亿元）": 12.5, "计划开工": dt.datetime(2022, 3, 1), "建设单位": "金普新区建设集团"}
    bad = _filled(admin_client, {a.pk: good, b.pk: {"总投资（亿元）": "十二亿", "累计完成投资（亿元）": 3}})
    events = LedgerEvent.objects.count()
    response = _upload(admin_client, bad)
    assert response.status_code == 400
    text = response.content.decode()
    assert "第3行“总投资（亿元）”" in text and "不是有效的金额" in text
    assert not ProjectDetails.objects.filter(project__in=[a, b]).exists()  # nothing written, not even row 2
    assert LedgerEvent.objects.count() == events

    fixed = _filled(admin_client, {a.pk: good, b.pk: {"总投资（亿元）": "1,234.5", "累计完成投资（亿元）": 3}})
    assert _upload(admin_client, fixed).status_code == 302
    details = ProjectDetails.objects.get(project=a)
    assert (details.total_investment, details.planned_start, details.builder) == (
        Decimal("12.5"), dt.date(2022, 3, 1), "金普新区建设集团")
    assert ProjectDetails.objects.get(project=b).total_investment == Decimal("1234.5")
    event = LedgerEvent.objects.get(project=a, action=EventAction.PROJECT_DETAILS)
    assert "总投资：— → 12.5" in event.detail and event.actor.username == "fgj_admin"
    page = admin_client.get("/ledgers/projects/").content.decode()
    assert "1,234.50" in page  # thousands separator and two decimals on the ledger page


def test_the_form_edit_writes_the_same_history(admin_client: Client, demo: Plan) -> None:
    project = demo.projects.order_by("id").first()
    response = admin_client.post(f"/ledgers/projects/{project.pk}/details/", {"total_investment": "8", "image_progress": "主体完工"})
    assert response.status_code == 302
    assert ProjectDetails.objects.get(project=project).image_progress == "主体完工"
    assert LedgerEvent.objects.filter(project=project, action=EventAction.PROJECT_DETAILS).count() == 1
    bad = admin_client.post(f"/ledgers/projects/{project.pk}/details/", {"planned_start": "明年春天"})
    assert bad.status_code == 400 and "不是日期" in bad.content.decode()


def test_a_file_that_is_not_a_workbook_is_refused(admin_client: Client, demo: Plan) -> None:
    response = _upload(admin_client, b"PK\x03\x04 not really a zip")
    assert response.status_code == 400 and "Excel" in response.content.decode()

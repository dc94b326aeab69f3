"""An indicator's printed number (15th FYP 10.1 and 10.2: two measured sub-rows of item 10) is the number the web
shows: pages, the API and the assignment template, which takes it back."""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from planwatch.web.accounts.models import Region
from planwatch.web.plans.models import Plan

TABLE_15TH = Path(__file__).resolve().parents[3] / "shared" / "plans" / "real" / "national-15th-main-indicators.csv"


def _imported(client: Client) -> Plan:
    client.post("/plans/import/", {"file": SimpleUploadedFile("15th.csv", TABLE_15TH.read_bytes()),
                                   "region": Region.objects.get(name="金普新区").pk})
    plan = Plan.objects.order_by("-id").first()
    assert plan is not None
    client.post(f"/plans/{plan.pk}/review/", {"action": "confirm"})
    return plan


def test_sub_rows_show_their_printed_number(admin_client: Client) -> None:
    plan = _imported(admin_client)
    assert [(i.no, i.label) for i in plan.indicators.filter(no__in=(10, 11, 12))] == [
        (10, "10.1"), (11, "10.2"), (12, "11")]
    api = {i["no"]: i["label"] for i in admin_client.get(f"/api/plans/{plan.pk}/indicators").json()}
    assert (api[10], api[11], api[12], api[1]) == ("10.1", "10.2", "11", "1")
    page = admin_client.get(f"/plans/{plan.pk}/indicators/11/").content.decode()
    assert "<h2>10.2. " in page


def test_the_assignment_template_uses_and_reads_the_printed_number(admin_client: Client) -> None:
    plan = _imported(admin_client)
    wb = openpyxl.load_workbook(io.BytesIO(admin_client.get(f"/plans/{plan.pk}/assignments/?download=1").content))
    sheet = wb["主要指标"]
    row = next(r for r in sheet.iter_rows(min_row=2) if r[0].value == "10.2")
    row[3].value = "统计局"
    out = io.BytesIO()
    wb.save(out)
    response = admin_client.post(f"/plans/{plan.pk}/assignments/", {"file": SimpleUploadedFile("a.xlsx",
                                                                                                 out.getvalue())})
    assert response.status_code == 302
    assert plan.indicators.get(no=11).lead.name == "统计局"  # type: ignore[union-attr]
    assert plan.indicators.get(no=10).lead is None

"""Bulk assignment of lead units by Excel: template, upload, per-row errors, all or nothing."""

from __future__ import annotations

import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from planwatch.web.plans.models import Plan


def _template(client: Client, plan: Plan) -> openpyxl.Workbook:
    response = client.get(f"/plans/{plan.pk}/assignments/?download=1")
    assert response.status_code == 200
    return openpyxl.load_workbook(io.BytesIO(response.content))


def _upload(client: Client, plan: Plan, wb: openpyxl.Workbook) -> object:
    out = io.BytesIO()
    wb.save(out)
    return client.post(f"/plans/{plan.pk}/assignments/",
                       {"file": SimpleUploadedFile("分工.xlsx", out.getvalue())})


def test_the_template_lists_every_item_with_its_current_lead(admin_client: Client, demo: Plan) -> None:
    wb = _template(admin_client, demo)
    assert wb.sheetnames == ["主要指标", "重点任务", "重大项目", "量化承诺", "部门"]
    rows = list(wb["主要指标"].iter_rows(values_only=True))
    assert rows[1][:4] == (1, "地区生产总值增长", None, "统计局")  # indicators sit in no chapter: empty cell
    assert wb["重大项目"].max_row == demo.projects.count() + 1
    assert wb["量化承诺"].max_row == demo.commitments.count() + 1


def test_a_commitment_gets_its_lead_unit_from_the_template(admin_client: Client, demo: Plan) -> None:
    wb = _template(admin_client, demo)
    sheet = wb["量化承诺"]
    first = demo.commitments.order_by("id").first()
    assert first is not None and sheet["A2"].value == first.pk and sheet["B2"].value == first.quantity
    sheet["D2"], sheet["F2"] = "科技和工业信息化局", "2025-06-30"
    assert _upload(admin_client, demo, wb).status_code == 302
    first.refresh_from_db()
    assert (first.lead_name, str(first.deadline)) == ("科技和工业信息化局", "2025-06-30")


def test_a_filled_template_updates_every_row(admin_client: Client, demo: Plan) -> None:
    wb = _template(admin_client, demo)
    ws = wb["主要指标"]
    ws["D2"], ws["E2"], ws["F2"] = "发展和改革局", "统计局、财政局", "2025-12-31"
    task = wb["重点任务"]
    task["D2"], task["E2"] = "科技和工业信息化局", "教育局"
    response = _upload(admin_client, demo, wb)
    assert response.status_code == 302  # type: ignore[attr-defined]
    gdp = demo.indicators.get(no=1)
    assert gdp.lead is not None and gdp.lead.name == "发展和改革局"
    assert sorted(d.name for d in gdp.co_units.all()) == sorted(["统计局", "财政局"])
    assert str(gdp.deadline) == "2025-12-31"
    first = demo.tasks.order_by("id").first()
    assert first is not None and first.lead is not None and first.lead.name == "科技和工业信息化局"


def test_one_bad_row_means_nothing_is_written(admin_client: Client, demo: Plan) -> None:
    wb = _template(admin_client, demo)
    ws = wb["主要指标"]
    ws["D2"] = "发展和改革局"  # a good row …
    ws["D3"] = "不存在的局"  # … and bad ones
    ws["F4"] = "明年年底"
    ws.append([999, "多出来的指标", "", "统计局", "", ""])
    response = _upload(admin_client, demo, wb)
    body = response.content.decode()  # type: ignore[attr-defined]
    assert response.status_code == 400  # type: ignore[attr-defined]
    assert "“主要指标”第3行：牵头单位“不存在的局”不在部门名单中" in body
    assert "“主要指标”第4行：完成时限“明年年底”不是日期" in body
    assert "编号999在本规划中不存在" in body
    gdp = demo.indicators.get(no=1)
    assert gdp.lead is not None and gdp.lead.name == "统计局"  # unchanged


def test_a_file_that_is_not_a_workbook_is_refused(admin_client: Client, demo: Plan) -> None:
    response = admin_client.post(f"/plans/{demo.pk}/assignments/",
                                 {"file": SimpleUploadedFile("分工.xlsx", b"PK\x03\x04broken")})
    assert response.status_code == 400 and "不是有效的" in response.content.decode()


@pytest.mark.parametrize(("persona", "status"), [("reporter", 403), ("leader", 403), ("outsider", 302)])
def test_only_the_planning_office_assigns(request: pytest.FixtureRequest, persona: str, status: int,
                                          demo: Plan) -> None:
    client: Client = request.getfixturevalue(persona)
    assert client.get(f"/plans/{demo.pk}/assignments/?download=1").status_code == status
    assert client.post(f"/plans/{demo.pk}/assignments/", {}).status_code == status


def test_a_zip_bomb_workbook_is_refused(admin_client: Client, demo: Plan) -> None:
    import zipfile

    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("xl/workbook.xml", "<workbook/>")
        zf.writestr("xl/padding.xml", b"\0" * (300 * 1024 * 1024))
    response = admin_client.post(f"/plans/{demo.pk}/assignments/",
                                 {"file": SimpleUploadedFile("分工.xlsx", bomb.getvalue())})
    assert response.status_code == 400 and "疑似压缩炸弹" in response.content.decode()

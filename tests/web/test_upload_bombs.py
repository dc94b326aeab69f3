"""Small uploads built to exhaust memory or CPU are a 400 with one line, quickly, and nothing is written; a real
assignment workbook whose sheet declares A1:XFD1048576 is read by the cells it holds."""

from __future__ import annotations

import io
import time
import zipfile
from pathlib import Path

import openpyxl
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from planwatch.web.accounts.models import Region
from planwatch.web.plans.models import Plan

from ..test_resource_bombs import _pdf_inflating_far, _xlsx_with_rows_reaching_column_xfd


def _timed_post(client: Client, url: str, fields: dict[str, object]) -> tuple[object, float]:
    start = time.perf_counter()
    response = client.post(url, fields)
    return response, time.perf_counter() - start


def test_a_plan_upload_that_would_exhaust_memory_is_a_400(admin_client: Client, demo: Plan, tmp_path: Path) -> None:
    before = Plan.objects.count()
    for name, make, message in (("指标表.xlsx", _xlsx_with_rows_reaching_column_xfd, "单元格"),
                                ("规划.pdf", _pdf_inflating_far, "疑似压缩炸弹")):
        path = tmp_path / name
        make(path)
        response, seconds = _timed_post(admin_client, "/plans/import/", {
            "file": SimpleUploadedFile(name, path.read_bytes()), "region": Region.objects.get(name="金普新区").pk})
        assert response.status_code == 400, name  # type: ignore[attr-defined]
        assert message in response.content.decode(), name  # type: ignore[attr-defined]
        assert seconds < 15, (name, seconds)
    assert Plan.objects.count() == before


def _template(client: Client, plan: Plan) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(client.get(f"/plans/{plan.pk}/assignments/?download=1").content))


def _declaring_every_cell(data: bytes) -> bytes:
    """The same workbook, each sheet claiming A1:XFD1048576 and ending in an empty row 1048576."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            part = src.read(info.filename)
            if info.filename.startswith("xl/worksheets/sheet"):
                start = part.index(b'<dimension ref="')
                end = part.index(b'"/>', start)
                part = part[:start] + b'<dimension ref="A1:XFD1048576' + part[end:]
                part = part.replace(b"</sheetData>", b'<row r="1048576"/></sheetData>')
            dst.writestr(info.filename, part)
    return out.getvalue()


def test_an_assignment_workbook_is_read_by_the_cells_it_holds(admin_client: Client, demo: Plan) -> None:
    wb = _template(admin_client, demo)
    wb["主要指标"]["D2"] = "发展和改革局"
    buffer = io.BytesIO()
    wb.save(buffer)
    response, seconds = _timed_post(admin_client, f"/plans/{demo.pk}/assignments/", {
        "file": SimpleUploadedFile("分工.xlsx", _declaring_every_cell(buffer.getvalue()))})
    assert response.status_code == 302  # type: ignore[attr-defined]
    assert demo.indicators.get(no=1).lead_name == "发展和改革局"
    assert seconds < 15, seconds


def test_an_assignment_workbook_with_too_many_cells_is_a_400(admin_client: Client, demo: Plan, tmp_path: Path) -> None:
    wb = _template(admin_client, demo)
    sheet = wb["主要指标"]
    sheet["D2"] = "发展和改革局"
    for row in range(3, 3003):
        sheet.cell(row=row, column=16384, value="x")
    buffer = io.BytesIO()
    wb.save(buffer)
    response, seconds = _timed_post(admin_client, f"/plans/{demo.pk}/assignments/", {
        "file": SimpleUploadedFile("分工.xlsx", buffer.getvalue())})
    assert response.status_code == 400  # type: ignore[attr-defined]
    assert "单元格" in response.content.decode()  # type: ignore[attr-defined]
    assert demo.indicators.get(no=1).lead_name == "统计局"
    assert seconds < 15, seconds

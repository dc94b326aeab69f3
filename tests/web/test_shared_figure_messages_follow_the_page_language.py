"""一数一报 in English: the messages about a figure held under another plan's indicator — the reporter home's
填报于《…》, the 填报模板's status cell (已在《…》填报) and the refusal of a changed 来源 on upload — are in the language
the person chose, Chinese by default."""

from __future__ import annotations

import html
import io
from pathlib import Path

import openpyxl
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from planwatch.web.monitoring.services import save_value

from .shared_entries import URBAN, Family, family


def _entered(shared: Family) -> None:
    shared.confirm()
    save_value(User.objects.get(username="tjj_tianbao"), shared.urban[0], shared.plans[0].region, 2025, 58.5, "示例",
               source="统计公报")


def _sheet(client: Client, shared: Family) -> openpyxl.Workbook:
    response = client.get(f"/rounds/{shared.rounds[1].pk}/sheet/")
    assert response.status_code == 200
    return openpyxl.load_workbook(io.BytesIO(response.content))


def _status(wb: openpyxl.Workbook) -> str:
    ws = wb["填报"]
    row = next(r for r in range(3, ws.max_row + 1) if ws.cell(row=r, column=4).value == URBAN)
    ws.cell(row=row, column=9).value, ws.cell(row=row, column=10).value = 58.9, "统计快报"  # for the upload
    return str(ws.cell(row=row, column=12).value)


def _upload(client: Client, shared: Family, wb: openpyxl.Workbook) -> str:
    out = io.BytesIO()
    wb.save(out)
    response = client.post(f"/rounds/{shared.rounds[1].pk}/sheet/",
                           {"file": SimpleUploadedFile("填报.xlsx", out.getvalue())}, follow=True)
    return html.unescape(response.content.decode())


def test_they_are_chinese_by_default(reporter: Client, tmp_path: Path) -> None:
    shared = family(tmp_path)
    _entered(shared)
    title = shared.plans[0].title
    assert f"填报于《{title}》" in reporter.get(f"/report/?plan={shared.plans[1].pk}").content.decode()
    wb = _sheet(reporter, shared)
    assert _status(wb) == f"已在《{title}》填报（草稿），修改即改该数值"
    assert f"本期数值已在《{title}》填报（来源“统计公报”），同一数据只填报一次" in _upload(reporter, shared, wb)


def test_they_are_english_when_english_is_chosen(reporter: Client, tmp_path: Path) -> None:
    shared = family(tmp_path)
    _entered(shared)
    title = shared.plans[0].title
    reporter.post("/i18n/setlang/", {"language": "en", "next": "/"})
    home = reporter.get(f"/report/?plan={shared.plans[1].pk}").content.decode()
    assert f"Entered under “{title}”" in home and "填报于《" not in home
    wb = _sheet(reporter, shared)
    status = _status(wb)
    assert status.startswith(f"Already entered for “{title}” (") and "已在" not in status
    page = _upload(reporter, shared, wb)
    assert f"this period's figure is already entered for “{title}” (source “统计公报”)" in page
    assert "同一数据只填报一次" not in page

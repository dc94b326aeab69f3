"""填报模板 with 一数一报: the special plan's template lists the shared figure's row pre-filled with the value entered
for the master plan, marked 已在《…》填报; uploaded unchanged it saves nothing, and a corrected cell is written to that
one observation (the master plan's indicator, save_value's version check and history row) — never a second
observation of the same figure. A 来源 changed on such a row, or a row the person may not write there, refuses
its cell and nothing is saved."""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from planwatch.web.accounts.models import Department
from planwatch.web.monitoring.models import Observation, ObservationEvent, Status
from planwatch.web.monitoring.services import missing_values, save_value, transition

from .shared_entries import URBAN, Family, family


def _sheet(client: Client, shared: Family, which: int = 1) -> openpyxl.Workbook:
    response = client.get(f"/rounds/{shared.rounds[which].pk}/sheet/")
    assert response.status_code == 200
    return openpyxl.load_workbook(io.BytesIO(response.content))


def _row(wb: openpyxl.Workbook, name: str = URBAN) -> int:
    ws = wb["填报"]
    return next(r for r in range(3, ws.max_row + 1) if ws.cell(row=r, column=4).value == name)


def _upload(client: Client, shared: Family, wb: openpyxl.Workbook, which: int = 1) -> str:
    out = io.BytesIO()
    wb.save(out)
    response = client.post(f"/rounds/{shared.rounds[which].pk}/sheet/",
                           {"file": SimpleUploadedFile("填报.xlsx", out.getvalue())}, follow=True)
    return response.content.decode()


def _values(shared: Family) -> list[tuple[int, float]]:
    return sorted(Observation.objects.filter(indicator__in=shared.urban, simulated=False).values_list(
        "indicator_id", "value"))


def _entered(shared: Family) -> Observation:
    shared.confirm()
    return save_value(User.objects.get(username="tjj_tianbao"), shared.urban[0], shared.plans[0].region, 2025,
                      58.5, "示例", source="统计公报")


def test_the_template_shows_the_figure_entered_for_another_plan(reporter: Client, tmp_path: Path) -> None:
    shared = family(tmp_path)
    obs = _entered(shared)
    wb = _sheet(reporter, shared)
    ws, row = wb["填报"], _row(wb)
    assert ws.cell(row=row, column=1).value == shared.urban[1].pk  # the row is the special plan's indicator …
    assert ws.cell(row=row, column=2).value == obs.version  # … with the held value's version
    assert ws.cell(row=row, column=9).value == 58.5 and ws.cell(row=row, column=10).value == "统计公报"
    assert f"已在《{shared.plans[0].title}》填报（草稿）" in ws.cell(row=row, column=12).value
    assert "已在" not in (_sheet(reporter, shared, 0)["填报"].cell(row=3, column=12).value or "")  # its own plan's

    assert "已从填报模板保存 0 个数值" in _upload(reporter, shared, wb)  # as downloaded: nothing to save
    assert _values(shared) == [(shared.urban[0].pk, 58.5)]


def test_a_corrected_cell_is_written_to_the_one_observation(reporter: Client, tmp_path: Path) -> None:
    shared = family(tmp_path)
    obs = _entered(shared)
    wb = _sheet(reporter, shared, 2)  # the successor plan's round
    wb["填报"].cell(row=_row(wb), column=9).value = 58.7
    assert "已从填报模板保存 1 个数值" in _upload(reporter, shared, wb, 2)
    assert _values(shared) == [(shared.urban[0].pk, 58.7)]  # no second observation for C's indicator
    obs.refresh_from_db()
    assert obs.version == 2
    event = ObservationEvent.objects.filter(observation=obs).order_by("id").last()
    assert event is not None and (event.action, event.old_value, event.new_value) == ("edit", 58.5, 58.7)
    assert missing_values(shared.rounds[2], shared.urban[2:]) == []

    wb["填报"].cell(row=_row(wb), column=9).value = 58.8  # the same file changed again: its version is stale now
    again = _upload(reporter, shared, wb, 2)
    assert "未保存任何数据" in again and "已被他人修改" in again and _values(shared) == [(shared.urban[0].pk, 58.7)]


def test_a_changed_source_or_a_value_under_review_refuses_the_cell(reporter: Client, tmp_path: Path) -> None:
    shared = family(tmp_path)
    obs = _entered(shared)
    wb = _sheet(reporter, shared)
    ws, row = wb["填报"], _row(wb)
    ws.cell(row=row, column=9).value, ws.cell(row=row, column=10).value = 58.9, "统计快报"
    page = _upload(reporter, shared, wb)
    assert "未保存任何数据" in page and "同一数据只填报一次" in page
    assert _values(shared) == [(shared.urban[0].pk, 58.5)]

    transition(User.objects.get(username="tjj_tianbao"), obs.pk, Status.SUBMITTED)
    wb = _sheet(reporter, shared)
    wb["填报"].cell(row=_row(wb), column=9).value = 58.9
    page = _upload(reporter, shared, wb)
    assert "未保存任何数据" in page and "不能修改" in page
    assert _values(shared) == [(shared.urban[0].pk, 58.5)]


def test_a_figure_held_under_another_departments_indicator_refuses_the_cell(reporter: Client, tmp_path: Path) -> None:
    shared = family(tmp_path)
    shared.confirm()
    a = shared.urban[0]
    a.lead = Department.objects.get(name="商务局")  # in the master plan another unit leads the same measure
    a.save(update_fields=["lead"])
    save_value(User.objects.get(username="swj_tianbao"), a, shared.plans[0].region, 2025, 58.5, "示例")
    wb = _sheet(reporter, shared)
    wb["填报"].cell(row=_row(wb), column=9).value = 60.0
    response = _upload(reporter, shared, wb)
    assert "未保存任何数据" in response and f"本期数值已在《{shared.plans[0].title}》填报，只有牵头单位（商务局）" in response
    assert _values(shared) == [(a.pk, 58.5)]

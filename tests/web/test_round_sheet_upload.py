"""填报模板: a round's Excel template for the reporter's department, filled in and uploaded back — every cell
checked, errors named by sheet and cell in Chinese, all or nothing, through the form's save function and history;
a value already under review refuses its cell; bad files write nothing."""

from __future__ import annotations

import io
import shutil
import subprocess
import zipfile
from pathlib import Path

import openpyxl
import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from planwatch.web.monitoring.models import Observation, ObservationEvent, ReportingRound, Status
from planwatch.web.monitoring.services import save_value, target_paths, transition
from planwatch.web.plans.models import Plan


def _round(demo: Plan) -> ReportingRound:
    return ReportingRound.objects.get(plan=demo, year=2025)


def _template(client: Client, round_: ReportingRound) -> openpyxl.Workbook:
    response = client.get(f"/rounds/{round_.pk}/sheet/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    return openpyxl.load_workbook(io.BytesIO(response.content))


def _rows(wb: openpyxl.Workbook) -> dict[str, int]:
    """indicator name → its row in the sheet"""
    ws = wb["填报"]
    return {ws.cell(row=r, column=4).value: r for r in range(3, ws.max_row + 1)}


def _bytes(wb: openpyxl.Workbook) -> bytes:
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _upload(client: Client, round_: ReportingRound, data: bytes, name: str = "填报.xlsx") -> str:
    response = client.post(f"/rounds/{round_.pk}/sheet/", {"file": SimpleUploadedFile(name, data)}, follow=True)
    return response.content.decode()


def _entered(demo: Plan) -> int:
    return Observation.objects.filter(indicator__plan=demo, year=2025, simulated=False).count()


def test_the_template_holds_the_departments_indicators_with_context(reporter: Client, demo: Plan) -> None:
    wb = _template(reporter, _round(demo))
    ws = wb["填报"]
    assert [c.value for c in ws[2]][:9] == ["指标ID", "版本", "编号", "指标", "单位", "期间", "上年值", "目标值", "本期数值"]
    rows = _rows(wb)
    assert set(rows) == {"地区生产总值增长", "常住居民人均可支配收入增长率"}  # 统计局's two, nobody else's
    gdp = rows["地区生产总值增长"]
    assert ws.cell(row=gdp, column=1).value == demo.indicators.get(no=1).pk
    assert ws.cell(row=gdp, column=5).value == "%"
    assert ws.cell(row=gdp, column=8).value == pytest.approx(target_paths(demo)[1][2025])
    assert ws.column_dimensions["A"].hidden and ws.protection.sheet
    assert ws.cell(row=2, column=9).protection.locked and not ws.cell(row=gdp, column=9).protection.locked
    assert wb["_轮次"].sheet_state == "hidden"


def test_one_bad_cell_refuses_the_whole_sheet_then_the_corrected_sheet_is_saved(reporter: Client,
                                                                                  demo: Plan) -> None:
    round_ = _round(demo)
    wb = _template(reporter, round_)
    rows = _rows(wb)
    ws = wb["填报"]
    ws.cell(row=rows["地区生产总值增长"], column=9).value = 5.8
    ws.cell(row=rows["地区生产总值增长"], column=10).value = "统计局快报"
    bad = rows["常住居民人均可支配收入增长率"]
    ws.cell(row=bad, column=9).value = "约6"
    page = _upload(reporter, round_, _bytes(wb))
    assert f"工作表“填报”I{bad}：“约6”不是数字" in page
    assert "未保存任何数据" in page
    assert _entered(demo) == 0
    ws.cell(row=bad, column=9).value = "6.2"
    page = _upload(reporter, round_, _bytes(wb))
    assert "已从填报模板保存 2 个数值" in page
    gdp = Observation.objects.get(indicator__no=1, indicator__plan=demo, year=2025, simulated=False)
    assert (gdp.value, gdp.source, gdp.status) == (5.8, "统计局快报", Status.DRAFT)
    assert ObservationEvent.objects.get(observation=gdp).action == "create"  # the form's history, the same way


def test_a_value_under_review_refuses_its_cell_and_nothing_is_written(reporter: Client, demo: Plan) -> None:
    round_ = _round(demo)
    user = User.objects.get(username="tjj_tianbao")
    submitted = save_value(user, demo.indicators.get(no=1), demo.region, 2025, 5.5)
    transition(user, submitted.pk, Status.SUBMITTED)
    wb = _template(reporter, round_)
    rows = _rows(wb)
    ws = wb["填报"]
    assert ws.cell(row=rows["地区生产总值增长"], column=9).value == 5.5
    ws.cell(row=rows["地区生产总值增长"], column=9).value = 5.9
    ws.cell(row=rows["常住居民人均可支配收入增长率"], column=9).value = 6.0
    page = _upload(reporter, round_, _bytes(wb))
    assert f"I{rows['地区生产总值增长']}：该数值处于“已提交”状态，不能修改" in page
    assert _entered(demo) == 1 and Observation.objects.get(pk=submitted.pk).value == 5.5


def test_a_stale_sheet_is_refused(reporter: Client, demo: Plan) -> None:
    round_ = _round(demo)
    user = User.objects.get(username="tjj_tianbao")
    draft = save_value(user, demo.indicators.get(no=1), demo.region, 2025, 5.5)
    wb = _template(reporter, round_)
    save_value(user, demo.indicators.get(no=1), demo.region, 2025, 5.6, version=draft.version)  # meanwhile
    wb["填报"].cell(row=_rows(wb)["地区生产总值增长"], column=9).value = 5.9
    page = _upload(reporter, round_, _bytes(wb))
    assert "该数值已被他人修改" in page
    assert Observation.objects.get(pk=draft.pk).value == 5.6


def test_another_department_cannot_write_through_the_template(reporter: Client, other_reporter: Client,
                                                              demo: Plan) -> None:
    round_ = _round(demo)
    wb = _template(reporter, round_)
    wb["填报"].cell(row=_rows(wb)["地区生产总值增长"], column=9).value = 5.8
    response = other_reporter.post(f"/rounds/{round_.pk}/sheet/", {"file": SimpleUploadedFile("a.xlsx", _bytes(wb))})
    assert response.status_code == 403
    assert "由统计局牵头，您不能填报" in response.content.decode()
    assert _entered(demo) == 0


def test_a_leader_gets_no_template(leader: Client, demo: Plan) -> None:
    assert leader.get(f"/rounds/{_round(demo).pk}/sheet/").status_code == 403


def test_a_file_that_is_not_a_workbook_is_refused(reporter: Client, demo: Plan) -> None:
    page = _upload(reporter, _round(demo), "指标,数值\n1,5".encode(), "填报.xlsx")
    assert "不是有效的 Excel" in page or "压缩包已损坏" in page
    assert _entered(demo) == 0


def test_a_zip_bomb_is_refused(reporter: Client, demo: Plan) -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("xl/worksheets/sheet1.xml", b"\0" * (300 * 1024 * 1024))  # 300 MB of zeros, packed to ~300 KB
    page = _upload(reporter, _round(demo), out.getvalue(), "填报.xlsx")
    assert "疑似压缩炸弹" in page
    assert _entered(demo) == 0


def test_another_rounds_template_is_refused(reporter: Client, demo: Plan) -> None:
    wb = _template(reporter, _round(demo))
    wb["填报"].cell(row=_rows(wb)["地区生产总值增长"], column=9).value = 5.8
    other = ReportingRound.objects.get(plan=demo, year=2024)
    other.reopened_until = _round(demo).deadline
    other.save()
    page = _upload(reporter, other, _bytes(wb))
    assert "这是另一个填报轮次的模板" in page
    assert not Observation.objects.filter(indicator__plan=demo, year__in=[2024, 2025], simulated=False,
                                          source="").exists()


CALC = Path("/usr/lib/libreoffice/share/registry/calc.xcd")  # Debian's libreoffice-calc(-nogui)


@pytest.mark.skipif(shutil.which("soffice") is None or not CALC.exists(), reason="LibreOffice Calc needed")
def test_a_sheet_saved_by_libreoffice_is_read(reporter: Client, demo: Plan, tmp_path: Path) -> None:
    round_ = _round(demo)
    wb = _template(reporter, round_)
    wb["填报"].cell(row=_rows(wb)["地区生产总值增长"], column=9).value = 5.8
    (tmp_path / "filled.xlsx").write_bytes(_bytes(wb))
    # through LibreOffice's own format and back: what an office that works in LibreOffice uploads
    for source, fmt in (("filled.xlsx", "ods"), ("ods/filled.ods", "xlsx")):
        subprocess.run(["soffice", "--headless", "--norestore", f"-env:UserInstallation={(tmp_path / 'lo').as_uri()}",
                        "--convert-to", fmt, "--outdir", str(tmp_path / fmt), str(tmp_path / source)],
                       check=True, capture_output=True, timeout=180)
    resaved = (tmp_path / "xlsx" / "filled.xlsx").read_bytes()
    assert "LibreOffice" in zipfile.ZipFile(io.BytesIO(resaved)).read("docProps/app.xml").decode()
    page = _upload(reporter, round_, resaved)
    assert "已从填报模板保存 1 个数值" in page
    assert Observation.objects.get(indicator__no=1, indicator__plan=demo, year=2025, simulated=False).value == 5.8

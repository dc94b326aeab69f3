"""A reporter's working day in a real headless Chromium against a real `planwatch serve --demo`: the home shows a
value returned with the reviewer's reason; an Excel 填报模板 with one bad cell is refused (nothing written), then
accepted once corrected; the admin approves the submitted values in one go. The three tests share one server
and run in this order. Screenshots go to out/screenshots/."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import openpyxl
import pytest

from .test_browser_workflow import CHROMIUM, SHOTS, browser, server, sign_in  # noqa: F401 - the shared fixtures

pytestmark = [pytest.mark.slow, pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian chromium needed")]



def _page(browser: Any, base: str, user: str) -> Any:  # noqa: F811 - the fixture, passed on
    page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="zh-CN", accept_downloads=True)
    sign_in(page, base, user)
    return page


def test_a_returned_value_shows_its_reason_on_the_reporters_home(server: str, browser: Any) -> None:  # noqa: F811
    reporter = _page(browser, server, "tjj_tianbao")
    reporter.goto(server + "/report/")
    reporter.select_option("#id_indicator", label="1. 地区生产总值增长（%）")
    assert reporter.input_value("#id_year") == "2025"  # the open round's year
    reporter.fill("#id_value", "5.9")
    reporter.fill("#id_source", "统计局快报（示例）")
    reporter.click("#save-button")
    reporter.locator("tr", has_text="地区生产总值增长").filter(has_text="草稿").locator(".submit-button").click()
    assert "已提交" in reporter.inner_text("main")

    admin = _page(browser, server, "fgj_admin")
    admin.goto(server + "/review/")
    row = admin.locator("tr", has_text="地区生产总值增长").filter(has_text="5.9")
    row.locator("input[name=reason]").fill("与统计公报口径不一致，请核实")
    row.locator("button", has_text="退回").click()
    assert "退回" in admin.inner_text("main")
    admin.close()

    reporter.goto(server + "/report/")
    returned = reporter.locator("#returned")
    assert "与统计公报口径不一致，请核实" in returned.inner_text()
    assert "fgj_admin" in returned.inner_text()
    reporter.screenshot(path=str(SHOTS / "reporter-home-returned.png"), full_page=True)
    reporter.close()


def _fill(path: Path, name: str, value: object) -> None:
    wb = openpyxl.load_workbook(path)
    ws = wb["填报"]
    row = next(r for r in range(3, ws.max_row + 1) if ws.cell(row=r, column=4).value == name)
    ws.cell(row=row, column=9).value = value
    wb.save(path)


def test_an_excel_upload_with_one_bad_cell_is_refused_then_accepted(server: str, browser: Any,  # noqa: F811
                                                                    tmp_path: Path) -> None:
    page = _page(browser, server, "tjj_tianbao")
    page.goto(server + "/report/")
    with page.expect_download() as download:
        page.locator("a.sheet-download").first.click()
    sheet = tmp_path / "填报模板.xlsx"
    download.value.save_as(sheet)
    _fill(sheet, "常住居民人均可支配收入增长率", "六点一")
    page.locator("form.sheet-upload input[type=file]").first.set_input_files(str(sheet))
    page.locator("form.sheet-upload button").first.click()
    text = page.inner_text("main")
    assert "未保存任何数据" in text and "“六点一”不是数字" in text and "工作表“填报”I" in text
    assert "常住居民人均可支配收入增长率" in page.inner_text("#missing")  # nothing written
    page.screenshot(path=str(SHOTS / "reporter-sheet-refused.png"), full_page=True)

    _fill(sheet, "常住居民人均可支配收入增长率", 6.1)
    page.locator("form.sheet-upload input[type=file]").first.set_input_files(str(sheet))
    page.locator("form.sheet-upload button").first.click()
    assert "已从填报模板保存 1 个数值" in page.inner_text("main")
    assert page.locator("tr", has_text="常住居民人均可支配收入增长率").filter(has_text="草稿").count() == 1
    page.screenshot(path=str(SHOTS / "reporter-sheet-accepted.png"), full_page=True)
    page.close()


def test_the_admin_approves_in_bulk(server: str, browser: Any) -> None:  # noqa: F811
    reporter = _page(browser, server, "tjj_tianbao")
    reporter.goto(server + "/report/")
    while reporter.locator(".submit-button").count():  # submit every draft and returned value
        reporter.locator(".submit-button").first.click()
        reporter.wait_for_load_state()
    reporter.close()

    admin = _page(browser, server, "fgj_admin")
    admin.goto(server + "/review/")
    names = ("地区生产总值增长", "常住居民人均可支配收入增长率")
    for name in names:
        admin.locator("tr", has_text=name).filter(has_text="已提交").locator("input.tick").check()
    admin.click("#bulk-approve")
    assert "已处理 2 条数据：已审核" in admin.inner_text("main")
    for name in names:
        assert admin.locator("tr", has_text=name).filter(has_text="已审核").count() == 1
    completeness = admin.locator("#completeness tr", has_text="统计局").inner_text()
    assert completeness.split()[-5:] == ["2", "2", "2", "2", "0"]  # expected, entered, submitted, approved, missing
    admin.screenshot(path=str(SHOTS / "admin-bulk-approved.png"), full_page=True)
    admin.close()

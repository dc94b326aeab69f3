"""分地区批量报告 in a real headless Chromium against a real `planwatch serve --demo` (gunicorn, its background
thread): the admin starts a batch over the regions below 金普新区, the progress bar (plain JS polling the JSON
endpoint) fills up to the number of regions, and the .zip downloaded holds one report per region."""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

import pytest

from .test_browser_workflow import CHROMIUM, SHOTS, browser, server, sign_in  # noqa: F401 - the shared fixtures

pytestmark = [pytest.mark.slow, pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian chromium needed")]


def test_a_batch_fills_its_progress_bar_and_downloads_a_zip(server: str, browser: Any,  # noqa: F811
                                                             tmp_path: Path) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="zh-CN", accept_downloads=True)
    sign_in(page, server, "fgj_admin")
    page.goto(server + "/overview/")
    page.click("#batch-link")
    regions = page.locator("input[name=region]").count()
    assert regions >= 2
    page.select_option("select[name=kind]", "annual")
    page.select_option("select[name=format]", "docx")
    page.click("#batch-form button[type=submit]")
    page.wait_for_selector("#batch-download:not([hidden])", timeout=120_000)  # the bar was polled to the end
    assert page.eval_on_selector("#batch-bar", "b => [b.value, b.max]") == [regions, regions]
    assert page.inner_text("#batch-count") == f"{regions}/{regions}"
    page.screenshot(path=str(SHOTS / "batch-reports.png"))
    with page.expect_download() as info:
        page.click("#batch-download a")
    target = tmp_path / "batch.zip"
    info.value.save_as(target)
    names = zipfile.ZipFile(target).namelist()
    assert len(names) == regions and all(n.endswith(".docx") for n in names)
    page.close()

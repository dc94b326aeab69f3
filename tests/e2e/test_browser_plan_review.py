"""End to end, in a real headless Chromium against `planwatch serve --demo`: the admin imports the national 14th
FYP, corrects one cell on the review page, confirms, imports the same file again and finds the correction kept.
Screenshots go to out/screenshots/."""

from __future__ import annotations

from pathlib import Path

import pytest

from .test_browser_workflow import CHROMIUM, CHROMIUM_ARGS, SHOTS, server, sign_in

__all__ = ["server"]  # the fixture: a demo server of this module's own
NATIONAL_14TH = Path(__file__).resolve().parents[3] / "shared" / "plans" / "real" / "national-14th-fyp.txt"
pytestmark = [pytest.mark.slow, pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian chromium needed")]


def test_a_correction_survives_confirming_and_importing_again(server: str) -> None:
    from playwright.sync_api import sync_playwright

    SHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 900}, locale="zh-CN")
        sign_in(page, server)

        def import_file() -> None:
            page.goto(server + "/plans/import/")
            page.set_input_files("#id_file", str(NATIONAL_14TH))
            page.click("button[type=submit]")
            page.wait_for_url("**/review/")

        import_file()
        assert "草稿" in page.inner_text("main")
        row = page.locator("#ind-3")
        assert "2025年达到65%" in row.inner_text()
        row.locator("input[name=target]").fill("≥66")
        row.locator("button[type=submit]").click()
        page.wait_for_url("**/review/")
        assert "指标3“目标值”改为：≥66" in page.inner_text("main")
        assert "2025年不低于66%" in page.locator("#ind-3").inner_text()
        page.screenshot(path=str(SHOTS / "review-1-corrected.png"), full_page=True)
        page.click("#confirm")
        page.wait_for_url("**/plans/*/")
        assert "已确认" in page.inner_text("main")

        import_file()
        assert page.locator("#ind-3 input[name=target]").input_value() == "≥66"
        assert "2025年不低于66%" in page.locator("#ind-3").inner_text()
        assert "同一文件此前导入时所作，已沿用" in page.inner_text("#corrections")
        page.screenshot(path=str(SHOTS / "review-2-imported-again.png"), full_page=True)
        browser.close()

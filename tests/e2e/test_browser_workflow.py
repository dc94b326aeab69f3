"""End to end, in a real headless Chromium against a real `planwatch serve --demo` process:
a reporter submits a value, the admin approves and publishes it, and the dashboard changes.
Screenshots go to out/screenshots/."""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from .servers import clean_env, free_port, wait_until_up

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
SHOTS = Path(__file__).resolve().parents[2] / "out" / "screenshots"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
pytestmark = [pytest.mark.slow, pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian chromium needed")]
DEMO_PASSWORDS = {"fgj_admin": "Jinpu-admin-2025", "tjj_tianbao": "Jinpu-report-2025",
                  "swj_tianbao": "Jinpu-report-2025", "lingdao": "Jinpu-leader-2025"}  # the README's demo accounts


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """One headless Debian Chromium for a module's tests (import it with the module's server fixture)."""
    from playwright.sync_api import sync_playwright

    SHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def sign_in(page, base: str, user: str = "fgj_admin", *, go: bool = True) -> None:  # type: ignore[no-untyped-def]
    """Sign ``user`` in on the login page (opened first unless ``go`` is False) and wait for the overview."""
    if go:
        page.goto(base + "/login/")
    page.fill("#id_username", user)
    page.fill("#id_password", DEMO_PASSWORDS[user])
    page.click("#login-button")
    page.wait_for_url("**/overview/**")


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    port = free_port()
    env = clean_env(tmp_path_factory.mktemp("serve"))  # its own settings and SQLite database
    proc = subprocess.Popen([sys.executable, "-m", "planwatch", "serve", "--demo", "--port", str(port)], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(url + "/public/", proc)
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def _gdp_row(page) -> str:  # type: ignore[no-untyped-def]
    return page.locator("tr", has=page.locator("a.ind-link[data-no='1']")).inner_text()


def test_a_reported_value_reaches_the_dashboard(server: str) -> None:
    from playwright.sync_api import sync_playwright

    SHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="zh-CN")

        sign_in(page, server, "tjj_tianbao")
        page.goto(server + "/overview/?as_of=2025")
        before = _gdp_row(page)
        page.screenshot(path=str(SHOTS / "1-overview-before.png"), full_page=True)

        page.goto(server + "/report/")
        page.select_option("#id_indicator", label="1. 地区生产总值增长（%）")
        page.select_option("#id_year", "2025")
        page.fill("#id_value", "12.5")
        page.fill("#id_comment", "统计局2025年快报（示例值）")
        page.click("#save-button")
        assert "已保存：地区生产总值增长 2025年 12.5%" in page.inner_text("main")
        page.locator("tr", has_text="地区生产总值增长").filter(has_text="草稿").locator(".submit-button").click()
        assert "已提交" in page.inner_text("main")
        page.screenshot(path=str(SHOTS / "2-reporter-submitted.png"), full_page=True)
        page.goto(server + "/review/")
        assert "只有发改局管理员可以审核" in page.inner_text("main")  # a reporter cannot review
        page.click("text=退出")

        sign_in(page, server, "fgj_admin")
        page.goto(server + "/review/")
        row = page.locator("tr", has_text="地区生产总值增长").filter(has_text="12.5")
        row.locator(".approve-button").click()
        page.locator("tr", has_text="地区生产总值增长").filter(has_text="12.5").locator(".publish-button").click()
        assert "已发布" in page.inner_text("main")
        page.screenshot(path=str(SHOTS / "3-admin-published.png"), full_page=True)

        page.goto(server + "/overview/?as_of=2025")
        after = _gdp_row(page)
        assert after != before
        assert "（2025）" in after
        page.screenshot(path=str(SHOTS / "4-overview-after.png"), full_page=True)
        page.goto(server + "/plans/1/indicators/1/?as_of=2025")
        page.wait_for_timeout(300)  # let ECharts draw
        assert "12.5" in page.inner_text("main")
        page.screenshot(path=str(SHOTS / "5-indicator.png"), full_page=True)
        browser.close()

"""End to end, in a real headless Chromium against `planwatch serve --demo`: on a 390 px phone the overview and a
ledger fit the screen (measured: the page is never wider than the window; a wide table scrolls inside its own
box), the navigation collapses behind its toggle, and the print layout leaves out the navigation and the controls
and keeps the colours. Screenshots go to the test's temporary folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from .test_browser_workflow import CHROMIUM, CHROMIUM_ARGS, server, sign_in

__all__ = ["server"]  # the fixture: a demo server of this module's own
pytestmark = [pytest.mark.slow, pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian chromium needed")]
PHONE = {"width": 390, "height": 844}
OVERFLOW = "[document.documentElement.scrollWidth, window.innerWidth]"


def _fits(page) -> None:  # type: ignore[no-untyped-def]
    width, window = page.evaluate(OVERFLOW)
    assert width <= window, f"{page.url}: the page is {width} px wide on a {window} px screen"


def test_the_overview_and_a_ledger_fit_a_phone(server: str, tmp_path: Path) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport=PHONE, locale="en-US")  # an English browser: still Chinese
        page.goto(server + "/login/")
        assert page.get_attribute("html", "lang") == "zh-CN"
        _fits(page)
        sign_in(page, server, go=False)

        page.goto(server + "/overview/?as_of=2025")
        page.wait_for_timeout(300)  # let ECharts draw
        _fits(page)
        assert page.locator(".kpi").count() >= 3
        # the navigation is folded behind its toggle, and opens and closes again
        assert not page.is_visible("#pw-nav") and page.is_visible("#nav-toggle")
        page.click("#nav-toggle")
        page.wait_for_selector("#pw-nav.show", state="visible")
        assert page.is_visible("text=任务台账") and page.is_visible("text=退出")
        _fits(page)
        page.screenshot(path=str(tmp_path / "phone-overview-menu.png"))
        page.click("#nav-toggle")
        page.wait_for_selector("#pw-nav", state="hidden")
        page.screenshot(path=str(tmp_path / "phone-overview.png"), full_page=True)

        page.goto(server + "/ledgers/projects/")
        _fits(page)
        # the ledger's table is wider than the phone: it scrolls inside its own box, not the page
        box = page.locator(".table-wrap").first
        inner, outer = box.evaluate("el => [el.scrollWidth, el.clientWidth]")
        assert inner > outer and outer <= PHONE["width"]
        page.screenshot(path=str(tmp_path / "phone-ledger.png"), full_page=True)
        browser.close()
    for name in ("phone-overview.png", "phone-overview-menu.png", "phone-ledger.png"):
        assert (tmp_path / name).stat().st_size > 10_000, name


def test_the_print_layout_has_no_navigation_or_controls(server: str, tmp_path: Path) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1000, "height": 900}, locale="zh-CN")
        sign_in(page, server)
        for path in ("/overview/?as_of=2025", "/public/?as_of=2025", "/ledgers/tasks/"):
            page.goto(server + path)
            assert page.evaluate("getComputedStyle(document.querySelector('nav')).display") != "none"
            page.emulate_media(media="print")
            assert page.evaluate("getComputedStyle(document.querySelector('nav')).display") == "none"
            shown = page.evaluate("""[...document.querySelectorAll('main button, main input[type=file]')]
                                       .filter(el => getComputedStyle(el).display !== 'none').length""")
            assert shown == 0, f"{path}: {shown} controls in print"
            colours = page.evaluate("getComputedStyle(document.querySelector('main .tag, main .light'))"
                                    ".printColorAdjust")
            assert colours == "exact"
            assert page.locator("main table").first.is_visible()  # the content stays
            page.emulate_media(media="screen")
        page.emulate_media(media="print")
        page.screenshot(path=str(tmp_path / "print-ledger.png"), full_page=True)
        page.pdf(path=str(tmp_path / "ledger.pdf"))
        browser.close()
    assert (tmp_path / "print-ledger.png").stat().st_size > 10_000
    assert (tmp_path / "ledger.pdf").read_bytes().startswith(b"%PDF")

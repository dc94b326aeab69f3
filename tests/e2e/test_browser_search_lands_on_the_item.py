"""End to end, in a real headless Chromium against `planwatch serve --demo`: a search typed into the header's box,
then a click on the first result, lands on what was found — the indicator's page for the public (能耗 finds
单位地区生产总值能源消耗降低), a task's ledger page for the admin, and for the public, who may not read the ledgers,
the task's place in the plan's outline. Screenshots go to out/screenshots/."""

from __future__ import annotations

from pathlib import Path

import pytest

from .test_browser_workflow import CHROMIUM, CHROMIUM_ARGS, SHOTS, server, sign_in

__all__ = ["server"]  # the fixture: a demo server of this module's own
pytestmark = [pytest.mark.slow, pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian chromium needed")]


def _search_and_open_the_first(page, query: str) -> str:  # type: ignore[no-untyped-def]
    """Type the query into the header's search box, press Enter, click the first result; its title."""
    box = page.locator("form.pw-search input[name=q]")
    box.fill(query)
    with page.expect_navigation():
        box.press("Enter")
    first = page.locator("li.hit a.hit-link").first
    title = first.inner_text().strip()
    with page.expect_navigation():
        first.click()
    return title


def test_search_then_click_lands_on_the_item(server: str) -> None:
    from playwright.sync_api import sync_playwright

    SHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="zh-CN")

        # the public: an abbreviation finds the indicator by its full name, and the click opens its page
        page.goto(server + "/public/")
        title = _search_and_open_the_first(page, "能耗")
        assert title == "单位地区生产总值能源消耗降低"
        assert "/indicators/" in page.url and page.locator("h2", has_text=title).count() >= 1
        page.screenshot(path=str(SHOTS / "search-1-indicator.png"), full_page=True)

        # the public: a task is shown at its place in the outline (the ledgers need a login)
        page.goto(server + "/public/")
        title = _search_and_open_the_first(page, "氢能")
        assert title == "构筑新能源创新发展先导区"
        assert "/plans/" in page.url and "#node-" in page.url
        anchor = page.url.split("#", 1)[1]
        line = page.locator(f"li[id='{anchor}']")
        assert line.count() == 1 and line.is_visible()
        assert page.evaluate("document.querySelector(':target') && document.querySelector(':target').id") == anchor
        page.screenshot(path=str(SHOTS / "search-2-outline.png"))

        # the admin: the same search opens the task's ledger page, which names it
        sign_in(page, server)
        title = _search_and_open_the_first(page, "氢能")
        assert "/ledgers/tasks/" in page.url
        assert title in page.locator("main h2").first.inner_text()
        page.screenshot(path=str(SHOTS / "search-3-ledger-item.png"), full_page=True)
        browser.close()

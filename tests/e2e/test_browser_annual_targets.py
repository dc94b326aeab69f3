"""End to end, in a real headless Chromium against `planwatch serve --demo`: the admin switches from the district's
plan to the national 14th FYP with the plan switcher, enters the year's annual target from the indicator page, and
sees it beside the five-year path, judged against the published value; then goes from the 14th to the 15th that
succeeds it and sees the lineage of their indicators. Screenshots go to out/screenshots/."""

from __future__ import annotations

from pathlib import Path

import pytest

from .test_browser_workflow import CHROMIUM, CHROMIUM_ARGS, SHOTS, server, sign_in

__all__ = ["server"]  # the fixture: a demo server of this module's own
pytestmark = [pytest.mark.slow, pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian chromium needed")]
NATIONAL_14TH = "中华人民共和国国民经济和社会发展第十四个五年规划和2035年远景目标纲要（主要指标）"


def test_switch_plan_then_see_an_annual_target_beside_the_five_year_path(server: str) -> None:
    from playwright.sync_api import sync_playwright

    SHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 900}, locale="zh-CN")
        sign_in(page, server)
        assert "金普新区" in page.inner_text("main")

        # switch plan: choosing it in the navigation reloads the overview for it, and the choice is kept
        national = page.locator("#plan-switch option", has_text="全国").first.get_attribute("value")
        with page.expect_navigation():
            page.select_option("#plan-switch", national)
        assert NATIONAL_14TH in page.inner_text("main")
        page.screenshot(path=str(SHOTS / "plans-1-switched.png"), full_page=True)
        page.goto(server + "/overview/")
        assert NATIONAL_14TH in page.inner_text("main")

        # the indicator page: GDP growth, then the admin's link to the year's targets
        page.goto(server + f"/plans/{national}/indicators/1/?as_of=2024")
        page.click("text=录入年度目标")
        page.wait_for_url("**/annual/**")
        page.select_option("#annual-year", "2024")
        page.wait_for_url("**year=2024")
        page.fill("input[name=document]", "2024年政府工作报告（测试录入）")
        page.fill("input[name=adopted_on]", "2024-03-11")
        page.fill("input[name=target-1]", "5左右")
        page.click("#annual-form button[type=submit]")
        assert "已录入1项2024年度目标" in page.inner_text("main")

        page.goto(server + f"/plans/{national}/indicators/1/?as_of=2024")
        page.wait_for_timeout(300)  # let ECharts draw, and the annual point join the path chart
        row = page.locator("#annual-targets tr[data-year='2024']")
        text = row.inner_text()
        assert "5左右" in text and "人大通过" in text and "已完成" in text  # 2024: 5.0 % published
        assert "年度目标与五年规划路径" in page.inner_text("main")
        legend = page.evaluate("echarts.getInstanceByDom(document.getElementById('path-chart'))"
                               ".getOption().legend[0].data")
        assert "年度目标" in legend
        page.screenshot(path=str(SHOTS / "plans-2-annual-target.png"), full_page=True)

        # the 14th's page names the plan that succeeds it; there, the lineage of the two tables
        page.goto(server + f"/plans/{national}/")
        page.click("text=接续规划")
        page.locator("a", has_text="国家“十五五”").first.click()
        page.click("#lineage-link")
        page.wait_for_url("**/lineage/")
        dropped = page.inner_text("#dropped")
        assert "托位数" in dropped and "基本养老保险参保率" in dropped
        added = page.inner_text("#added")
        assert "入托率" in added and "护理型床位占比" in added
        page.screenshot(path=str(SHOTS / "plans-3-lineage.png"), full_page=True)
        browser.close()

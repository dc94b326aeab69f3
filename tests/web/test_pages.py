"""The pages people use render with the evaluation of the core."""

from __future__ import annotations

from django.test import Client

from planwatch.web.plans.models import Plan


def test_the_overview_lists_lagging_binding_indicators_first(admin_client: Client, demo: Plan) -> None:
    response = admin_client.get("/overview/?as_of=2023")
    assert response.status_code == 200
    body = response.content.decode()
    assert "2023年中期评估" in body and "echarts-5.6.0.min.js" in body
    results = response.context["results"]
    lagging = [e for e in results if e.status in ("behind", "reversing", "not_met")]
    first = results[: len([e for e in lagging if e.binding])]
    assert all(e.binding for e in first)
    assert len(results) == 23


def test_the_indicator_page_shows_path_actuals_and_explanation(leader: Client, demo: Plan) -> None:
    response = leader.get(f"/plans/{demo.pk}/indicators/10/?as_of=2022")
    assert response.status_code == 200
    chart = response.context["chart"]()  # computed when the page body is rendered
    assert chart["years"][0] == "2020" and chart["target"][0] == 2470 and chart["target"][-1] == 3500
    assert chart["actual"][2] == 2335  # the real 2022 figure, not a simulated one
    assert "按年度目标路径此时应为2839.52亿元" in response.content.decode()


def test_the_plan_outline(outsider: Client, demo: Plan) -> None:
    body = outsider.get(f"/plans/{demo.pk}/").content.decode()
    assert "第三章 构建智造引领的现代产业新体系" in body and "专栏3-1" in body


def test_reporters_see_only_their_own_indicators(reporter: Client, demo: Plan) -> None:
    names = [i.name for i in reporter.get("/report/").context["indicators"]]
    assert names == ["地区生产总值增长", "常住居民人均可支配收入增长率"]


def test_an_unknown_indicator_is_a_404(outsider: Client, demo: Plan) -> None:
    assert outsider.get(f"/plans/{demo.pk}/indicators/99/").status_code == 404


def test_the_operation_log_speaks_chinese(admin_client: Client, demo: Plan) -> None:
    from django.contrib.auth.models import User

    from planwatch.web.monitoring.services import save_value, transition

    obs = save_value(User.objects.get(username="tjj_tianbao"), demo.indicators.get(no=1), demo.region, 2025, 6.6,
                     source="log")
    transition(User.objects.get(username="tjj_tianbao"), obs.pk, "submitted")
    body = admin_client.get(f"/plans/{demo.pk}/indicators/1/").content.decode()
    assert "<td>提交</td><td>草稿 → 已提交</td>" in body

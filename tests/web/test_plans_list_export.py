"""规划 list 导出Excel: the plans the page lists for this person (drafts only for the one who checks them)."""

from __future__ import annotations

from django.test import Client

from planwatch.web.plans.models import Plan, PlanStatus

from .workbooks import opened, rows


def test_it_exports_the_plans_the_page_lists(admin_client: Client, demo: Plan) -> None:
    listed = list(admin_client.get("/plans/").context["plans"])
    got = rows(opened(admin_client.get("/plans/", {"format": "xlsx"})))
    assert got[1] == ("规划", "地区", "上位/总体规划", "起始年", "终止年", "主要指标（项）", "状态")
    assert [(r[0], r[1], r[4], r[5]) for r in got[2:]] == [
        (p.title, p.region.name, p.end_year, p.indicators.count()) for p in listed]
    assert all(isinstance(r[5], int) for r in got[2:])


def test_the_public_export_lists_no_draft(outsider: Client, demo: Plan) -> None:
    draft = Plan.objects.create(title="草稿规划（测试）", region=demo.region, status=PlanStatus.DRAFT,
                                base_year=2020, end_year=2025)
    got = rows(opened(outsider.get("/plans/", {"format": "xlsx"})))
    titles = [r[0] for r in got[2:]]
    assert draft.title not in titles and demo.title in titles

"""导出Excel never writes text a spreadsheet would run: a source, a comment or a plan title that starts with = + -
@ (or their full-width forms) arrives as text with an apostrophe in front, and no cell holds a formula."""

from __future__ import annotations

from django.test import Client

from planwatch.web.monitoring.models import Observation, Status
from planwatch.web.plans.models import Plan

from .workbooks import opened

HOSTILE = '=HYPERLINK("http://evil.example","点击")'


def _texts(ws: object) -> list[str]:
    cells = [c for row in ws.iter_rows() for c in row]  # type: ignore[attr-defined]
    assert all(c.data_type != "f" for c in cells)  # no formula cell anywhere
    return [c.value for c in cells if isinstance(c.value, str)]


def test_a_source_in_the_history_export_is_text(admin_client: Client, demo: Plan) -> None:
    ind = demo.indicators.order_by("no").first()
    Observation.objects.create(indicator=ind, region=demo.region, year=2024, value=1.5, source=HOSTILE,
                               status=Status.SUBMITTED)
    texts = _texts(opened(admin_client.get(f"/plans/{demo.pk}/indicators/{ind.no}/", {"format": "xlsx"})))
    assert "'" + HOSTILE in texts and HOSTILE not in texts


def test_a_comment_in_the_review_export_is_text(admin_client: Client, demo: Plan) -> None:
    ind = demo.indicators.order_by("no").first()
    Observation.objects.create(indicator=ind, region=demo.region, year=2024, value=1.5, source="统计局",
                               comment="＠SUM(A1:A9)", status=Status.SUBMITTED)
    texts = _texts(opened(admin_client.get("/review/", {"format": "xlsx"})))
    assert "'＠SUM(A1:A9)" in texts


def test_a_plan_title_in_the_caption_and_the_plans_list_is_text(admin_client: Client, demo: Plan) -> None:
    Plan.objects.filter(pk=demo.pk).update(title="+" + demo.title)
    texts = _texts(opened(admin_client.get("/plans/", {"format": "xlsx"})))
    assert "'+" + demo.title in texts
    caption = _texts(opened(admin_client.get("/overview/", {"plan": demo.pk, "format": "xlsx"})))[0]
    assert caption.startswith("'+")

"""A plan without a main-indicator table (the 22 special plans are registered by title only) has no evaluation
report: its download answers with a page saying so, never a server error."""

from __future__ import annotations

import pytest
from django.test import Client
from django.utils import translation

from planwatch.web.plans.models import Plan


@pytest.mark.parametrize("fmt", ["docx", "html"])
def test_every_special_plan_without_indicators_gets_a_clear_404(demo: Plan, fmt: str) -> None:
    special = list(Plan.objects.filter(parent=demo, indicators__isnull=True))
    assert len(special) == 22
    anonymous = Client(raise_request_exception=False)
    for plan in special:
        response = anonymous.get("/reports/download/", {"plan": plan.pk, "format": fmt, "kind": "final"})
        assert response.status_code == 404, plan.title
        assert "没有主要指标，无法生成评估报告" in response.content.decode(), plan.title


def test_the_refusal_speaks_english(demo: Plan) -> None:
    plan = Plan.objects.filter(parent=demo).first()
    assert plan is not None
    client = Client(raise_request_exception=False)
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    try:
        body = client.get("/reports/download/", {"plan": plan.pk}).content.decode()
    finally:
        translation.activate("zh-hans")  # the request left English active in this thread: not for the next test
    assert "has no main indicators" in body and "没有主要指标" not in body

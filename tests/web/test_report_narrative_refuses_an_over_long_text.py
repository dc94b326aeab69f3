"""A report text over 5,000 characters is refused with a message naming the section and the limit (400), and the
whole form is refused: the other sections' texts of the same save are not written either."""

from __future__ import annotations

from django.test import Client

from planwatch.web.monitoring.models import NARRATIVE_MAX, ReportNarrative
from planwatch.web.plans.models import Plan


def test_it_refuses_the_whole_form(admin_client: Client, demo: Plan) -> None:
    version = Plan.objects.get(pk=demo.pk).data_version
    response = admin_client.post(f"/reports/narrative/?plan={demo.pk}&kind=final&year=2025", {
        "text-next_plan": "合理的建议。", "text-problems": "问" * (NARRATIVE_MAX + 1)})
    assert response.status_code == 400
    body = response.content.decode()
    assert f"最多{NARRATIVE_MAX}个字" in body and "存在的主要问题" in body
    assert not ReportNarrative.objects.exists()
    assert Plan.objects.get(pk=demo.pk).data_version == version


def test_a_text_of_exactly_the_limit_is_kept(admin_client: Client, demo: Plan) -> None:
    response = admin_client.post(f"/reports/narrative/?plan={demo.pk}&kind=final&year=2025",
                                 {"text-problems": "问" * NARRATIVE_MAX})
    assert response.status_code == 302
    assert len(ReportNarrative.objects.get(section="problems").text) == NARRATIVE_MAX


def test_a_section_the_report_does_not_have_is_refused(demo: Plan) -> None:
    import pytest
    from django.contrib.auth.models import User
    from django.core.exceptions import ValidationError

    from planwatch.web.narrative import save_narrative

    with pytest.raises(ValidationError, match="不是本报告可填写的章节"):
        save_narrative(User.objects.get(username="fgj_admin"), demo, "final", 2025, {"cause.999": "无此指标"})
    assert not ReportNarrative.objects.exists()

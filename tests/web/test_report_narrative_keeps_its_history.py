"""Every save of a report text adds a row: the page shows each version of a section (who, when, what), the
latest is the one in the report, and an emptied box puts the generated draft back (also kept in the history)."""

from __future__ import annotations

import io

import docx
import pytest
from django.test import Client

from planwatch.web.history import HistoryIsAppendOnly
from planwatch.web.monitoring.models import ReportNarrative
from planwatch.web.plans.models import Plan

PAGE = "/reports/narrative/?plan={plan}&kind=final&year=2025"


def _report(client: Client, plan: Plan) -> str:
    document = docx.Document(io.BytesIO(client.get(
        f"/reports/download/?plan={plan.pk}&kind=final&format=docx&as_of=2025").content))
    return "\n".join(p.text for p in document.paragraphs)


def test_it_keeps_both_versions_and_reports_the_latest(admin_client: Client, demo: Plan) -> None:
    page = PAGE.format(plan=demo.pk)
    admin_client.post(page, {"text-problems": "第一稿：消费恢复偏慢。"})
    admin_client.post(page, {"text-problems": "第二稿：消费恢复偏慢，创新投入不足。"})
    rows = ReportNarrative.objects.filter(plan=demo, kind="final", year=2025, section="problems").order_by("id")
    assert [r.text for r in rows] == ["第一稿：消费恢复偏慢。", "第二稿：消费恢复偏慢，创新投入不足。"]
    assert ReportNarrative.in_force(demo, "final", 2025) == {"problems": "第二稿：消费恢复偏慢，创新投入不足。"}
    shown = admin_client.get(page).content.decode()
    assert "第一稿：消费恢复偏慢。" in shown and "第二稿：消费恢复偏慢，创新投入不足。" in shown
    assert "fgj_admin" in shown
    report = _report(admin_client, demo)
    assert "第二稿" in report and "第一稿" not in report
    with pytest.raises(HistoryIsAppendOnly):
        rows.first().delete()  # type: ignore[union-attr]


def test_an_unchanged_box_writes_nothing(admin_client: Client, demo: Plan) -> None:
    page = PAGE.format(plan=demo.pk)
    admin_client.post(page, {"text-problems": "问题。", "text-next_plan": ""})
    admin_client.post(page, {"text-problems": "问题。", "text-next_plan": ""})
    assert ReportNarrative.objects.filter(plan=demo).count() == 1


def test_an_emptied_box_puts_the_draft_back(admin_client: Client, demo: Plan) -> None:
    page = PAGE.format(plan=demo.pk)
    admin_client.post(page, {"text-problems": "人写的问题。"})
    admin_client.post(page, {"text-problems": "  "})
    assert ReportNarrative.in_force(demo, "final", 2025) == {}
    assert ReportNarrative.objects.filter(plan=demo, section="problems").count() == 2
    report = _report(admin_client, demo)
    assert "人写的问题" not in report and "以下问题由平台根据评估数据起草" in report
    assert "恢复生成的文本" in admin_client.get(page).content.decode()

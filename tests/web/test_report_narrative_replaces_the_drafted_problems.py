"""The admin writes 存在的主要问题 of the 2025 总结评估报告 in the platform: the downloaded Word document carries that
text in section 四 in place of the platform's draft, and the other sections keep their generated text."""

from __future__ import annotations

import io

import docx
from django.test import Client

from planwatch.web.monitoring.models import ReportNarrative
from planwatch.web.plans.models import Plan

PAGE = "/reports/narrative/?plan={plan}&kind=final&year=2025"
DOWNLOAD = "/reports/download/?plan={plan}&kind=final&format=docx&as_of=2025"
DRAFT = "以下问题由平台根据评估数据起草"


def _section_four(client: Client, plan: Plan) -> str:
    document = docx.Document(io.BytesIO(client.get(DOWNLOAD.format(plan=plan.pk)).content))
    text = "\n".join(p.text for p in document.paragraphs)
    return text.split("四、存在的主要问题")[1].split("五、")[0]


def test_it_puts_the_admins_problems_text_into_section_four(admin_client: Client, demo: Plan) -> None:
    assert DRAFT in _section_four(admin_client, demo)  # before: the platform's draft
    written = "一是消费恢复慢于预期，社会消费品零售总额增速低于目标。\r\n\r\n二是创新投入仍需加大。"
    response = admin_client.post(PAGE.format(plan=demo.pk), {"text-problems": written})
    assert response.status_code == 302
    four = _section_four(admin_client, demo)
    assert "一是消费恢复慢于预期，社会消费品零售总额增速低于目标。" in four
    assert "二是创新投入仍需加大。" in four
    assert DRAFT not in four and "（一）部分约束性指标" not in four  # the draft and its sub-sections are replaced
    row = ReportNarrative.objects.get(plan=demo, kind="final", year=2025, section="problems")
    assert row.actor is not None and row.actor.username == "fgj_admin"
    assert "\r" not in row.text  # a browser's CRLF kept as a paragraph break


def test_the_other_years_report_keeps_its_draft(admin_client: Client, demo: Plan) -> None:
    admin_client.post(PAGE.format(plan=demo.pk), {"text-problems": "只属于2025年的文本。"})
    document = docx.Document(io.BytesIO(admin_client.get(
        f"/reports/download/?plan={demo.pk}&kind=final&format=docx&as_of=2024").content))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "只属于2025年的文本" not in text and DRAFT in text

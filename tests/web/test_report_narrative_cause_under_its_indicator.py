"""A lagging indicator's 主要原因 written in the platform appears in the Word report under that indicator's own
heading in 二、主要指标完成情况, and nowhere else; its 拟采取的措施 stays to be filled in."""

from __future__ import annotations

import io
import re

import docx
from django.test import Client

from planwatch.web.narrative import sections_of
from planwatch.web.plans.models import Plan


def test_it_writes_the_cause_under_its_indicator(admin_client: Client, demo: Plan) -> None:
    causes = [(above, s) for above, s in sections_of(demo, "final", 2025) if s.code.startswith("cause.")]
    assert len(causes) >= 2  # the demo's 2025 has several unmet indicators; the second is not the first
    above, cause = causes[1]
    name = above[-1]  # the indicator's heading above its 主要原因
    text = "受外部需求收缩影响，增速回落。"
    assert admin_client.post(f"/reports/narrative/?plan={demo.pk}&kind=final&year=2025",
                             {f"text-{cause.code}": text}).status_code == 302
    document = docx.Document(io.BytesIO(admin_client.get(
        f"/reports/download/?plan={demo.pk}&kind=final&format=docx&as_of=2025").content))
    paragraphs = [p.text for p in document.paragraphs]
    heading = next(i for i, p in enumerate(paragraphs) if re.fullmatch(rf"\d+\.{re.escape(name)}", p))
    end = next(i for i in range(heading + 1, len(paragraphs))
               if re.fullmatch(r"\d+\..+", paragraphs[i]) or paragraphs[i].startswith("三、"))
    block = paragraphs[heading:end]
    assert block.index("（1）主要原因") < block.index(text) < block.index("（2）拟采取的措施")
    assert block[block.index("（2）拟采取的措施") + 1] == "（待填写）"
    assert sum(p == text for p in paragraphs) == 1  # under that indicator only

"""The lineage page (指标承接) says why each pair continues in the page's language: the core's Chinese reason by
default, its English when English is chosen (core.lineage's phrase tables), with the units message and notes in the
same language; the pairing itself is the same in both."""

from __future__ import annotations

import re

from django.test import Client

from planwatch.core.lineage import RULE_LABELS, RULE_LABELS_EN
from planwatch.web.plans.models import Plan


def _reasons(html: str) -> list[tuple[str, str]]:
    cells = re.findall(r'<td class="reason" data-rule="(\w+)">(.*?)</td>', html, re.DOTALL)
    return [(rule, re.sub(r"<[^>]+>.*", "", text, flags=re.DOTALL).strip()) for rule, text in cells]


def _fifteenth() -> Plan:
    return Plan.objects.get(region__name="全国", end_year=2030)


def test_the_reasons_are_chinese_by_default(demo: Plan, outsider: Client) -> None:
    html = outsider.get(f"/plans/{_fifteenth().pk}/lineage/").content.decode()
    reasons = _reasons(html)
    assert len(reasons) == 16 and all(text == RULE_LABELS[rule] for rule, text in reasons)  # type: ignore[index]
    assert "单位已换算：1亿吨 = 0.2万亿斤" in html and "名称已更改，统计口径由管理员确认" in html


def test_the_reasons_are_english_when_english_is_chosen(demo: Plan, outsider: Client) -> None:
    chinese = _reasons(outsider.get(f"/plans/{_fifteenth().pk}/lineage/").content.decode())
    outsider.post("/i18n/setlang/", {"language": "en", "next": "/"})
    page = outsider.get(f"/plans/{_fifteenth().pk}/lineage/")
    html = page.content.decode()
    reasons = _reasons(html)
    assert [rule for rule, _ in reasons] == [rule for rule, _ in chinese]  # the same pairs, in the same order
    assert all(text == RULE_LABELS_EN[rule] for rule, text in reasons)  # type: ignore[index]
    assert "same name" in html and "名称相同" not in html
    assert "unit converted: 1 亿吨 = 0.2 万亿斤" in html and "单位已换算" not in html
    assert "the name has changed; the administrator confirms the statistical definition" in html
    assert "Indicator continuity" in html  # the page's own words are English too

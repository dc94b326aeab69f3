"""Pages say things in words a reader understands: no table notation ([18]③), node ids (ch1/s1), seeds, file
paths of the documentation or formulas (1−∏(1−各年降幅)) reach the HTML."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from planwatch.web.plans.models import Plan

RAW = [re.compile(r"\[\d+(\.\d+)?\]\s*[①-⑩]"),  # a table cell as printed: [18]③
       re.compile(r"\bch\d+/s\d+"),  # a node id
       re.compile(r"seed="),  # 模拟数据（seed=2021）
       re.compile(r"docs/assessment\.md"),
       re.compile(r"1\s*−\s*∏")]


def _raw_in(body: str) -> list[str]:
    text = re.sub(r"<script\b.*?</script>", "", body, flags=re.DOTALL)  # what is shown, not the page's own code
    return [m.group(0) for pattern in RAW for m in pattern.finditer(text)]


@pytest.mark.parametrize("page", [
    "/overview/?as_of=2025", "/public/?as_of=2025", "/ledgers/tasks/", "/ledgers/projects/", "/ledgers/commitments/",
    "/plans/{plan}/indicators/20/?as_of=2025", "/plans/{plan}/indicators/1/?as_of=2025", "/plans/{plan}/linkage/",
    "/plans/{plan}/", "/search/?q=氢能",
])
def test_a_page_shows_no_raw_notation(admin_client: Client, demo: Plan, page: str) -> None:
    body = admin_client.get(page.format(plan=demo.pk)).content.decode()
    assert _raw_in(body) == []


def test_the_public_sees_no_raw_notation_either(demo: Plan) -> None:
    assert _raw_in(Client().get("/public/?as_of=2025").content.decode()) == []


def test_a_target_is_said_in_words(admin_client: Client, demo: Plan) -> None:
    # 表1-1 row 20 reads [18]③ (a five-year total, note ③): the page says what it means
    body = admin_client.get(f"/plans/{demo.pk}/indicators/20/?as_of=2025").content.decode()
    assert "目标：五年累计降低18%" in body
    # a total's 年均 column is its growth rate (外贸进出口总额 4.8 in 亿元 is 年均增长4.8%)
    body = admin_client.get(f"/plans/{demo.pk}/indicators/10/?as_of=2025").content.decode()
    assert "2025年3500亿元左右；年均增长4.8%" in body


def test_simulated_values_are_said_to_be_examples(admin_client: Client, demo: Plan) -> None:
    body = admin_client.get(f"/plans/{demo.pk}/indicators/1/?as_of=2025").content.decode()
    assert "模拟数据（示例，非真实统计）" in body


def test_the_cumulative_rule_is_said_in_words(admin_client: Client, demo: Plan) -> None:
    body = admin_client.get("/overview/?as_of=2025").content.decode()
    assert "各年降幅逐年复合计算，不是简单相加" in body

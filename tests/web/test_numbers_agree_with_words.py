"""A status never contradicts its own sentence or numbers: the badge, the sentence, the chart data, the report and
the API read one result, with one progress figure (issue #12, item 7).

On the Jinpu demo as of 2025 (2025 values 模拟数据, seed 2021):

========  ==========  ===========  =======  ========================================================
no        actual      target       status   why
========  ==========  ===========  =======  ========================================================
10 外贸    3333.94亿元  3500左右     已完成    (3333.94 − 2470)/(3500 − 2470) = 83.88 % of the way; short of
                                            3500, but within ±5 % (≥ 3325): the tolerance decides, and
                                            the sentence says so
18 寿命    81.7岁       ≥81.72       未完成    (81.7 − 81.31)/(81.72 − 81.31) = 95.12 %; ≥ has no tolerance:
                                            0.02岁 short, and the sentence says so
========  ==========  ===========  =======  ========================================================
"""

from __future__ import annotations

import json
import re

from django.test import Client

from planwatch.web.plans.models import Plan

EXPECTED = {
    10: ("met", "已完成", 3333.94, 0.8388, "83.88%",
         ("2025年实际3333.94亿元，按年度目标路径此时应为3500亿元，从基期2470亿元起已完成应有进度的83.88%，"
          "未达到3500亿元，但在±5%容差内（不低于3325亿元）视为完成。")),
    18: ("not_met", "未完成", 81.7, 0.9512, "95.12%",
         ("2025年实际81.7岁，按年度目标路径此时应为81.72岁，从基期81.31岁起已完成应有进度的95.12%，"
          "未达到目标“≥81.72岁”（差0.02岁）。")),
}


def test_the_api_gives_the_status_the_figure_and_the_sentence(demo: Plan, leader: Client) -> None:
    rows = {r["no"]: r for r in leader.get(f"/api/plans/{demo.pk}/evaluation?as_of=2025").json()}
    for no, (status, label, actual, ratio, _, sentence) in EXPECTED.items():
        r = rows[no]
        assert (r["status"], r["label"], r["actual"], r["ratio"], r["explanation"]) == (
            status, label, actual, ratio, sentence), no
        assert r["data_year"] == 2025


def test_the_overview_badge_progress_and_sentence_agree(demo: Plan, leader: Client) -> None:
    page = leader.get(f"/overview/?plan={demo.pk}&as_of=2025").content.decode()
    for no, (status, label, _, _, progress, sentence) in EXPECTED.items():
        row = re.search(rf'data-no="{no}".*?</tr>', page, re.DOTALL)
        assert row is not None, no
        text = row.group(0)
        assert f'class="tag s-{status}">{label}</span>' in text
        assert f'<td class="num">{progress}</td>' in text  # the sentence's figure, not a rounded 84%
        assert sentence in text


def test_the_indicator_page_and_its_chart_show_the_value_the_status_is_about(demo: Plan, leader: Client) -> None:
    for no, (status, label, actual, _, _, sentence) in EXPECTED.items():
        page = leader.get(f"/plans/{demo.pk}/indicators/{no}/?as_of=2025").content.decode()
        assert f'<span class="tag s-{status}">{label}</span> {sentence}' in page
        chart = json.loads(re.search(r'<script id="chart-data" type="application/json">(.*?)</script>', page,
                                     re.DOTALL).group(1))  # type: ignore[union-attr]
        assert chart["actual"][chart["years"].index("2025")] == actual
        assert chart["target"][chart["years"].index("2025")] == {10: 3500.0, 18: 81.72}[no]


def test_the_report_says_what_the_page_says(demo: Plan, leader: Client) -> None:
    body = leader.get("/reports/download/?kind=final&format=html&as_of=2025").content.decode()
    text = re.sub(r"<[^>]+>", "", body)
    assert "规划期末（2025年）" in text
    rows = [re.sub(r"<[^>]+>", "|", row) for row in re.findall(r"<tr>(<td.*?)</tr>", body, re.DOTALL)]
    cells = {row.split("|")[1]: row for row in rows}  # 序号 → the row's cells
    assert "|3333.94亿元（2025）|" in cells["10"] and "|已完成|" in cells["10"]  # in the table: met, not lagging
    assert "|81.7岁（2025）|" in cells["18"] and "|未完成|" in cells["18"]
    # a lagging indicator is explained in the report's own words, with the page's progress figure
    assert f"人均预期寿命未完成，进度{EXPECTED[18][4]}。{EXPECTED[18][5]}" in text

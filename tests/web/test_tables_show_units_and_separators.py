"""Tables show a unit column, thousands separators, whole numbers for counts and the 序号 as the plan prints it
(issue 15, item 10): 3,333.94 亿元, not 3333.94 with the unit left to guess."""

from __future__ import annotations

import re
from types import SimpleNamespace

import pytest
from django.test import Client

from planwatch.web.plans.models import Plan
from planwatch.web.templatetags.planwatch_figures import figure, printed_no


@pytest.mark.parametrize(("value", "name", "unit", "shown"), [
    (3333.94, "外贸进出口总额", "亿元", "3,333.94"),
    (3500.0, "外贸进出口总额", "亿元", "3,500"),
    (81.7, "人均预期寿命", "岁", "81.70"),        # two decimals when there are decimals at all
    (6.4707, "地区生产总值增长", "%", "6.47"),
    (49.4, "瞪羚、独角兽企业", "家", "49"),         # a count is whole
    (12345.0, "新增就业人数", "人", "12,345"),
    (2.46, "每千人口拥有执业（助理）医师数", "人", "2.46"),  # a rate per head is not a count
    (None, "森林覆盖率", "%", "—"),
])
def test_a_figure_is_written_as_a_table_writes_it(value: float | None, name: str, unit: str, shown: str) -> None:
    assert figure(value, SimpleNamespace(name=name, unit=unit)) == shown


def test_the_printed_number_stands_for_the_internal_one() -> None:
    assert printed_no(SimpleNamespace(no=11), {10: "10.1", 11: "10.2"}) == "10.2"
    assert printed_no(SimpleNamespace(no=3), None) == "3"  # a page without labels shows the number


def test_the_overview_row_has_its_unit_and_separated_figures(demo: Plan, leader: Client) -> None:
    page = leader.get(f"/overview/?plan={demo.pk}&as_of=2025").content.decode()
    trade = re.search(r'<tr>\s*<td>10</td>.*?data-no="10".*?</tr>', page, re.DOTALL)
    assert trade is not None
    cells = [re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", trade.group(0), re.DOTALL)]
    assert cells[2] == "亿元"                       # the unit column
    assert cells[5] == "3,500" and cells[6].startswith("3,333.94")  # 应达, 实际 (with its year)

"""规划衔接 for the new period: a district's 15th-period table (an example written here, 示例) under the national 15th
FYP of the demo is linked by the existing linkage (same names suggested, the admin accepts) and compared by the
rules used for the 14th; an upper indicator in another unit is converted, or the row is flagged 不可比 — never
compared silently."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from django.test import Client

from planwatch.core.extract import extract_plan
from planwatch.web.plans.models import Plan
from planwatch.web.plans.services import import_plan

ROWS = [
    ("类别", "指标", "2025年", "2030年", "年均/累计", "属性"),
    ("经济发展", "1.常住人口城镇化率（%）", "76", "70", "—", "预期性"),  # below the national 71: weaker
    ("民生福祉", "2.劳动年龄人口平均受教育年限（年）", "11.8", "12", "—", "约束性"),  # above 11.7, binding: fine
    ("安全保障", "3.粮食综合生产能力（亿斤）", "10", "12", "—", "约束性"),  # 亿斤 against 万亿斤: converted
    ("绿色低碳", "4.地级及以上城市细颗粒物（PM2.5）浓度（毫克/立方米）", "0.03", "＜0.026", "—", "约束性"),
]


@pytest.fixture
def local_15th(demo: Plan, tmp_path: Path) -> Plan:
    path = tmp_path / "示例区十五五主要指标.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows(ROWS)
    national = Plan.objects.get(region__name="全国", end_year=2030)
    return import_plan(extract_plan(path), demo.region, title="示例区“十五五”规划主要指标（示例）", parent=national)


def _rows(client: Client, plan: Plan) -> dict[int, dict[str, object]]:
    return {r["no"]: r for r in client.get(f"/api/plans/{plan.pk}/linkage").json()}


def test_a_15th_period_plan_links_to_the_national_15th_and_flags_weaker_targets(admin_client: Client,
                                                                                local_15th: Plan) -> None:
    assert (local_15th.base_year, local_15th.end_year) == (2025, 2030)
    page = admin_client.get(f"/plans/{local_15th.pk}/linkage/").content.decode()
    assert "采纳按名称匹配的 4 项建议" in page  # every row has a same-named national indicator
    assert admin_client.post(f"/plans/{local_15th.pk}/linkage/", {"action": "accept"}).status_code == 302
    rows = _rows(admin_client, local_15th)
    assert {r["upper_plan"] for r in rows.values()} == {"国家“十五五”规划纲要主要指标（2026—2030年）"}
    assert (rows[1]["status"], rows[1]["upper_target"], rows[1]["target"]) == ("weaker", 71, 70)
    assert rows[2]["status"] == "not_weaker"


def test_an_upper_target_in_another_unit_is_converted_or_flagged(admin_client: Client, local_15th: Plan) -> None:
    admin_client.post(f"/plans/{local_15th.pk}/linkage/", {"action": "accept"})
    rows = _rows(admin_client, local_15th)
    # 12亿斤 in the national unit, 万亿斤; a total (it sums over regions) is not compared, but never in mixed units
    assert rows[3]["target"] == pytest.approx(12e8 / 1e12) and rows[3]["upper_target"] == 1.45
    assert rows[3]["status"] == "not_comparable" and "总量" in str(rows[3]["reason"])
    # declared not to sum (a capacity the district keeps on its own): compared, in the upper unit
    local_15th.indicators.filter(no=3).update(aggregation="none")
    rows = _rows(admin_client, local_15th)
    assert rows[3]["status"] == "weaker" and rows[3]["target"] == pytest.approx(0.0012)
    # 毫克/立方米 cannot be turned into 微克/立方米 by the unit table: flagged, no verdict
    assert rows[4]["status"] == "not_comparable" and "单位不可换算" in str(rows[4]["reason"])
    page = admin_client.get(f"/plans/{local_15th.pk}/linkage/").content.decode()
    assert "单位不可换算" in page and "弱于上位目标" in page

"""One department asked for one figure by three plans (issue 17, 多头填报): a master plan (A), a special plan under it
(B, the same region) and the next period's plan (C, succeeding A), small examples (示例) imported from tables
written here, in a region of their own. 统计局 leads 常住人口城镇化率 in all three (one 指标库 entry, unconfirmed until
a test confirms it) and 托位数 in A only; each plan has a 2025 round open for a few more days."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path
from typing import NamedTuple

from django.contrib.auth.models import User
from django.utils import timezone

from planwatch.core.extract import extract_plan
from planwatch.web.accounts.models import Department, Region
from planwatch.web.monitoring.models import ReportingRound
from planwatch.web.plans import library
from planwatch.web.plans.models import Indicator, Plan
from planwatch.web.plans.services import import_plan

HEADER = ("类别", "指标", "{base}年", "{end}年", "年均/累计", "属性")
URBAN = "常住人口城镇化率"
MASTER = [("民生福祉", "1.常住人口城镇化率（%）", "50", "60", "—", "预期性"),
          ("民生福祉", "2.每千人口拥有3岁以下婴幼儿托位数（个）", "1.5", "4.5", "—", "预期性")]
SPECIAL = [("民生福祉", "1.3岁以下婴幼儿入托率（%）", "5", "10", "—", "预期性"),
           ("民生福祉", "2.常住人口城镇化率（%）", "50", "60", "—", "预期性")]
SUCCESSOR = [("民生福祉", "1.常住人口城镇化率（%）", "60", "65", "—", "预期性")]


class Family(NamedTuple):
    plans: tuple[Plan, Plan, Plan]  # A (master), B (special), C (successor)
    rounds: tuple[ReportingRound, ReportingRound, ReportingRound]  # 2025, one each
    urban: tuple[Indicator, Indicator, Indicator]  # 常住人口城镇化率 of A, B and C: one entry

    def confirm(self) -> None:
        entry = self.urban[0].entry
        assert entry is not None
        library.confirm(User.objects.get(username="fgj_admin"), entry)


def import_table(tmp_path: Path, name: str, rows: list[tuple[str, ...]], base: int, end: int, region: Region,
            **links: Plan) -> Plan:
    path = tmp_path / f"{name}.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows([tuple(h.format(base=base, end=end) for h in HEADER), *rows])
    plan = import_plan(extract_plan(path), region, title=f"{name}（示例）", parent=links.get("parent"))
    if "succeeds" in links:
        plan.succeeds = links["succeeds"]
        plan.save(update_fields=["succeeds"])
    return plan


def family(tmp_path: Path, lead: str = "统计局", days_left: int = 3) -> Family:
    region = Region.objects.create(name="一数一报示例区")
    a = import_table(tmp_path, "示例区十四五纲要", MASTER, 2020, 2025, region)
    b = import_table(tmp_path, "示例区十四五城镇化专项规划", SPECIAL, 2020, 2025, region, parent=a)
    c = import_table(tmp_path, "示例区十五五纲要", SUCCESSOR, 2025, 2030, region, succeeds=a)
    plans = (a, b, c)
    Indicator.objects.filter(plan__in=plans).exclude(name__contains="入托率").update(
        lead=Department.objects.get(name=lead))
    deadline = timezone.localdate() + dt.timedelta(days=days_left)
    rounds = tuple(ReportingRound.objects.create(plan=p, year=2025, name="2025年度数据填报", deadline=deadline)
                   for p in plans)
    urban = tuple(p.indicators.get(name=URBAN) for p in plans)
    assert len({i.entry_id for i in urban}) == 1 and urban[0].entry_id is not None
    return Family(plans, rounds, urban)  # type: ignore[arg-type]

"""指标库 on import (issue 17, item 1): each imported indicator is proposed an entry by its name and unit — the
existing entry of the same measure, else a new unconfirmed one — and the proposal is recorded. 托位数 and 入托率
are different measures; 地表水达到或好于Ⅲ类水体比例 and 优良水体比例 stay apart until the admin merges them, after which
an import under either name finds the merged entry. The tables are examples (示例) written here."""

from __future__ import annotations

import csv
from pathlib import Path

from django.contrib.auth.models import User

from planwatch.core.extract import extract_plan
from planwatch.web.accounts.models import Region
from planwatch.web.plans import library
from planwatch.web.plans.models import IndicatorEntry, IndicatorEntryEvent, Plan
from planwatch.web.plans.services import import_plan

HEADER = ("类别", "指标", "2020年", "2025年", "年均/累计", "属性")


def _import(tmp_path: Path, name: str, rows: list[tuple[str, ...]]) -> Plan:
    path = tmp_path / f"{name}.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows([HEADER, *rows])
    return import_plan(extract_plan(path), Region.objects.create(name=f"{name}区"), title=f"{name}（示例）")


def test_import_proposes_an_entry_per_measure(demo: Plan, tmp_path: Path) -> None:
    first = _import(tmp_path, "甲", [("民生", "1.每千人口拥有3岁以下婴幼儿托位数（个）", "1", "4.5", "—", "预期性"),
                                     ("绿色", "2.地表水达到或好于Ⅲ类水体比例（%）", "80", "85", "—", "约束性")])
    before = IndicatorEntry.objects.count()
    second = _import(tmp_path, "乙", [("民生", "1.每千人口拥有3岁以下婴幼儿托位数（个）", "2", "4.5", "—", "预期性"),
                                      ("民生", "2.3岁以下婴幼儿入托率（%）", "5", "10", "—", "预期性"),
                                      ("绿色", "3.优良水体比例（%）", "80", "85", "—", "约束性")])
    a, b = {i.no: i for i in first.indicators.all()}, {i.no: i for i in second.indicators.all()}
    assert b[1].entry_id == a[1].entry_id  # the same name and unit: the same entry proposed
    assert b[2].entry_id != b[1].entry_id  # 入托率 is not 托位数
    assert b[3].entry_id != a[2].entry_id  # 优良水体比例: the admin decides, not the import
    # 优良水体比例 is new to the library (入托率 is in the demo's national 15th table already): one entry added
    assert IndicatorEntry.objects.count() == before + 1
    assert IndicatorEntry.objects.filter(name="3岁以下婴幼儿入托率").count() == 1
    entries = IndicatorEntry.objects.filter(pk__in=[b[2].entry_id, b[3].entry_id])
    assert not any(e.confirmed for e in entries)  # new entries wait for the admin
    proposed = IndicatorEntryEvent.objects.filter(entry_id=a[1].entry_id, action="propose")
    assert {e.new_name for e in proposed} >= {"每千人口拥有3岁以下婴幼儿托位数"}
    assert proposed.count() >= 2 and any("《乙（示例）》第1项" in e.detail for e in proposed)

    admin = User.objects.get(username="fgj_admin")
    water, good = a[2].entry, b[3].entry
    assert water is not None and good is not None
    library.merge(admin, water, [good])
    third = _import(tmp_path, "丙", [("绿色", "1.优良水体比例（%）", "80", "85", "—", "约束性")])
    assert third.indicators.get().entry_id == water.pk  # the merged entry's key leads to where it was merged

"""The demo: the Jinpu plan, its real published figures, simulated values for the gaps, demo accounts.

What is real and what is not:
- the plan text and its indicators are the published plan;
- observations from data/jinpu-published-figures.csv are real, with their source and caveat;
- every other value is simulated (``simulated=True``, source 模拟数据（示例，非真实统计）) and every page that shows
  one says so; ``--no-simulated`` leaves them out;
- the departments are the usual bureaus of a district government and the lead-unit assignments are an
  example (示例分工) for the demo, to be replaced by the 发改局's own assignment;
- the national 14th and 15th FYP main-indicator tables (专栏1, transcribed cell by cell from the official image on
  gov.cn; data/national-1?th-main-indicators.csv) are loaded as plans of the region 全国, with the national 14th's
  published values 2021–2025 (data/national-14th-observations.csv), each with its source and note (a few are
  proxies and say so). 金普新区 lies below 全国 (the province and the city between are not loaded), so a national
  plan can be looked at for the district (``?region=``) and shows the district's values of the 指标库 entries both
  carry once the admin confirms them (一数多用); 全国 is marked 下辖地区未全部录入 (``subregions_complete=False``), so
  no national value is ever rolled up from the one district; the district's plan stays the default one (the first
  imported);
- Jinpu's own 15th outline has not been found published: the demo carries the platform's 指标体系草案 instead
  (core.draft_indicators, the same rows as ``planwatch draft-indicators``), a 草稿 plan titled 草案 that succeeds
  the 14th, filed under the national 15th as its upper plan with each row linked to the national row it came
  from (规划衔接), seen by the admin on its review, lineage and linkage pages and listed nowhere public;
- the admin's first 指标库 decisions are made for the demo (:func:`confirm_continuations`, each recorded as an
  IndicatorEntryEvent by fgj_admin): the entries of the draft's indicators that continue a 14th one exactly (same
  name, same unit) are confirmed, so the 14th's values count in the draft and those series run 2020–2030, those the
  national plans carry too (人均预期寿命, 森林覆盖率…) included: the national plans are evaluated for 全国 on its own
  published values (nothing is rolled up into 全国, and the district's simulated values do not count there), and
  for 金普新区 on the district's.
"""

from __future__ import annotations

import csv
import datetime as dt
import math
from importlib import resources
from pathlib import Path

from django.contrib.auth.models import User
from django.db import transaction

from ..core.draft_indicators import draft_from_files, draft_indicators
from ..core.extract import extract_plan
from ..core.kinds import plan_specs
from ..core.model import Node as CoreNode
from ..core.model import Plan as CorePlan
from ..core.model import Source
from ..core.observations import EXPECTED, PARTIAL, parse_flag
from ..synthetic import SOURCE, simulate
from .accounts.models import Department, Profile, Region, Role
from .monitoring.models import Flag, Observation, Status
from .plans.models import SIMULATED_PROGRESS, Commitment, Indicator, IndicatorEntry, Plan, Project, Task, touch_plans
from .plans.services import import_plan

DATA = Path(str(resources.files("planwatch"))) / "data"
PLAN_TITLE = "大连金普新区国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要"
ZONES = ["大连经济技术开发区", "大连自贸片区（保税区）", "大连普湾经济区", "大连金石滩国家旅游度假区"]
DEPARTMENTS = ["发展和改革局", "统计局", "财政局", "商务局", "科技和工业信息化局", "人力资源和社会保障局",
               "卫生健康局", "教育局", "民政局", "生态环境分局", "自然资源分局"]
# 示例分工: indicator number → lead department (an example for the demo, not the plan's own assignment)
LEADS = {1: "统计局", 2: "商务局", 3: "财政局", 4: "科技和工业信息化局", 5: "科技和工业信息化局",
         6: "科技和工业信息化局", 7: "科技和工业信息化局", 8: "科技和工业信息化局", 9: "科技和工业信息化局",
         10: "商务局", 11: "商务局", 12: "统计局", 13: "人力资源和社会保障局", 14: "人力资源和社会保障局",
         15: "卫生健康局", 16: "卫生健康局", 17: "教育局", 18: "卫生健康局", 19: "发展和改革局", 20: "生态环境分局",
         21: "生态环境分局", 22: "生态环境分局", 23: "自然资源分局"}
# 示例分工 of the ledgers: chapter → lead department of its tasks, projects and commitments (with simulated data only)
CHAPTER_LEADS = {"ch1": "发展和改革局", "ch2": "科技和工业信息化局", "ch3": "科技和工业信息化局", "ch4": "发展和改革局",
                 "ch5": "商务局", "ch6": "自然资源分局", "ch7": "生态环境分局", "ch8": "发展和改革局", "ch9": "民政局",
                 "ch10": "发展和改革局"}
# name, password, role, department — the passwords are printed in the README; change them before real use
ACCOUNTS = [("fgj_admin", "Jinpu-admin-2025", Role.ADMIN, "发展和改革局"),
            ("tjj_tianbao", "Jinpu-report-2025", Role.REPORTER, "统计局"),
            ("swj_tianbao", "Jinpu-report-2025", Role.REPORTER, "商务局"),
            ("lingdao", "Jinpu-leader-2025", Role.LEADER, None)]


def special_plan_titles(paragraphs: tuple[str, ...]) -> list[str]:
    """（1）大连金普新区推进社会治理现代化“十四五”规划、（2）… → the plan titles, in order."""
    import re

    return [m.strip() for p in paragraphs for m in re.findall(r"（\d+）([^、。（]+)", p)]


NATIONAL_SOURCE = "专栏1 主要指标（据中国政府网公布的纲要图表逐格录入）"
# file in data/, title, the plan's own source line
NATIONAL_PLANS = [
    ("national-14th-main-indicators.csv", "中华人民共和国国民经济和社会发展第十四个五年规划和2035年远景目标纲要（主要指标）",
     f"{NATIONAL_SOURCE}，2021年3月11日十三届全国人大四次会议通过"),
    ("national-15th-main-indicators.csv", "国家“十五五”规划纲要主要指标（2026—2030年）",
     f"{NATIONAL_SOURCE}，2026年3月12日通过"),
]


def load_national() -> list[Plan]:
    """The national 14th and 15th FYP tables as plans of 全国, and the 14th's published values (real, with sources):
    the upper plans a local plan is linked to (规划衔接), and a plan of the last period in its final evaluation."""
    # only one district is loaded below the country: its values must never be summed up into the country's
    country = Region.objects.create(name="全国", level="国家", population=None, subregions_complete=False)
    plans = []
    for name, title, source in NATIONAL_PLANS:
        plan = import_plan(extract_plan(DATA / name), country, title=title)
        Plan.objects.filter(pk=plan.pk).update(source_name=source[:255])
        plans.append(plan)
    by_no = {i.no: i for i in plans[0].indicators.all()}
    with (DATA / "national-14th-observations.csv").open(encoding="utf-8") as fh:
        rows = [row for row in csv.DictReader(fh) if row["value"].strip()]
    Observation.objects.bulk_create([Observation(
        indicator=by_no[int(row["indicator_no"])], region=country, year=int(row["year"]), value=float(row["value"]),
        source="（".join(p for p in (row["source"].strip(), row["note"].strip()) if p)[:299]
        + ("）" if row["source"].strip() and row["note"].strip() else ""), status=Status.PUBLISHED) for row in rows])
    Plan.objects.filter(pk=plans[1].pk).update(succeeds=plans[0])  # 十五五 succeeds 十四五 (plans.succession)
    touch_plans([p.pk for p in plans])  # bulk_create sends no model signals
    return plans


@transaction.atomic
def load_demo(simulated: bool = True, seed: int = 2021, national: bool = True) -> Plan:
    core = extract_plan(DATA / "plans" / "jinpu-14th-fyp.txt")
    top = Region.objects.create(name="金普新区", level="新区", population=None)
    for name in ZONES:
        Region.objects.create(name=name, level="功能区", parent=top)
    departments = {name: Department.objects.create(name=name) for name in DEPARTMENTS}
    plan = import_plan(core, top, title=PLAN_TITLE)
    # the 22 special plans listed in 专栏10-1, registered under the master plan (their texts are not at hand:
    # each can be imported onto its entry later)
    listing = next(n for n in core.root.walk() if n.kind == "column" and n.label == "10-1")
    for title in special_plan_titles(listing.paragraphs):
        Plan.objects.create(title=title, region=top, parent=plan, base_year=2020, end_year=2025,
                            source_name="专栏10-1 规划名录（文本尚未导入）")
    for ind in plan.indicators.all():
        ind.lead = departments[LEADS[ind.no]]
        ind.save(update_fields=["lead"])
    by_no = {i.no: i for i in plan.indicators.all()}
    real: set[tuple[int, int]] = set()
    with (DATA / "jinpu-published-figures.csv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            no, year = int(row["indicator_no"]), int(row["year"])
            flag = parse_flag(row["period"])
            Observation.objects.create(
                indicator=by_no[no], region=top, year=year, value=float(row["value"]), period=row["period"],
                flag=Flag.EXPECTED if flag == EXPECTED else Flag.PARTIAL if flag == PARTIAL else Flag.FINAL,
                source=f"{row['source_url']}（{row['note']}）"[:300], status=Status.PUBLISHED)
            real.add((no, year))
    if simulated:
        specs = plan_specs(core.indicators, 2020, 2025)
        table = simulate(specs, regions=1, seed=seed, gap_rate=0.0, spread=0.4)
        source = SOURCE
        Observation.objects.bulk_create([
            Observation(indicator=by_no[int(no)], region=top, year=int(year), value=round(float(value), 2),
                        source=source, simulated=True, status=Status.PUBLISHED, comment="模拟数据，仅供演示")
            for no, year, value in zip(table.indicator, table.year, table.value, strict=True)
            if (int(no), int(year)) not in real and int(year) > 2020 and math.isfinite(float(value))])
        touch_plans([plan.pk])  # bulk_create sends no model signals
    if simulated:
        _example_ledgers(plan, departments, seed)
    # 填报轮次: the 2024 round has closed; the 2025 round (the final evaluation's data) is open for 60 days
    from django.utils import timezone

    from .monitoring.models import ReportingRound

    ReportingRound.objects.create(plan=plan, year=2024, name="2024年度数据填报", deadline=dt.date(2025, 3, 31))
    ReportingRound.objects.create(plan=plan, year=2025, name="2025年度数据填报（总结评估）",
                                  deadline=timezone.localdate() + dt.timedelta(days=60))
    if national:  # after the district's plan: it stays the first master plan, the one every page opens with
        upper = load_national()
        # 金普新区 under 全国 (the province and the city between are not loaded): an upper plan is looked at for the
        # district with ?region= (一数多用), and reads the district's values of the entries both carry
        Region.objects.filter(pk=top.pk).update(parent=upper[0].region)
        load_draft(plan, upper[1])
    for username, password, role, department in ACCOUNTS:
        user = User.objects.create_user(username=username, password=password, is_staff=role == Role.ADMIN,
                                        is_superuser=role == Role.ADMIN)
        Profile.objects.create(user=user, role=role, department=departments[department] if department else None)
    if national:  # the admin's first decisions in the 指标库: the 15th draft's exact continuations of the 14th
        confirm_continuations(Plan.objects.get(succeeds=plan, region=top), User.objects.get(username=ACCOUNTS[0][0]))
    return plan


DRAFT_TITLE = ("金普新区“十五五”规划主要指标（草案，示例：由平台按国家“十五五”指标与本区“十四五”指标生成，"
               "尚未通过）")


def load_draft(own: Plan, upper: Plan | None = None) -> Plan:
    """Jinpu's draft 15th indicator system (issue #17 item 4) as a 草稿 plan succeeding its 14th: built from the
    national 15th table and the district's 14th with its published figures, stored through the import path (library
    entries, search) and never confirmed — a suggestion for the drafting team, not an adopted plan.

    With ``upper`` (the national 15th), the draft is filed under it as its upper plan (``parent``) and each row built
    from a national row is linked to that row (``upper``, the link the admin sets on 规划衔接), so that the 规划衔接
    page judges every draft target against the national one by the rules used for the 14th (a unit that does not
    convert is flagged, never compared). A row of the district's own 14th only has no upper row."""
    draft = draft_from_files(DATA / "national-15th-main-indicators.csv", DATA / "plans" / "jinpu-14th-fyp.txt",
                             DATA / "jinpu-published-figures.csv", default_region=own.region.name)
    core = CorePlan(title=DRAFT_TITLE, source=Source(path="指标体系草案（planwatch draft-indicators）", format="草案",
                                                     encoding=None),
                    root=CoreNode(id="", kind="root", label="", number=None, title=DRAFT_TITLE),
                    indicators=draft_indicators(draft), period=(draft.base_year, draft.end_year))
    plan = import_plan(core, own.region, title=DRAFT_TITLE, draft=True, parent=upper)
    Plan.objects.filter(pk=plan.pk).update(succeeds=own, source_name=draft.notes[0][:255])
    plan.succeeds = own
    if upper is not None:
        by_number = {i.display_no: i for i in upper.indicators.all()}
        rows = {i.no: i for i in plan.indicators.all()}
        linked = []
        for row in draft.rows:  # the row's 上级指标 cell starts with the national row's number: "10.1. 每千人口…"
            found = by_number.get(row.upper.split(". ", 1)[0]) if row.upper else None
            if found is not None:
                rows[row.no].upper = found
                linked.append(rows[row.no])
        Indicator.objects.bulk_update(linked, ["upper"])
    return plan


def confirm_continuations(draft: Plan, admin: User) -> list[int]:
    """Confirm, as the admin would on the 指标库 page (plans.library.confirm: an IndicatorEntryEvent with who, when
    and why), the entry of each draft indicator that continues a 14th one exactly — paired by core.lineage by the
    same name in the same unit, nothing to confirm (``Pair.exact``) — so that the 14th's values count in the draft
    and each such series runs 2020–2030. Entries the national plans carry too (人均预期寿命, 森林覆盖率…) are
    confirmed as well: the district's values then count in the national plans looked at for 金普新区, while 全国
    keeps its own published values (it is marked ``subregions_complete=False``: nothing is rolled up into it, and
    a simulated value of the district does not mark its evaluation simulated). Returns the entries confirmed."""
    from .plans import library
    from .plans.succession import plan_lineage

    old = draft.succeeds
    assert old is not None
    found = plan_lineage(old, draft, public=False)
    before = {i.no: i for i in old.indicators.select_related("entry")}
    after = {i.no: i for i in draft.indicators.select_related("entry")}
    done: list[int] = []
    for pair in found.continued:
        if not pair.exact or pair.old.source != "table":
            continue
        a, b = before[pair.old.indicator.no], after[pair.new.indicator.no]
        if a.entry is None or b.entry is None:
            continue
        if a.entry_id != b.entry_id:  # one measure in two entries: the admin merges them first
            library.merge(admin, a.entry, [b.entry])
        entry = IndicatorEntry.objects.get(pk=a.entry_id)
        library.confirm(admin, entry, detail=f"《{draft.title}》第{pair.new.key}项“{pair.new.name}”延续"
                                             f"《{old.title}》第{pair.old.key}项：{pair.reason}，单位相同"[:500])
        done.append(entry.pk)
    return done


def _example_ledgers(plan: Plan, departments: dict[str, Department], seed: int) -> None:
    """示例分工 and 模拟进展 for the ledgers, so that the demo shows lights of every colour and department scores:
    each chapter's items led by one bureau, progress drawn at random (seeded) and noted as simulated."""
    import numpy as np
    from django.utils import timezone

    rng = np.random.default_rng(seed + 7)
    now = timezone.now()
    for model in (Task, Project, Commitment):
        items = list(model.objects.filter(plan=plan).select_related("node").order_by("id"))
        draws = rng.choice([100, 90, 75, 60, 40, 20], size=len(items), p=[0.35, 0.2, 0.15, 0.12, 0.1, 0.08])
        for item, progress in zip(items, draws, strict=True):
            item.lead = departments[CHAPTER_LEADS.get(item.node.node_id.split("/")[0], "发展和改革局")]
            item.progress, item.progress_note, item.progress_updated = int(progress), SIMULATED_PROGRESS, now
        model.objects.bulk_update(items, ["lead", "progress", "progress_note", "progress_updated"])

"""The report sections, one registry: a code → the builder that drafts that section from the report's inputs.

Each kind of report (:mod:`planwatch.reports.kinds`) is a list of these codes; :func:`build` runs them in order
and leaves out a section whose builder has nothing to say (``comparison`` without other regions). Every number
comes from the evaluation, the decomposition (年度目标分解) or the ledgers passed in :class:`Inputs`.

Rules that are not obvious:
- Text a person must write (主要原因, 拟采取的措施) is a placeholder marked 待填写; the drafted texts of 存在的主要问题
  and 下一步工作建议 are drafts. Any section with a ``code`` can be replaced by a person's text
  (``Inputs.narrative``: code → text, paragraphs split on blank lines); an unknown code is refused by name.
- 重点任务和重大工程项目 come from the ledgers when the builder has them (progress, lights, overdue items);
  from the command line they are the plan's own list of tasks and projects, and the section says so.
- X+1年 targets come from the decomposition of the plan's targets until annual plans are kept, and say so.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from functools import cached_property

from ..core.errors import PlanwatchError
from ..core.evaluation import LAGGING, Evaluation, Settings
from ..core.explain import fmt
from ..core.kinds import KINDS as INDICATOR_KINDS
from ..core.ledger import LIGHT_LABELS
from ..core.numerals import to_chinese_number
from ..core.series import is_simulated
from .content import (
    STATUS_ORDER,
    Figure,
    Inputs,
    Report,
    Section,
    Table,
    WorkItem,
    comparison,
    summary,
)
from .kinds import KINDS, ReportKind

TO_FILL = "（待填写）"
GOOD = frozenset({"achieved_early", "ahead", "on_track", "met", "projected_met"})  # 达到或好于预期
UNASSIGNED = "待明确"


@dataclass(frozen=True)
class Context:
    """What every section builder reads: the inputs and what is derived from them once."""

    inputs: Inputs
    kind: ReportKind

    @cached_property
    def results(self) -> list[Evaluation]:
        return sorted(self.inputs.results, key=lambda e: e.no)

    @cached_property
    def lagging(self) -> list[Evaluation]:
        return [e for e in self.results if e.status in LAGGING]

    @cached_property
    def gaps(self) -> list[Evaluation]:
        return [e for e in self.results if e.status == "no_data"]

    @property
    def finished(self) -> bool:
        """A 总结评估 at or after the plan's end: lagging means 未完成, not 滞后."""
        return self.kind.code == "final" and self.inputs.as_of >= self.inputs.end_year

    @property
    def period(self) -> str:
        return f"{self.inputs.base_year + 1}—{self.inputs.end_year}年"

    @property
    def year(self) -> int:
        return self.inputs.as_of

    def lead(self, e: Evaluation) -> str:
        return self.inputs.leads.get(e.no, "")

    def result_unit(self, e: Evaluation) -> str:
        return INDICATOR_KINDS[e.kind].result_unit or e.unit

    def by_category(self) -> list[Evaluation]:
        """Grouped by 类别 in the plan's order; in each group the binding indicators first."""
        order: dict[str, int] = {}
        for e in self.results:
            order.setdefault(self.inputs.categories.get(e.no, ""), len(order))
        return sorted(self.results, key=lambda e: (order[self.inputs.categories.get(e.no, "")], not e.binding, e.no))

    def path_figure(self, e: Evaluation, number: int) -> Figure:
        i = self.inputs
        return Figure("path", f"图{number} {e.name}：年度目标路径与实际值", {
            "name": e.name, "unit": e.unit, "base_year": i.base_year, "end_year": i.end_year,
            "baseline": i.baselines.get(e.no), "path": dict(i.paths.get(e.no, {})),
            "actual": dict(i.series.get(e.no, {})), "simulated": i.simulated})

    @cached_property
    def chapters(self) -> list[tuple[str, list[WorkItem]]]:
        """The items by chapter, chapters in the plan's order (those the adapter named first)."""
        groups: dict[str, list[WorkItem]] = {c[0]: [] for c in self.inputs.chapters}
        for item in self.inputs.items:
            groups.setdefault(item.chapter, []).append(item)
        return [(title, items) for title, items in groups.items() if items]

    @property
    def next_plan(self) -> str:
        """“十五五” after a plan that ends in 2025; a plan that is not a five-year plan: 下一规划期."""
        n = (self.inputs.end_year - 1955) / 5
        ok = n.is_integer() and self.inputs.end_year - self.inputs.base_year == 5 and 1 <= n < 98
        return f"“{to_chinese_number(int(n) + 1)}五”" if ok else "下一规划期"


Builder = Callable[[Context], Section | None]
SECTIONS: dict[str, Builder] = {}


def section(code: str) -> Callable[[Builder], Builder]:
    def register(fn: Builder) -> Builder:
        SECTIONS[code] = fn
        return fn
    return register


def _n(x: float | None, unit: str = "") -> str:
    return "—" if x is None else fmt(x, unit)


def _status_counts(results: Sequence[Evaluation]) -> Figure:
    return Figure("status_counts", "图1 主要指标评估结果分布", {
        "counts": [(label, sum(1 for e in results if e.label == label))
                   for label in STATUS_ORDER if any(e.label == label for e in results)]})


def _mode(ctx: Context) -> str:
    i = ctx.inputs
    if ctx.kind.code == "final":
        return f"规划期末（{i.as_of}年）" if i.as_of >= i.end_year else \
            f"截至{i.as_of}年（规划期至{i.end_year}年，尚未期满，各项结论为监测判断）"
    return {"midterm": f"规划实施中期（截至{i.as_of}年）"}.get(ctx.kind.code, f"{i.as_of}年")


def _names(items: Sequence[Evaluation], limit: int = 6) -> str:
    names = "、".join(e.name for e in items[:limit])
    return names + (f"等{len(items)}项" if len(items) > limit else "")


# ---------------------------------------------------------------------------------------------- 年度监测报告

@section("overview")
def overview(ctx: Context) -> Section:
    i = ctx.inputs
    return Section(1, "总体情况", (
        (f"按照规划实施年度监测要求，对《{i.plan_title}》（{ctx.period}）{i.as_of}年的实施情况进行了监测。"
        f"{summary(ctx.results)}"),
        (f"监测以各指标{i.as_of}年的年度目标（规划目标按年分解的应达值）为基准，同时对照规划目标判断进度；"
        "方法见附件。")), figures=(_status_counts(ctx.results),), code="overview")


@section("annual_targets")
def annual_targets(ctx: Context) -> Section:
    y = ctx.year
    rows = tuple((str(e.no), e.name, "约束性" if e.binding else "预期性", _n(e.expected, ctx.result_unit(e)),
                  e.actual_text, ctx.inputs.targets.get(e.no, "") or "—", e.progress, e.label) for e in ctx.results)
    reached = [e for e in ctx.results if e.ratio is not None and e.ratio >= 1]
    measured = [e for e in ctx.results if e.ratio is not None]
    return Section(1, f"{y}年目标完成情况", (
        (f"{len(measured)}项可计算进度的指标中，{len(reached)}项达到{y}年应有进度（进度不低于100%），"
        f"{len(measured) - len(reached)}项未达到。各指标{y}年目标、实际值和规划目标见表1。"),),
        tables=(Table(("序号", "指标", "属性", f"{y}年目标", f"{y}年实际", "规划目标", "进度", "评估结果"), rows,
                      shade_column=7),))


@section("warnings")
def warnings(ctx: Context) -> Section:
    at_risk = [e for e in ctx.lagging if e.binding]
    watch = [e for e in ctx.lagging if not e.binding]
    paragraphs = [f"约束性指标{len(at_risk)}项需预警：{_names(at_risk)}。" if at_risk else
                  "约束性指标均未出现滞后，本年度无预警。"]
    children = tuple(Section(2, f"{e.name}（约束性）", (
        f"预警：{e.label}，进度{e.progress}。{e.explanation}" +
        (f"牵头单位：{ctx.lead(e)}。" if ctx.lead(e) else "牵头单位：待明确。"),),
        figures=(ctx.path_figure(e, n + 2),)) for n, e in enumerate(at_risk))
    if watch:
        paragraphs.append(f"另有预期性指标{len(watch)}项进展滞后，需加强调度：{_names(watch)}。")
    return Section(1, "预警", tuple(paragraphs), children=children, code="warnings")


@section("gaps_by_department")
def gaps_by_department(ctx: Context) -> Section:
    if not ctx.gaps:
        return Section(1, "数据缺口", ("所有主要指标均有数据。",))
    groups: dict[str, list[Evaluation]] = defaultdict(list)
    for e in ctx.gaps:
        groups[ctx.lead(e) or "未指定牵头单位"].append(e)
    rows = tuple((lead, str(len(items)), "、".join(e.name for e in items))
                 for lead, items in sorted(groups.items(), key=lambda g: (-len(g[1]), g[0])))
    return Section(1, "数据缺口", (
        (f"{len(ctx.gaps)}项指标没有报送{ctx.year}年及以前的数据，未作判断（未报送不按0计算）。按牵头单位分列如下，"
        "请在下一填报轮次中补报。"),), tables=(Table(("牵头单位", "缺数指标（项）", "指标"), rows),))


@section("comparison")
def comparison_section(ctx: Context) -> Section | None:
    return comparison(ctx.inputs.comparison) if ctx.inputs.comparison else None


# ----------------------------------------------------------------------------------- 中期评估 / 总结评估报告

@section("progress")
def progress(ctx: Context) -> Section:
    i = ctx.inputs
    lagging_binding = [e for e in ctx.lagging if e.binding]
    judged = sum(1 for e in ctx.results if e.ratio is not None or e.status in LAGGING or e.status in GOOD)
    good = sum(1 for e in ctx.results if e.status in GOOD)
    paragraphs = [
        (f"按照规划实施评估要求，对《{i.plan_title}》（{ctx.period}）{_mode(ctx)}的实施情况进行了评估。"
        f"{summary(ctx.results)}"),
        (f"达到或好于预期的指标{good}项，占有评估结果指标的{good * 100 // max(judged, 1)}%；"
         f"{'未完成' if ctx.finished else '进展滞后'}的{len(ctx.lagging)}项。" +
         (f"约束性指标中{_names(lagging_binding)}{'未完成' if ctx.finished else '进展滞后'}，需重点关注。"
          if lagging_binding else "约束性指标总体符合要求。"))]
    projects = [w for w in i.items if w.kind == "project"]
    tasks = [w for w in i.items if w.kind == "task"]
    if i.ledger and projects:
        green = sum(1 for w in projects if w.light == "green")
        paragraphs.append(f"《纲要》部署的重点任务{len(tasks)}项、重大工程项目{len(projects)}个中，"
                          f"{green}个项目进展符合预期，{sum(1 for w in projects if w.overdue)}个逾期未完成。")
    elif i.items:
        paragraphs.append(f"《纲要》部署重点任务{len(tasks)}项、重大工程项目{len(projects)}个（数量取自规划文本，"
                          "进展见第三部分）。")
    return Section(1, "总体进展", tuple(paragraphs), figures=(_status_counts(ctx.results),), code="progress")


def _indicator_rows(ctx: Context, items: Sequence[Evaluation]) -> tuple[tuple[str, ...], ...]:
    return tuple((ctx.inputs.categories.get(e.no, "") or "—", str(e.no), e.name, "约束性" if e.binding else "预期性",
                  ctx.inputs.targets.get(e.no, "") or "—", e.actual_text, e.progress, e.label) for e in items)


@section("indicators")
def indicators(ctx: Context) -> Section:
    binding = [e for e in ctx.results if e.binding]
    lagging_children = []
    charted = [e for e in ctx.lagging if e.binding]  # a chart for each lagging binding indicator (the rest: text)
    for e in ctx.lagging:
        lead = f"牵头单位：{ctx.lead(e) or UNASSIGNED}。"
        figures = (ctx.path_figure(e, charted.index(e) + 2),) if e in charted else ()
        lagging_children.append(Section(3, e.name, (f"{e.label}，进度{e.progress}。{e.explanation}{lead}",),
                                        figures=figures, children=(
            Section(4, "主要原因", (TO_FILL,), code=f"cause.{e.no}"),
            Section(4, "拟采取的措施", (TO_FILL,), code=f"measure.{e.no}"))))
    final = ctx.finished
    return Section(1, "主要指标完成情况", (
        "主要指标完成情况见表1，按类别排列，每类中约束性指标在前。",),
        tables=(Table(("类别", "序号", "指标", "属性", "目标值", "实际值（年份）", "进度", "评估结果"),
                      _indicator_rows(ctx, ctx.by_category()), shade_column=7),),
        children=(
            Section(2, "约束性指标", tuple(f"{e.name}：{e.label}。{e.explanation}" for e in binding)
                    or ("本规划未设约束性指标。",)),
            Section(2, "未完成指标及原因" if final else "滞后指标及原因", (
                "无。",) if not ctx.lagging else (
                (f"共{len(ctx.lagging)}项，其中约束性指标{sum(1 for e in ctx.lagging if e.binding)}项。"
                "各项的原因和措施由牵头单位填写。"),), children=tuple(lagging_children))))


def _progress_note(tracked: Sequence[WorkItem]) -> str:
    """平均进度40%，绿灯3项、红灯1项；逾期1项 — a chapter's ledger progress."""
    lights = Counter(w.light for w in tracked)
    late = sum(1 for w in tracked if w.overdue)
    return (f"平均进度{sum(w.progress or 0 for w in tracked) / len(tracked):.0f}%，" +
            "、".join(f"{LIGHT_LABELS[k]}灯{lights[k]}项" for k in LIGHT_LABELS if lights[k]) +
            (f"；逾期{late}项" if late else ""))


def _chapter_sentence(items: Sequence[WorkItem], ledger: bool) -> str:
    tasks = [w for w in items if w.kind == "task"]
    projects = [w for w in items if w.kind == "project"]
    text = f"部署重点任务{len(tasks)}项、重大工程项目{len(projects)}个"
    if projects:
        text += "（如" + "、".join(w.title for w in projects[:3]) + "）"
    text += "。"
    tracked = [w for w in items if w.kind != "commitment" and w.progress is not None]
    if ledger and tracked:
        text += _progress_note(tracked) + "。"
        late = [w for w in tracked if w.overdue]
        if late:
            text += f"逾期未完成{len(late)}项：" + "、".join(w.title for w in late[:3]) + ("等。" if len(late) > 3 else "。")
    return text


@section("tasks")
def tasks(ctx: Context) -> Section:
    i = ctx.inputs
    chapters = ctx.chapters
    work = [w for w in i.items if w.kind != "commitment"]
    if i.ledger:
        source = ("进展为牵头单位在任务台账、重大项目台账中填报的进度；灯号：绿为不落后于时间进度，"
                  "黄为落后不到20个百分点，红为落后更多或逾期未完成。")
    else:
        source = ("本报告未接入任务台账和重大项目台账：任务和项目取自规划文本（按章统计），不含进度；"
                  "进度和逾期情况请在平台台账中填报后生成。")
    rows = []
    for title, items in chapters:
        tracked = [w for w in items if w.kind != "commitment" and w.progress is not None]
        row: tuple[str, ...] = (title or "其他", str(sum(1 for w in items if w.kind == "task")),
               str(sum(1 for w in items if w.kind == "project")))
        if i.ledger:
            row += (_progress_note(tracked) if tracked else "—",)
        rows.append(row)
    header = ("章", "重点任务（项）", "重大项目（个）") + (("进展",) if i.ledger else ())
    children = [Section(2, title or "其他", (_chapter_sentence(items, i.ledger),))
                for title, items in chapters if any(w.kind != "commitment" for w in items)]
    due = [c for c in i.commitments if c.deadline is not None and c.deadline <= i.as_of]
    if i.commitments:
        children.append(Section(2, "量化承诺", (
            (f"《纲要》正文和专栏中有量化承诺{len(i.commitments)}项，其中到{i.as_of}年应完成{len(due)}项{'（见下表）' if due else ''}，"
             "需牵头单位报告完成情况；本报告不对没有数据的承诺作出判断。"),), tables=(Table(
                ("承诺", "完成时限", "目标"), tuple(
                    (c.quantity, f"{c.deadline}年" + ("（每年）" if c.recurring else ""),
                     _n(c.value) + (f"—{_n(c.value_max)}" if c.value_max is not None else "") + c.unit)
                    for c in due)),) if due else ()))
    return Section(1, "重点任务和重大工程项目推进情况", (
        (f"《纲要》共部署重点任务{sum(1 for w in work if w.kind == 'task')}项、重大工程项目"
        f"{sum(1 for w in work if w.kind == 'project')}个，分章情况见表2。{source}"),),
        tables=(Table(header, tuple(rows)),) if rows else (), children=tuple(children), code="tasks")


@section("problems")
def problems(ctx: Context) -> Section:
    i = ctx.inputs
    final = ctx.finished
    children = []
    lagging_binding = [e for e in ctx.lagging if e.binding]
    lagging_expected = [e for e in ctx.lagging if not e.binding]
    if lagging_binding:
        children.append(Section(2, "部分约束性指标" + ("未完成" if final else "进展滞后"), tuple(
            f"{e.name}{e.label}（进度{e.progress}）。{e.explanation}" for e in lagging_binding)))
    if lagging_expected:
        children.append(Section(2, "部分预期性指标" + ("未完成" if final else "进展慢于预期"), (
            f"{_names(lagging_expected, 10)}{'未完成规划目标' if final else '进展滞后'}。",)))
    late = [w for w in i.items if w.overdue]
    if i.ledger:
        if late:
            children.append(Section(2, "部分重大项目和任务推进滞后", (
                f"{len(late)}项任务或项目逾期未完成：" + "、".join(w.title for w in late[:5]) +
                ("等。" if len(late) > 5 else "。"),)))
    elif i.items:
        children.append(Section(2, "任务和项目进度底数不清", (
            "重点任务和重大项目的进度尚未在台账中填报，无法判断逾期情况。",)))
    if ctx.gaps:
        leads = Counter(ctx.lead(e) or "未指定牵头单位" for e in ctx.gaps)
        children.append(Section(2, "统计监测数据不完整", (
            f"{len(ctx.gaps)}项指标没有数据（" + "；".join(f"{lead}{n}项" for lead, n in leads.most_common()) +
            "），影响对规划实施情况的判断。",)))
    if not children:
        children.append(Section(2, "总体", ("各项指标和任务总体符合预期，未发现突出问题。",)))
    return Section(1, "存在的主要问题", ("以下问题由平台根据评估数据起草，请结合实际核改补充。",),
                   children=tuple(children), code="problems")


@section("next_steps")
def next_steps(ctx: Context) -> Section:
    left = ctx.inputs.end_year - ctx.year
    paragraphs = [f"距规划期满还有{left}年。" if left > 0 else "规划期已到期末。"]
    paragraphs += [f"{e.name}：{e.label}（进度{e.progress}），需加快推进，确保按期实现规划目标（今后每年所需进度见第二部分），"
                   f"牵头单位{ctx.lead(e) or UNASSIGNED}。" for e in ctx.lagging]
    if ctx.gaps:
        paragraphs.append(f"完善统计监测：{len(ctx.gaps)}项指标尚无数据，建议明确数据来源和报送时限。")
    paragraphs.append(f"其他工作建议：{TO_FILL}")
    return Section(1, "下一步工作建议", tuple(paragraphs), code="next_steps")


@section("next_plan")
def next_plan(ctx: Context) -> Section:
    unmet = [e for e in ctx.lagging]
    unfinished = [w for w in ctx.inputs.items if w.kind == "project" and w.progress is not None and w.progress < 100]
    paragraphs = []
    if unmet:
        paragraphs.append(f"{_names(unmet, 10)}{'未完成规划目标' if ctx.finished else '进展滞后'}，建议在"
                          f"{ctx.next_plan}规划中分析原因、合理设置目标，并明确责任单位。")
    if unfinished:
        paragraphs.append(f"{len(unfinished)}个重大工程项目尚未完成，建议梳理后按程序纳入{ctx.next_plan}规划项目库接续推进。")
    if ctx.gaps:
        paragraphs.append(f"{len(ctx.gaps)}项指标缺少数据，建议在{ctx.next_plan}规划编制时同步建立指标统计监测制度。")
    paragraphs.append(f"其他建议：{TO_FILL}")
    return Section(1, f"对{ctx.next_plan}的建议", tuple(paragraphs), code="next_plan")


# ---------------------------------------------------------------------------------------------------- 附件

@section("annex_table")
def annex_table(ctx: Context) -> Section:
    i = ctx.inputs
    return Section(1, "附件1：主要指标完成情况表", (), tables=(Table(
        ("序号", "指标", "属性", "单位", "基期值", "目标值", "应达值", "实际值（年份）", "进度", "评估结果"), tuple(
            (str(e.no), e.name, "约束性" if e.binding else "预期性", e.unit, _n(i.baselines.get(e.no)),
             i.targets.get(e.no, "") or "—", _n(e.expected, ctx.result_unit(e)), e.actual_text, e.progress, e.label)
            for e in ctx.results), shade_column=9),))


def method_paragraphs() -> tuple[str, ...]:
    """测算方法, in our own words; the thresholds are the evaluation's own defaults."""
    s = Settings()
    return (
        ("年度目标：以基期值和规划目标值为两端，逐年分解出各年应达值。有年均增速要求的总量指标按等比方式分解，"
        "比重、水平类指标按等差方式分解；增长率类指标各年均以规划年均增速为目标；五年累计类指标（如能耗强度降低）"
        "按各年应累计完成的降幅分解。"),
        ("完成进度：实际完成的变化量与同期应完成的变化量之比。水平类指标为（实际值－基期值）÷（应达值－基期值）；"
        "增长率类指标以规划期以来各年增速的复合平均与目标增速相比，不对增长率本身再求增速；五年累计类指标以逐年"
        "累计完成的降幅（1－各年“1－降幅”之积）与同期应完成的降幅相比。"),
        (f"状态划分：进度不低于{fmt(s.ahead * 100, '%')}为“快于预期”，{fmt(s.on_track * 100, '%')}至"
        f"{fmt(s.ahead * 100, '%')}为“基本符合预期”，低于{fmt(s.on_track * 100, '%')}为“滞后”，与目标方向相反为"
        "“逆向”；已提前达到规划目标的为“提前实现”；规划期满时判断“已完成”或“未完成”。上限、下限类指标（如失业率、"
        "参保率）按每年是否在限值之内判断。"),
        f"“左右”类目标：实际值在目标值上下{fmt(s.approx_tolerance * 100, '%')}以内视为达到，个别指标可另设容差。",
        ("数据取用：同一年份有多个数值时，全年数优先于预计数，预计数优先于1—N月数；部分年度数只用于增长率类指标并"
        "在表中注明；未报送的年份不按0计算，不作判断。最新数据早于评估年份的，按已有数据推算目标年份的值，判断“预计完成”"
        "或“预计难以完成”，并注明数据年份。"))


@section("annex_method")
def annex_method(ctx: Context) -> Section:
    number = "附件2" if "annex_table" in ctx.kind.sections else "附件1"
    return Section(1, f"{number}：测算方法", method_paragraphs())


@section("annex_sources")
def annex_sources(ctx: Context) -> Section:
    i = ctx.inputs
    number = {True: "附件3", False: "附件2"}["annex_table" in ctx.kind.sections]
    real = [s for s in dict.fromkeys(i.sources) if s and not is_simulated(s)]
    simulated = [s for s in dict.fromkeys(i.sources) if s and is_simulated(s)]
    paragraphs = ["数据由各牵头单位报送，或取自统计公报和政府网站公开发布的数据。"]
    if real:
        paragraphs.append(f"本报告引用的公开来源{len(real)}个：" + "；".join(real[:12]) +
                          (f"；等{len(real)}个。" if len(real) > 12 else "。"))
    paragraphs.append("模拟数据说明：本报告部分数据为平台生成的模拟数据（来源标注“模拟”），仅用于演示，不是真实统计数据，"
                      "不得作为评估结论使用。" if (simulated or i.simulated) else
                      "数据说明：本报告全部为报送或公开发布的数据，未使用平台生成的示例值。")
    return Section(1, f"{number}：数据来源", tuple(paragraphs))


# ------------------------------------------------------------------------------------ 计划执行情况与计划草案

@section("plan_execution")
def plan_execution(ctx: Context) -> Section:
    y = ctx.year
    counts = Counter(e.label for e in ctx.results)
    return Section(1, f"{y}年计划执行情况", (
        f"{y}年主要指标{len(ctx.results)}项，执行结果：" +
        "，".join(f"{label}{counts[label]}项" for label in STATUS_ORDER if counts[label]) + "。",
        f"年度计划尚未在平台录入，{y}年计划目标取自规划目标的年度分解（规划目标按年分解的应达值）。"),
        tables=(Table(("指标", f"{y}年计划目标", "执行结果", "完成情况"), tuple(
            (e.name, _n(e.expected, ctx.result_unit(e)), e.actual_text, e.label) for e in ctx.results),
            shade_column=3),), code="plan_execution")


@section("next_year_targets")
def next_year_targets(ctx: Context) -> Section:
    i = ctx.inputs
    n = ctx.year + 1
    if n > i.end_year:
        return Section(1, f"{n}年主要预期目标", (
            f"规划期已于{i.end_year}年结束，{n}年目标待新一轮规划和{n}年计划确定。",), code="next_year_targets")
    rows = tuple((e.name, e.unit, _n(i.paths.get(e.no, {}).get(n)), i.targets.get(e.no, "") or "—")
                 for e in ctx.results)
    return Section(1, f"{n}年主要预期目标", (
        (f"在年度计划录入平台之前，{n}年目标取自规划目标的年度分解（按规划目标逐年分解），仅供编制计划草案参考，"
        f"以{n}年计划确定的目标为准。"),),
        tables=(Table(("指标", "单位", f"{n}年目标（分解值）", "规划目标"), rows),), code="next_year_targets")


@section("next_year_work")
def next_year_work(ctx: Context) -> Section:
    n = ctx.year + 1
    paragraphs = [f"针对{_names(ctx.lagging)}进展滞后的情况，{n}年重点加快推进。" if ctx.lagging else
                  f"{ctx.year}年主要指标总体符合预期，{n}年保持推进力度。"]
    paragraphs.append(f"主要任务：{TO_FILL}")
    return Section(1, f"{n}年主要任务", tuple(paragraphs), code="next_year_work")


# ---------------------------------------------------------------------------------------------- 分工方案

DIVISION_TABLES = (("task", "重点任务分工表"), ("project", "重大项目分工表"), ("commitment", "量化承诺分工表"))


@section("division_intro")
def division_intro(ctx: Context) -> Section:
    i = ctx.inputs
    counts = Counter(w.kind for w in i.items)
    assigned = sum(1 for w in i.items if w.lead)
    return Section(1, "总体要求", (
        (f"为确保《{i.plan_title}》确定的目标任务落到实处，现将重点任务{counts['task']}项、重大项目"
        f"{counts['project']}个、量化承诺{counts['commitment']}项分解落实到牵头单位和配合单位。"),
        (f"已明确牵头单位{assigned}项，尚待明确{len(i.items) - assigned}项（表中标注“{UNASSIGNED}”）。"
        "牵头单位对所牵头事项负总责，配合单位按职责协同推进；未写明完成时限的，于规划期满前完成。")),
        code="division_intro")


@section("division_tables")
def division_tables(ctx: Context) -> Section:
    end = f"{ctx.inputs.end_year}年"
    tables = tuple(Table(("序号", "任务内容", "牵头单位", "配合单位", "完成时限"), tuple(
        (str(n), w.title, w.lead or UNASSIGNED, "、".join(w.co_units) or "—", w.deadline or end)
        for n, w in enumerate((w for w in ctx.inputs.items if w.kind == kind), start=1)), caption=caption)
        for kind, caption in DIVISION_TABLES if any(w.kind == kind for w in ctx.inputs.items))
    return Section(1, "分工表", ("重点任务、重大项目和量化承诺的分工见下表。",) if tables else
                   ("规划中没有可分工的任务、项目或承诺。",), tables=tables)


# ------------------------------------------------------------------------------------------------ the build

def _walk(sections: Sequence[Section]) -> Iterator[Section]:
    for s in sections:
        yield s
        yield from _walk(s.children)


def editable(report: Report) -> list[tuple[tuple[str, ...], Section]]:
    """The sections of ``report`` a person may write in place of the draft (those with a ``code``), in the
    report's order, each with the titles of the sections above it (a 主要原因 under its indicator's name).
    Built without a narrative, these are every code :func:`build` accepts for the same inputs."""
    out: list[tuple[tuple[str, ...], Section]] = []

    def walk(sections: Sequence[Section], above: tuple[str, ...]) -> None:
        for s in sections:
            if s.code:
                out.append((above, s))
            walk(s.children, (*above, s.title))
    walk(report.sections, ())
    return out


def _override(sec: Section, narrative: dict[str, str]) -> Section:
    children = tuple(_override(c, narrative) for c in sec.children)
    if sec.code in narrative:  # a person's text in place of the draft (its tables and figures stay)
        text = narrative[sec.code]
        paragraphs = tuple(p.strip().replace("\n", "") for p in text.split("\n\n") if p.strip())
        return replace(sec, paragraphs=paragraphs or (TO_FILL,), children=())
    return replace(sec, children=children)


def build(inputs: Inputs) -> Report:
    """The report of ``inputs.kind``: its sections in the order the kind lists them, a person's texts merged."""
    kind = KINDS[inputs.kind]
    ctx = Context(inputs, kind)
    if kind.evaluated and not ctx.results:
        raise PlanwatchError("没有可评估的主要指标：该规划没有主要指标表，无法生成评估报告")
    sections = [s for s in (SECTIONS[code](ctx) for code in kind.sections) if s is not None]
    codes = {s.code for s in _walk(sections) if s.code}
    unknown = [code for code in inputs.narrative if code not in codes]
    if unknown:
        raise PlanwatchError(f"说明文本中的“{'、'.join(unknown)}”不是本报告的章节（可填写：{'、'.join(sorted(codes))}）")
    sections = [_override(s, dict(inputs.narrative)) for s in sections]
    notices = []
    if inputs.simulated and kind.evaluated:
        notices.append("本报告部分数据为平台生成的模拟数据（在表格和图中标注“模拟”），仅用于演示报告格式，"
                       "不是真实统计数据，不得作为评估结论使用。")
    if ctx.gaps and kind.evaluated:
        notices.append(f"{len(ctx.gaps)}项指标没有报送数据，本报告未对其作出判断（未报送不按0计算）。")
    if not inputs.ledger and inputs.items and kind.code in ("midterm", "final"):
        notices.append("本报告未接入任务台账和重大项目台账，任务和项目取自规划文本，不含进度。")
    today = inputs.today or dt.date.today()
    return Report(
        title=kind.title_for(inputs.plan_title, inputs.as_of),
        subtitle=f"（{inputs.region}，{inputs.as_of}年）" if kind.evaluated else f"（{inputs.region}）",
        date_line=f"规划实施监测评估平台 生成初稿 {today.year}年{today.month}月{today.day}日",
        notices=tuple(notices), sections=tuple(sections), simulated=inputs.simulated)

"""What a report says, independent of its format: title, notices, numbered sections, tables and figures.

Kinds: ``annual`` 年度监测报告, ``midterm`` 中期评估报告, ``final`` 总结评估报告. The text is drafted from the
same evaluation the dashboard shows; every number in it comes from the evaluation objects passed in.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal

from ..core.evaluation import LAGGING, Evaluation
from ..core.model import Commitment
from ..core.numerals import to_chinese_number
from ..core.statuses import STATUSES
from ..core.targets import format_number

Kind = Literal["annual", "midterm", "final"]
KIND_TITLES = {"annual": "年度监测报告", "midterm": "中期评估报告", "final": "总结评估报告"}
# A report is written in Chinese: its tables carry the labels, and a label picks its status's colour.
STATUS_ORDER = [status.zh for status in STATUSES.values()]
STATUS_COLOURS = {status.zh: status.colour for status in STATUSES.values()}


@dataclass(frozen=True)
class Table:
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    shade_column: int | None = None  # the column whose label picks a status colour


@dataclass(frozen=True)
class Figure:
    """A chart: ``kind`` is ``status_counts`` or ``path``; ``data`` is what the chart module draws."""

    kind: str
    caption: str
    data: Mapping[str, object]


@dataclass(frozen=True)
class Section:
    level: int  # 1: 一、 2: （一） 3: 1. 4: （1）
    title: str
    paragraphs: tuple[str, ...] = ()
    tables: tuple[Table, ...] = ()
    figures: tuple[Figure, ...] = ()
    children: tuple[Section, ...] = ()


@dataclass(frozen=True)
class Report:
    title: str
    subtitle: str
    date_line: str
    notices: tuple[str, ...]  # shown first, in a box: simulated data, data gaps
    sections: tuple[Section, ...]
    simulated: bool = False


@dataclass(frozen=True)
class Inputs:
    plan_title: str
    base_year: int
    end_year: int
    as_of: int
    kind: Kind
    results: Sequence[Evaluation]  # one region
    region: str
    leads: Mapping[int, str] = field(default_factory=dict)  # indicator number → 牵头单位
    series: Mapping[int, Mapping[int, float]] = field(default_factory=dict)  # observed values by year
    paths: Mapping[int, Mapping[int, float | None]] = field(default_factory=dict)  # yearly targets
    baselines: Mapping[int, float | None] = field(default_factory=dict)
    targets: Mapping[int, str] = field(default_factory=dict)  # the target as written
    commitments: Sequence[Commitment] = ()
    chapters: Sequence[tuple[str, int, int] | tuple[str, int, int, str]] = ()  # (title, tasks, projects[, progress])
    simulated: bool = False
    today: dt.date | None = None
    comparison: Sequence[tuple[str, Sequence[Evaluation]]] = ()  # every region's results, for 各地区比较


def numbered(level: int, n: int) -> str:
    """一、 （一） 1. （1） — the numbering of official documents."""
    return {1: f"{to_chinese_number(n)}、", 2: f"（{to_chinese_number(n)}）", 3: f"{n}.", 4: f"（{n}）"}[level]


def _n(x: float | None, unit: str = "") -> str:
    return "—" if x is None else f"{format_number(round(x, 2))}{unit}"


def numbered_sections(sections: Sequence[Section]) -> list[tuple[Section, str]]:
    """Top-level sections with their heading text (一、总体情况 …); the 附件 keeps its own title, unnumbered."""
    out, n = [], 0
    for sec in sections:
        if sec.title.startswith("附件"):
            out.append((sec, sec.title))
        else:
            n += 1
            out.append((sec, numbered(1, n) + sec.title))
    return out


def _comparison(regions: Sequence[tuple[str, Sequence[Evaluation]]]) -> Section:
    """各地区比较: status counts per region, regions with most lagging binding indicators first."""
    labels = [label for label in STATUS_ORDER if any(e.label == label for _, rs in regions for e in rs)]
    rows = []
    for name, results in regions:
        counts = Counter(e.label for e in results)
        lagging_binding = sum(1 for e in results if e.binding and e.status in LAGGING)
        rows.append((lagging_binding, sum(1 for e in results if e.status in LAGGING), name,
                     tuple(str(counts[label]) for label in labels)))
    rows.sort(key=lambda r: (-r[0], -r[1], r[2]))
    worst = [r[2] for r in rows if r[0] > 0][:5]
    return Section(1, "各地区比较", (
        f"对{len(regions)}个地区按同一指标体系和方法进行了评估，结果见表。" +
        (f"约束性指标滞后最多的地区：{'、'.join(worst)}。" if worst else "各地区均无滞后的约束性指标。"),),
        tables=(Table(("地区", *labels, "约束性指标滞后"),
                      tuple((name, *cells, str(lb)) for lb, _, name, cells in rows)),))


def summary(results: Sequence[Evaluation]) -> str:
    """23项主要指标中，X项…，其中约束性指标W项…"""
    counts = Counter(e.label for e in results)
    parts = "，".join(f"{counts[label]}项{label}" for label in STATUS_ORDER if counts[label])
    binding = [e for e in results if e.binding]
    b_counts = Counter(e.label for e in binding)
    b_parts = "、".join(f"{b_counts[label]}项{label}" for label in STATUS_ORDER if b_counts[label])
    return (f"{len(results)}项主要指标中，{parts}。其中约束性指标{len(binding)}项：{b_parts}。"
            if binding else f"{len(results)}项主要指标中，{parts}。")


def build(inputs: Inputs) -> Report:
    results = list(inputs.results)
    if not results:
        raise ValueError("没有可评估的主要指标：该规划没有主要指标表，无法生成评估报告")
    lagging = [e for e in results if e.status in LAGGING]
    gaps = [e for e in results if e.status == "no_data"]
    today = inputs.today or dt.date.today()
    notices = []
    if inputs.simulated:
        notices.append("本报告部分数据为平台生成的模拟数据（在表格和图中标注“模拟”），仅用于演示报告格式，"
                       "不是真实统计数据，不得作为评估结论使用。")
    if gaps:
        notices.append(f"{len(gaps)}项指标没有报送数据，本报告未对其作出判断（未报送不按0计算），详见“数据缺口”一节。")
    period = f"{inputs.base_year + 1}—{inputs.end_year}年"
    mode = {"annual": f"截至{inputs.as_of}年", "midterm": f"规划实施中期（截至{inputs.as_of}年）",
            "final": f"规划期末（{inputs.as_of}年）" if inputs.as_of >= inputs.end_year else
            f"截至{inputs.as_of}年（规划期至{inputs.end_year}年，尚未期满，各项结论为监测判断）"}[inputs.kind]

    # 一、总体情况
    overview = Section(1, "总体情况", (
        (f"按照规划实施监测评估要求，对《{inputs.plan_title}》（{period}）{mode}的实施情况进行了评估。"
        f"{summary(results)}"),
        ("评估以各指标的年度目标分解为基准：增长率类指标按各年增速的复合平均判断，水平值类指标按年度目标路径判断进度，"
        "五年累计指标按逐年累计完成情况判断，上下限类指标逐年判断。方法详见附件。")),
        figures=(Figure("status_counts", "图1 主要指标评估结果分布",
                        {"counts": [(label, sum(1 for e in results if e.label == label))
                                    for label in STATUS_ORDER if any(e.label == label for e in results)]}),))

    # 二、主要指标完成情况
    table = Table(("序号", "指标", "属性", "单位", "基期值", "目标值", "实际值（年份）", "评估结果"), tuple(
        (str(e.no), e.name, "约束性" if e.binding else "预期性", e.unit,
         _n(inputs.baselines.get(e.no)), inputs.targets.get(e.no, "—") or "—",
         e.actual_text, e.label)
        for e in sorted(results, key=lambda e: e.no)), shade_column=7)
    binding = [e for e in results if e.binding]
    binding_text = tuple(f"{e.name}：{e.label}。{e.explanation}" for e in binding) or ("本规划未设约束性指标。",)
    lagging_sections = tuple(
        Section(3, e.name, (f"{e.label}。{e.explanation}" + (f"牵头单位：{inputs.leads[e.no]}。"
                                                            if inputs.leads.get(e.no) else ""),),
                figures=(Figure("path", f"图{i + 2} {e.name}：年度目标路径与实际值",
                                {"name": e.name, "unit": e.unit, "base_year": inputs.base_year,
                                 "end_year": inputs.end_year, "baseline": inputs.baselines.get(e.no),
                                 "path": dict(inputs.paths.get(e.no, {})), "actual": dict(inputs.series.get(e.no, {})),
                                 "simulated": inputs.simulated}),))
        for i, e in enumerate(lagging))
    indicators = Section(1, "主要指标完成情况", (
        "主要指标评估结果见表1（滞后的约束性指标列在最前）。",), tables=(table,), children=(
        Section(2, "约束性指标", binding_text),
        Section(2, "滞后及未完成指标", ("无。",) if not lagging else (
            f"共{len(lagging)}项，其中约束性指标{sum(1 for e in lagging if e.binding)}项：" +
            "、".join(e.name for e in lagging) + "。",), children=lagging_sections)))

    compare_section = _comparison(inputs.comparison) if inputs.comparison else None

    # 三、重点任务和重大项目
    with_progress = any(len(c) > 3 for c in inputs.chapters)
    task_count, project_count = sum(c[1] for c in inputs.chapters), sum(c[2] for c in inputs.chapters)
    progress_note = ("进展为牵头单位在任务台账、重大项目台账中填报的进度；灯号：绿为不落后于时间进度，黄为落后不到20个百分点，"
                     "红为落后更多或逾期未完成。") if with_progress else \
        "各项任务和项目的进度由牵头单位在平台任务台账、重大项目台账中填报，本报告依据的数据文件不含进度。"
    tasks = Section(1, "重点任务和重大项目", (
        f"《纲要》共部署重点任务{task_count}项、重大项目{project_count}个，分章情况见表2。{progress_note}",),
        tables=(Table(("章", "重点任务（项）", "重大项目（个）") + (("进展",) if with_progress else ()),
                      tuple((c[0], str(c[1]), str(c[2])) + ((c[3] if len(c) > 3 else "—",) if with_progress else ())  # type: ignore[misc]
                            for c in inputs.chapters)),) if inputs.chapters else ())

    # 四、量化承诺
    due = [c for c in inputs.commitments if c.deadline is not None and c.deadline <= inputs.as_of]
    later = [c for c in inputs.commitments if c.deadline is not None and c.deadline > inputs.as_of]
    commitments = Section(1, "规划文本中的量化承诺", (
        (f"除主要指标外，《纲要》正文和专栏中有量化承诺{len(inputs.commitments)}项，"
        f"其中到{inputs.as_of}年应完成{len(due)}项，之后到期{len(later)}项。到期承诺需牵头单位报告完成情况："
        "本报告不对没有数据的承诺作出判断。"),),
        tables=(Table(("承诺", "完成时限", "目标"), tuple(
            (c.quantity, f"{c.deadline}年" + ("（每年）" if c.recurring else ""),
             f"{_n(c.value)}{'—' + _n(c.value_max) if c.value_max is not None else ''}{c.unit}") for c in due)),)
        if due else ())

    # 五、数据缺口
    by_lead = Counter(inputs.leads.get(e.no, "未指定牵头单位") for e in gaps)
    gap_section = Section(1, "数据缺口", (
        "所有主要指标均有数据。",) if not gaps else (
        f"{len(gaps)}项指标没有报送数据：" + "、".join(e.name for e in gaps) + "。按牵头单位：" +
        "；".join(f"{lead}{n}项" for lead, n in by_lead.most_common()) + "。建议在下一填报轮次中补报。",))

    appendix = Section(1, "附件：评估方法", (
        ("状态判定：进度比（实际进度与应有进度之比）不低于1.05为“快于预期”，0.95至1.05为“基本符合预期”"
        "（采用 Open SDG / 加拿大统计局的0.95阈值），0至0.95为“滞后”，背离目标方向为“逆向”；"
        "已达到期末目标为“提前实现”；期末评估判断“已完成”或“未完成”。"),
        ("“左右”类目标按目标值上下5%的容差判断；上下限类指标要求每年均在范围之内；五年累计指标按"
        "1−∏(1−各年降幅)计算累计完成情况；增长率类指标按各年增速复合平均，不对增长率序列本身计算复合增速。"),
        "数据：部分年度数（如1-9月）只用于增长率类指标并在结果中标注；预计数照常使用并标注；未报送的年份不按0计算。"))

    return Report(
        title=f"{inputs.plan_title}{KIND_TITLES[inputs.kind]}",
        subtitle=f"（{inputs.region}，{inputs.as_of}年）",
        date_line=f"规划实施监测评估平台 生成初稿 {today.year}年{today.month}月{today.day}日",
        notices=tuple(notices),
        sections=tuple(x for x in (overview, indicators, compare_section, tasks, commitments, gap_section, appendix)
                       if x is not None),
        simulated=inputs.simulated)

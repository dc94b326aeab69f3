"""The monitoring pages' tables as rows for 导出Excel (``?format=xlsx`` on the page's own URL): the 主要指标
status table of 总览 and 公众门户, an indicator's 历年数据, the values awaiting review and the 填报轮次.

Each function takes what the page itself computed (the same summary, the same visible observations, the same
pending list), so the file and the page cannot disagree; the caption names the plan, region and year and says
含模拟数据 when simulated values are in the table. Figures are exports.Figure cells: numbers with the
indicator's decimals (counts whole) and thousands separators, units in their own column."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django.utils.translation import gettext, pgettext

from ...exports import Figure
from ..templatetags.planwatch_figures import cell, printed_no
from ..templatetags.planwatch_i18n import explained

SIMULATED = "含模拟数据（示例，非真实统计）"

Table = tuple[list[str], list[list[object]]]


def caption(*parts: object, simulated: bool = False) -> str:
    """The first row: what the table is (plan, region, year), and 含模拟数据 when it holds simulated values."""
    return " · ".join(str(p) for p in parts if p not in (None, "")) + (f"（{SIMULATED}）" if simulated else "")


STATUS_HEADER = ["序号", "指标", "单位", "属性", "状态", "应达", "实际（当年值）", "实际年份", "实际（期间值）",
                 "期间值口径", "进度", "说明", "牵头单位"]


def status_rows(summary: dict[str, Any]) -> Table:
    """The 主要指标 table as the page prints it (overview and public portal: the summary the page shows)."""
    rows: list[list[object]] = []
    for e in summary["results"]:
        flags = "".join(f"（{gettext(w)}）" for f, w in (("expected", "预计数"), ("partial", "部分年度")) if f in e.flags)
        period = e.period_value is not None and e.actual is not None
        lead = summary["leads"].get(e.no)
        rows.append([printed_no(e, summary["labels"]), e.name, e.unit, gettext("约束性" if e.binding else "预期性"),
                     gettext(e.label) + flags, cell(e.expected, e),
                     cell(None if e.actual is None else e.year_value if period else e.actual, e),
                     e.actual_year if e.actual is not None else None,
                     cell(e.period_value if period else None, e), gettext(e.period_label) if period else "",
                     Figure(e.ratio, 2, percent=True), explained(e), str(lead) if lead else gettext("未指定")])
    return STATUS_HEADER, rows


HISTORY_HEADER = ["年份", "数值", "单位", "口径", "来源", "状态", "是否计入"]


def _measure(o: Any) -> str:
    """口径 as the page writes it: the period (1-9月, 2026年第一季度) with the flag, or the flag alone."""
    flag = gettext(o.get_flag_display())
    if o.period_label:
        return f"{o.period_label}（{flag}）"
    return f"{flag}（{o.period}）" if o.period else flag


def history_rows(ind: Any, rows: Iterable[tuple[Any, Any]]) -> Table:
    """历年数据: the indicator page's (observation, counted) pairs."""
    return HISTORY_HEADER, [
        [o.year, cell(o.value, ind), ind.unit, _measure(o), ("模拟 " if o.simulated else "") + (o.source or ""),
         pgettext("status", o.get_status_display()),
         (gettext("计入") + (f"（{gettext(counted.reason)}）" if counted.candidates > 1 else "")) if counted
         else gettext("未计入")]
        for o, counted in rows]


REVIEW_HEADER = ["规划", "地区", "序号", "指标", "牵头单位", "年份", "期间", "数值", "单位", "上年值", "变化（%）",
                 "目标值", "来源", "说明", "状态"]


def review_rows(pending: Sequence[Any]) -> Table:
    """审核发布: the values awaiting review or publication, with the page's context (last value, change, target)."""
    rows: list[list[object]] = []
    for o in pending:
        ind = o.indicator
        rows.append([ind.plan.title, o.region.name, ind.display_no, ind.name, str(ind.lead or "—"), o.year,
                     o.period_label or "", cell(o.value, ind), ind.unit, cell(o.last.value if o.last else None, ind),
                     Figure(o.change, 1), cell(o.target, ind), o.source or "", o.comment or "",
                     pgettext("status", o.get_status_display())])
    return REVIEW_HEADER, rows


ROUNDS_HEADER = ["频度", "轮次", "期间", "截止日期", "重新开放至", "状态"]


def round_rows(groups: Sequence[tuple[str, Sequence[Any]]], today: Any) -> Table:
    """填报轮次 by frequency, with their deadlines (date cells) and whether they are open today."""
    return ROUNDS_HEADER, [
        [gettext(label), r.name, r.label, r.deadline, r.reopened_until,
         gettext("开放中") if r.open_until() >= today else gettext("已截止")]
        for label, rows in groups for r in rows]


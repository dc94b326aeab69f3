"""The report kinds, one registry: each kind's code, its title and the list of its sections.

A kind is a list of section codes; each code names one builder in :data:`planwatch.reports.sections.SECTIONS`
(what that section says, drafted from the evaluation and the ledgers). Adding a kind is one entry here; adding a
section is one builder there. The CLI (``planwatch report --kind``) and the web download read this table.

Title patterns: ``{plan}`` the plan's title, ``{year}`` the evaluation year, ``{next}`` the year after.

>>> KINDS["annual-plan"].title_for("某规划", 2024)
'关于2024年国民经济和社会发展计划执行情况与2025年计划草案的报告'
>>> [k for k, kind in KINDS.items() if "problems" in kind.sections]
['midterm', 'final']
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Kind = Literal["annual", "midterm", "final", "annual-plan", "division"]


@dataclass(frozen=True)
class ReportKind:
    code: Kind
    label: str  # what the report is called: 年度监测报告 (also the download's file name)
    title: str  # the title pattern
    sections: tuple[str, ...]  # section codes, in order (planwatch.reports.sections.SECTIONS)
    evaluated: bool = True  # says how the indicators are doing (a 分工方案 does not)

    def title_for(self, plan: str, year: int) -> str:
        return self.title.format(plan=plan, year=year, next=year + 1)


KINDS: dict[str, ReportKind] = {
    "annual": ReportKind(
        "annual", "年度监测报告", "{plan}年度监测报告",
        ("overview", "annual_targets", "warnings", "comparison", "gaps_by_department", "annex_method",
         "annex_sources")),
    "midterm": ReportKind(
        "midterm", "中期评估报告", "{plan}中期评估报告",
        ("progress", "indicators", "comparison", "tasks", "problems", "next_steps", "annex_table", "annex_method",
         "annex_sources")),
    "final": ReportKind(
        "final", "总结评估报告", "{plan}总结评估报告",
        ("progress", "indicators", "comparison", "tasks", "problems", "next_plan", "annex_table", "annex_method",
         "annex_sources")),
    "annual-plan": ReportKind(
        "annual-plan", "计划执行情况与计划草案的报告",
        "关于{year}年国民经济和社会发展计划执行情况与{next}年计划草案的报告",
        ("plan_execution", "next_year_targets", "next_year_work", "annex_method", "annex_sources")),
    "division": ReportKind(
        "division", "重点任务分工方案", "《{plan}》重点任务分工方案",
        ("division_intro", "division_tables"), evaluated=False),
}

KIND_TITLES = {code: kind.label for code, kind in KINDS.items()}  # the download's file name

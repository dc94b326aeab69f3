"""The data a report is drafted from, built once for the command line and the platform alike.

Two small adapters feed :func:`report_data`: :func:`planwatch.reports.build.report_from_files` (a plan file and an
observations CSV) and ``planwatch.web.reports.report_inputs`` (the database). Each gives the evaluation results,
the value that counts in each year (chosen by :mod:`planwatch.core.series`, as the evaluation chose it), the
indicators' baselines and targets as written, the chapters, the tasks, projects and commitments; the yearly
target paths, the target texts and the lead units are derived here, the same way for both. Framework-free: no
Django import.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from ..core.decompose import decompose
from ..core.evaluation import Evaluation
from ..core.model import Commitment
from ..core.spec import IndicatorSpec
from .content import Inputs, Kind, WorkItem


@dataclass(frozen=True)
class IndicatorFacts:
    """What a report prints about an indicator beside its evaluation: baseline, target and 年均/累计 column as
    written, and its lead unit (牵头单位, empty when none is assigned)."""

    no: int
    baseline: float | None
    target: str
    growth: str
    lead: str = ""
    category: str = ""  # 类别 as the table prints it (经济发展, 创新驱动…)


def target_text(target: str, growth: str) -> str:
    """The target column of the report's indicator table: the target as written, else the average growth.

    >>> target_text("3500左右", ""), target_text("—", "6.5%左右"), target_text("", "")
    ('3500左右', '年均增长6.5%左右', '')
    """
    if target not in ("", "—"):
        return target
    return growth and f"年均增长{growth}"


def _targets(indicators: Sequence[IndicatorFacts], specs: Sequence[IndicatorSpec]) -> dict[int, str]:
    """The target column: the plan's target as written, or the revised one in force with its year, the plan's
    own and the document (core.revisions), so that a reader of the table sees that the target was changed."""
    revised = {s.no: s for s in specs if s.revised_from is not None}
    out = {}
    for i in indicators:
        own = target_text(i.target, i.growth)
        spec = revised.get(i.no)
        out[i.no] = own if spec is None else (
            f"{spec.revised_target}（{spec.revised_from}年起调整，原目标{own or '—'}；依据：{spec.revised_by}）")
    return out


def report_data(*, title: str, base_year: int, end_year: int, as_of: int, kind: Kind, region: str,
                results: Sequence[Evaluation], specs: Sequence[IndicatorSpec], indicators: Sequence[IndicatorFacts],
                series: Mapping[int, Mapping[int, float]], commitments: Sequence[Commitment],
                chapters: Sequence[tuple[str, int, int] | tuple[str, int, int, str]], simulated: bool,
                comparison: Sequence[tuple[str, Sequence[Evaluation]]] = (), items: Sequence[WorkItem] = (),
                ledger: bool = False, sources: Sequence[str] = (),
                narrative: Mapping[str, str] | None = None) -> Inputs:
    """The report's inputs (see :class:`planwatch.reports.content.Inputs`) from what either adapter gives:
    ``items`` the tasks, projects and commitments (with ``ledger`` when they carry the ledgers' progress),
    ``sources`` the observations' sources, ``narrative`` the texts a person wrote (section code → text)."""
    return Inputs(
        plan_title=title, base_year=base_year, end_year=end_year, as_of=as_of, kind=kind, results=results,
        region=region, leads={i.no: i.lead for i in indicators if i.lead}, series=series,
        paths={row.no: row.values for row in decompose(specs)}, baselines={i.no: i.baseline for i in indicators},
        targets=_targets(indicators, specs), commitments=commitments,
        chapters=chapters, simulated=simulated, comparison=comparison,
        categories={i.no: i.category for i in indicators if i.category}, items=items, ledger=ledger,
        sources=sources, narrative=dict(narrative or {}))

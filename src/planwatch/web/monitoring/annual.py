"""An indicator against its annual targets (年度目标) and its five-year path, year by year: what the indicator page
and the API show beside the five-year status (which stays as it is).

The value of each year is the one that counts (core.series, through services.counted_values: the same as the chart
and the evaluation), among the values this audience may see; the status against the annual target is core.annual's
(the indicator's own rule for one year, with its 左右 tolerance); the five-year path value is the decomposition's.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ...core.annual import judge_year
from ...core.evaluation import Evaluation
from ...core.observations import FINAL
from ...core.series import Choice
from ...core.targets import stored_target
from ..accounts.models import Region
from ..plans.annual import in_force, plan_years
from ..plans.models import AnnualTarget, Indicator, Plan
from .services import counted_values, plan_specs_of, target_paths, visible_observations


@dataclass(frozen=True)
class AnnualRow:
    """One year of one indicator: the annual target in force (if any), the five-year path value, the value that
    counts and the verdict on the annual target (None: no target, or one in words that is not judged)."""

    year: int
    target: AnnualTarget | None
    path: float | None
    actual: Choice | None
    verdict: Evaluation | None

    def as_dict(self) -> dict[str, Any]:
        """The API's ``annual_target`` field (None without a target for the year)."""
        if self.target is None:
            return {}
        t, v = self.target, self.verdict
        return {"year": self.year, "target": t.target_raw, "source": t.source, "source_label": t.get_source_display(),
                "document": t.document, "adopted_on": t.adopted_on.isoformat() if t.adopted_on else None,
                "path_value": self.path, "actual": self.actual.value if self.actual else None,
                "status": v.status if v else None, "label": v.label if v else None,
                "explanation": v.explanation if v else None}


def annual_rows(plan: Plan, ind: Indicator, region: Region, public: bool,
                rows: Any = None) -> list[AnnualRow]:
    """Every year of the plan period for ``ind`` in ``region``; ``rows`` are the visible values when the caller
    has them already (the indicator page), else read here."""
    if rows is None:
        rows = visible_observations(plan, public).filter(plan_no=ind.no, region=region)
    counted = {year: choice for (_, _, year), choice in counted_values(rows).items()}
    targets = {year: t for (no, year), t in in_force(plan).items() if no == ind.no}
    spec = next((s for s in plan_specs_of(plan) if s.no == ind.no), None)
    path = target_paths(plan).get(ind.no, {})
    out = []
    for year in plan_years(plan):
        target, actual = targets.get(year), counted.get(year)
        verdict = None
        if target is not None and spec is not None:
            before = counted.get(year - 1)
            verdict = judge_year(spec, year, stored_target(target.target_raw, "年度目标"),
                                 before.value if before else None, actual.value if actual else None,
                                 actual.flag if actual else FINAL, region.name)
        out.append(AnnualRow(year, target, path.get(year), actual, verdict))
    return out

"""Target revisions: a target changed after the plan was adopted (a mid-term adjustment, ``⑤最终以市目标下达为准``).

Rules that are not obvious:

- A revision names the indicator by its key (``Indicator.no``), the new target as a plan writes it (``＞60``,
  ``65左右``, ``〔14〕``, ``高于GDP增长``), the year from which it is in force, the document that decided it and
  the reason. Revisions are never edited or removed: the list is the history, and a later revision supersedes an
  earlier one from its own year on.
- The target in force in year Y is that of the latest revision in force in or before Y (of two from the same year,
  the one listed later); before the first, the plan's own.
- A revised target takes the column the plan wrote the target in: 年均/累计 when the 目标值 column holds no figure
  and 年均/累计 holds the target (GDP 增长 ``6.5``, ``〔13.5〕``, ``保持在合理区间``), else 目标值; the kind is then
  inferred from the revised row as from any row, so that ``—`` revised to ``＞22`` becomes a judged target.
- Evaluation as of Y judges every indicator by the target in force in Y; a revised indicator's sentence says
  目标已于X年调整（依据：文件）. An evaluation of a year before the revision is untouched by it.

>>> rev = TargetRevision(3, "66", 2023, "国务院关于调整规划目标的通知", "中期评估后调整")
>>> rev.expression.value
66.0
>>> [r.effective_from for r in in_force([rev], 3, 2022)], [r.effective_from for r in in_force([rev], 3, 2024)]
([], [2023])
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from .errors import PlanwatchError, TargetExpressionError
from .kinds import plan_specs
from .model import Indicator
from .readers.encoding import decode_text
from .spec import Direction, IndicatorSpec, Kind
from .targets import TargetExpr, parse_target

__all__ = ["COLUMNS", "RevisionError", "TargetRevision", "check_revisions", "in_force", "read_revisions",
           "revised_indicators", "revision_in_force", "specs_in_force", "target_in_force"]

_EMPTY = {"", "—", "-", "－", "–", "/", "／"}
# CSV column → the names it may be written under (English first, as the other CSV inputs)
COLUMNS: dict[str, tuple[str, ...]] = {
    "indicator": ("indicator", "indicator_no", "指标序号", "序号"),
    "target": ("target", "new_target", "新目标", "调整后目标"),
    "effective_from": ("effective_from", "year", "生效年份"),
    "document": ("document", "依据文件", "文件"),
    "reason": ("reason", "调整原因", "原因"),
}
_REQUIRED = ("indicator", "target", "effective_from", "document")


class RevisionError(PlanwatchError, ValueError):
    """A target revision, or a file of them, that cannot be used: the message names the row and the problem."""


@dataclass(frozen=True)
class TargetRevision:
    """A target changed after adoption, in force from ``effective_from`` (a year) on."""

    indicator: int
    target: str  # the new target as written: ＞60, 65左右, 〔14〕
    effective_from: int
    document: str  # the document that decided it
    reason: str = ""

    def __post_init__(self) -> None:
        if self.indicator < 1:
            raise RevisionError(f"指标序号应为正整数：{self.indicator}")
        if not 1949 <= self.effective_from <= 2100:
            raise RevisionError(f"生效年份不合理：{self.effective_from}")
        if not self.document.strip():
            raise RevisionError(f"指标{self.indicator}的目标调整没有写明依据文件")
        expr = self.expression  # raises for a target in no known form
        if expr.value is None and expr.relative_to is None:
            raise RevisionError(f"调整后的目标应为数值或“高于/与…同步”：{self.target!r}")

    @property
    def expression(self) -> TargetExpr:
        try:
            return parse_target(self.target, "调整后的目标")
        except TargetExpressionError as exc:
            raise RevisionError(str(exc)) from exc


def in_force(revisions: Sequence[TargetRevision], indicator: int, year: int) -> list[TargetRevision]:
    """The revisions of ``indicator`` in force by ``year``, oldest first (the last one decides)."""
    found = [(r.effective_from, i, r) for i, r in enumerate(revisions)
             if r.indicator == indicator and r.effective_from <= year]
    return [r for _, _, r in sorted(found)]


def revision_in_force(revisions: Sequence[TargetRevision], indicator: int, year: int) -> TargetRevision | None:
    """The revision that sets ``indicator``'s target in ``year``, or None when the plan's own target holds."""
    found = in_force(revisions, indicator, year)
    return found[-1] if found else None


def _in_growth_column(ind: Indicator) -> bool:
    return ind.target.value is None and ind.target.relative_to is None and ind.growth.raw.strip() not in _EMPTY


def target_in_force(ind: Indicator, revisions: Sequence[TargetRevision], year: int) -> TargetExpr:
    """The target of ``ind`` in force in ``year``: the latest revision's by then, or the plan's own (its 年均/累计
    cell when that is where the plan wrote it)."""
    revision = revision_in_force(revisions, ind.no, year)
    if revision is not None:
        return revision.expression
    return ind.growth if _in_growth_column(ind) else ind.target


def revised_indicators(indicators: Sequence[Indicator], revisions: Sequence[TargetRevision],
                       year: int) -> list[Indicator]:
    """The indicators with the targets in force in ``year`` written into their rows."""
    out = []
    for ind in indicators:
        revision = revision_in_force(revisions, ind.no, year)
        if revision is None:
            out.append(ind)
        elif _in_growth_column(ind):
            out.append(replace(ind, growth=revision.expression))
        else:
            out.append(replace(ind, target=revision.expression))
    return out


def specs_in_force(indicators: Sequence[Indicator], base_year: int, end_year: int,
                   revisions: Sequence[TargetRevision], year: int,
                   kinds: Mapping[int, Kind] | None = None, directions: Mapping[int, Direction] | None = None,
                   tolerances: Mapping[int, float] | None = None) -> list[IndicatorSpec]:
    """The specs an evaluation as of ``year`` judges by: :func:`~planwatch.core.kinds.plan_specs` of the rows with
    the targets in force then, each revised one marked with its revision's year and document."""
    specs = plan_specs(revised_indicators(indicators, revisions, year), base_year, end_year, kinds, directions,
                       tolerances)
    out = []
    for spec in specs:
        revision = revision_in_force(revisions, spec.no, year)
        out.append(spec if revision is None else
                   replace(spec, revised_from=revision.effective_from, revised_by=revision.document,
                               revised_target=revision.target))
    return out


def check_revisions(revisions: Sequence[TargetRevision], indicators: Sequence[Indicator], base_year: int,
                    end_year: int) -> None:
    """Refuse a revision of an indicator the plan does not have, or in force outside the plan period."""
    known = {i.no for i in indicators}
    for r in revisions:
        if r.indicator not in known:
            raise RevisionError(f"规划中没有序号为{r.indicator}的指标，无法调整其目标")
        if not base_year < r.effective_from <= end_year:
            raise RevisionError(f"指标{r.indicator}的目标调整生效年份{r.effective_from}不在规划期"
                                f"{base_year + 1}—{end_year}年内")


def _column(header: list[str], key: str) -> int | None:
    return next((i for i, name in enumerate(header) if name in COLUMNS[key]), None)


def read_revisions(path: str | Path) -> list[TargetRevision]:
    """Read a CSV of target revisions (UTF-8 or GB18030), one a row, with the columns of :data:`COLUMNS`
    (``indicator,target,effective_from,document,reason``; reason may be left out). Every row is checked; the
    first bad one stops the reading with its row number, and nothing is used."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except (FileNotFoundError, IsADirectoryError) as exc:
        raise RevisionError(f"{path}: 目标调整文件不存在") from exc
    if not data.strip():
        raise RevisionError(f"{path.name}: 目标调整文件为空")
    text, _ = decode_text(data, path.name)
    try:
        rows = list(csv.reader(io.StringIO(text)))
    except csv.Error as exc:
        raise RevisionError(f"{path.name}: CSV 格式错误：{exc}") from exc
    header = [h.strip().lstrip("\ufeff") for h in rows[0]]
    at = {key: _column(header, key) for key in COLUMNS}
    missing = [COLUMNS[key][0] for key in _REQUIRED if at[key] is None]
    if missing:
        raise RevisionError(f"{path.name}: 缺少必需的列 {'、'.join(missing)}"
                            f"（应为 indicator,target,effective_from,document,reason；现有列：{'、'.join(header)}）")
    revisions = []
    for line, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue

        def cell(key: str, row: list[str] = row) -> str:
            index = at[key]
            return row[index].strip() if index is not None and index < len(row) else ""

        try:
            number, year = cell("indicator"), cell("effective_from").removesuffix("年")
            if not number.isdigit():
                raise RevisionError(f"指标序号应为整数：{number!r}")
            if not year.isdigit():
                raise RevisionError(f"生效年份应为四位年份：{cell('effective_from')!r}")
            revisions.append(TargetRevision(int(number), cell("target"), int(year), cell("document"),
                                            cell("reason")))
        except RevisionError as exc:
            raise RevisionError(f"{path.name} 第{line}行：{exc}") from exc
    if not revisions:
        raise RevisionError(f"{path.name}: 目标调整文件没有数据行")
    return revisions

"""规划导入核对 (review before use): a plan imported on the web is a 草稿; the 发改局 admin checks what was read,
corrects it and confirms it. Each correction is one core.corrections.Correction — the same the CLI takes with
``planwatch extract --corrections`` — applied to the stored rows and recorded (PlanCorrection: who, when, what)
under the document's content hash, so that importing the same file again applies it again (services.import_plan).

Rules:

- only a draft is corrected, and a draft is confirmed once (草稿 → 已确认): each step locks the plan row;
- a corrected target cell is parsed again (core.targets) and the row's kind and direction inferred again, unless
  a correction set them — exactly what importing the same file with the recorded corrections gives;
- a rejected commitment or project is removed from the draft.
"""

from __future__ import annotations

import hashlib
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from ...core.corrections import Correction, check, correct_indicator
from ...core.errors import PlanwatchError
from ...core.extract import extract_plan
from ...core.model import Plan as CorePlan
from ...core.target_words import indicator_in_words
from ..accounts.models import Region
from .models import Commitment, Indicator, Plan, PlanCorrection, PlanStatus, Project, SearchDoc, touch_plans


def read_upload(data: bytes, name: str, max_bytes: int) -> CorePlan:
    """The plan in an uploaded file (PlanwatchError, naming the file as uploaded, when it is not one)."""
    suffix = Path(name).suffix.lower()[:6] if Path(name).suffix else ".txt"
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"upload{suffix}"
        path.write_bytes(data)
        try:
            return extract_plan(path, max_bytes=max_bytes)
        except PlanwatchError as exc:
            raise type(exc)(str(exc).replace(path.name, name)) from exc


def import_upload(data: bytes, name: str, max_bytes: int, region: Region, title: str,
                  parent: Plan | None) -> Plan:
    """A draft plan from an uploaded file, with the corrections recorded for the same content applied."""
    from .services import import_plan

    core = read_upload(data, name, max_bytes)
    plan = import_plan(core, region, title=title or core.title or name, parent=parent, draft=True,
                       content_hash=hashlib.sha256(data).hexdigest())
    plan.source_name = name[:255]
    plan.save(update_fields=["source_name"])
    return plan


def _locked_draft(plan: Plan) -> Plan:
    locked = Plan.objects.select_for_update().get(pk=plan.pk)
    if not locked.is_draft:
        raise ValidationError("该规划已确认，不能再作核对更正（目标调整请用目标修订）")
    return locked


CELLS = ("name", "unit", "baseline", "baseline_year", "target", "growth", "attribute", "kind", "direction")


def cells(row: Indicator) -> dict[str, str]:
    """The correctable cells of a stored indicator as the review form shows them (core.corrections fields)."""
    return {"name": row.name, "unit": row.unit, "baseline": row.baseline_raw,
            "baseline_year": str(row.baseline_year or ""), "target": row.target_raw, "growth": row.growth_raw,
            "attribute": row.attribute, "kind": row.kind, "direction": row.direction}


def changed_cells(row: Indicator, posted: dict[str, str]) -> list[Correction]:
    """A correction for each cell of the row whose posted value differs from the stored one."""
    now = cells(row)
    return [Correction(indicator=row.display_no, field=f, value=posted[f].strip()) for f in CELLS
            if f in posted and posted[f].strip() != now[f]]


@transaction.atomic
def correct(user: Any, plan: Plan, corrections: list[Correction]) -> list[str]:
    """Apply corrections to a draft and record each; the corrections in words. ValidationError when one does
    not apply (nothing is changed)."""
    plan = _locked_draft(plan)
    done = []
    for correction in corrections:
        try:
            _apply(plan, correction)
        except PlanwatchError as exc:
            raise ValidationError(str(exc)) from exc
        done.append(correction.describe())
        PlanCorrection.objects.create(content_hash=plan.content_hash, plan=plan, actor=user,
                                      item=correction.as_dict(), detail=done[-1][:500])
    touch_plans([plan.pk])
    return done


def _apply(plan: Plan, correction: Correction) -> None:
    from ..monitoring.services import core_indicators
    from .search import indicator_doc
    from .services import fill_indicator, infer_kinds, recorded_corrections

    if correction.indicator is not None:
        check(correction)
        row = next((i for i in plan.indicators.all() if i.display_no == correction.indicator), None)
        if row is None:
            raise ValidationError(f"没有序号为“{correction.indicator}”的指标")
        fixed = correct_indicator(next(iter(core_indicators(plan, [row]))), correction.field, correction.value)
        earlier = recorded_corrections(plan.content_hash) if plan.content_hash else []
        settings = {k.field: k.value for k in [*earlier, correction]
                    if k.indicator == correction.indicator and k.field in ("kind", "direction")}
        fill_indicator(row, fixed)
        infer_kinds(plan, [(row, fixed)], {fixed.no: settings["kind"]} if settings.get("kind") else {},
                    {fixed.no: settings["direction"]} if settings.get("direction") else {})
        row.save()
        SearchDoc.objects.filter(plan=plan, kind="indicator", ref=row.no).delete()
        indicator_doc(row).save()
    elif correction.commitment is not None:
        items = Commitment.objects.filter(plan=plan, quantity=correction.commitment, node__node_id=correction.node)
        if not items.exists():
            raise ValidationError(f"没有量化承诺“{correction.commitment}”")
        if not correction.accepted:
            SearchDoc.objects.filter(plan=plan, kind="commitment", item_pk__in=items.values("pk")).delete()
            items.delete()
    else:
        projects = Project.objects.filter(plan=plan, name=correction.project, column=correction.node)
        if not projects.exists():
            raise ValidationError(f"没有重大项目“{correction.project}”")
        if not correction.accepted:
            SearchDoc.objects.filter(plan=plan, kind="project", title=correction.project).delete()
            projects.delete()


@transaction.atomic
def confirm(user: Any, plan: Plan) -> Plan:
    """草稿 → 已确认: from now on the plan is listed, evaluated and published."""
    plan = _locked_draft(plan)
    plan.status, plan.confirmed_by, plan.confirmed_at = PlanStatus.CONFIRMED, user, timezone.now()
    plan.save(update_fields=["status", "confirmed_by", "confirmed_at"])
    touch_plans([plan.pk])
    return plan


@dataclass(frozen=True)
class ReviewRow:
    """One indicator on the review grid: the stored row, its targets in words and the warnings on its row."""

    indicator: Indicator
    words: str
    warnings: list[dict[str, str]]


def review_rows(plan: Plan) -> list[ReviewRow]:
    from ..monitoring.services import core_indicators

    rows = list(plan.indicators.all())
    out = []
    for row, core in zip(rows, core_indicators(plan, rows)):
        mine = [w for w in plan.warnings if f"（{row.name}）" in w.get("place", "")]
        out.append(ReviewRow(row, indicator_in_words(core), mine))
    return out


def corrections_of(plan: Plan) -> Any:
    """The record of corrections that shaped this plan: those made to it and, for a document imported before,
    those made to the earlier imports of the same content (applied again at this import)."""
    rows = PlanCorrection.objects.filter(content_hash=plan.content_hash) if plan.content_hash else \
        PlanCorrection.objects.filter(plan=plan)
    return rows.select_related("actor")

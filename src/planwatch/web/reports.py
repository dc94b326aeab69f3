"""评估报告 from the database (the report_download page and its inputs): the same report-data builder and writers as the command line, fed from
stored data; each report generated once per data stamp (:func:`report_file`)."""

from __future__ import annotations

import hashlib
import threading
from dataclasses import replace
from typing import Any
from urllib.parse import quote

from django.db.models import Count, F, Max, Q, Sum
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext

from ..core.errors import PlanwatchError
from ..core.model import Commitment as CoreCommitment
from ..reports.content import Inputs, Report, WorkItem
from ..reports.data import IndicatorFacts, report_data
from ..reports.kinds import KIND_TITLES, KINDS
from ..reports.sections import build, editable
from ..reports.writers import WRITERS, render
from .accounts.models import Region
from .accounts.permissions import can_view_unpublished
from .cache import cached, peek
from .ledgers.models import KINDS as LEDGERS
from .ledgers.models import Milestone
from .ledgers.services import item_light
from .monitoring.models import ReportNarrative
from .monitoring.services import counted_values, evaluate_plan, plan_specs_of, visible_observations
from .params import requested_plan, scope
from .plans.models import Plan, Project, Task
from .responses import denied


def _work_items(plan: Plan, statuses: dict[int, str]) -> list[WorkItem]:
    """Tasks, projects and commitments from the ledgers (planwatch.web.ledgers.models.KINDS): lead unit,
    co-units, deadline, progress, light (milestones included) and whether overdue, by chapter. ``statuses``:
    indicator number → status in the report's own evaluation (its year and audience), which a commitment linked
    to an indicator takes its light from; one query per ledger, its links and milestones selected with it."""
    today = timezone.localdate()
    chapters = {n.node_id: f"第{n.label}章 {n.title}" for n in plan.nodes.filter(kind="chapter")}
    out = []
    for ledger in LEDGERS.values():
        rows = ledger.model.objects.filter(plan=plan).select_related("plan", "lead", "node", *ledger.related) \
            .prefetch_related("co_units", "milestones").order_by("id")
        for item in rows:
            due = item.due
            out.append(WorkItem(
                ledger.field, str(item), chapters.get(item.node.node_id.split("/")[0], ""),
                item.lead.name if item.lead else "", tuple(item.co_unit_names),
                f"{due.year}年{due.month}月{due.day}日" if due else "", float(item.progress),
                item_light(item, today, statuses), bool(due and due < today and item.progress < 100)))
    return out


def report_inputs(plan: Plan, as_of: int, kind: Any, public: bool,
                  narrative: dict[str, str] | None = None, region: Region | None = None) -> Inputs:
    """The database's adapter to the one report-data builder (planwatch.reports.data), as this audience sees it;
    ``narrative``: the texts a person wrote for this report (section code → text; ReportNarrative.in_force);
    ``region``: a region below the plan's (the batch of web.report_jobs), else the plan's own region."""
    region = region or plan.region
    results, simulated = evaluate_plan(plan, as_of, public, None if region == plan.region else region)
    series: dict[int, dict[int, float]] = {}
    rows = visible_observations(plan, public).filter(region=region).order_by("year")
    for (no, _, year), choice in counted_values(rows).items():  # the value the evaluation uses (core.series)
        series.setdefault(no, {})[year] = choice.value
    indicators = list(plan.indicators.select_related("lead"))
    chapters = [(f"第{n.label}章 {n.title}", 0, 0) for n in plan.nodes.filter(kind="chapter").order_by("position")]
    commitments = [CoreCommitment(text=c.text, quantity=c.quantity, subject="", deadline=c.due_year,
                                  recurring=c.recurring, value=c.value, value_max=c.value_max, unit=c.unit,
                                  comparator=c.comparator, change=None, base_year=None,  # type: ignore[arg-type]
                                  node=c.node.node_id) for c in plan.commitments.select_related("node")]
    return report_data(
        title=plan.title, base_year=plan.base_year or as_of - 5, end_year=plan.end_year or as_of, as_of=as_of,
        kind=kind, region=region.name, results=results, specs=plan_specs_of(plan, as_of), series=series,
        indicators=[IndicatorFacts(i.no, i.baseline_value, i.target_raw, i.growth_raw, i.lead.name if i.lead else "",
                                   i.category) for i in indicators],
        commitments=commitments, chapters=chapters, simulated=simulated,
        items=_work_items(plan, {e.no: e.status for e in results}), ledger=True,
        sources=sorted(set(visible_observations(plan, public).values_list("source", flat=True))),
        narrative=narrative)


# At most this many reports generated at once for the public in each worker process (a PDF costs seconds of
# CPU, mostly LibreOffice); staff are not held back. A cached report costs nothing and is always served.
PUBLIC_GENERATION = threading.BoundedSemaphore(1)
RETRY_AFTER = 15  # seconds: a little longer than a PDF takes to generate


class ReportBusy(Exception):
    """Another report is being generated for the public in this process: try again in RETRY_AFTER seconds."""


def report_file(plan: Plan, as_of: int, kind: Any, fmt: str, public: bool) -> bytes:
    """The report as a file (docx, html or pdf), generated once and then served from the cache.

    The key is the plan's stamp (planwatch.web.cache: its data, the texts written for its reports — saving
    one moves it on, web.narrative — and the language), a stamp of its ledger
    (:func:`_ledger_stamp`: the chapters' progress and milestones, which the data stamp does not follow),
    today's date (the lights depend on it), the plan's title, the audience, the kind, the year and the format.
    A cached report costs the few indexed queries of the stamps. Raises
    :class:`ReportBusy` for the public while another public report is being generated in this process, and
    PlanwatchError when a writer cannot work (LibreOffice missing for PDF)."""
    title = hashlib.sha256(plan.title.encode()).hexdigest()[:12]
    parts = (_ledger_stamp(plan), timezone.localdate(), title, public, kind, as_of, fmt)
    body: bytes | None = peek("report", plan, *parts)
    if body is not None:
        return body
    if public and not PUBLIC_GENERATION.acquire(blocking=False):
        raise ReportBusy
    try:  # cached(): generated by the request that held the slot, or now
        body = cached("report", plan, *parts, compute=lambda: render(report_of(plan, as_of, kind, public), fmt))
    finally:
        if public:
            PUBLIC_GENERATION.release()
    return body


def report_of(plan: Plan, as_of: int, kind: Any, public: bool, region: Region | None = None) -> Report:
    """The report with the texts in force merged (web.narrative: written on /reports/narrative/, kept in
    ReportNarrative; saving one moves the plan's data stamp on, so a cached report is never served stale).
    The public's report is the generated one: its texts were written by staff against data the public may not
    see. A stored text whose section the data no longer produce (the 主要原因 of an indicator that has caught
    up) is left out, not refused; the narrative page lists it. The texts are written for the plan's own region:
    the report of another ``region`` is the generated one too."""
    own = region is None or region == plan.region
    narrative = ReportNarrative.in_force(plan, kind, as_of) if own and not public else {}
    inputs = report_inputs(plan, as_of, kind, public, narrative, region)
    if not narrative:
        return build(inputs)
    codes = {s.code for _, s in editable(build(replace(inputs, narrative={})))}
    return build(replace(inputs, narrative={c: t for c, t in inputs.narrative.items() if c in codes}))


def _ledger_stamp(plan: Plan) -> str:
    """Changes whenever a chapter row of the report would: the progress of any task or project (a checksum
    weighted by id, so that two changes hardly ever cancel out), their deadlines, and their milestones (added,
    moved, done). Three aggregate queries."""
    parts: list[Any] = []
    for model in (Task, Project):
        parts.extend(model.objects.filter(plan=plan).aggregate(
            n=Count("id"), checksum=Sum(F("progress") * F("id")), updated=Max("progress_updated"),
            latest_due=Max("deadline"), dues=Count("deadline")).values())
    parts.extend(Milestone.objects.filter(Q(task__plan=plan) | Q(project__plan=plan)).aggregate(
        n=Count("id"), last=Max("id"), finished=Count("done"), latest=Max("done"), until=Max("planned")).values())
    return hashlib.sha256(repr(parts).encode()).hexdigest()[:16]


def report_download(request: HttpRequest) -> HttpResponse:
    """下载评估报告: the report (.docx, .html or .pdf) built from the database; the public gets published data."""
    plan = requested_plan(request)
    kind = request.GET.get("kind", "final")
    fmt = request.GET.get("format", "docx")
    if kind not in KINDS or fmt not in WRITERS:
        raise Http404(gettext("没有这种报告"))
    if not plan.indicators.exists():  # a special plan registered by its title only: nothing to evaluate
        return denied(request, gettext("《%(title)s》没有主要指标，无法生成评估报告：请先导入该规划的文本或指标表") % {
            "title": plan.title}, heading=gettext("无法生成报告"), status=404)
    as_of = scope(request, plan).as_of
    try:  # generated once per data stamp, audience, language, kind, year and format (reports.report_file)
        body = report_file(plan, as_of, kind, fmt, public=not can_view_unpublished(request.user))
    except ReportBusy:
        response = denied(request, gettext("另一份报告正在生成，请%(seconds)s秒后再试") % {"seconds": RETRY_AFTER},
                          heading=gettext("报告正在生成"), status=503)
        response["Retry-After"] = str(RETRY_AFTER)
        return response
    except PlanwatchError as exc:
        return denied(request, str(exc), status=503)
    response = HttpResponse(body, content_type=WRITERS[fmt].content_type)
    name = f"{as_of}年{KIND_TITLES[kind]}.{fmt}"  # type: ignore[index]
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(name)}"
    return response

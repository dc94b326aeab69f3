"""分地区批量报告: one report for each region below the plan's, made in the background and handed out as a .zip.

Design (an intranet platform without a task queue): the job is a database row (monitoring.models.ReportJob),
so every gunicorn worker shows its progress and serves its file, whichever one runs it. The worker process
that took the request runs it in its one background thread (:data:`_POOL`, started after the row is
committed), one region after another; the request returns at once. A job left ``running`` by a worker that
died (a restart, the OOM killer) has an old ``heartbeat`` and is run again from the start by
the next web process asked for its progress (:func:`revive`), or by ``planwatch manage run_report_jobs``
(``--loop`` keeps it polling), which also runs queued jobs when no web process is alive to do it. Claiming is one conditional UPDATE, so two processes never run the same job.

Rules: a region that fails is recorded with its message (``failures``) and the others still complete; the
zip holds one file per region that succeeded; the job ends ``done`` (``failed`` only when no region could be
made). Reports are the staff's (unpublished values included): only the admin and leaders may start or read a
batch (accounts.permissions.can_run_batch_reports).

Files: the zip is written to a temporary file that stays in memory up to :data:`SPOOL_BYTES` and goes to disk
beyond (a batch of thousands of regions does not hold its reports in memory), then stored under
MEDIA_ROOT/report_jobs/. A zip is kept for :data:`KEEP` after its batch finished and then deleted
(:func:`clean_old`, run whenever a batch starts and by ``run_report_jobs``); the job row stays, as the record
of who made which reports when, and its page says the file was cleared."""

from __future__ import annotations

import datetime as dt
import logging
import tempfile
import zipfile
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from django.contrib import messages
from django.core.files.base import File
from django.db import close_old_connections, transaction
from django.db.models import Q
from django.http import FileResponse, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.shortcuts import render as page
from django.utils import timezone
from django.utils.translation import gettext

from ..core.errors import PlanwatchError
from ..reports.kinds import KIND_TITLES, KINDS
from ..reports.writers import WRITERS, render
from .accounts.models import Region
from .accounts.permissions import can_run_batch_reports, require
from .monitoring.models import ReportJob
from .monitoring.services import region_subtree
from .params import as_int, requested_plan, scope
from .plans.models import Plan
from .reports import report_of
from .responses import denied

log = logging.getLogger(__name__)
STALE = dt.timedelta(minutes=10)  # no region finished for this long: the worker running the job is gone
ORPHANED = dt.timedelta(seconds=30)  # queued for this long: the process that queued it never started it
_POOL = ThreadPoolExecutor(max_workers=1, thread_name_prefix="report-jobs")  # one batch at a time per process
SPOOL_BYTES = 16 * 2**20  # a batch's zip stays in memory up to this size, on disk beyond
KEEP = dt.timedelta(days=30)  # a finished batch's zip is deleted after this long (the job row stays)


def clean_old(now: dt.datetime | None = None) -> int:
    """Delete the zips of batches finished more than :data:`KEEP` ago; returns how many were deleted."""
    finished = (ReportJob.State.DONE, ReportJob.State.FAILED)
    old = ReportJob.objects.filter(state__in=finished, heartbeat__lt=(now or timezone.now()) - KEEP).exclude(file="")
    count = 0
    for job in old:
        job.file.delete(save=False)  # the storage's file, then the row's reference to it
        ReportJob.objects.filter(pk=job.pk).update(file="")
        count += 1
    return count


def regions_below(plan: Plan) -> list[Region]:
    """Every region under the plan's region (功能区, 街道 …), in the tree's order."""
    names, _parents, _weights = region_subtree(plan.region)
    return list(Region.objects.filter(pk__in=[pk for pk in names if pk != plan.region_id]).order_by("id"))


def start(user: Any, plan: Plan, kind: str, year: int, fmt: str, regions: list[Region],
          background: bool = True) -> ReportJob:
    """Queue a batch and (``background``) hand it to this process's background thread once committed.
    Raises PermissionDenied for anyone but the admin and leaders, ValueError for what cannot be made."""
    require(can_run_batch_reports(user), gettext("只有管理员和领导可以批量生成报告"))
    if kind not in KINDS or fmt not in WRITERS:
        raise ValueError(gettext("没有这种报告"))
    if plan.base_year and plan.end_year and not plan.base_year < year <= plan.end_year:
        raise ValueError(gettext("评估年份%(year)s不在规划期%(start)s—%(end)s年内") % {
            "year": year, "start": plan.base_year + 1, "end": plan.end_year})
    allowed = {r.pk for r in regions_below(plan)}
    if not regions or any(r.pk not in allowed for r in regions):
        raise ValueError(gettext("请选择本规划所属地区下辖的地区"))
    clean_old()
    with transaction.atomic():
        job = ReportJob.objects.create(plan=plan, kind=kind, year=year, fmt=fmt, total=len(regions), actor=user)
        job.regions.set(regions)
        if background:
            transaction.on_commit(lambda: _POOL.submit(_run_in_thread, job.pk))
    return job  # type: ignore[no-any-return]


def _run_in_thread(job_id: int) -> None:
    try:
        run(job_id)
    except Exception:  # never lost silently: the row says failed, the log has the traceback
        log.exception("report job %s", job_id)
        ReportJob.objects.filter(pk=job_id).update(state=ReportJob.State.FAILED, heartbeat=timezone.now())
    finally:
        close_old_connections()


def claim(job_id: int) -> bool:
    """Take the job for this process: queued, or running with a stale heartbeat (one UPDATE, so one taker)."""
    stale = timezone.now() - STALE
    taken: int = ReportJob.objects.filter(Q(state=ReportJob.State.QUEUED) | Q(
        state=ReportJob.State.RUNNING, heartbeat__lt=stale), pk=job_id).update(
        state=ReportJob.State.RUNNING, done=0, failures={}, heartbeat=timezone.now())
    return taken == 1


def run(job_id: int) -> bool:
    """Make every region's report of the job, recording progress after each; False if it was not claimed."""
    if not claim(job_id):
        return False
    job = ReportJob.objects.select_related("plan", "plan__region").get(pk=job_id)
    failures: dict[str, str] = {}
    buffer = tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES)  # noqa: SIM115 - closed below, after saving
    title = KIND_TITLES[job.kind]
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for done, region in enumerate(job.regions.order_by("id"), start=1):
            try:
                body = render(report_of(job.plan, job.year, job.kind, public=False, region=region), job.fmt)
                archive.writestr(f"{job.year}年{region.name}{title}.{job.fmt}", body)
            except PlanwatchError as exc:
                failures[region.name] = str(exc)
            except Exception as exc:  # one region's bad data must not stop the others
                log.exception("report job %s, region %s", job_id, region.name)
                failures[region.name] = gettext("生成失败（%(error)s）") % {"error": type(exc).__name__}
            ReportJob.objects.filter(pk=job_id).update(done=done, failures=failures, heartbeat=timezone.now())
    job.refresh_from_db()
    with buffer:
        if len(failures) < job.total:
            buffer.seek(0)
            job.file.save(f"{job.pk}.zip", File(buffer), save=False)
    job.state = ReportJob.State.DONE if len(failures) < job.total else ReportJob.State.FAILED
    job.heartbeat = timezone.now()
    job.save(update_fields=["file", "state", "heartbeat"])
    return True


def pending() -> list[int]:
    """Jobs a worker command should run: queued ones and running ones whose worker is gone."""
    stale = timezone.now() - STALE
    return list(ReportJob.objects.filter(Q(state=ReportJob.State.QUEUED) | Q(
        state=ReportJob.State.RUNNING, heartbeat__lt=stale)).order_by("id").values_list("pk", flat=True))


def revive(job: ReportJob) -> None:
    """Hand a job to this process's background thread when no process is running it: queued for longer than
    :data:`ORPHANED` (its worker died between the commit and the start) or running with a stale heartbeat.
    Called whenever someone looks at the job, so a batch survives a worker restart without the worker command;
    :func:`claim` keeps it to one taker."""
    now = timezone.now()
    if (job.state == ReportJob.State.QUEUED and job.created < now - ORPHANED) or (
            job.state == ReportJob.State.RUNNING and job.heartbeat is not None and job.heartbeat < now - STALE):
        _POOL.submit(_run_in_thread, job.pk)


def progress(job: ReportJob) -> dict[str, Any]:
    """The job as the progress bar polls it."""
    return {"state": job.state, "label": gettext(job.get_state_display()), "done": job.done, "total": job.total,
            "failures": [{"region": r, "message": m} for r, m in job.failures.items()],
            "finished": job.state in (ReportJob.State.DONE, ReportJob.State.FAILED),
            "download": bool(job.file)}


def _job_for(request: HttpRequest, pk: int) -> ReportJob | HttpResponse:
    if not can_run_batch_reports(request.user):
        return denied(request, gettext("只有管理员和领导可以批量生成报告"))
    job = ReportJob.objects.select_related("plan").filter(pk=pk).first()
    if job is None:
        return denied(request, gettext("没有这个批量报告"), status=404)
    return job


def batch_page(request: HttpRequest) -> HttpResponse:
    """/reports/batch/?plan=: the form that starts a batch (kind, year, format, the regions below the plan's
    region, all ticked) and the plan's recent batches; POST starts one and goes to its progress page."""
    if not can_run_batch_reports(request.user):
        return denied(request, gettext("只有管理员和领导可以批量生成报告"))
    plan = requested_plan(request)
    regions = regions_below(plan)
    status = 200
    if request.method == "POST":
        chosen = {as_int(v) for v in request.POST.getlist("region")}
        try:
            job = start(request.user, plan, request.POST.get("kind", ""), as_int(request.POST.get("year")) or 0,
                        request.POST.get("format", ""), [r for r in regions if r.pk in chosen])
            return redirect("report_batch_job", pk=job.pk)
        except ValueError as exc:
            messages.error(request, str(exc))
            status = 400
    years = list(range((plan.base_year or 0) + 1, (plan.end_year or 0) + 1)) if plan.base_year else []
    return page(request, "web/report_batch.html", {
        "plan": plan, "regions": regions, "kinds": KINDS.values(), "writers": WRITERS.items(), "years": years,
        "year": scope(request, plan).as_of, "jobs": ReportJob.objects.filter(plan=plan)[:10]}, status=status)


def batch_job(request: HttpRequest, pk: int) -> HttpResponse:
    """/reports/batch/<pk>/: the batch's progress bar (polling :func:`batch_progress` each second), the
    regions that failed and, when finished, the download."""
    job = _job_for(request, pk)
    if isinstance(job, HttpResponse):
        return job
    return page(request, "web/report_batch_job.html", {
        "job": job, "kind": KINDS[job.kind], "progress": progress(job)})


def batch_progress(request: HttpRequest, pk: int) -> HttpResponse:
    """The batch's state as JSON (state, done, total, failures, download): what the progress bar polls."""
    job = _job_for(request, pk)
    if isinstance(job, HttpResponse):
        return JsonResponse({"error": gettext("没有权限或没有这个批量报告")}, status=job.status_code)
    revive(job)
    return JsonResponse(progress(job))


def batch_download(request: HttpRequest, pk: int) -> HttpResponse:
    """The finished batch's .zip (one report per region that succeeded)."""
    job = _job_for(request, pk)
    if isinstance(job, HttpResponse):
        return job
    if not job.file:
        finished = job.state in (ReportJob.State.DONE, ReportJob.State.FAILED)
        return denied(request, gettext("批量报告的压缩包已于保存期满后清理，请重新生成") if finished and job.done
                      else gettext("批量报告尚未完成"), status=404)
    name = f"{job.year}年{KIND_TITLES[job.kind]}（分地区）.zip"
    return FileResponse(job.file.open("rb"), as_attachment=True, filename=name, content_type="application/zip")

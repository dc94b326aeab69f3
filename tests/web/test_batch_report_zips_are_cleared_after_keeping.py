"""分地区批量报告 files do not pile up: a finished batch's zip is deleted from storage once it is older than
report_jobs.KEEP (when the next batch starts, or by run_report_jobs); the job row stays as the record, and its
download then says the file was cleared. A recent batch's zip is kept."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from planwatch.web import report_jobs
from planwatch.web.monitoring.models import ReportJob
from planwatch.web.plans.models import Plan


def _finished_batch(admin_client: Client, plan: Plan) -> ReportJob:
    regions = report_jobs.regions_below(plan)[:1]
    admin_client.post(f"/reports/batch/?plan={plan.pk}", {
        "kind": "annual", "year": "2025", "format": "html", "region": [str(r.pk) for r in regions]})
    job = ReportJob.objects.latest("id")
    assert report_jobs.run(job.pk)
    job.refresh_from_db()
    assert job.file and Path(job.file.path).exists()
    return job


def test_an_old_zip_is_deleted_and_the_record_kept(admin_client: Client, demo: Plan, settings: object,
                                                   tmp_path: Path) -> None:
    settings.MEDIA_ROOT = str(tmp_path)  # type: ignore[attr-defined]
    old, recent = _finished_batch(admin_client, demo), _finished_batch(admin_client, demo)
    path = Path(old.file.path)
    ReportJob.objects.filter(pk=old.pk).update(heartbeat=timezone.now() - report_jobs.KEEP - dt.timedelta(hours=1))

    call_command("run_report_jobs")
    old.refresh_from_db()
    recent.refresh_from_db()
    assert not old.file and not path.exists()  # the file is gone from storage, not only from the row
    assert old.state == ReportJob.State.DONE and old.done == 1  # the record stays
    assert recent.file and Path(recent.file.path).exists()
    cleared = admin_client.get(f"/reports/batch/{old.pk}/download/")
    assert cleared.status_code == 404 and "已于保存期满后清理" in cleared.content.decode()
    assert admin_client.get(f"/reports/batch/{recent.pk}/download/").status_code == 200


def test_starting_a_batch_clears_the_old_zips(admin_client: Client, demo: Plan, settings: object,
                                              tmp_path: Path) -> None:
    settings.MEDIA_ROOT = str(tmp_path)  # type: ignore[attr-defined]
    old = _finished_batch(admin_client, demo)
    ReportJob.objects.filter(pk=old.pk).update(heartbeat=timezone.now() - report_jobs.KEEP * 2)
    _finished_batch(admin_client, demo)
    old.refresh_from_db()
    assert not old.file

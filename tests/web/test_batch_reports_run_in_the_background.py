"""分地区批量报告 (web.report_jobs): a batch over the demo's regions completes with one report per region, its
progress counts 0 → n, a failing region is recorded while the others complete, and only the admin and leaders
may start, follow or download one."""

from __future__ import annotations

import io
import zipfile
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client

from planwatch.web import report_jobs
from planwatch.web.monitoring.models import ReportJob
from planwatch.web.plans.models import Plan


def _start(client: Client, plan: Plan, fmt: str = "html", kind: str = "annual") -> Any:
    regions = report_jobs.regions_below(plan)
    return client.post(f"/reports/batch/?plan={plan.pk}", {
        "kind": kind, "year": "2025", "format": fmt, "region": [str(r.pk) for r in regions]})


def test_it_makes_one_report_per_region_and_counts_progress(admin_client: Client, demo: Plan,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    regions = report_jobs.regions_below(demo)
    assert len(regions) >= 2  # the demo's 功能区
    response = _start(admin_client, demo, fmt="docx", kind="final")
    job = ReportJob.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/reports/batch/{job.pk}/"
    assert admin_client.get(f"/reports/batch/{job.pk}/progress/").json()["done"] == 0
    seen: list[int] = []
    real = report_jobs.render

    def counting(report: Any, fmt: str) -> bytes:  # what the progress bar would read while each region is made
        seen.append(admin_client.get(f"/reports/batch/{job.pk}/progress/").json()["done"])
        return real(report, fmt)

    monkeypatch.setattr(report_jobs, "render", counting)
    assert report_jobs.run(job.pk)
    assert seen == list(range(len(regions)))
    progress = admin_client.get(f"/reports/batch/{job.pk}/progress/").json()
    assert progress["done"] == progress["total"] == len(regions)
    assert progress["finished"] and progress["download"] and progress["failures"] == []
    download = admin_client.get(f"/reports/batch/{job.pk}/download/")
    assert download.status_code == 200 and download["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(b"".join(download.streaming_content)))
    names = archive.namelist()
    assert len(names) == len(regions)
    import docx

    for region in regions:
        name = next(n for n in names if region.name in n)
        assert name.endswith(".docx")
        text = "\n".join(p.text for p in docx.Document(io.BytesIO(archive.read(name))).paragraphs)
        assert region.name in text  # each file is that region's report, not the plan's region's


def test_a_failed_region_is_reported_and_the_rest_still_complete(admin_client: Client, demo: Plan,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    regions = report_jobs.regions_below(demo)
    broken = regions[0]
    real = report_jobs.report_of

    def failing(plan: Plan, year: int, kind: Any, public: bool, region: Any = None) -> Any:
        if region == broken:
            raise ZeroDivisionError("bad data")
        return real(plan, year, kind, public, region=region)

    monkeypatch.setattr(report_jobs, "report_of", failing)
    _start(admin_client, demo)
    job = ReportJob.objects.get()
    assert report_jobs.run(job.pk)
    progress = admin_client.get(f"/reports/batch/{job.pk}/progress/").json()
    assert progress["state"] == "done" and progress["done"] == len(regions)
    assert [f["region"] for f in progress["failures"]] == [broken.name]
    assert "ZeroDivisionError" in progress["failures"][0]["message"]
    page = admin_client.get(f"/reports/batch/{job.pk}/")
    assert page.status_code == 200 and broken.name in page.content.decode()
    download = admin_client.get(f"/reports/batch/{job.pk}/download/")
    names = zipfile.ZipFile(io.BytesIO(b"".join(download.streaming_content))).namelist()
    assert len(names) == len(regions) - 1 and not any(broken.name in n for n in names)


def test_a_batch_where_every_region_fails_is_failed_without_a_file(admin_client: Client, demo: Plan,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    def failing(*args: Any, **kwargs: Any) -> Any:
        raise ValueError("no")

    monkeypatch.setattr(report_jobs, "report_of", failing)
    _start(admin_client, demo)
    job = ReportJob.objects.get()
    report_jobs.run(job.pk)
    assert admin_client.get(f"/reports/batch/{job.pk}/progress/").json()["state"] == "failed"
    assert admin_client.get(f"/reports/batch/{job.pk}/download/").status_code == 404


def test_a_job_is_run_once(admin_client: Client, demo: Plan) -> None:
    _start(admin_client, demo)
    job = ReportJob.objects.get()
    assert report_jobs.run(job.pk)
    assert not report_jobs.run(job.pk)  # finished: not claimed again
    assert report_jobs.pending() == []


def test_the_worker_command_runs_queued_jobs(admin_client: Client, demo: Plan) -> None:
    _start(admin_client, demo)
    job = ReportJob.objects.get()
    assert report_jobs.pending() == [job.pk]
    call_command("run_report_jobs", stdout=io.StringIO())
    job.refresh_from_db()
    assert job.state == "done" and job.done == job.total and job.file


def test_the_page_has_a_progress_bar_without_a_cdn(admin_client: Client, demo: Plan) -> None:
    page = admin_client.get(f"/reports/batch/?plan={demo.pk}")
    assert page.status_code == 200
    assert all(r.name in page.content.decode() for r in report_jobs.regions_below(demo))
    _start(admin_client, demo)
    job = ReportJob.objects.get()
    body = admin_client.get(f"/reports/batch/{job.pk}/").content.decode()
    assert "<progress" in body and f"/reports/batch/{job.pk}/progress/" in body
    assert "//cdn" not in body and 'src="http' not in body


def test_regions_outside_the_plan_and_odd_years_are_refused(admin_client: Client, demo: Plan) -> None:
    response = admin_client.post(f"/reports/batch/?plan={demo.pk}", {
        "kind": "annual", "year": "2025", "format": "html", "region": [str(demo.region.pk)]})
    assert response.status_code == 400 and "下辖" in response.content.decode()
    regions = report_jobs.regions_below(demo)
    response = admin_client.post(f"/reports/batch/?plan={demo.pk}", {
        "kind": "annual", "year": "1999", "format": "html", "region": [str(regions[0].pk)]})
    assert response.status_code == 400 and "规划期" in response.content.decode()
    response = admin_client.post(f"/reports/batch/?plan={demo.pk}", {
        "kind": "annual", "year": "2025", "format": "exe", "region": [str(regions[0].pk)]})
    assert response.status_code == 400
    assert not ReportJob.objects.exists()


@pytest.mark.parametrize("persona", ["reporter", "anonymous"])
def test_a_reporter_and_the_public_are_refused(admin_client: Client, reporter: Client, demo: Plan,
                                               persona: str) -> None:
    client = reporter if persona == "reporter" else Client()
    assert client.get(f"/reports/batch/?plan={demo.pk}").status_code == 403
    assert _start(client, demo).status_code == 403
    assert not ReportJob.objects.exists()
    _start(admin_client, demo)
    job = ReportJob.objects.get()
    report_jobs.run(job.pk)
    for tail in ("", "progress/", "download/"):
        assert client.get(f"/reports/batch/{job.pk}/{tail}").status_code == 403


def test_a_leader_may_start_and_download(leader: Client, demo: Plan) -> None:
    assert _start(leader, demo).status_code == 302
    job = ReportJob.objects.get()
    report_jobs.run(job.pk)
    assert leader.get(f"/reports/batch/{job.pk}/download/").status_code == 200


def test_the_overview_links_the_batch_for_those_who_may_start_one(admin_client: Client, leader: Client,
                                                                  reporter: Client, demo: Plan) -> None:
    assert 'id="batch-link"' in admin_client.get("/overview/").content.decode()
    assert 'id="batch-link"' in leader.get("/overview/").content.decode()
    assert 'id="batch-link"' not in reporter.get("/overview/").content.decode()


def test_a_job_whose_worker_died_is_taken_up_again(admin_client: Client, demo: Plan,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    import datetime as dt

    from django.utils import timezone

    submitted: list[int] = []
    monkeypatch.setattr(report_jobs._POOL, "submit", lambda fn, pk: submitted.append(pk))
    _start(admin_client, demo)
    job = ReportJob.objects.get()
    admin_client.get(f"/reports/batch/{job.pk}/progress/")
    assert submitted == []  # just queued: its own process starts it
    ReportJob.objects.filter(pk=job.pk).update(state="running", done=1,
                                               heartbeat=timezone.now() - dt.timedelta(hours=1))
    assert report_jobs.pending() == [job.pk]
    admin_client.get(f"/reports/batch/{job.pk}/progress/")
    assert submitted == [job.pk]
    assert report_jobs.run(job.pk)  # claimed again and made from the start
    job.refresh_from_db()
    assert job.state == "done" and job.done == job.total
    ReportJob.objects.filter(pk=job.pk).update(state="running", heartbeat=timezone.now())
    assert not report_jobs.run(job.pk)  # a live worker's job is not taken

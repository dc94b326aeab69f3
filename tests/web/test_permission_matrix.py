"""Every route of the platform, from the URL configuration, tried by every persona.

Each route must be classified below (a new route without a class fails the test). For each write route a
payload is given that the allowed personas succeed with; every other persona must leave the database exactly
as it was, and must get a refusal (403, 405 or a redirect to the login page)."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
from collections.abc import Callable
from typing import Any

import pytest
from django.apps import apps
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from planwatch.web.accounts.models import ApiToken, Department
from planwatch.web.ledgers.models import Milestone, SupervisionNotice, item_fields
from planwatch.web.ledgers.services import add_evidence
from planwatch.web.monitoring.models import Observation, ReportingRound, Status
from planwatch.web.plans.models import Commitment, Indicator, Plan, Project, Task

from ..conftest import FIXTURES
from .items import pdf_file

PERSONAS = {"admin": "fgj_admin", "reporter_own": "tjj_tianbao", "reporter_other": "swj_tianbao",
            "leader": "lingdao", "anonymous": None}
READ = {"overview", "public", "indicator", "plans", "plan", "lineage", "report", "review", "rounds", "search", "ledger",
        "notices", "department", "report_download", "login", "logout", "set_language", "ledger_item",
        "evidence_download", "ledger_export", "notice_page", "notice_print", "notice_file", "departments",
        "report_batch_job", "report_batch_progress", "report_batch_download"}  # the batch's: test_batch_reports_*
NOT_OURS = ("admin:", "api-")  # Django's admin (staff only, tested below) and the API (routes tested below)
# The signed-in user's own account: each acts on request.user only (another user's token is a 404), so it has no
# persona matrix; tests/web/test_account_page.py and test_password_change_page.py try every persona on them.
# The language switch stores the signed-in person's own choice (tests/web/test_language_is_chosen.py).
OWN_ACCOUNT = {"account", "password_change", "token_revoke", "language"}


def _route_names() -> set[str]:
    names: set[str] = set()

    def walk(patterns: list[Any], prefix: str = "") -> None:
        for p in patterns:
            if isinstance(p, URLResolver):
                walk(p.url_patterns, prefix + (p.namespace + ":" if p.namespace else ""))
            elif isinstance(p, URLPattern) and p.name:
                names.add(prefix + p.name)

    walk(get_resolver().url_patterns)
    return {n for n in names if not n.startswith(NOT_OURS) and ":" not in n}


def _fingerprint() -> str:
    """A digest of every row of every model: any write shows."""
    digest = hashlib.sha256()
    for model in apps.get_models():
        if model._meta.app_label in ("sessions", "contenttypes", "admin"):
            continue
        for row in model.objects.order_by("pk").values_list():
            digest.update(repr(row).encode())
    return digest.hexdigest()


def _workbook(plan: Plan) -> bytes:
    import openpyxl

    from planwatch.web.plans.assignments import template

    wb = openpyxl.load_workbook(io.BytesIO(template(plan)))
    wb["主要指标"]["D2"] = "发展和改革局"
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _write_routes(plan: Plan) -> dict[str, tuple[Callable[[], tuple[str, dict[str, Any]]], set[str]]]:
    """route → (a function giving the URL and POST data, the personas allowed to write)."""
    gdp = plan.indicators.get(no=1)
    task = Task.objects.filter(plan=plan).order_by("id").first()
    assert task is not None
    task.lead = Department.objects.get(name="统计局")
    task.save()
    commitment = Commitment.objects.filter(plan=plan).order_by("id").first()  # the same routes, another ledger
    assert commitment is not None
    commitment.lead = task.lead
    commitment.save()

    def draft() -> int:
        return Observation.objects.create(indicator=gdp, region=plan.region, year=2025, value=5.0,
                                          source="matrix", status=Status.DRAFT).pk

    def notice() -> int:
        return SupervisionNotice.objects.create(task=task, department=task.lead, reason="督办",
                                                reply_due=dt.date(2030, 1, 1)).pk

    def milestone(item: Any = task) -> int:
        return Milestone.objects.create(name="开工", planned=dt.date(2024, 6, 30), **item_fields(item)).pk

    def evidence(item: Any = task) -> int:  # uploaded by the 统计局 reporter
        return add_evidence(User.objects.get(username="tjj_tianbao"), item,
                            SimpleUploadedFile("报告.pdf", pdf_file())).pk

    c = f"/ledgers/commitments/{commitment.pk}"
    round_2025 = ReportingRound.objects.get(plan=plan, year=2025)

    def submitted() -> int:
        return Observation.objects.create(indicator=gdp, region=plan.region, year=2025, value=5.0,
                                          source="matrix", status=Status.SUBMITTED).pk

    def round_sheet() -> bytes:  # the 统计局 template of the open round, one value filled in
        import openpyxl

        from planwatch.web.monitoring.bulk import round_template

        wb = openpyxl.load_workbook(io.BytesIO(round_template(User.objects.get(username="tjj_tianbao"), round_2025)))
        wb["填报"]["I3"] = 5.5
        out = io.BytesIO()
        wb.save(out)
        return out.getvalue()
    project = Project.objects.filter(plan=plan).order_by("id").first()  # led by the 统计局 for the project routes
    assert project is not None
    project.lead = task.lead
    project.save()

    def project_sheet() -> bytes:  # the exported 重大项目台账 with the first project's 总投资 filled in
        import openpyxl

        from planwatch.web.ledgers.sheets import export

        wb = openpyxl.Workbook()
        ws = wb.active
        ws.title = "重大项目"
        heads = [c.value for c in openpyxl.load_workbook(io.BytesIO(export("projects", [(project, "green")])))[
            "重大项目"][1]]
        ws.append(heads)
        ws.append([project.pk if h == "编号" else 12.5 if h == "总投资（亿元）" else None for h in heads])
        out = io.BytesIO()
        wb.save(out)
        return out.getvalue()

    def lower_plan() -> int:  # a special plan with one indicator not yet linked to the master plan's
        child = Plan.objects.create(title="示例专项规划", region=plan.region, parent=plan, base_year=2020, end_year=2025)
        Indicator.objects.create(plan=child, no=1, name=gdp.name, unit=gdp.unit, target_raw=gdp.target_raw,
                                 growth_raw=gdp.growth_raw)
        return child.pk

    def draft_plan() -> int:  # an imported plan not yet confirmed, with one indicator to correct
        child = Plan.objects.create(title="待核对规划", region=plan.region, base_year=2020, end_year=2025,
                                    status="draft", content_hash="0" * 64)
        Indicator.objects.create(plan=child, no=1, name=gdp.name, unit=gdp.unit, target_raw="—", growth_raw="")
        return child.pk

    return {
        "linkage": (lambda: (f"/plans/{lower_plan()}/linkage/", {"upper-1": str(gdp.pk)}), {"admin"}),
        "plan_review": (lambda: (f"/plans/{draft_plan()}/review/", {"indicator": "1", "target": "≥6"}), {"admin"}),
        "save": (lambda: ("/report/save/", {"indicator": gdp.pk, "year": 2025, "value": "5.5"}),
                 {"admin", "reporter_own"}),
        "move": (lambda: (f"/observations/{draft()}/move/", {"to": "submitted"}), {"admin", "reporter_own"}),
        "rounds": (lambda: ("/rounds/", {"round": ReportingRound.objects.get(year=2024).pk, "until": "2030-01-01"}),
                   {"admin"}),
        "plan_import": (lambda: ("/plans/import/", {
            "file": SimpleUploadedFile("p.txt", (FIXTURES / "layouts" / "subsections.txt").read_bytes()),
            "region": plan.region.pk}), {"admin"}),
        "assignments": (lambda: (f"/plans/{plan.pk}/assignments/", {
            "file": SimpleUploadedFile("a.xlsx", _workbook(plan))}), {"admin"}),
        "progress": (lambda: (f"/ledgers/tasks/{task.pk}/progress/", {"progress": "55", "note": "进展"}),
                     {"admin", "reporter_own"}),
        "notice": (lambda: (f"/ledgers/tasks/{task.pk}/notice/", {"reason": "督办", "reply_due": "2030-01-01"}),
                   {"admin"}),
        "notice_action": (lambda: (f"/supervision/{notice()}/reply/", {"reply": "已办"}), {"admin", "reporter_own"}),
        "milestone_add": (lambda: (f"/ledgers/tasks/{task.pk}/milestones/", {"name": "开工", "planned": "2025-06-30"}),
                          {"admin", "reporter_own"}),
        "milestone_done": (lambda: (f"/ledgers/tasks/{task.pk}/milestones/{milestone()}/done/", {"done": "2024-07-01"}),
                           {"admin", "reporter_own"}),
        "evidence_upload": (lambda: (f"/ledgers/tasks/{task.pk}/evidence/", {
            "file": SimpleUploadedFile("报告.pdf", pdf_file())}), {"admin", "reporter_own"}),
        "evidence_delete": (lambda: (f"/ledgers/tasks/{task.pk}/evidence/{evidence()}/delete/", {}),
                            {"admin", "reporter_own"}),
        # the ledger routes again on the 量化承诺台账: its items are another model behind the same views
        "commitment_progress": (lambda: (f"{c}/progress/", {"progress": "55", "note": "进展"}),
                                {"admin", "reporter_own"}),
        "commitment_notice": (lambda: (f"{c}/notice/", {"reason": "督办", "reply_due": "2030-01-01"}), {"admin"}),
        "commitment_milestone_add": (lambda: (f"{c}/milestones/", {"name": "开工", "planned": "2025-06-30"}),
                                     {"admin", "reporter_own"}),
        "commitment_milestone_done": (lambda: (f"{c}/milestones/{milestone(commitment)}/done/", {"done": "2024-07-01"}),
                                      {"admin", "reporter_own"}),
        "commitment_evidence_upload": (lambda: (f"{c}/evidence/", {"file": SimpleUploadedFile("报告.pdf", pdf_file())}),
                                       {"admin", "reporter_own"}),
        "commitment_evidence_delete": (lambda: (f"{c}/evidence/{evidence(commitment)}/delete/", {}),
                                       {"admin", "reporter_own"}),
        "project_details": (lambda: (f"/ledgers/projects/{project.pk}/details/", {"total_investment": "12.5"}),
                            {"admin", "reporter_own"}),
        "project_import": (lambda: ("/ledgers/projects/import/", {
            "file": SimpleUploadedFile("项目台账.xlsx", project_sheet())}), {"admin", "reporter_own"}),
        "review_bulk": (lambda: ("/review/bulk/", {"to": "approved", "ids": [submitted()]}), {"admin"}),
        "round_sheet": (lambda: (f"/rounds/{round_2025.pk}/sheet/", {
            "file": SimpleUploadedFile("填报模板.xlsx", round_sheet())}), {"admin", "reporter_own"}),
        "annual_targets": (lambda: (f"/plans/{plan.pk}/annual/", {"year": "2024", "target-1": "6左右"}), {"admin"}),
        "report_narrative": (lambda: (f"/reports/narrative/?plan={plan.pk}&kind=final&year=2025", {
            "text-problems": "矩阵"}), {"admin"}),
        "report_batch": (lambda: (f"/reports/batch/?plan={plan.pk}", {
            "kind": "annual", "year": "2025", "format": "html",
            "region": [str(r.pk) for r in plan.region.children.all()]}), {"admin", "leader"}),
    }


def _client(persona: str) -> Client:
    client = Client()
    if PERSONAS[persona]:
        client.force_login(User.objects.get(username=PERSONAS[persona]))
    return client


def test_every_route_is_classified(demo: Plan) -> None:
    unclassified = _route_names() - READ - OWN_ACCOUNT - set(_write_routes(demo))
    assert not unclassified, f"classify these routes as read or write: {unclassified}"


@pytest.mark.parametrize("persona", list(PERSONAS))
@pytest.mark.parametrize("route", ["linkage", "plan_review", "save", "move", "rounds", "plan_import", "assignments", "progress", "notice",
                                   "notice_action", "milestone_add", "milestone_done", "evidence_upload",
                                   "evidence_delete", "commitment_progress", "commitment_notice",
                                   "commitment_milestone_add", "commitment_milestone_done",
                                   "commitment_evidence_upload", "commitment_evidence_delete",
                                   "project_details", "project_import", "review_bulk", "round_sheet",
                                   "annual_targets", "report_narrative", "report_batch"])
def test_write_routes_by_persona(demo: Plan, route: str, persona: str) -> None:
    make, allowed = _write_routes(demo)[route]
    url, data = make()
    client = _client(persona)  # logging in updates last_login: before the fingerprint
    before = _fingerprint()
    response = client.post(url, data)
    changed = _fingerprint() != before
    if persona in allowed:
        assert changed, f"{persona} should be able to use {route} (status {response.status_code})"
    else:
        assert not changed, f"{persona} changed data through {route}"
        location = response.get("Location", "")
        assert response.status_code in (403, 405) or location.startswith("/login/"), (route, persona,
                                                                                       response.status_code)


API_WRITES = {"create": {"admin", "reporter_own"}, "transition_submit": {"admin", "reporter_own"},
              "transition_approve": {"admin"}}
API_WRITE_PATHS = {"/api/observations", "/api/observations/{observation_id}/transition"}


def test_every_api_write_is_in_the_matrix() -> None:
    """The API's writing operations, read from its own OpenAPI schema, are exactly those tried below."""
    from planwatch.web.api import api

    schema = api.get_openapi_schema()
    writes = {path for path, ops in schema["paths"].items() if set(ops) & {"post", "put", "patch", "delete"}}
    assert writes == API_WRITE_PATHS


@pytest.mark.parametrize("persona", list(PERSONAS))
@pytest.mark.parametrize("route", list(API_WRITES))
def test_api_write_routes_by_persona(demo: Plan, route: str, persona: str) -> None:
    gdp = demo.indicators.get(no=1)
    obs = Observation.objects.create(indicator=gdp, region=demo.region, year=2025, value=5.0, source="api",
                                     status=Status.SUBMITTED if route == "transition_approve" else Status.DRAFT)
    headers = {}
    if PERSONAS[persona]:
        headers["HTTP_AUTHORIZATION"] = "Bearer " + ApiToken.issue(User.objects.get(username=PERSONAS[persona]),
                                                                    "m")[1]
    url, body = {"create": ("/api/observations", {"indicator": gdp.pk, "year": 2025, "value": 6.0, "source": "x"}),
                 "transition_submit": (f"/api/observations/{obs.pk}/transition", {"to": "submitted"}),
                 "transition_approve": (f"/api/observations/{obs.pk}/transition", {"to": "approved"})}[route]
    before = _fingerprint_without_tokens()
    response = Client().post(url, json.dumps(body), content_type="application/json", **headers)
    changed = _fingerprint_without_tokens() != before
    assert changed is (persona in API_WRITES[route]), (route, persona, response.status_code)
    if persona not in API_WRITES[route]:
        assert response.status_code in (401, 403)


def _fingerprint_without_tokens() -> str:
    digest = hashlib.sha256()
    for model in apps.get_models():
        if model._meta.app_label in ("sessions", "contenttypes", "admin") or model is ApiToken:
            continue
        for row in model.objects.order_by("pk").values_list():
            digest.update(repr(row).encode())
    return digest.hexdigest()


@pytest.mark.parametrize(("persona", "ok"), [("admin", True), ("reporter_own", False), ("leader", False),
                                             ("anonymous", False)])
def test_the_admin_site(demo: Plan, persona: str, ok: bool) -> None:
    response = _client(persona).get("/admin/plans/indicator/")
    assert (response.status_code == 200) is ok

"""REST API (OpenAPI at /api/openapi.json, interactive docs at /api/docs, served offline).

Reads are open: anonymous callers see published data only, token holders what their role may see.
Writes need a token (``Authorization: Bearer pw_…``) and go through the same services and the same
permission helper as the web pages. A token expires (90 days by default, ``issue_token --days N``) and dies
with a change of its owner's password; an expired one is refused with 401 and says so. Exports: CSV (UTF-8
with BOM, for Excel), XLSX or JSON.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Annotated, Any

from django.core.exceptions import PermissionDenied, RequestDataTooBig, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext, pgettext
from ninja import Field, NinjaAPI, Path, Router, Schema, Status
from ninja.errors import AuthenticationError, HttpError
from ninja.renderers import JSONRenderer
from ninja.security import HttpBearer

from ..core.evaluation import EvaluationRecord  # the core's JSON of a result is the API's schema: one definition
from ..core.serialize import dumps, finite
from ..exports import safe_cell
from .accounts.models import ApiToken, Region
from .accounts.permissions import can_view_unpublished
from .cache import cached, loaded_fresh
from .limits import COMMENT_MAX
from .monitoring.models import Observation
from .monitoring.services import (
    StaleVersion,
    evaluate_plan,
    save_value,
    transition,
    visible_observations,
)
from .plans.models import Commitment, Indicator, Node, Plan, Project, Task


class Token(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> Any:
        row = ApiToken.objects.select_related("user").filter(key_hash=ApiToken.hash(token)).first()
        if row is None or not row.user.is_active:
            return None
        if row.is_expired():  # 401 that says why: the holder needs a new token, not a new password
            raise AuthenticationError(message=gettext("接口令牌已于%(when)s过期，请重新签发") % {
                "when": f"{timezone.localtime(row.expires):%Y-%m-%d %H:%M}"})
        ApiToken.objects.filter(pk=row.pk).update(last_used=timezone.now())
        request.user = row.user
        return row.user


class Optional(Token):
    """Reads: a valid token gives the caller's role; no token is the public."""

    def __call__(self, request: HttpRequest) -> Any:
        header = request.headers.get("Authorization", "")
        if not header:
            return "public"
        return super().__call__(request)


class StrictJSON(JSONRenderer):
    """Every answer is strict JSON: a NaN or infinity (never saved, but perhaps left by an older version) is null."""

    def render(self, request: HttpRequest, data: Any, *, response_status: int) -> Any:
        try:  # the usual case, at full speed: nothing to replace
            return json.dumps(data, cls=self.encoder_class, allow_nan=False)
        except ValueError:
            return json.dumps(finite(data), cls=self.encoder_class, allow_nan=False)


# The docs page (/api/docs, Swagger UI served locally) speaks Chinese where the toolkit lets it: the title, the
# description, the operation summaries and their group (tag); Swagger UI's own buttons have no Chinese version.
api = NinjaAPI(title="Planwatch 规划实施监测评估平台 API", version="1.0", urls_namespace="api", renderer=StrictJSON(),
               default_router=Router(tags=["规划、指标与监测数据"]),
               description="规划、主要指标、监测数据与评估结果。匿名访问只返回已发布数据；写操作需要令牌："
                           "由管理员用 `planwatch manage issue_token 用户名 用途` 签发，在本页“Authorize”中填入"
                           "（请求头 `Authorization: Bearer 令牌`）。出错时返回 `{\"detail\": \"中文说明\"}`；"
                           "请求头 `Accept-Language: en` 可得英文说明。")


@api.exception_handler(PermissionDenied)
def _denied(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    return api.create_response(request, {"detail": str(exc) or gettext("没有权限")}, status=403)


@api.exception_handler(ValidationError)
def _invalid(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    return api.create_response(request, {"detail": " ".join(exc.messages)}, status=400)


@api.exception_handler(StaleVersion)
def _stale(request: HttpRequest, exc: StaleVersion) -> HttpResponse:
    return api.create_response(request, {"detail": " ".join(exc.messages)}, status=409)


@api.exception_handler(RequestDataTooBig)
def _too_big(request: HttpRequest, exc: RequestDataTooBig) -> HttpResponse:
    """Django refuses to read a body over DATA_UPLOAD_MAX_MEMORY_SIZE when ninja asks for it: 413, in JSON."""
    from django.conf import settings

    limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE // (1024 * 1024)
    return api.create_response(request, {"detail": gettext("请求内容超过上限 %(limit)s MB，未处理") % {"limit": limit}},
                               status=413)


class PlanOut(Schema):
    id: int
    title: str
    region: str
    base_year: int | None
    end_year: int | None
    indicators: int


class IndicatorOut(Schema):
    no: int
    label: str  # the number as printed: "10.1" for a measured sub-row of item 10, else str(no)
    name: str
    category: str
    unit: str
    baseline_year: int | None
    baseline_value: float | None
    target_year: int | None
    target: str
    growth: str
    attribute: str
    kind: str
    direction: str
    lead: str | None
    notes: list[str]


class ItemOut(Schema):
    """A task, major project or quantitative commitment under its chapter/section, with who answers for it."""

    kind: str  # task | project | commitment
    title: str
    lead: str | None  # 牵头单位
    co_units: list[str]  # 配合单位
    progress: int | None  # ledger progress (%) reported by the lead unit


class NodeOut(Schema):
    """One 篇/章/节/专栏 of the outline. Flat, in document order; `parent` rebuilds the tree."""

    node_id: str
    parent: str | None
    kind: str
    label: str
    title: str
    text: str
    items: list[ItemOut]


class ObservationOut(Schema):
    id: int
    indicator: int
    region: str
    year: int
    period: str = Field("", description="部分年度数据的期间（2026Q1、2026-03）；全年数据为空")
    value: float
    flag: str
    source: str
    simulated: bool
    status: str
    version: int  # send it back when editing: a stale version is refused instead of overwriting


Id = Annotated[int, Path(ge=1, lt=2**31)]  # beyond any id: refused by validation, not by the database


class ObservationIn(Schema):
    indicator: int = Field(ge=1, lt=2**31)
    year: int = Field(ge=1900, le=2100)
    value: float = Field(allow_inf_nan=False)
    region: str | None = Field(None, max_length=100, description="地区名称（默认为规划所属地区）")
    comment: str = Field("", max_length=COMMENT_MAX, description=f"说明，最多{COMMENT_MAX}字")
    source: str = Field("", max_length=300, description="来源，最多300字")
    version: int | None = Field(default=None, ge=0, lt=2**31, description=(
        "修改已有数值时必填：读取时得到的版本号（过期则 409，不保存）；新建数值时不填或填 0"))
    period: str = Field("", max_length=10, description="季度或月度填报轮次的期间，如 2026Q1、2026-03；全年数据留空")


class MoveIn(Schema):
    to: str = Field(max_length=12)
    reason: str = Field("", max_length=COMMENT_MAX, description=f"理由（退回时必填），最多{COMMENT_MAX}字")


def _public(request: HttpRequest) -> bool:
    return not can_view_unpublished(request.user)


def _plan_out(p: Plan) -> dict[str, Any]:
    return {"id": p.pk, "title": p.title, "region": p.region.name, "base_year": p.base_year, "end_year": p.end_year,
            "indicators": p.indicators.count()}


@api.get("/plans", response=list[PlanOut], auth=Optional(), summary="规划列表")
def plans(request: HttpRequest) -> list[dict[str, Any]]:
    return [_plan_out(p) for p in Plan.objects.in_use().select_related("region")]


@api.get("/plans/{plan_id}", response=PlanOut, auth=Optional(), summary="规划")
def plan(request: HttpRequest, plan_id: Id) -> dict[str, Any]:
    return _plan_out(get_object_or_404(Plan.objects.in_use().select_related("region"), pk=plan_id))


def _indicator_rows(p: Plan) -> list[dict[str, Any]]:
    return [{"no": i.no, "label": i.display_no, "name": i.name, "category": i.category, "unit": i.unit, "baseline_year": i.baseline_year,
             "baseline_value": i.baseline_value, "target_year": i.target_year, "target": i.target_raw,
             "growth": i.growth_raw, "attribute": i.attribute, "kind": i.kind, "direction": i.direction,
             "lead": i.lead_name, "notes": list(i.notes)}
            for i in p.indicators.select_related("lead")]


@api.get("/plans/{plan_id}/indicators", response=list[IndicatorOut], auth=Optional(), summary="主要指标")
def indicators(request: HttpRequest, plan_id: Id) -> list[dict[str, Any]]:
    return _indicator_rows(get_object_or_404(Plan.objects.in_use(), pk=plan_id))


# kind → (model, field holding its title)
_STRUCTURE_ITEMS: dict[str, tuple[type[Task | Project | Commitment], str]] = {
    "task": (Task, "title"), "project": (Project, "name"), "commitment": (Commitment, "quantity")}


def _structure_rows(p: Plan) -> list[dict[str, Any]]:
    items: dict[int, list[dict[str, Any]]] = {}
    for kind, (model, title_field) in _STRUCTURE_ITEMS.items():
        for r in model.objects.filter(plan=p).select_related("lead").prefetch_related("co_units"):
            items.setdefault(r.node_id, []).append(
                {"kind": kind, "title": getattr(r, title_field), "lead": r.lead_name, "co_units": r.co_unit_names,
                 "progress": getattr(r, "progress", None)})
    nodes = list(Node.objects.filter(plan=p).select_related("parent").order_by("position"))
    return [{"node_id": n.node_id, "parent": n.parent.node_id if n.parent else None, "kind": n.kind,
             "label": n.label, "title": n.title, "text": n.text, "items": items.get(n.pk, [])} for n in nodes]


@api.get("/plans/{plan_id}/structure", response=list[NodeOut], auth=Optional(), summary="规划结构（章节与任务、项目、承诺）")
def structure(request: HttpRequest, plan_id: Id) -> list[dict[str, Any]]:
    return _structure_rows(get_object_or_404(Plan.objects.in_use(), pk=plan_id))


class LinkOut(Schema):
    no: int
    name: str
    unit: str
    upper_plan: str | None = Field(None, description="上位规划")
    upper_no: int | None = None
    upper_name: str | None = None
    status: str | None = Field(None, description="weaker 弱于上位目标 / not_weaker 不弱于 / not_comparable 不可比")
    label: str | None = None
    reason: str | None = None
    upper_target: float | None = Field(None, description="上位目标（上位指标的单位）")
    target: float | None = Field(None, description="本级目标（换算为上位指标的单位）")


@api.get("/plans/{plan_id}/linkage", response=list[LinkOut], auth=Optional(), summary="规划衔接（与上位指标对照）")
def linkage(request: HttpRequest, plan_id: Id) -> list[dict[str, Any]]:
    from .plans.linkage import linkage_rows

    out = []
    for r in linkage_rows(get_object_or_404(Plan.objects.in_use(), pk=plan_id)):
        a, up = r.alignment, r.upper
        out.append({"no": r.indicator.no, "name": r.indicator.name, "unit": r.indicator.unit,
                    "upper_plan": up.plan.title if up else None, "upper_no": up.no if up else None,
                    "upper_name": up.name if up else None, "status": a.status if a else None,
                    "label": a.label if a else None, "reason": a.reason if a else None,
                    "upper_target": a.upper_target if a else None, "target": a.lower_target if a else None})
    return out


def _observation_rows(request: HttpRequest, p: Plan, year: int | None, region: int | None = None,
                      limit: int | None = None, offset: int = 0) -> list[dict[str, Any]]:
    qs = visible_observations(p, public=_public(request)).order_by("plan_no", "year", "id")
    if year is not None:
        qs = qs.filter(year=year)
    if region is not None:
        qs = qs.filter(region_id=region)
    if limit is not None:
        qs = qs[offset:offset + limit]
    fields = ("id", "plan_no", "region__name", "year", "period", "value", "flag", "source", "simulated",
              "status", "version")
    return [dict(zip(("id", "indicator", "region", *fields[3:]), values, strict=True))
            for values in qs.values_list(*fields)]


@api.get("/plans/{plan_id}/observations", response=list[ObservationOut], auth=Optional(),
         summary="监测数据（匿名只返回已发布数据）")
def observations(request: HttpRequest, plan_id: Id,
                 year: Annotated[int | None, Field(ge=1900, le=2100)] = None,
                 region: Annotated[int | None, Field(ge=1, lt=2**31, description="地区编号")] = None,
                 limit: Annotated[int, Field(ge=1, le=100_000, description="每页条数")] = 10_000,
                 offset: Annotated[int, Field(ge=0, lt=2**31)] = 0) -> HttpResponse:
    """One page of values (``limit``/``offset``, in indicator, year order): a province's million values are
    fetched page by page, or by ``region``; the CSV/Excel export gives a whole plan at once."""
    # the page's JSON is cached per data stamp as it is sent: rows built by our own query have the schema's
    # types, so the per-item validation (most of a cached request's time) would only repeat itself
    p = loaded_fresh(get_object_or_404(Plan.objects.in_use(), pk=plan_id))
    body = cached("api-observations-json", p, _public(request), year, region, limit, offset, compute=lambda: dumps(
        [ObservationOut(**row).model_dump() for row in _observation_rows(request, p, year, region, limit, offset)],
        separators=(",", ":")).encode())
    return HttpResponse(body, content_type="application/json; charset=utf-8")


def _evaluation_rows(request: HttpRequest, p: Plan, as_of: int, region: Region | None = None) -> list[dict[str, Any]]:
    results, _ = evaluate_plan(p, as_of, _public(request), region)
    return [e.as_dict() for e in results]  # dicts also feed the CSV/XLSX exports


@api.get("/plans/{plan_id}/evaluation", response=list[EvaluationRecord], auth=Optional(), summary="评估结果")
def evaluation(request: HttpRequest, plan_id: Id, as_of: Annotated[int, Field(ge=1900, le=2100)],
               region: Annotated[int | None, Field(ge=1, lt=2**31, description="地区编号（默认为规划所属地区；"
                                                                          "上级地区由下级汇总）")] = None
               ) -> list[dict[str, Any]]:
    p = loaded_fresh(get_object_or_404(Plan.objects.in_use(), pk=plan_id))
    if p.base_year is not None and p.end_year is not None and not p.base_year < as_of <= p.end_year:
        raise ValidationError(gettext("评估年份 %(year)s 不在规划期 %(start)s—%(end)s 年内") % {
            "year": as_of, "start": p.base_year + 1, "end": p.end_year})
    chosen = get_object_or_404(Region, pk=region) if region else None
    if chosen is not None and not p.covers(chosen):  # as the pages: the plan's region or one below it
        raise HttpError(404, gettext("该地区不在本规划的范围内"))
    return _evaluation_rows(request, p, as_of, chosen)


class AnnualTargetOut(Schema):
    """年度目标 of one indicator for one year, and the year's value judged against it by the indicator's own rule."""

    year: int
    target: str = Field(description="年度目标（原文），如 5.5左右")
    source: str = Field(description="adopted 人大通过 / decomposed 取自分解")
    source_label: str
    document: str
    adopted_on: str | None
    path_value: float | None = Field(None, description="五年规划年度目标路径（分解）在该年的值")
    actual: float | None = Field(None, description="该年计入的实际值")
    status: str | None = Field(None, description="met 已完成 / not_met 未完成 / no_data 无数据；目标无数值时为空")
    label: str | None = None
    explanation: str | None = None


class IndicatorYearOut(Schema):
    evaluation: EvaluationRecord = Field(description="五年规划目标的评估（截至该年）")
    annual_target: AnnualTargetOut | None = Field(None, description="该年的年度目标及完成情况；未录入为空")


@api.get("/plans/{plan_id}/indicators/{no}/years/{year}", response=IndicatorYearOut, auth=Optional(),
         summary="一项指标的一年：五年规划评估与年度目标")
def indicator_year(request: HttpRequest, plan_id: Id, no: Id, year: Annotated[int, Path(ge=1900, le=2100)],
                   region: Annotated[int | None, Field(ge=1, lt=2**31, description="地区编号（默认为规划所属地区）")] = None
                   ) -> dict[str, Any]:
    from .monitoring.annual import annual_rows

    p = loaded_fresh(get_object_or_404(Plan.objects.in_use(), pk=plan_id))
    ind = get_object_or_404(Indicator, plan=p, no=no)
    evaluated = {e["no"]: e for e in evaluation(request, plan_id, year, region)}  # the same checks and answer
    chosen = get_object_or_404(Region, pk=region) if region else p.region
    row = next((r for r in annual_rows(p, ind, chosen, _public(request)) if r.year == year), None)
    return {"evaluation": evaluated[ind.no], "annual_target": (row.as_dict() or None) if row else None}


@api.post("/observations", response={201: ObservationOut}, auth=Token(), summary="填报数值（草稿）")
def create_observation(request: HttpRequest, payload: ObservationIn) -> Status[dict[str, Any]]:
    ind = get_object_or_404(Indicator.objects.select_related("plan", "plan__region"), pk=payload.indicator)
    region = get_object_or_404(Region, name=payload.region) if payload.region else ind.plan.region
    o = save_value(request.user, ind, region, payload.year, payload.value, payload.comment, payload.version,
                   payload.source, payload.period)
    return Status(201, _observation_out(o))


def _observation_out(o: Observation) -> dict[str, Any]:
    return {"id": o.pk, "indicator": o.indicator.no, "region": o.region.name, "year": o.year, "period": o.period,
            "value": o.value, "flag": o.flag, "source": o.source, "simulated": o.simulated, "status": o.status,
            "version": o.version}


@api.post("/observations/{observation_id}/transition", response=ObservationOut, auth=Token(),
          summary="提交 / 审核 / 退回 / 发布")
def move(request: HttpRequest, observation_id: Id, payload: MoveIn) -> dict[str, Any]:
    get_object_or_404(Observation, pk=observation_id)
    return _observation_out(transition(request.user, observation_id, payload.to, payload.reason))


EXPORTS = {"indicators": "主要指标", "observations": "监测数据", "evaluation": "评估结果"}


@api.get("/plans/{plan_id}/export/{what}", auth=Optional(), summary="导出 CSV / XLSX / JSON",
         response={200: Any})
def export(request: HttpRequest, plan_id: Id, what: str, format: str = "csv",
           as_of: Annotated[int | None, Field(ge=1900, le=2100)] = None) -> Any:
    p = get_object_or_404(Plan.objects.in_use(), pk=plan_id)
    if what not in EXPORTS or format not in ("csv", "xlsx", "json"):
        raise ValidationError(gettext("可导出：%(what)s；格式：csv、xlsx、json") % {"what": pgettext("list separator", "、").join(EXPORTS)})
    if what == "indicators":
        rows = _indicator_rows(p)
    elif what == "observations":
        rows = _observation_rows(request, p, None)
    else:
        rows = _evaluation_rows(request, p, as_of or p.end_year or 2025)
    if format == "json":
        return rows
    header = list(rows[0]) if rows else []
    table = [header] + [[safe_cell(", ".join(v) if isinstance(v, list) else v) for v in r.values()] for r in rows]
    name = f"plan{p.pk}-{what}"
    if format == "csv":
        buffer = io.StringIO()
        csv.writer(buffer).writerows(table)
        response = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8")
    else:
        import openpyxl

        wb = openpyxl.Workbook()
        ws = wb.active
        assert ws is not None
        ws.title = EXPORTS[what]
        for row in table:
            ws.append(row)
        buffer_b = io.BytesIO()
        wb.save(buffer_b)
        response = HttpResponse(buffer_b.getvalue(),
                                content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f'attachment; filename="{name}.{format}"'
    return response

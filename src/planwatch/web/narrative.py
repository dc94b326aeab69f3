"""报告文本: the sections of a report a person writes (存在的主要问题, 下一步工作建议, each lagging indicator's 主要原因
and 拟采取的措施 …), kept per plan, report kind and year in :class:`~planwatch.web.monitoring.models.ReportNarrative`
and merged into the generated document (:func:`planwatch.web.reports.report_of`).

The rules:

- Only the 发改局 admin (``can_review``) writes; the page is theirs only, like the other review pages.
- The sections that can be written are those the report, built now from the staff's data, has a code for
  (:func:`planwatch.reports.sections.editable`): a 主要原因 exists only for an indicator that is lagging.
- :func:`save_narrative` writes every changed section in one transaction, or nothing: an unknown section, an
  unknown kind, a year outside the plan period or a text over :data:`NARRATIVE_MAX` characters refuses the
  whole form. It moves the plan's data stamp on (``touch_plans``), so every cached report is generated again.
- Rows are only added: the latest row of a section is in force; an empty text puts the generated draft back.
- Line breaks are kept as typed (CRLF from a browser becomes LF): a blank line separates paragraphs.
- Two people editing at once: the form carries, per section, the latest row it was shown (``seen``). If another
  person saved that section since, the save is refused as a whole (409) naming who and when, and the typed text
  stays in the box, so that nobody overwrites a colleague's text without having read it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import urlencode
from django.utils.translation import gettext

from ..core.errors import PlanwatchError
from ..reports.content import Section
from ..reports.kinds import KINDS
from ..reports.sections import build, editable
from .accounts.permissions import can_review, require
from .limits import bounded
from .monitoring.models import NARRATIVE_MAX, ReportNarrative
from .params import as_int, requested_plan, scope
from .plans.models import Plan, touch_plans
from .reports import report_inputs
from .responses import denied


def _clean(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n").strip()


def draft_text(section: Section) -> str:
    """What the platform writes for ``section`` when no one has written it: its paragraphs and those of the
    sub-sections it replaces (a sub-section with a code of its own is written separately)."""
    parts = list(section.paragraphs)
    for child in section.children:
        if not child.code:
            body = draft_text(child)
            parts.append(f"{child.title}：{body}" if body else child.title)
    return "\n\n".join(parts)


def sections_of(plan: Plan, kind: str, year: int) -> list[tuple[tuple[str, ...], Section]]:
    """The sections of the report a person may write, as generated now for staff (no text merged)."""
    return editable(build(report_inputs(plan, year, kind, public=False)))


def _check_scope(plan: Plan, kind: str, year: int) -> None:
    if kind not in KINDS:
        raise ValidationError(gettext("没有这种报告：%(kind)s") % {"kind": kind[:20]})
    if plan.base_year and plan.end_year and not plan.base_year < year <= plan.end_year:
        raise ValidationError(gettext("评估年份%(year)s不在规划期%(start)s—%(end)s年内") % {
            "year": year, "start": plan.base_year + 1, "end": plan.end_year})


class NarrativeConflict(ValidationError):
    """Another person saved a section after this form was shown: nothing is saved."""


@transaction.atomic
def save_narrative(user: Any, plan: Plan, kind: str, year: int, texts: Mapping[str, str],
                   sections: list[tuple[tuple[str, ...], Section]] | None = None,
                   seen: Mapping[str, int] | None = None) -> list[ReportNarrative]:
    """Write the changed texts (section code → text; "" puts the generated draft back) of one report, all or
    none, and move the plan's data stamp on. ``sections``: the report's writable sections when the caller has
    built them already (else built here). ``seen``: section code → the id of the latest row the writer was
    shown (0: none); a section changed by someone else since refuses the save (:class:`NarrativeConflict`).
    Returns the rows written."""
    require(can_review(user), gettext("只有发改局管理员可以编写报告文本"))
    _check_scope(plan, kind, year)
    known = {s.code: (above, s) for above, s in (sections if sections is not None else sections_of(plan, kind, year))}
    unknown = [code for code in texts if code not in known]
    if unknown:
        raise ValidationError(gettext("“%(codes)s”不是本报告可填写的章节") % {"codes": "、".join(c[:40] for c in unknown)})
    cleaned = {}
    for code, text in texts.items():
        above, sec = known[code]
        cleaned[code] = bounded(_clean(text), NARRATIVE_MAX, "“" + "·".join((*above[-1:], sec.title)) + "”")
    Plan.objects.select_for_update().filter(pk=plan.pk).exists()  # one writer of a plan's texts at a time
    latest = ReportNarrative.latest(plan, kind, year)
    current = ReportNarrative.texts(latest)
    if seen is not None:
        stale = [latest[code] for code, text in cleaned.items() if text != current.get(code, "") and code in latest
                 and code in seen and latest[code].pk != seen[code]]
        if stale:
            raise NarrativeConflict(gettext("“%(sections)s”已由%(who)s于%(at)s修改，您看到的不是最新文本：请阅读最新文本后"
                                            "再保存（本次未保存任何章节）") % {
                "sections": "、".join(known[r.section][1].title for r in stale),
                "who": stale[0].actor or gettext("系统"), "at": stale[0].at.strftime("%Y-%m-%d %H:%M")})
    actor = user if getattr(user, "pk", None) else None
    rows = [ReportNarrative.objects.create(plan=plan, kind=kind, year=year, section=code, text=text, actor=actor)
            for code, text in cleaned.items() if text != current.get(code, "")]
    if rows:
        touch_plans([plan.pk])  # every cached report of the plan is generated again, with the new text
    return rows


def report_narrative(request: HttpRequest) -> HttpResponse:
    """/reports/narrative/?plan=&kind=&year=: each writable section of that report, its generated text beside
    a text box, and the section's history (who, when, what). Saving writes the changed boxes, all or none."""
    if not can_review(request.user):
        return denied(request, gettext("只有发改局管理员可以编写报告文本"))
    plan = requested_plan(request)
    kind = request.GET.get("kind", "final")
    if kind not in KINDS:
        raise Http404(gettext("没有这种报告"))
    year = as_int(request.GET.get("year")) or scope(request, plan).as_of
    try:
        _check_scope(plan, kind, year)
        sections = sections_of(plan, kind, year)
    except ValidationError as exc:
        return denied(request, " ".join(exc.messages), status=404)
    except PlanwatchError as exc:  # no main indicators: nothing to evaluate
        return denied(request, str(exc), heading=gettext("无法生成报告"), status=404)
    status = 200
    typed: dict[str, str] = {}
    if request.method == "POST":
        typed = {s.code: request.POST[f"text-{s.code}"] for _, s in sections if f"text-{s.code}" in request.POST}
        # the page's form says which version it showed; a post without it (a script) is not checked
        seen = {code: as_int(request.POST[f"seen-{code}"]) or 0 for code in typed if f"seen-{code}" in request.POST}
        try:
            rows = save_narrative(request.user, plan, kind, year, typed, sections, seen)
            messages.success(request, gettext("已保存%(n)s个章节的文本，再次下载的报告将按新文本生成") % {
                "n": len(rows)} if rows else gettext("文本没有改动，未保存"))
            return redirect(f"{request.path}?{urlencode({'plan': plan.pk, 'kind': kind, 'year': year})}")
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            status = 409 if isinstance(exc, NarrativeConflict) else 400
    latest = ReportNarrative.latest(plan, kind, year)
    in_force = ReportNarrative.texts(latest)
    history: dict[str, list[ReportNarrative]] = {}
    for row in ReportNarrative.objects.filter(plan=plan, kind=kind, year=year).select_related("actor").order_by("-id"):
        history.setdefault(row.section, []).append(row)
    codes = {s.code for _, s in sections}
    rows_ = [{"code": s.code, "title": s.title, "above": "·".join(above), "draft": draft_text(s),
              "text": typed.get(s.code, in_force.get(s.code, "")), "in_force": s.code in in_force,
              "seen": latest[s.code].pk if s.code in latest else 0,
              "history": history.get(s.code, [])} for above, s in sections]
    absent = [(code, history[code]) for code in history if code not in codes]
    return render(request, "web/report_narrative.html", {
        "plan": plan, "kind": KINDS[kind], "kinds": KINDS.values(), "year": year, "sections": rows_,
        "absent": absent, "limit": NARRATIVE_MAX,
        "years": list(range((plan.base_year or year - 1) + 1, (plan.end_year or year) + 1)),
        "download": urlencode({"plan": plan.pk, "kind": kind, "as_of": year, "format": "docx"})}, status=status)

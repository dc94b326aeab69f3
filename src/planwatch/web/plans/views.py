"""规划衔接 page: links to upper-level indicators and where a lower target is weaker."""

from __future__ import annotations

from collections import Counter

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext, pgettext

from ..accounts.permissions import can_review
from .linkage import candidates, linkage_rows, set_links
from .models import Plan


def _links_from_form(request: HttpRequest, plan: Plan) -> dict[int, int | None]:
    """``upper-<no>`` fields: an indicator id or empty (unlink); ``accept`` takes every suggestion not yet linked.
    A field whose indicator number or upper indicator id is not a number is refused: nothing is changed."""
    from ..views import as_int

    if request.POST.get("action") == "accept":
        return {r.indicator.no: r.suggested.pk for r in linkage_rows(plan) if r.suggested is not None}
    links: dict[int, int | None] = {}
    bad: list[str] = []
    for key, value in request.POST.items():
        if not key.startswith("upper-"):
            continue
        no, upper = as_int(key[6:]), as_int(value)
        if no is None or (upper is None and value.strip()):
            bad.append(key[:40])
            continue
        links[no] = upper
    if bad:
        raise ValidationError(gettext("以下字段的编号不是有效数字，未做任何修改：%(fields)s") % {
            "fields": pgettext("list separator", "、").join(bad[:10])})
    return links


@login_required
def linkage(request: HttpRequest, pk: int) -> HttpResponse:
    plan = get_object_or_404(Plan.objects.select_related("parent", "region"), pk=pk)
    if request.method == "POST":
        if not can_review(request.user):  # before reading the form: others learn nothing from its errors
            return render(request, "web/denied.html", {"message": gettext("只有发改局管理员可以设置规划衔接")},
                          status=403)
        try:
            changed = set_links(request.user, plan, _links_from_form(request, plan))
        except ValidationError as exc:
            messages.error(request, "；".join(exc.messages))
            return render(request, "web/linkage.html", _context(request, plan), status=400)
        messages.success(request, gettext("已更新 %(n)d 项衔接关系") % {"n": changed})
        return redirect("linkage", pk=plan.pk)
    return render(request, "web/linkage.html", _context(request, plan))


def _context(request: HttpRequest, plan: Plan) -> dict[str, object]:
    rows = linkage_rows(plan)
    counts = Counter(r.alignment.label for r in rows if r.alignment is not None)
    return {"plan": plan, "rows": rows, "counts": sorted(counts.items()), "may_edit": can_review(request.user),
            "candidates": candidates(plan) if can_review(request.user) else [],
            "suggestions": sum(1 for r in rows if r.suggested is not None)}

"""Answers every page gives the same way: a refusal (403 page), a safe redirect back, a bounded upload, a page's
table as an Excel file (导出Excel: ``?format=xlsx`` on the page's own URL)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header, url_has_allowed_host_and_scheme
from django.utils.translation import gettext

MAX_UPLOAD = 20 * 1024 * 1024


def denied(request: HttpRequest, message: str, *, heading: str | None = None, status: int = 403) -> HttpResponse:
    """The refusal page: a sentence a person understands, with the status the refusal deserves."""
    context = {"message": message, **({"heading": heading} if heading else {})}
    return render(request, "web/denied.html", context, status=status)


def back(request: HttpRequest, default: str = "report") -> HttpResponse:
    """Redirect to ``next`` when it is an address on this site (url_has_allowed_host_and_scheme refuses
    ``https://evil.example``, ``//evil.example``, ``/\\evil.example``), else to the page named ``default``."""
    target = request.POST.get("next", "").strip()
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()},
                                                  require_https=request.is_secure()):
        return redirect(target)
    return redirect(default)


def uploaded(request: HttpRequest) -> tuple[bytes, str] | None:
    """The uploaded ``file`` (at most MAX_UPLOAD bytes), or None with the reason in the page's messages."""
    upload = request.FILES.get("file")
    if upload is None:
        messages.error(request, gettext("请选择要上传的文件"))
        return None
    if upload.size and upload.size > MAX_UPLOAD:
        messages.error(request, gettext("文件大小 %(size)s MB 超过上限 20 MB") % {"size": f"{upload.size / 1048576:.1f}"})
        return None
    return upload.read(MAX_UPLOAD + 1), upload.name or "upload"


def wants_xlsx(request: HttpRequest) -> bool:
    """导出Excel: the page asked with ``?format=xlsx`` (same URL, same parameters, same permission)."""
    return request.GET.get("format") == "xlsx"


def xlsx(data: bytes, filename: str) -> HttpResponse:
    """An .xlsx download named ``filename`` (Chinese names kept, RFC 6266)."""
    from ..core.attachments import media_type

    response = HttpResponse(data, content_type=media_type("xlsx"))
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response


def uploaded_workbook(data: bytes, refused: str = "") -> Any:
    """An uploaded .xlsx opened read-only for its values, after the zip-bomb check (core.readers.limits); a file
    that is not a workbook is an InputError a person understands (``refused`` is added to it: 未保存任何数据).
    Every Excel upload (分工, 填报模板, 重大项目台账) is opened here."""
    import tempfile

    from ..core.readers.sheet import open_workbook

    with tempfile.NamedTemporaryFile(suffix=".xlsx", delete=False) as fh:
        fh.write(data)
        path = Path(fh.name)
    try:  # the core's one opener, with the refusal in the page's language
        return open_workbook(path, refusal=gettext("不是有效的 Excel (.xlsx) 文件：%(kind)s") % {"kind": "{kind}"}
                             + refused)
    finally:
        path.unlink(missing_ok=True)  # a read-only workbook keeps its file open: removing the name is safe

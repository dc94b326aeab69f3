"""督办单 attachments go through the evidence checks (content sniffing, size limit): a real PDF is kept and
downloadable by those who read the notice; a file that is not what it says is refused and nothing is kept."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import User
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from planwatch.web.ledgers.models import NoticeAttachment, SupervisionNotice
from planwatch.web.ledgers.services import issue_notice
from planwatch.web.plans.models import Plan

from .items import led_by, pdf_file


def _notice(demo: Plan) -> SupervisionNotice:
    task = led_by(demo.tasks.order_by("id").first(), "统计局")
    return issue_notice(User.objects.get(username="fgj_admin"), task, "滞后", dt.date(2030, 1, 1))


def test_a_reply_with_a_pdf_is_kept_and_downloadable(reporter: Client, leader: Client, demo: Plan) -> None:
    notice = _notice(demo)
    response = reporter.post(f"/supervision/{notice.pk}/reply/", {
        "reply": "已整改", "files": [SimpleUploadedFile("整改报告.pdf", pdf_file())],
        "next": f"/supervision/{notice.pk}/"})
    assert response.status_code == 302 and response["Location"] == f"/supervision/{notice.pk}/"
    attachment = NoticeAttachment.objects.get(notice=notice)
    assert (attachment.name, attachment.kind) == ("整改报告.pdf", "pdf")
    download = leader.get(f"/supervision/files/{attachment.pk}/")
    assert download.status_code == 200 and b"".join(download.streaming_content).startswith(b"%PDF")


def test_a_disguised_file_is_refused_and_nothing_is_kept(reporter: Client, demo: Plan) -> None:
    notice = _notice(demo)
    before = set(default_storage.listdir("notices")[1]) if default_storage.exists("notices") else set()
    reporter.post(f"/supervision/{notice.pk}/reply/", {
        "reply": "已整改", "files": [SimpleUploadedFile("a.pdf", pdf_file()),
                                  SimpleUploadedFile("报告.pdf", b"MZ\x90\x00 not a pdf")]})
    notice.refresh_from_db()
    assert notice.status == "issued" and not NoticeAttachment.objects.filter(notice=notice).exists()
    after = set(default_storage.listdir("notices")[1]) if default_storage.exists("notices") else set()
    assert after == before  # the good file stored before the bad one was removed again

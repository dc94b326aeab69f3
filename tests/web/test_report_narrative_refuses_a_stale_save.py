"""Two admins editing the same report text: the page's form carries the version of each section it showed; a
save over a colleague's later text is refused as a whole (409), names who changed it, keeps what was typed in
the box and writes nothing; after reading the page again the same save goes through."""

from __future__ import annotations

import re

from django.contrib.auth.models import User
from django.test import Client

from planwatch.web.monitoring.models import ReportNarrative
from planwatch.web.plans.models import Plan

PAGE = "/reports/narrative/?plan={plan}&kind=final&year=2025"


def _seen(html: str, code: str) -> str:
    found = re.search(rf'name="seen-{code}" value="(\d+)"', html)
    assert found, f"the form carries no version for {code}"
    return found.group(1)


def test_a_save_over_a_colleagues_later_text_is_refused(admin_client: Client, demo: Plan) -> None:
    page = PAGE.format(plan=demo.pk)
    colleague = User.objects.create_user("fgj_admin2", password="x-Jinpu-2025", is_staff=True, is_superuser=True)
    other = Client()
    other.force_login(colleague)
    shown = admin_client.get(page).content.decode()  # both open the page on the generated draft
    mine, theirs = _seen(shown, "problems"), _seen(other.get(page).content.decode(), "problems")
    assert mine == theirs == "0"

    saved = other.post(page, {"text-problems": "同事的文本：消费恢复偏慢。", "seen-problems": theirs})
    assert saved.status_code == 302
    refused = admin_client.post(page, {"text-problems": "我的文本：创新投入不足。", "seen-problems": mine,
                                       "text-next_plan": "下一步建议。", "seen-next_plan": _seen(shown, "next_plan")})
    assert refused.status_code == 409
    body = refused.content.decode()
    assert "fgj_admin2" in body and "未保存任何章节" in body
    assert "我的文本：创新投入不足。" in body  # what was typed stays in the box
    assert "同事的文本：消费恢复偏慢。" in body  # and the colleague's text is on the page to read
    assert ReportNarrative.in_force(demo, "final", 2025) == {"problems": "同事的文本：消费恢复偏慢。"}  # all or none

    again = admin_client.post(page, {"text-problems": "我的文本：创新投入不足。", "seen-problems": _seen(body, "problems")})
    assert again.status_code == 302
    assert ReportNarrative.in_force(demo, "final", 2025) == {"problems": "我的文本：创新投入不足。"}


def test_an_unchanged_section_of_a_stale_form_is_no_conflict(admin_client: Client, demo: Plan) -> None:
    page = PAGE.format(plan=demo.pk)
    shown = admin_client.get(page).content.decode()
    admin_client.post(page, {"text-problems": "问题。", "seen-problems": _seen(shown, "problems")})
    # the same form again (say, a second click): the text in force is what it says, nothing to write or refuse
    repeat = admin_client.post(page, {"text-problems": "问题。", "seen-problems": _seen(shown, "problems")})
    assert repeat.status_code == 302
    assert ReportNarrative.objects.filter(plan=demo, section="problems").count() == 1

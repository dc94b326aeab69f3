"""`manage.py send_reminders`: an e-mail to each 填报员 with values still missing in a round closing within N days
(Django's mail settings; here the locmem backend). Without a mail server it refuses and sends nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.core.management import CommandError, call_command
from django.test import override_settings
from django.utils import timezone

from planwatch.web.monitoring.models import ReportingRound
from planwatch.web.monitoring.services import save_value
from planwatch.web.plans.models import Plan


def _closing_in(demo: Plan, days: int) -> None:
    round_ = ReportingRound.objects.get(plan=demo, year=2025)
    round_.deadline = timezone.localdate() + dt.timedelta(days=days)
    round_.save()


@override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend")
def test_it_mails_reporters_with_missing_values(demo: Plan) -> None:
    User.objects.filter(username="tjj_tianbao").update(email="tjj@example.cn")
    User.objects.filter(username="swj_tianbao").update(email="swj@example.cn")
    _closing_in(demo, 3)
    admin = User.objects.get(username="fgj_admin")
    for no in (2, 10, 11):  # 商务局 has entered everything: no reminder for it
        save_value(admin, demo.indicators.get(no=no), demo.region, 2025, 5.0, "示例")
    call_command("send_reminders", "--days", "5")
    assert [m.to for m in mail.outbox] == [["tjj@example.cn"]]
    body = mail.outbox[0].body
    assert "还有3天" in mail.outbox[0].subject
    assert "地区生产总值增长" in body and "常住居民人均可支配收入增长率" in body
    assert "社会消费品零售总额增长" not in body


@override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend")
def test_it_waits_until_the_deadline_is_near(demo: Plan) -> None:
    User.objects.filter(username="tjj_tianbao").update(email="tjj@example.cn")
    _closing_in(demo, 6)
    call_command("send_reminders", "--days", "5")
    assert mail.outbox == []
    call_command("send_reminders", "--days", "6")
    assert len(mail.outbox) == 1


@override_settings(EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend", EMAIL_HOST="")
def test_without_a_mail_server_it_refuses(demo: Plan) -> None:
    User.objects.filter(username="tjj_tianbao").update(email="tjj@example.cn")
    _closing_in(demo, 3)
    with pytest.raises(CommandError, match="未配置邮件服务器"):
        call_command("send_reminders")
    assert mail.outbox == []

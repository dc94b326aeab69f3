"""E-mail each 填报员 who still has values to enter in a round closing within N days (the same reminders the
report page shows as a banner: monitoring.services.reminders), one mail a person, each missing figure listed
once: a confirmed 指标库 entry asked by several plans' rounds of the same period is one line naming the plans
(一数一报, services.asks). Run it once a day (cron, a systemd timer); mail
goes through Django's mail settings (PLANWATCH_EMAIL_HOST …). Without a mail server it refuses, unless
``--dry-run`` only lists what would be sent."""

from __future__ import annotations

import argparse
from typing import Any

from django.conf import settings
from django.contrib.auth.models import User
from django.core.mail import send_mail
from django.core.management.base import BaseCommand, CommandError

from ...accounts.models import Role
from ...monitoring.services import asks, open_rounds, reminders

SMTP = "django.core.mail.backends.smtp.EmailBackend"


def _days(value: str) -> int:
    try:
        days = int(value)
    except ValueError:
        days = -1
    if not 0 <= days <= 366:
        raise argparse.ArgumentTypeError(f"提前天数须为0至366的整数，收到“{value}”")
    return days


def mail_configured() -> bool:
    """An SMTP server named in the settings, or another mail backend chosen (tests use locmem)."""
    return bool(settings.EMAIL_HOST) or settings.EMAIL_BACKEND != SMTP


class Command(BaseCommand):
    help = "向截止日期临近、仍有指标未填报的填报员发送提醒邮件"

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--days", type=_days, default=None,
                            help="截止前几天开始提醒（默认取 PLANWATCH_REMIND_DAYS，7天）")
        parser.add_argument("--dry-run", action="store_true", help="只列出将要发送的提醒，不发送")

    def handle(self, *args: Any, **options: Any) -> None:
        days = options["days"] if options["days"] is not None else settings.PLANWATCH_REMIND_DAYS
        dry = options["dry_run"]
        if not dry and not mail_configured():
            raise CommandError("未配置邮件服务器（PLANWATCH_EMAIL_HOST），未发送任何提醒；可加 --dry-run 查看将要发送的提醒")
        rounds = open_rounds()
        sent = 0
        reporters = User.objects.filter(is_active=True, profile__role=Role.REPORTER,
                                        profile__department__isnull=False).select_related("profile__department")
        for user in reporters.order_by("username"):
            due = reminders(user, rounds, days)
            if not due:
                continue
            if not user.email:
                self.stderr.write(f"{user.username}（{user.profile.department}）没有电子邮箱，未发送")
                continue
            lines = [f"{user.get_full_name() or user.username}：", ""]
            listed = asks((round_, missing) for round_, _, missing in due)
            for round_, left, missing in due:
                own = [a for a in listed if a.round.pk == round_.pk]
                head = f"《{round_.plan.title}》{round_.name}将于{round_.open_until():%Y-%m-%d}截止（还有{left}天）"
                if not own:  # every figure it asks for is asked above by another plan's round too
                    lines.extend([f"{head}，尚未填报的{len(missing)}项指标已在上文列出，填报一次即可。", ""])
                    continue
                lines.append(f"{head}，以下{len(own)}项指标尚未填报：")
                for a in own:
                    uses = "".join(f"《{p.title}》" for p in a.plans)
                    lines.append(f"  {a.indicator.display_no}. {a.indicator.name}（{a.indicator.unit}）"
                                 + (f"  用于：{uses}（同一数据，填报一次即可）" if a.shared else ""))
                lines.append("")
            lines.append("请登录规划实施监测评估平台“数据填报”页面填报，或下载填报模板批量填写后上传。")
            subject = f"【填报提醒】{due[0][0].name}还有{due[0][1]}天截止"
            if dry:
                self.stdout.write(f"{user.email}：{subject}")
                continue
            send_mail(subject, "\n".join(lines), settings.DEFAULT_FROM_EMAIL, [user.email])
            sent += 1
        if not dry:
            self.stdout.write(f"已发送 {sent} 封提醒邮件")

from __future__ import annotations

import argparse
from typing import Any

from django.contrib.auth.models import User
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from ...accounts.models import TOKEN_DAYS, TOKEN_MAX_DAYS, ApiToken


def _days(value: str) -> int:
    try:
        days = int(value)
    except ValueError:
        days = 0
    if not 1 <= days <= TOKEN_MAX_DAYS:
        raise argparse.ArgumentTypeError(f"有效期须为1至{TOKEN_MAX_DAYS}天的整数，收到“{value}”")
    return days


class Command(BaseCommand):
    help = "为用户签发 API 令牌（令牌只显示这一次；到期日期写到标准错误输出）"

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("username")
        parser.add_argument("name", help="用途，如“统计局数据接口”")
        parser.add_argument("--days", type=_days, default=TOKEN_DAYS,
                            help=f"有效天数（1至{TOKEN_MAX_DAYS}，默认{TOKEN_DAYS}）；用户修改密码时令牌一律撤销")

    def handle(self, *args: Any, **options: Any) -> None:
        user = User.objects.filter(username=options["username"]).first()
        if user is None:
            raise CommandError(f"没有用户 {options['username']}")
        token, key = ApiToken.issue(user, options["name"], days=options["days"])
        self.stdout.write(key)  # stdout carries the key alone, for scripts
        self.stderr.write(f"有效期至 {timezone.localtime(token.expires):%Y-%m-%d %H:%M}")

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import User
from django.core.management.base import BaseCommand, CommandError

from ...accounts.models import ApiToken


class Command(BaseCommand):
    help = "为用户签发 API 令牌（令牌只显示这一次）"

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("username")
        parser.add_argument("name", help="用途，如“统计局数据接口”")

    def handle(self, *args: Any, **options: Any) -> None:
        user = User.objects.filter(username=options["username"]).first()
        if user is None:
            raise CommandError(f"没有用户 {options['username']}")
        _, key = ApiToken.issue(user, options["name"])
        self.stdout.write(key)

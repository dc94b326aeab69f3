from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from ...demo import load_demo
from ...plans.models import Plan


class Command(BaseCommand):
    help = "导入金普新区“十四五”规划、公开数据、模拟数据和演示账户"

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--no-simulated", action="store_true", help="不生成模拟数据")

    def handle(self, *args: Any, **options: Any) -> None:
        if Plan.objects.exists():
            raise CommandError("数据库中已有规划，未重复导入")
        plan = load_demo(simulated=not options["no_simulated"])
        self.stdout.write(f"已导入：{plan.title}（{plan.indicators.count()}项指标）")

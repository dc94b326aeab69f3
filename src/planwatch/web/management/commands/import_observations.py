from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from ....core.errors import PlanwatchError
from ...monitoring.bulk import import_observations
from ...monitoring.models import Status
from ...plans.models import Plan


class Command(BaseCommand):
    help = "从 CSV 批量导入观测数据（一个事务：中途中断不留下任何数据，可直接重新运行）"

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("plan", type=int, help="规划编号")
        parser.add_argument("csv")
        parser.add_argument("--status", default=Status.PUBLISHED, choices=Status.values)
        parser.add_argument("--simulated", action="store_true", help="标记为模拟数据")

    def handle(self, *args: Any, **options: Any) -> None:
        plan = Plan.objects.filter(pk=options["plan"]).first()
        if plan is None:
            raise CommandError(f"没有编号为 {options['plan']} 的规划")
        try:
            n = import_observations(plan, Path(options["csv"]), options["status"], options["simulated"],
                                    progress=lambda text: (self.stderr.write(text), self.stderr.flush()))
        except PlanwatchError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"已导入 {n} 条观测数据")

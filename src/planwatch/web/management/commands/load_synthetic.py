from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from ....core.errors import PlanwatchError
from ...synthetic_load import load_country


class Command(BaseCommand):
    help = "载入模拟全国数据（模拟数据）：国家→省→市→县地区树、主要指标、约百万条县级数据、各省规划及其衔接关系"

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--counties", type=int, default=3000, help="县级地区数（默认 3000）")
        parser.add_argument("--indicators", type=int, default=60, help="指标数（金普 23 项加生成的模拟指标，默认 60）")
        parser.add_argument("--seed", type=int, default=2021)
        parser.add_argument("--no-provincial-plans", action="store_true", help="不生成各省规划")
        parser.add_argument("--provinces", type=int, default=31, help="省级地区数（默认 31）")
        parser.add_argument("--shared-entries", action="store_true",
                            help="一数多用：各省规划与全国规划共用已确认的指标库条目，县级数据填报在所属省的规划下")

    def handle(self, *args: Any, **options: Any) -> None:
        if not 1 <= options["counties"] <= 100_000 or not 23 <= options["indicators"] <= 1000:
            raise CommandError("县级地区数应在 1—100000 之间，指标数应在 23—1000 之间")
        if not 1 <= options["provinces"] <= 100:
            raise CommandError("省级地区数应在 1—100 之间")
        try:
            loaded = load_country(options["counties"], options["indicators"], options["seed"],
                                  not options["no_provincial_plans"],
                                  progress=lambda text: (self.stderr.write(text), self.stderr.flush()),
                                  provinces=options["provinces"], shared_entries=options["shared_entries"])
        except PlanwatchError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"已载入模拟数据：规划编号 {loaded.plan.pk}，{loaded.regions} 个地区，"
                          f"{loaded.observations} 条观测数据，{len(loaded.weaker)} 个省级规划")

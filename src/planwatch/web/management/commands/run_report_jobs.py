"""Run the queued 分地区批量报告 and those whose worker died (web.report_jobs); ``--loop`` keeps polling."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand

from planwatch.web import report_jobs


class Command(BaseCommand):
    help = "生成排队中的分地区批量报告（以及工作进程中断的批量报告）；--loop 持续轮询"

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--loop", action="store_true", help="持续运行，每隔 --every 秒检查一次")
        parser.add_argument("--every", type=float, default=5.0, help="轮询间隔（秒，默认 5）")

    def handle(self, *args: Any, loop: bool = False, every: float = 5.0, **options: Any) -> None:
        while True:
            report_jobs.clean_old()  # zips past their keeping time
            for pk in report_jobs.pending():
                if report_jobs.run(pk):
                    self.stdout.write(f"批量报告 {pk} 已处理")
            if not loop:
                return
            time.sleep(every)

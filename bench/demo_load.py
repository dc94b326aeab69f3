"""Demo load time (`planwatch serve --demo`, run.sh and every web test session load it): the district's demo alone,
and the national 14th and 15th FYP tables with the 14th's published values added to it (issue #17), in one run.
Each run loads into an empty test database inside a transaction rolled back after it. Goal: the national plans
cost at most 2 s more (else they would become an option)."""

from __future__ import annotations

import os
import statistics
import sys
import time

sys.path.insert(0, os.path.dirname(__file__))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "planwatch.web.test_settings")

import django

django.setup()

from common import machine, write_section
from django.db import transaction
from django.test.utils import setup_databases, setup_test_environment

RUNS = int(os.environ.get("BENCH_RUNS", "7"))


class _Undo(Exception):
    pass


def main() -> None:
    from planwatch.web.demo import load_demo, load_national

    setup_test_environment()
    setup_databases(verbosity=0, interactive=False)
    district, national = [], []
    for _ in range(RUNS + 1):  # the first run warms imports and caches and is not counted
        try:
            with transaction.atomic():
                start = time.perf_counter()
                load_demo(national=False)
                middle = time.perf_counter()
                load_national()
                district.append(middle - start)
                national.append(time.perf_counter() - middle)
                raise _Undo
        except _Undo:
            pass
    d, n = statistics.median(district[1:]), statistics.median(national[1:])
    write_section("demo-load", [
        f"Machine: {machine()}  ",
        f"Medians of {RUNS} runs after one warm-up run, SQLite test database, each run rolled back.",
        "",
        "| measurement | median | baseline (same run) | baseline median | ratio | goal | met |",
        "|---|---:|---|---:|---:|---|---|",
        (f"| demo + national 14th/15th tables and the 14th's published values | {(d + n) * 1000:.0f} ms | "
         f"the district's demo alone | {d * 1000:.0f} ms | {(d + n) / d:.2f}× | national part ≤ 2 s extra "
         f"({n * 1000:.0f} ms) | {'yes' if n <= 2 else 'NO'} |"),
    ])


if __name__ == "__main__":
    main()

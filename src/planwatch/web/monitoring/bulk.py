"""Bulk import of observations from CSV: validated by the core first, then written in one transaction —
PostgreSQL COPY, or batched inserts on SQLite. A process killed half-way leaves no rows behind (the
transaction never commits), so the same command can simply be run again; re-running a finished import
is refused row by row as duplicates, never doubled."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from ...core.errors import PlanwatchError
from ...core.observations import EXPECTED, PARTIAL, ObservationTable, read_observations
from ..accounts.models import Region
from ..limits import column_max
from ..plans.models import Plan, touch_plans
from .models import Flag, Observation, Status

FLAGS = {EXPECTED: Flag.EXPECTED, PARTIAL: Flag.PARTIAL}


def import_observations(plan: Plan, path: Path, status: str = Status.PUBLISHED, simulated: bool = False,
                        batch: int = 5000, progress: Callable[[str], None] | None = None) -> int:
    """Import a CSV (indicator, year, value[, region, source, flag, unit]); returns the number of rows written."""
    from .services import core_indicators, region_subtree

    indicators = list(core_indicators(plan))
    table = read_observations(path, indicators, plan.region.name)  # every row checked before any is written
    regions = {r.name: r.pk for r in Region.objects.filter(name__in=table.regions)}
    missing = [r for r in table.regions if r not in regions]
    if missing:
        raise PlanwatchError(f"数据中的地区不存在：{'、'.join(missing[:10])}（请先在后台添加地区）")
    within = region_subtree(plan.region)[0]  # the plan's regions: its own and those below it, in one query
    outside = [r for r in table.regions if regions[r] not in within]
    if outside:
        raise PlanwatchError(f"数据中的地区不在本规划的范围内：{'、'.join(outside[:10])}"
                             f"（只能导入{plan.region.name}及其下级地区的数据），未导入任何数据")
    longest = max(table.sources, key=len, default="")
    if len(longest) > (limit := column_max(Observation, "source")):
        raise PlanwatchError(f"数据中的来源“{longest[:20]}…”有{len(longest)}个字，来源最多{limit}个字，未导入任何数据")
    ids = dict(plan.indicators.values_list("no", "pk"))
    region_ids = [regions[name] for name in table.regions]
    if progress:
        progress(f"已校验 {len(table)} 行，开始写入")
    return write_table(plan, table, ids, region_ids, status, simulated, timezone.now(), batch)


_COPY_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def _copy_text(value: str) -> str:
    """Escape a value for PostgreSQL COPY text format."""
    return value.translate(_COPY_ESCAPES)


def write_table(plan: Plan, table: ObservationTable, ids: dict[int, int], region_ids: list[int], status: str,
                simulated: bool, now: Any, batch: int = 5000) -> int:
    """Write a validated table in one transaction (``ids``: indicator number → id; ``region_ids``: the
    table's region positions → ids). Duplicates of stored values refuse the whole table."""
    rows = zip(table.indicator.tolist(), table.region.tolist(), table.year.tolist(), table.value.tolist(),
               table.flag.tolist(), table.source.tolist(), strict=True)
    try:
        return _write(plan, table, ids, region_ids, rows, status, simulated, batch, now)
    except IntegrityError as exc:
        raise PlanwatchError("导入的数据与已有数据重复（同一指标、地区、年份、来源），未导入任何数据") from exc


def _write(plan: Plan, table: Any, ids: dict[int, int], region_ids: list[int], rows: Any, status: str,
           simulated: bool, batch: int, now: Any) -> int:
    with transaction.atomic():
        existing = Observation.objects.filter(indicator__plan=plan).count()
        if connection.vendor == "postgresql":
            columns = ("indicator_id", "region_id", "year", "value", "flag", "period", "source", "simulated",
                       "status", "comment", "version", "updated_at")
            # the raw psycopg cursor bypasses Django's error mapping: restore it (IntegrityError on duplicates)
            with connection.wrap_database_errors, connection.cursor() as cursor, cursor.connection.cursor().copy(
                    f"COPY monitoring_observation ({', '.join(columns)}) FROM STDIN") as copy:
                # COPY's text format, written in chunks: the per-row work is one f-string
                sources = [_copy_text(x) for x in table.sources]
                flags = {code: str(FLAGS.get(code, Flag.FINAL)) for code in (0, 1, 2)}
                tail = f"\t{'t' if simulated else 'f'}\t{_copy_text(status)}\t\t1\t{now.isoformat()}\n"
                chunk: list[str] = []
                for ind, reg, year, value, flag, source in rows:
                    chunk.append(f"{ids[ind]}\t{region_ids[reg]}\t{year}\t{value!r}\t{flags[flag]}\t\t"
                                 f"{sources[source]}{tail}")
                    if len(chunk) >= batch:
                        copy.write("".join(chunk))
                        chunk.clear()
                copy.write("".join(chunk))
        else:
            buffer: list[Observation] = []
            for ind, reg, year, value, flag, source in rows:
                buffer.append(Observation(indicator_id=ids[ind], region_id=region_ids[reg], year=year, value=value,
                                          flag=FLAGS.get(flag, Flag.FINAL), source=table.sources[source],
                                          simulated=simulated, status=status))
                if len(buffer) >= batch:
                    Observation.objects.bulk_create(buffer)
                    buffer.clear()
            Observation.objects.bulk_create(buffer)
        written = Observation.objects.filter(indicator__plan=plan).count() - existing
        touch_plans([plan.pk])  # COPY and bulk_create send no model signals
    return written

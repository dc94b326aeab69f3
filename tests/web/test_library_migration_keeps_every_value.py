"""Moving the existing data into the 指标库 (issue 17, item 1; migration plans 0012): on a database of its own (a
SQLite file, or a scratch PostgreSQL database when the suite runs on PostgreSQL) holding the demo, the plans app is
migrated back to 0011 and forward again. The observations, their history and the indicators are the same row for
row (digests before and after); indicators of the same name and unit share one unconfirmed entry. Interrupted in
its data step, the migration leaves the schema and the data as they were (one transaction on both databases)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connection

SCRIPT = r'''
import hashlib, json, os, sys
import django
django.setup()
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from planwatch.web import demo
from planwatch.web.plans import library

BEFORE, AFTER = ("plans", "0011_succession_and_target_revisions"), ("plans", "0012_indicator_library")
TABLES = ("monitoring_observation", "monitoring_observationevent")


def digest(table, columns=None):
    with connection.cursor() as cur:
        names = columns or [c.name for c in connection.introspection.get_table_description(cur, table)]
        cur.execute(f"SELECT {', '.join(names)} FROM {table} ORDER BY id")
        rows = cur.fetchall()
    return len(rows), hashlib.sha256(repr(rows).encode()).hexdigest(), names


def migrate(target):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate([target])


def state():
    with connection.cursor() as cur:
        tables = set(connection.introspection.table_names(cur))
        columns = [c.name for c in connection.introspection.get_table_description(cur, "plans_indicator")]
    return {"entry_table": "plans_indicatorentry" in tables, "entry_column": "entry_id" in columns}


call_command("migrate", verbosity=0)
demo.load_demo(simulated=True)
migrate(BEFORE)
indicator_columns = digest("plans_indicator")[2]
before = {t: digest(t)[:2] for t in TABLES} | {"plans_indicator": digest("plans_indicator")[:2]}
out = {"before": before, "state_at_0011": state()}

original = library.link_existing
def interrupted(*args):
    original(*args)  # every entry written, then the process is cut off
    raise RuntimeError("interrupted")
library.link_existing = interrupted
try:
    migrate(AFTER)
    out["interrupted"] = False
except RuntimeError:
    out["interrupted"] = True
library.link_existing = original
out["state_after_interruption"] = state()
out["after_interruption"] = {t: digest(t)[:2] for t in TABLES} | {
    "plans_indicator": digest("plans_indicator", indicator_columns)[:2]}

call_command("migrate", verbosity=0)
out["state_after"] = state()
out["after"] = {t: digest(t)[:2] for t in TABLES} | {
    "plans_indicator": digest("plans_indicator", indicator_columns)[:2]}
from planwatch.web.plans.models import Indicator, IndicatorEntry
out["without_entry"] = Indicator.objects.filter(entry__isnull=True).count()
out["keys"] = len({library.entry_key(i.name, i.unit) for i in Indicator.objects.all()})
out["entries"] = IndicatorEntry.objects.count()
out["confirmed"] = IndicatorEntry.objects.filter(confirmed=True).count()
out["mixed"] = sum(len({library.entry_key(i.name, i.unit) for i in e.indicators.all()}) != 1
                   for e in IndicatorEntry.objects.all())
out["shared"] = sum(e.indicators.count() > 1 for e in IndicatorEntry.objects.all())
print(json.dumps(out))
'''


def _scratch_database(tmp_path: Path) -> tuple[str, Any]:
    """A database URL of its own, and how to drop it afterwards."""
    if connection.vendor != "postgresql":
        return f"sqlite:///{tmp_path / 'migration.sqlite3'}", lambda: None
    import psycopg

    db = settings.DATABASES["default"]
    name = f"libmig_{uuid.uuid4().hex[:8]}"
    server = {"host": db["HOST"] or "127.0.0.1", "port": db["PORT"] or 5432, "user": db["USER"],
              "password": db["PASSWORD"]}
    with psycopg.connect(dbname="postgres", autocommit=True, **server) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')

    def drop() -> None:
        with psycopg.connect(dbname="postgres", autocommit=True, **server) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    url = f"postgres://{server['user']}:{server['password'] or ''}@{server['host']}:{server['port']}/{name}"
    return url, drop


def test_the_library_migration_keeps_every_value_and_is_all_or_nothing(tmp_path: Path) -> None:
    url, drop = _scratch_database(tmp_path)
    env = {**os.environ, "DATABASE_URL": url, "PLANWATCH_DATA": str(tmp_path),
           "DJANGO_SETTINGS_MODULE": "planwatch.web.test_settings"}
    try:
        run = subprocess.run([sys.executable, "-c", SCRIPT], env=env, capture_output=True, text=True, timeout=600,
                             check=False)
    finally:
        drop()
    assert run.returncode == 0, run.stderr[-3000:]
    out = json.loads(run.stdout.strip().splitlines()[-1])
    assert out["before"]["monitoring_observation"][0] > 100  # the demo's values are there to keep
    assert out["state_at_0011"] == {"entry_table": False, "entry_column": False}
    # interrupted after its data step: nothing of it is left, and nothing else changed
    assert out["interrupted"] is True
    assert out["state_after_interruption"] == {"entry_table": False, "entry_column": False}
    assert out["after_interruption"] == out["before"]
    # completed: every observation, every history row and every indicator as it was
    assert out["state_after"] == {"entry_table": True, "entry_column": True}
    assert out["after"] == out["before"]
    assert out["without_entry"] == 0 and out["mixed"] == 0
    assert out["entries"] == out["keys"]  # one entry per measure
    assert out["shared"] > 0  # the demo's national 14th and 15th tables share measures
    assert out["confirmed"] == 0  # no plan reads another's values until the admin confirms

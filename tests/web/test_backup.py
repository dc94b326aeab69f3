"""`planwatch backup` / `restore` round-trip the database exactly (checked by a digest of every row)."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest
from django.contrib.auth.models import User

from planwatch.core.errors import InputError
from planwatch.web.backup import backup, digest, restore
from planwatch.web.monitoring.models import Observation
from planwatch.web.monitoring.services import save_value
from planwatch.web.plans.models import Plan, SearchDoc
from planwatch.web.plans.search import search


def test_a_backup_restores_exactly(demo: Plan, tmp_path: Path) -> None:
    path = tmp_path / "backup.json.gz"
    recorded = backup(path)
    assert recorded == digest()
    save_value(User.objects.get(username="tjj_tianbao"), demo.indicators.get(no=1), demo.region, 2025, 9.9,
               source="after backup")
    Observation.objects.filter(pk__in=list(Observation.objects.filter(simulated=True).values_list("pk", flat=True)[:5])
                               ).delete()
    assert digest() != recorded
    assert restore(path) == recorded
    assert digest() == recorded
    assert search(Plan.objects.filter(parent__isnull=True).order_by("id").first(), "氢能")  # the search index came back with the rows
    assert SearchDoc.objects.count() > 0


def test_a_damaged_backup_changes_nothing(demo: Plan, tmp_path: Path) -> None:
    path = tmp_path / "backup.json.gz"
    backup(path)
    raw = gzip.decompress(path.read_bytes()).decode()
    header, payload = raw.split("\n", 1)
    broken = tmp_path / "broken.json.gz"
    broken.write_bytes(gzip.compress((header + "\n" + payload[: len(payload) // 2]).encode()))
    before = digest()
    with pytest.raises(InputError, match="未做任何修改"):
        restore(broken)
    assert digest() == before


def test_a_file_that_is_not_a_backup_is_refused(demo: Plan, tmp_path: Path) -> None:
    path = tmp_path / "x.json.gz"
    path.write_bytes(b"not gzip at all")
    before = digest()
    with pytest.raises(InputError, match="不是有效的 Planwatch 备份文件"):
        restore(path)
    assert digest() == before


def test_the_commands_round_trip_a_real_database(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL"))}
    env.update({"PLANWATCH_DATA": str(tmp_path / "var")})

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "planwatch", *args], env=env, capture_output=True, text=True,
                              timeout=120, check=False)

    assert run("manage", "migrate", "-v0").returncode == 0
    assert run("manage", "load_demo").returncode == 0
    first = run("backup", str(tmp_path / "b.json.gz"))
    assert first.returncode == 0 and "校验值" in first.stdout
    restored = run("restore", str(tmp_path / "b.json.gz"))
    assert restored.returncode == 0 and "与备份一致" in restored.stdout
    missing = run("restore", str(tmp_path / "none.json.gz"))
    assert missing.returncode == 2 and "文件不存在" in missing.stderr and "Traceback" not in missing.stderr

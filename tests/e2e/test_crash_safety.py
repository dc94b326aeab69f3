"""A bulk import killed in the middle of writing leaves the database as it was; running it again completes it."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from .servers import clean_env, own_database

pytestmark = pytest.mark.slow
ROWS = 300_000


@pytest.mark.parametrize("database", ["sqlite", "postgresql"])
def test_a_killed_import_leaves_nothing_and_can_run_again(tmp_path: Path, database: str) -> None:
    from planwatch.synthetic import write_csv

    env = clean_env(tmp_path / "var")
    with own_database(database, f"planwatch_crash_{os.getpid()}") as pg_url:
        if pg_url:
            env["DATABASE_URL"] = pg_url
        exe = Path(sys.executable).parent
        for args in (["migrate", "-v0"], ["load_demo"]):
            subprocess.run([exe / "planwatch", "manage", *args], env=env, check=True, capture_output=True)
        data = tmp_path / "big.csv"
        write_csv(data, ROWS)

        def count() -> int:
            out = subprocess.run([exe / "planwatch", "manage", "shell", "-c",
                                  "from planwatch.web.monitoring.models import Observation as O; print(O.objects.count())"],
                                 env=env, check=True, capture_output=True, text=True)
            return int(out.stdout.strip().splitlines()[-1])  # the shell announces its auto-imports first

        before = count()
        proc = subprocess.Popen([exe / "planwatch", "manage", "import_observations", "1", str(data)], env=env,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        assert proc.stderr is not None
        line = proc.stderr.readline()  # printed once every row is checked, just before the transaction opens
        assert "开始写入" in line, line
        time.sleep(0.5)  # well inside the write (300,000 rows take seconds)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
        assert proc.returncode == -signal.SIGKILL
        assert count() == before  # nothing half-written
        again = subprocess.run([exe / "planwatch", "manage", "import_observations", "1", str(data)], env=env,
                               capture_output=True, text=True, timeout=600, check=False)
        assert again.returncode == 0, again.stderr
        assert count() == before + ROWS

"""schemathesis against /api/openapi.json of a real demo server, with an admin token: 0 server errors."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow


def test_the_api_survives_generated_requests(tmp_path: Path) -> None:
    exe = Path(sys.executable).parent
    if not (exe / "schemathesis").exists() and shutil.which("schemathesis") is None:
        pytest.skip("schemathesis is part of the test extra")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL"))}
    env.update({"PLANWATCH_DATA": str(tmp_path / "var"), "PLANWATCH_DEBUG": "1"})
    subprocess.run([exe / "planwatch", "manage", "migrate", "-v0"], env=env, check=True, capture_output=True)
    subprocess.run([exe / "planwatch", "manage", "load_demo"], env=env, check=True, capture_output=True)
    token = subprocess.run([exe / "planwatch", "manage", "issue_token", "fgj_admin", "fuzz"], env=env, check=True,
                           capture_output=True, text=True).stdout.strip()
    port = 19000 + os.getpid() % 1000
    server = subprocess.Popen([exe / "planwatch", "serve", "--port", str(port)], env=env, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/api/plans", timeout=2)
                break
            except OSError:
                time.sleep(0.3)
        run = subprocess.run([exe / "schemathesis", "run", f"http://127.0.0.1:{port}/api/openapi.json", "-H",
                              f"Authorization: Bearer {token}", "--checks", "not_a_server_error", "--max-examples",
                              "25", "--seed", "2021", "--workers", "2"], capture_output=True, text=True, timeout=600,
                             check=False)
    finally:
        server.terminate()
        server.wait(timeout=10)
    summary = re.search(r"(\d+) generated, (\d+) passed", run.stdout)
    assert run.returncode == 0 and summary is not None, run.stdout[-3000:]
    assert summary.group(1) == summary.group(2) and int(summary.group(1)) > 100
    (Path(__file__).resolve().parents[2] / "out").mkdir(exist_ok=True)
    (Path(__file__).resolve().parents[2] / "out" / "schemathesis.txt").write_text(run.stdout, encoding="utf-8")

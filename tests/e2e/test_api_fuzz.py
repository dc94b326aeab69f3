"""schemathesis against /api/openapi.json of a real demo server, with an admin token: 0 server errors."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .servers import clean_env, free_port, wait_until_up

pytestmark = pytest.mark.slow


def test_the_api_survives_generated_requests(tmp_path: Path) -> None:
    exe = Path(sys.executable).parent
    if not (exe / "schemathesis").exists() and shutil.which("schemathesis") is None:
        pytest.skip("schemathesis is part of the test extra")
    env = clean_env(tmp_path / "var")
    subprocess.run([exe / "planwatch", "manage", "migrate", "-v0"], env=env, check=True, capture_output=True)
    subprocess.run([exe / "planwatch", "manage", "load_demo"], env=env, check=True, capture_output=True)
    token = subprocess.run([exe / "planwatch", "manage", "issue_token", "fgj_admin", "fuzz"], env=env, check=True,
                           capture_output=True, text=True).stdout.strip()
    port = free_port()
    server = subprocess.Popen([exe / "planwatch", "serve", "--port", str(port)], env=env, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    try:
        wait_until_up(f"http://127.0.0.1:{port}/api/plans")
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

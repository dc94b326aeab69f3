"""`planwatch serve --demo` (what `bash run.sh` runs) is a production server: gunicorn with one worker per core,
DEBUG off, no development-server warning, a secret key generated on first start and kept in the data folder, so
that a signed-in person stays signed in across a restart."""

from __future__ import annotations

import os
import re
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Self

import pytest
import requests

from .servers import clean_env, free_port, signed_in, wait_until_up

pytestmark = pytest.mark.slow


class _Server:
    def __init__(self, data: Path) -> None:
        self.data, self.port = data, free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.log = data.parent / f"serve-{self.port}.log"

    def __enter__(self) -> Self:
        env = clean_env(self.data)
        env.pop("PLANWATCH_SECRET_KEY", None)
        env.pop("PLANWATCH_DEBUG", None)
        self.proc = subprocess.Popen([sys.executable, "-m", "planwatch", "serve", "--demo", "--port", str(self.port)],
                                     env=env, stdout=self.log.open("wb"), stderr=subprocess.STDOUT)
        wait_until_up(self.base + "/public/", self.proc, tries=240)
        return self

    def __exit__(self, *exc: object) -> None:
        self.proc.terminate()
        self.proc.wait(timeout=30)

    def output(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    yield tmp_path_factory.mktemp("serve") / "var"


def test_the_demo_runs_on_gunicorn_with_debug_off(data: Path) -> None:
    with _Server(data) as server:
        missing = requests.get(server.base + "/no-such-page/", timeout=60)
        output = server.output()
    assert missing.status_code == 404 and missing.headers.get("Server", "").startswith("gunicorn")
    assert "页面不存在" in missing.text  # the platform's own page ...
    assert "URLconf" not in missing.text and "plans/<int:pk>/" not in missing.text  # ... not DEBUG's route list
    assert "development server" not in output and "DEBUG" not in output
    assert re.search(r"(\d+) 个工作进程", output) and int(re.search(r"(\d+) 个工作进程", output)[1]) == len(  # type: ignore[index]
        os.sched_getaffinity(0))


def test_the_secret_key_is_generated_once_and_sessions_survive_a_restart(data: Path) -> None:
    key = data / "secret_key"
    with _Server(data) as server:
        assert stat.S_IMODE(key.stat().st_mode) == 0o600 and len(key.read_text().strip()) >= 50
        first = key.read_text()
        session = signed_in(server.base, "lingdao", "Jinpu-leader-2025")
    with _Server(data) as server:
        assert key.read_text() == first  # kept, not regenerated
        page = session.get(server.base + "/overview/", timeout=60)
    assert page.status_code == 200 and "lingdao" in page.text  # still signed in: the same key signed the session

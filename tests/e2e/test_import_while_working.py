"""A long plan import on the embedded SQLite database (the default `planwatch serve`) blocks nobody: while the
发改局 imports a 3.5 MB plan through the web page, the public portal answers and reporters' values are saved —
no "database is locked", no time-out. The import segments its search text before it takes the write lock."""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests

from .servers import clean_env, csrf_token, free_port, signed_in, wait_until_up

pytestmark = pytest.mark.slow
JINPU = Path(__file__).resolve().parents[2] / "src" / "planwatch" / "data" / "plans" / "jinpu-14th-fyp.txt"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    """(base URL, an API token of the 统计局 reporter) of `planwatch serve --demo`."""
    env = clean_env(tmp_path_factory.mktemp("import") / "var")
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "planwatch", "serve", "--demo", "--port", str(port)],
                            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(base + "/public/", proc, tries=240)
        out = subprocess.run([sys.executable, "-m", "planwatch", "manage", "issue_token", "tjj_tianbao", "导入测试"],
                             env=env, check=True, capture_output=True, text=True).stdout
        yield base, next(line for line in out.split() if line.startswith("pw_"))
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def _big_plan() -> bytes:
    """The Jinpu outline followed by sixteen copies of its body as one more chapter: 3.5 MB of real plan text."""
    text = JINPU.read_text(encoding="utf-8")
    return (text + "\n第十一章 附录\n第一节 补充说明\n" + "\n".join([text[10_000:200_000]] * 16)).encode()


def test_readers_and_writers_go_on_during_a_long_import(server: tuple[str, str]) -> None:
    server, token = server
    admin = signed_in(server, "fgj_admin", "Jinpu-admin-2025")
    form = csrf_token(admin, server, "/plans/import/")
    outcome: dict[str, object] = {}

    def import_big_plan() -> None:
        began = time.monotonic()
        response = admin.post(server + "/plans/import/", data={"csrfmiddlewaretoken": form, "region": "1",
                                                               "title": "大文件导入测试"},
                              files={"file": ("big-plan.txt", _big_plan(), "text/plain")},
                              headers={"Referer": server + "/plans/import/"}, timeout=300)
        outcome.update(status=response.status_code, url=response.url, seconds=time.monotonic() - began)

    importing = threading.Thread(target=import_big_plan)
    importing.start()
    reads: list[tuple[int, float]] = []
    writes: list[tuple[int, float]] = []
    n = 0
    while importing.is_alive():
        began = time.monotonic()
        reads.append((requests.get(server + "/public/", timeout=60).status_code, time.monotonic() - began))
        began = time.monotonic()
        response = requests.post(server + "/api/observations", json={
            "indicator": 1, "year": 2025, "value": 5 + n / 1000, "source": f"import-{n}", "comment": "导入期间填报"},
            headers={"Authorization": f"Bearer {token}"}, timeout=60)
        writes.append((response.status_code, time.monotonic() - began))
        n += 1
    importing.join()
    assert outcome["status"] == 200 and "/plans/" in str(outcome["url"]), outcome  # the import itself succeeded
    assert reads and all(status == 200 for status, _ in reads), reads
    assert writes and all(status == 201 for status, _ in writes), writes
    slowest = max(seconds for _, seconds in reads + writes)
    print(f"import {outcome['seconds']:.1f} s; {len(reads)} reads (slowest {max(s for _, s in reads):.1f} s) and "
          f"{len(writes)} writes (slowest {max(s for _, s in writes):.1f} s) meanwhile")
    assert slowest < 20  # people wait, but nobody times out (SQLite writers queue for up to 30 s)

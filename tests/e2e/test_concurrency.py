"""32 clients at once against a real server (gunicorn, 4 workers) on PostgreSQL: submitting, approving and
editing the same items. Nothing may be lost or duplicated, every success must leave a history row, and the
server must never answer 500."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import urllib.error
import urllib.request
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

from .servers import free_port, wait_until_up

PG = os.environ.get("PLANWATCH_TEST_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/postgres")
CLIENTS = 32
pytestmark = pytest.mark.slow


def _pg_available() -> bool:
    try:
        import psycopg

        psycopg.connect(PG, connect_timeout=3).close()
        return True
    except Exception:  # noqa: BLE001 - any failure means: no server to test against
        return False


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, dict[str, str], str]]:
    if not _pg_available():
        pytest.skip("PostgreSQL is needed on 127.0.0.1:5432")
    import psycopg

    name = f"planwatch_concurrency_{os.getpid()}"
    with psycopg.connect(PG, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')
    url = PG.rsplit("/", 1)[0] + "/" + name
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update({"DATABASE_URL": url, "PLANWATCH_SECRET_KEY": "concurrency-test-" + "k" * 50, "PLANWATCH_HTTPS": "0",
                "PLANWATCH_DATA": str(tmp_path_factory.mktemp("var")), "DJANGO_SETTINGS_MODULE": "planwatch.web.settings"})
    exe = Path(sys.executable).parent
    for args in (["manage", "migrate", "-v0"], ["manage", "load_demo"]):
        subprocess.run([exe / "planwatch", *args], env=env, check=True, capture_output=True)
    tokens = {}
    for user in ("fgj_admin", "tjj_tianbao"):
        out = subprocess.run([exe / "planwatch", "manage", "issue_token", user, "并发测试"], env=env, check=True,
                             capture_output=True, text=True)
        tokens[user] = out.stdout.strip()
    port = free_port()
    proc = subprocess.Popen([exe / "gunicorn", "planwatch.web.wsgi", "-w", "4", "--threads", "2", "-b",
                             f"127.0.0.1:{port}", "--log-level", "warning"], env=env)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(base + "/api/plans")
        yield base, tokens, url
    finally:
        proc.terminate()
        proc.wait(timeout=15)
        with psycopg.connect(PG, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _post(base: str, path: str, token: str, body: dict[str, object]) -> tuple[int, dict[str, object]]:
    request = urllib.request.Request(base + path, data=json.dumps(body).encode(), method="POST", headers={
        "Authorization": f"Bearer {token}", "Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read() or b"{}")


def _together(work: list[object]) -> list[object]:
    """Run the callables at the same moment, one thread each."""
    results: list[object] = [None] * len(work)
    start = threading.Barrier(len(work))

    def run(i: int) -> None:
        start.wait()
        results[i] = work[i]()  # type: ignore[operator]

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(work))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    return results


def _db(url: str, sql: str) -> list[tuple[object, ...]]:
    import psycopg

    with psycopg.connect(url) as conn:
        return list(conn.execute(sql).fetchall())


def test_many_clients_at_once_lose_nothing(server: tuple[str, dict[str, str], str]) -> None:
    base, tokens, url = server
    reporter, admin = tokens["tjj_tianbao"], tokens["fgj_admin"]
    indicator = _db(url, "select id from plans_indicator where no = 1")[0][0]

    # 1. 32 reporters create 32 different values at once: 32 rows, 32 creation events, no 500
    created = _together([lambda i=i: _post(base, "/api/observations", reporter, {
        "indicator": indicator, "year": 2025, "value": 5 + i / 100, "source": f"client-{i}", "comment": "并发测试"})
        for i in range(CLIENTS)])
    assert Counter(status for status, _ in created) == {201: CLIENTS}  # type: ignore[misc]
    ids = [body["id"] for _, body in created]  # type: ignore[index]
    assert _db(url, "select count(*) from monitoring_observation where source like 'client-%'")[0][0] == CLIENTS

    # 2. the same 32 values submitted twice each, at once: each submitted exactly once, the rest refused
    moves = _together([lambda i=i: _post(base, f"/api/observations/{ids[i % CLIENTS]}/transition", reporter,
                                         {"to": "submitted"}) for i in range(2 * CLIENTS)])
    assert Counter(status for status, _ in moves) == {200: CLIENTS, 400: CLIENTS}  # type: ignore[misc]

    # 3. 32 clients edit one draft from the same version at once: exactly one wins, the others are told
    status, first = _post(base, "/api/observations", reporter, {"indicator": indicator, "year": 2025, "value": 1,
                                                               "source": "contested", "comment": "并发测试"})
    assert status == 201
    edits = _together([lambda i=i: _post(base, "/api/observations", reporter, {
        "indicator": indicator, "year": 2025, "value": 100 + i, "source": "contested", "comment": "并发测试",
        "version": first["version"]}) for i in range(CLIENTS)])
    assert Counter(s for s, _ in edits) == {201: 1, 400: CLIENTS - 1}  # type: ignore[misc]
    winner = next(body for s, body in edits if s == 201)  # type: ignore[misc]
    final = _db(url, "select value from monitoring_observation where source = 'contested'")[0][0]
    assert final == winner["value"]  # type: ignore[index]

    # 4. an admin approves while reporters try to approve too: approvals only by the admin, once each
    approvals = _together([lambda i=i: _post(base, f"/api/observations/{ids[i % CLIENTS]}/transition",
                                             admin if i < CLIENTS else reporter, {"to": "approved"})
                           for i in range(2 * CLIENTS)])
    assert Counter(s for s, _ in approvals) == {200: CLIENTS, 403: CLIENTS}  # type: ignore[misc]

    # every success left exactly one history row; no duplicates of any kind
    events = dict(_db(url, "select action, count(*) from monitoring_observationevent e join monitoring_observation o "
                           "on o.id = e.observation_id where o.source like 'client-%' or o.source = 'contested' "
                           "group by action"))
    assert events == {"create": CLIENTS + 1, "submit": CLIENTS, "approve": CLIENTS, "edit": 1}
    assert _db(url, "select count(*) from (select indicator_id, region_id, year, source from monitoring_observation "
                    "group by 1, 2, 3, 4 having count(*) > 1) d")[0][0] == 0

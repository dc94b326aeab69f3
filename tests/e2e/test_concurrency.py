"""32 clients at once against a real server, on SQLite (the default `planwatch serve`: gunicorn, one worker
per core, WAL and BEGIN IMMEDIATE) and on PostgreSQL (gunicorn, 4 workers): submitting, approving and editing the
same items, then writing without pause for a while. Nothing may be lost or duplicated, every success must leave a
history row, and the server must never answer 500."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

from .servers import clean_env, free_port, own_database, wait_until_up

CLIENTS = 32
SOAK_SECONDS = float(os.environ.get("PLANWATCH_SOAK_SECONDS", "30"))
OUT = Path(__file__).resolve().parents[2] / "out"
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def server(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, dict[str, str], str]]:
    """(base URL, API tokens by user name, database URL) of a server with the demo loaded."""
    database = request.param
    data = tmp_path_factory.mktemp("var")
    env = clean_env(data, PLANWATCH_HTTPS="0")
    with own_database(database, f"planwatch_concurrency_{os.getpid()}") as pg_url:
        if pg_url:
            env["DATABASE_URL"] = pg_url
        url = pg_url or f"sqlite:///{data / 'planwatch.sqlite3'}"
        exe = Path(sys.executable).parent
        for args in (["manage", "migrate", "-v0"], ["manage", "load_demo"]):
            subprocess.run([exe / "planwatch", *args], env=env, check=True, capture_output=True)
        tokens = {}
        for user in ("fgj_admin", "tjj_tianbao"):
            out = subprocess.run([exe / "planwatch", "manage", "issue_token", user, "并发测试"], env=env, check=True,
                                 capture_output=True, text=True)
            tokens[user] = out.stdout.strip()
        port = free_port()
        if pg_url:
            command = [exe / "gunicorn", "planwatch.web.wsgi", "-w", "4", "--threads", "2", "-b",
                       f"127.0.0.1:{port}", "--log-level", "warning"]
        else:  # exactly what `bash run.sh` runs
            command = [exe / "planwatch", "serve", "--port", str(port)]
        proc = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL)
        base = f"http://127.0.0.1:{port}"
        try:
            wait_until_up(base + "/api/plans", proc)
            yield base, tokens, url
        finally:
            proc.terminate()
            proc.wait(timeout=15)


def _post(base: str, path: str, token: str, body: dict[str, object]) -> tuple[int, dict[str, object]]:
    request = urllib.request.Request(base + path, data=json.dumps(body).encode(), method="POST", headers={
        "Authorization": f"Bearer {token}", "Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as exc:
        body = exc.read()
        try:
            return exc.code, json.loads(body or b"{}")
        except ValueError:  # an HTML error page: counted by its status, never a crashed client
            return exc.code, {}


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
    if url.startswith("sqlite:///"):
        with sqlite3.connect(url.removeprefix("sqlite:///"), timeout=30) as conn:
            return list(conn.execute(sql).fetchall())
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
    assert Counter(s for s, _ in edits) == {201: 1, 409: CLIENTS - 1}  # type: ignore[misc]  # 409: stale version
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


def test_writing_without_pause_loses_nothing(server: tuple[str, dict[str, str], str]) -> None:
    """32 clients create and submit values as fast as the server answers for SOAK_SECONDS: no request fails,
    every answered write is in the database exactly once with its history rows, and nothing else is."""
    base, tokens, url = server
    reporter = tokens["tjj_tianbao"]
    indicator = _db(url, "select id from plans_indicator where no = 1")[0][0]
    database = "sqlite" if url.startswith("sqlite") else "postgresql"
    stop_at = time.monotonic() + SOAK_SECONDS
    outcomes: list[Counter[int]] = [Counter() for _ in range(CLIENTS)]
    created: list[list[int]] = [[] for _ in range(CLIENTS)]
    slowest = [0.0] * CLIENTS

    def client(i: int) -> None:
        n = 0
        while time.monotonic() < stop_at:
            began = time.monotonic()
            status, body = _post(base, "/api/observations", reporter, {
                "indicator": indicator, "year": 2025, "value": 5 + n / 1000, "source": f"soak-{i}-{n}",
                "comment": "持续写入测试"})
            outcomes[i][status] += 1
            if status == 201:
                created[i].append(int(body["id"]))  # type: ignore[call-overload]
                status, _ = _post(base, f"/api/observations/{body['id']}/transition", reporter, {"to": "submitted"})
                outcomes[i][status] += 1
            slowest[i] = max(slowest[i], time.monotonic() - began)
            n += 1

    _together([lambda i=i: client(i) for i in range(CLIENTS)])
    total = sum(outcomes, Counter())
    ids = sorted(x for rows in created for x in rows)
    rows = _db(url, "select count(*), count(distinct source) from monitoring_observation where source like 'soak-%'")[0]
    events = dict(_db(url, "select action, count(*) from monitoring_observationevent e join monitoring_observation o "
                           "on o.id = e.observation_id where o.source like 'soak-%' group by action"))
    submitted = _db(url, "select count(*) from monitoring_observation where source like 'soak-%' "
                         "and status = 'submitted'")[0][0]
    OUT.mkdir(exist_ok=True)
    (OUT / f"concurrency-{database}.json").write_text(json.dumps({
        "database": database, "clients": CLIENTS, "seconds": SOAK_SECONDS, "requests": sum(total.values()),
        "statuses": {str(k): v for k, v in sorted(total.items())}, "rows_written": rows[0],
        "lost": len(ids) - rows[0], "duplicated": rows[0] - rows[1], "slowest_request_s": round(max(slowest), 2),
    }, ensure_ascii=False, indent=1), encoding="utf-8")
    assert set(total) == {201, 200}, total  # no 500, no 503, no "database is locked"
    assert len(ids) > CLIENTS  # the clients really wrote, more than once each
    assert rows == (len(ids), len(ids))  # nothing lost, nothing duplicated
    assert events == {"create": len(ids), "submit": len(ids)} and submitted == len(ids)

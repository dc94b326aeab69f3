"""Page latency under load: 32 concurrent clients (wrk) against gunicorn serving the demo (SQLite).

Run: .venv/bin/python bench/pages.py          (needs Debian's wrk; about two minutes)

Each page is measured for 15 s with 32 connections after a warm-up; p50/p95/p99 come from wrk's own latency
histogram through a Lua `done` hook. Baseline in the same run: the login page (a template and no queries).
"""

from __future__ import annotations

import http.cookiejar
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

from common import machine, write_section

LUA = """
done = function(summary, latency, requests)
  io.write(string.format("RESULT %d %d %.3f %.3f %.3f %d\\n", summary.requests, summary.errors.status,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    summary.duration))
end
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait(url: str) -> None:
    for _ in range(200):
        try:
            urllib.request.urlopen(url, timeout=2)
            return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"server did not start: {url}")


def login(base: str, username: str, password: str) -> str:
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    page = opener.open(base + "/login/").read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    assert token is not None
    data = urllib.parse.urlencode({"username": username, "password": password,
                                   "csrfmiddlewaretoken": token.group(1)}).encode()
    opener.open(urllib.request.Request(base + "/login/", data=data, headers={"Referer": base + "/login/"}))
    return "; ".join(f"{c.name}={c.value}" for c in jar)


def load(url: str, cookie: str, script: Path,
         seconds: int = int(os.environ.get("BENCH_SECONDS", "15"))) -> tuple[int, int, float, float, float]:
    subprocess.run(["wrk", "-t2", "-c32", "-d3s", "-H", f"Cookie: {cookie}", url], capture_output=True, check=True)
    out = subprocess.run(["wrk", "-t2", "-c32", f"-d{seconds}s", "-H", f"Cookie: {cookie}", "-s", str(script), url],
                         capture_output=True, text=True, check=True).stdout
    m = re.search(r"RESULT (\d+) (\d+) ([\d.]+) ([\d.]+) ([\d.]+)", out)
    assert m is not None, out
    return int(m.group(1)), int(m.group(2)), float(m.group(3)), float(m.group(4)), float(m.group(5))


def latency_table(what: str, results: dict[str, tuple[int, int, float, float, float]]) -> list[str]:
    """Markdown rows: requests, errors, p50/p95/p99 and the p95 against the baseline row's (the first)."""
    base_p95 = next(iter(results.values()))[3]
    lines = [f"| {what} | requests | non-2xx | p50 | p95 | p99 | p95 ÷ baseline p95 | goal p95 ≤ 150 ms |",
             "|---|---:|---:|---:|---:|---:|---:|---|"]
    for name, (n, errors, p50, p95, p99) in results.items():
        goal = "—" if "baseline" in name else ("yes" if p95 <= 150 and errors == 0 else "NO")
        lines.append(f"| {name} | {n} | {errors} | {p50:.0f} ms | {p95:.0f} ms | {p99:.0f} ms | "
                     f"{p95 / base_p95:.1f}× | {goal} |")
    return lines


def main() -> None:
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is needed: apt-get install wrk")
    data = Path(tempfile.mkdtemp(prefix="planwatch-pages-"))
    env = {**os.environ, "PLANWATCH_DATA": str(data), "PLANWATCH_HTTPS": "0",  # plain HTTP on loopback
           "PLANWATCH_SECRET_KEY": "bench-only-" + "x" * 60,
           "DJANGO_SETTINGS_MODULE": "planwatch.web.settings"}
    env.pop("DATABASE_URL", None)
    database = os.environ.get("BENCH_DATABASE", "sqlite")
    pg_name = f"planwatch_bench_pages_{os.getpid()}"
    pg = os.environ.get("PLANWATCH_TEST_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/postgres")
    if database == "postgresql":
        import psycopg

        with psycopg.connect(pg, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{pg_name}"')
        env["DATABASE_URL"] = pg.rsplit("/", 1)[0] + "/" + pg_name
    exe = Path(sys.executable).parent
    subprocess.run([exe / "planwatch", "manage", "migrate", "-v0"], env=env, check=True)
    subprocess.run([exe / "planwatch", "manage", "load_demo"], env=env, check=True, capture_output=True)
    port = free_port()
    workers = int(os.environ.get("WORKERS", "2"))  # one per core: measured best here (docs/deploy.md)
    server = subprocess.Popen([exe / "gunicorn", "planwatch.web.wsgi", "-w", str(workers), "-b", f"127.0.0.1:{port}",
                               "--log-level", "warning"], env=env)
    base = f"http://127.0.0.1:{port}"
    try:
        wait(base + "/public/")
        cookie = login(base, "lingdao", "Jinpu-leader-2025")
        script = data / "done.lua"
        script.write_text(LUA)
        pages = [("login page (baseline)", "/login/"), ("overview 总览 (as of 2025)", "/overview/?as_of=2025"),
                 ("indicator page 指标页", "/plans/1/indicators/10/?as_of=2025"), ("public portal 公众门户", "/public/")]
        results = {name: load(base + path, cookie, script) for name, path in pages}
    finally:
        server.terminate()
        server.wait(timeout=10)
        if database == "postgresql":
            import psycopg

            with psycopg.connect(pg, autocommit=True) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{pg_name}" WITH (FORCE)')
    lines = [f"Machine: {machine()}  ",
             (f"gunicorn with {workers} workers, {database} demo database (Jinpu plan, published and simulated "
              f"figures); wrk -t2 -c32 for {os.environ.get('BENCH_SECONDS', '15')} s per page after a 3 s warm-up, "
              "logged in as 领导."),
             "", *latency_table("page", results)]
    section = os.environ.get("BENCH_SECTION", "pages")
    if section != "pages":  # the deployment comparison: one short table per run
        lines = [lines[1], *lines[3:]]
    write_section(section, lines)


if __name__ == "__main__":
    main()

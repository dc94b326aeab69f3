"""Starting real servers for end-to-end tests: a free port, a clean environment, waiting until it answers."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import requests

PG = os.environ.get("PLANWATCH_TEST_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/postgres")


def pg_available() -> bool:
    try:
        import psycopg

        psycopg.connect(PG, connect_timeout=3).close()
        return True
    except Exception:  # noqa: BLE001 - any failure means: no server to test against
        return False


@contextmanager
def own_database(database: str, name: str) -> Iterator[str | None]:
    """A database of the test's own: for "postgresql" a new database ``name`` (its URL; dropped afterwards, or the
    test skipped when no server answers); for "sqlite" None — the server's data folder holds its file."""
    if database != "postgresql":
        yield None
        return
    import psycopg
    import pytest

    if not pg_available():
        pytest.skip("PostgreSQL is needed on 127.0.0.1:5432")
    with psycopg.connect(PG, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield PG.rsplit("/", 1)[0] + "/" + name
    finally:
        with psycopg.connect(PG, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def clean_env(data: Path, **extra: str) -> dict[str, str]:
    """The environment of a separate planwatch process: its own data folder, none of pytest's Django settings."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL"))}
    env.update({"PLANWATCH_DATA": str(data), "PYTHONUNBUFFERED": "1", **extra})
    return env


def wait_until_up(url: str, proc: subprocess.Popen[bytes] | None = None, tries: int = 120) -> None:
    for _ in range(tries):
        try:
            urllib.request.urlopen(url, timeout=2)
            return
        except OSError:
            if proc is not None and proc.poll() is not None:
                output = proc.stdout.read().decode() if proc.stdout else ""
                raise RuntimeError(f"server exited: {output[-2000:]}") from None
            time.sleep(0.5)
    raise RuntimeError(f"server did not answer: {url}")


def signed_in(base: str, username: str, password: str) -> requests.Session:
    """A browser-like session signed in through the real login form (cookie, CSRF token, Referer)."""
    session = requests.Session()
    page = session.get(base + "/login/", timeout=60).text
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    assert token is not None, page[:500]
    response = session.post(base + "/login/", data={"username": username, "password": password,
                                                    "csrfmiddlewaretoken": token[1]},
                            headers={"Referer": base + "/login/"}, timeout=60)
    assert response.url.endswith("/overview/"), (response.status_code, response.url)
    return session


def csrf_token(session: requests.Session, base: str, path: str) -> str:
    """The CSRF token of the form on ``path``."""
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', session.get(base + path, timeout=60).text)
    assert token is not None
    return token[1]

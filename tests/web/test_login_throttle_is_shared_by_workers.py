"""The login failure count lives in the database, so every server process (each gunicorn worker) sees the same
count: failures made through one process lock the name in another. Two separate Python processes stand for
two workers here, each with its own memory, on one database (a fresh SQLite file, or a fresh PostgreSQL
database when the suite runs on PostgreSQL)."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

ATTEMPTS = """
import sys
import django
django.setup()
from django.test import Client
client = Client()
print(" ".join(str(client.post("/login/", {"username": "victim1", "password": p}).status_code)
               for p in sys.argv[1:]))
"""
SETUP = """
import django
django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0)
from django.contrib.auth.models import User
User.objects.create_user("victim1", password="Victim-1-password")
"""


@pytest.fixture
def env(tmp_path: Path) -> Iterator[dict[str, str]]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "PLANWATCH_", "DATABASE_URL"))}
    env.update({"DJANGO_SETTINGS_MODULE": "planwatch.web.settings", "PLANWATCH_DATA": str(tmp_path),
                "PLANWATCH_SECRET_KEY": "worker-test-" + "k" * 50, "PLANWATCH_HTTPS": "0",
                "PLANWATCH_ALLOWED_HOSTS": "testserver"})
    url = os.environ.get("DATABASE_URL", "")
    database = None
    if url.startswith("postgres"):
        import psycopg

        database = f"planwatch_workers_{os.getpid()}"
        server = url.rsplit("/", 1)[0]
        with psycopg.connect(server + "/postgres", autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{database}"')
            conn.execute(f'CREATE DATABASE "{database}"')
        env["DATABASE_URL"] = f"{server}/{database}"
    _run(env, SETUP)
    yield env
    if database:
        with psycopg.connect(server + "/postgres", autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')


def _run(env: dict[str, str], script: str, *args: str) -> str:
    result = subprocess.run([sys.executable, "-c", script, *args], env=env, capture_output=True, text=True,
                            timeout=120, check=False)
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stdout.strip()


def test_failures_in_one_process_lock_the_name_in_another(env: dict[str, str]) -> None:
    assert _run(env, ATTEMPTS, "wrong-1", "wrong-2", "wrong-3") == "200 200 200"
    assert _run(env, ATTEMPTS, "wrong-4", "wrong-5", "Victim-1-password") == "200 429 429"
    assert _run(env, ATTEMPTS, "Victim-1-password") == "429"  # a third process: still locked

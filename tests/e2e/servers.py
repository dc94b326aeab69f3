"""Starting real servers for end-to-end tests: a free port, a clean environment, waiting until it answers."""

from __future__ import annotations

import os
import socket
import subprocess
import time
import urllib.request
from pathlib import Path


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

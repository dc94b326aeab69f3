"""The core commands end right after their output is written and flushed (cli.run, os._exit): the whole output
arrives, in a file and through a pipe, the exit code is the command's, an error is still one line with exit 2, a
closed pipe gives no traceback; commands that start Django are not among them."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from planwatch.cli import QUICK_EXIT, main

from .conftest import FIXTURES
from .conftest import JINPU_TXT as JINPU

ROOT = Path(__file__).resolve().parents[1]
DATA = FIXTURES / "data" / "jinpu-obs-simulated.csv"


def _planwatch(*args: str, **options: object) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "planwatch", *args], capture_output=True, timeout=120, cwd=ROOT,
                          check=False, **options)  # type: ignore[call-overload, no-any-return]


def test_the_whole_output_arrives_in_a_file_and_through_a_pipe(tmp_path: Path) -> None:
    assert main(["evaluate", "--plan", str(JINPU), "--data", str(DATA), "--as-of", "2025", "--format", "json",
                 "-o", str(tmp_path / "in-process.json")]) == 0
    args = ("evaluate", "--plan", str(JINPU), "--data", str(DATA), "--as-of", "2025", "--format", "json")
    to_file = _planwatch(*args, "-o", str(tmp_path / "quick.json"))
    assert to_file.returncode == 0 and to_file.stderr == b""
    expected = (tmp_path / "in-process.json").read_bytes()
    assert (tmp_path / "quick.json").read_bytes() == expected
    piped = _planwatch(*args)
    assert piped.returncode == 0 and piped.stdout == expected


def test_an_error_is_one_line_with_exit_2(tmp_path: Path) -> None:
    missing = _planwatch("extract", str(tmp_path / "no-such-plan.txt"))
    assert missing.returncode == 2
    assert missing.stderr.decode().count("\n") == 1 and "错误" in missing.stderr.decode()


def test_a_closed_pipe_gives_no_traceback() -> None:
    command = f"{sys.executable} -m planwatch extract {JINPU} --format json | head -c 100 > /dev/null"
    closed = subprocess.run(["bash", "-o", "pipefail", "-c", command], capture_output=True, timeout=120, cwd=ROOT,
                            check=False)
    assert b"Traceback" not in closed.stderr


def test_commands_that_start_django_end_the_normal_way() -> None:
    assert not QUICK_EXIT & {"serve", "manage", "backup", "restore"}

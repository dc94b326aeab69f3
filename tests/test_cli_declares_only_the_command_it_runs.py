"""The command line declares the options of the command it runs only (issue #16: start-up), and reads each command
the same as the whole parser does."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from planwatch.cli import _command_in, build_parser

SRC = Path(__file__).resolve().parents[1] / "src"

SAMPLES = [
    ["extract", "plan.txt", "--format", "json", "-o", "out.json", "--corrections", "c.json"],
    ["check", "plan.txt", "--expect", "notes.txt"],
    ["decompose", "plan.txt", "-o", "d.xlsx", "--kind", "12=growth_rate"],
    ["evaluate", "--plan", "p.txt", "--data", "d.csv", "--as-of", "2024", "--tolerance", "10=0.03"],
    ["report", "--plan", "p.txt", "--data", "d.csv", "--as-of", "2024", "--kind", "final", "-o", "r.docx"],
    ["lineage", "old.txt", "new.txt", "--format", "json"],
    ["draft-indicators", "--upper", "u.csv", "--own", "o.txt", "-o", "x.xlsx", "--both"],
    ["serve", "--demo", "--port", "8001"],
    ["backup", "b.json.gz"],
    ["restore", "b.json.gz"],
    ["manage", "migrate", "--noinput"],
]


@pytest.mark.parametrize("argv", SAMPLES, ids=[a[0] for a in SAMPLES])
def test_it_reads_each_command_as_the_whole_parser_does(argv: list[str]) -> None:
    assert _command_in(argv) == argv[0]
    assert vars(build_parser(argv[0]).parse_args(argv)) == vars(build_parser().parse_args(argv))


def test_it_refuses_an_unknown_report_kind_as_before() -> None:
    argv = ["report", "--plan", "p", "--data", "d", "--as-of", "2024", "--kind", "weekly", "-o", "r.docx"]
    with pytest.raises(SystemExit):
        build_parser(_command_in(argv)).parse_args(argv)


def test_it_shows_the_help_without_importing_the_report_kinds_or_shutil() -> None:
    code = ("import sys\nfrom planwatch.cli import main\ntry:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
            "print(sorted(m for m in ('planwatch.reports.kinds', 'dataclasses', 'shutil') if m in sys.modules))")
    env = dict(os.environ, PYTHONPATH=str(SRC))
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True).stdout
    for command in ("extract", "check", "evaluate", "report", "lineage", "draft-indicators", "serve", "manage"):
        assert command in out
    assert out.rstrip().splitlines()[-1] == "[]"

"""An observation file with nothing for the csv module to do (no quotes, carriage returns, NULs or empty lines,
as many fields on every line) is split by ``str.split`` (issue #16): the table, or the message naming the rows
with a problem, is the one the csv module's reading gives; any other file is read by the csv module."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from planwatch.core import observations
from planwatch.core.extract import extract_plan
from planwatch.core.model import Plan

from .conftest import JINPU_TXT

HEADER = "indicator,year,value,region,source"
TEXTS = {
    "plain": f"{HEADER}\n1,2023,1.5,甲,s\n2,2023,7,乙,s\n",
    "no final newline": f"{HEADER}\n1,2023,1.5,甲,s\n2,2024,7,乙,s",
    "byte-order mark and padding": f"\ufeff{HEADER}\n 1 ,2023, 1.5 , 甲 ,s\n2,2023,7,,\n",
    "line separators inside cells": f"{HEADER}\n1,2023,1.5,甲\u2028区,s\u0085\n2,2023,7,乙\u2029,s\n" +
                                    "".join(f"3,2023,{k}.5,丙{k},s\n" for k in range(40)),  # text enough to be text
    "names and full-width digits": f"{HEADER}\n地区生产总值增长,２０２３,１.５,甲,s\n2,2023,7,甲,s\n",
    "quoted": f'{HEADER}\n1,2023,"1,500.5",甲,s\n2,2023,7,甲,"s"\n',
    "carriage returns": f"{HEADER}\r\n1,2023,1.5,甲,s\r\n2,2023,7,甲,s\r\n",
    "an empty line": f"{HEADER}\n1,2023,1.5,甲,s\n\n2,2023,7,甲,s\n",
    "a short line": f"{HEADER}\n1,2023,1.5,甲\n2,2023,7,甲,s\n",
    "a long line": f"{HEADER},period\n1,2023,1.5,甲,s,全年\n2,2023,7,甲,s,1-9月,extra\n",
    "a short line and a long one": f"{HEADER}\n1,2023,1.5,甲\n2,2023,7,甲,s,extra\n3,2023,7,甲,s\n",
    "an unknown indicator": f"{HEADER}\n1,2023,1.5,甲,s\n99,2023,7,甲,s\n",
    "a repeated row": f"{HEADER}\n1,2023,1.5,甲,s\n1,2023,1.5,甲,s\n",
    "a word for a number": f"{HEADER}\n1,2023,一点五,甲,s\n2,2023,,甲,s\n",
    "header only": f"{HEADER}\n",
}


@pytest.fixture(scope="module")
def plan() -> Plan:
    return extract_plan(JINPU_TXT)


def _read(path: Path, plan: Plan) -> observations.ObservationTable | str:
    try:
        return observations.read_observations(path, plan.indicators)
    except observations.ObservationError as exc:
        return f"refused: {exc}"


def _same(a: observations.ObservationTable | str, b: observations.ObservationTable | str) -> bool:
    if isinstance(a, str) or isinstance(b, str):
        return a == b
    return all(np.array_equal(getattr(a, f), getattr(b, f)) and getattr(a, f).dtype == getattr(b, f).dtype
               for f in ("indicator", "year", "region", "value", "flag", "source", "row")) and \
        (a.regions, a.sources, a.periods) == (b.regions, b.sources, b.periods)


@pytest.mark.parametrize("name", list(TEXTS))
def test_it_reads_what_the_csv_module_reads(name: str, plan: Plan, tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "obs.csv"
    path.write_bytes(TEXTS[name].encode("utf-8"))
    split = observations._plain_columns(TEXTS[name])
    assert (split is not None) == (name in ("plain", "no final newline", "byte-order mark and padding",
                                            "line separators inside cells", "names and full-width digits",
                                            "an unknown indicator", "a repeated row", "a word for a number"))
    fast = _read(path, plan)
    monkeypatch.setattr(observations, "_plain_columns", lambda text: None)
    assert _same(fast, _read(path, plan))

"""The records of `planwatch evaluate --format json` are written by orjson when it writes what
``json.dumps(indent=2, ensure_ascii=False)`` writes, byte for byte, and by the standard library otherwise: numbers
between 0 and ±0.0001 (orjson: 0.00005, 1e-7), integers beyond 64 bits, keys that are not text."""

from __future__ import annotations

import json
import random
import struct

import pytest

from planwatch.core import serialize

orjson = pytest.importorskip("orjson")


def _standard(records: object) -> str:
    return serialize.dumps(records, indent=2)


def test_it_writes_the_edge_cases_as_the_standard_library_does() -> None:
    edges: list[object] = [1e16, -1e16, 1.2345678901234568e16, 1e22, -0.0, 0.0, 5e-05, -5e-05, 1e-07, 1.5e-300,
                           0.0001, 0.00012345, 2**63, 2**64, -(2**63) - 1, 10**20, float("nan"), float("inf"), True,
                           None, "0.0000", "five-year", "1e-5", "中文\u2028\x7f\x01\"\\", [], {}, ["x"], {"k": [1e-9]}]
    for value in edges:
        records = [{"a": value, "b": 1.5}, {"c": "d"}]
        assert serialize.dumps_records(records) == _standard(records), value
        assert serialize.dumps_records(records, newline=True) == _standard(records) + "\n", value  # a file's end
    assert serialize.dumps_records([{1: "a key that is a number"}]) == _standard([{1: "a key that is a number"}])


def test_it_writes_every_kind_of_float_as_the_standard_library_does() -> None:
    rng = random.Random(16)
    values = [struct.unpack("d", struct.pack("Q", rng.getrandbits(64)))[0] for _ in range(20000)]
    values += [rng.uniform(-1, 1) * 10 ** rng.randint(-12, 20) for _ in range(20000)]
    values += [round(v, rng.randint(0, 4)) for v in values[-10000:]]
    for start in range(0, len(values), 500):  # many records at once, as the command writes them
        records = [{"x": v, "flags": ["stale"] if k % 3 else []} for k, v in enumerate(values[start:start + 500])]
        assert serialize.dumps_records(records) == _standard(records)


def test_it_uses_orjson_for_the_records_of_an_evaluation(monkeypatch: pytest.MonkeyPatch) -> None:
    written: list[int] = []
    dumps = orjson.dumps
    monkeypatch.setattr(orjson, "dumps", lambda value, **options: written.append(1) or dumps(value, **options))
    records = [{"no": 1, "explanation": "2021—2025年累计降低4.2%", "ratio": 0.8388, "flags": []}]
    assert json.loads(serialize.dumps_records(records)) == records and written

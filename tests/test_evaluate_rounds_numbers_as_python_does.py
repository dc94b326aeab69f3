"""The results' numbers are rounded to 4 decimals column by column (``evaluation._nums``, issue #16): each is the
very double Python's ``round(x, 4)`` gives — ties, near-ties, binary fractions, huge and tiny numbers, −0.0 and every
bit pattern — and NaN and infinity are None."""

from __future__ import annotations

import math
import struct

import numpy as np

from planwatch.core.evaluation import _nums


def _python(values: np.ndarray) -> list[float | None]:
    return [round(x, 4) if math.isfinite(x) else None for x in values.tolist()]


def _bits(numbers: list[float | None]) -> list[bytes | None]:
    return [None if x is None else struct.pack("<d", x) for x in numbers]


def test_it_rounds_every_kind_of_number_as_round_does() -> None:
    rng = np.random.default_rng(16)
    n = 200_000
    columns = [
        rng.normal(0, 1, n) * 10.0 ** rng.integers(-8, 16, n),  # every magnitude
        np.round(rng.uniform(-1000, 1000, n), 5),  # a fifth decimal: near the halves
        (rng.integers(-10**8, 10**8, n) + 0.5) / 1e4,  # written halves
        rng.integers(-2**20, 2**20, n) / 2.0 ** rng.integers(0, 30, n),  # exact binary halves (1.03125)
        np.frombuffer(rng.bytes(8 * n), dtype=np.float64),  # any bit pattern: NaNs, infinities, subnormals
        np.array([0.0, -0.0, -4e-5, 5e-5, -5e-5, 1.5e-4, 1.00005, 1e300, -1e300, 5e-324, 2.0**49 + 0.5, 2.0**52,
                  1e16, -1.03125, np.nan, np.inf, -np.inf]),
    ]
    for values in columns:
        assert _bits(_nums(values)) == _bits(_python(values))


def test_a_column_without_numbers_is_an_empty_list() -> None:
    assert _nums(np.array([], dtype=np.float64)) == []

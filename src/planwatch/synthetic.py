"""Seeded simulated data (模拟数据) for demos, tests and benchmarks — never shown as real.

Every region is named 模拟…, every source is ``模拟数据（示例，非真实统计）``. Indicators are the plan's own
plus extra generated ones of every kind, so that a benchmark covers each rule. Values follow the
target path with region-specific pace, noise and gaps (about 5 % of values are not reported).
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

from .core.kinds import KINDS, IndicatorSpec
from .core.kinds.rule import Sample
from .core.model import Indicator
from .core.observations import ObservationTable
from .core.paths import whole_if_counted

SOURCE = "模拟数据（示例，非真实统计）"  # what a reader sees as the source; the seed stays out of it
_EXTRA_KINDS = ("level", "growth_rate", "cumulative", "ceiling", "floor", "level")


def extra_specs(base: list[IndicatorSpec], total: int) -> list[IndicatorSpec]:
    """Add generated indicators (模拟指标N) cycling through the kinds until there are ``total``."""
    specs = list(base)
    start = max(s.no for s in specs) + 1 if specs else 1
    templates = {s.kind: s for s in base}
    for i in range(total - len(specs)):
        kind = _EXTRA_KINDS[i % len(_EXTRA_KINDS)]
        template = templates.get(kind) or base[0]
        specs.append(replace(template, no=start + i, name=f"模拟指标{start + i}"))
    return specs


def simulate(specs: list[IndicatorSpec], regions: int, seed: int = 2021, gap_rate: float = 0.05,
             last_year: int | None = None, spread: float = 1.0) -> ObservationTable:
    """Long-form observations for ``regions`` regions × specs × years base..last_year (vectorised).

    ``spread`` scales how different regions (and their paces) are: 1 for a province of counties, small
    for one district whose simulated values should stay near its own plan's path."""
    rng = np.random.default_rng(seed)
    base, end = specs[0].base_year, specs[0].end_year
    last_year = last_year or end
    years = np.arange(base, last_year + 1)
    n_i, n_r, n_y = len(specs), regions, len(years)
    k = (years - base)[None, None, :].astype(float)
    pace = rng.normal(1.0, 0.25 * spread, size=(n_i, n_r, 1))  # some regions ahead, some behind
    noise = rng.normal(0.0, 1.0, size=(n_i, n_r, n_y)) * spread
    values = np.empty((n_i, n_r, n_y))
    for i, s in enumerate(specs):  # one vectorised expression per indicator, from its kind's rule
        t = s.target if s.target is not None else 5.0
        b = s.baseline if s.baseline is not None else (t * 0.8 if t else 1.0)
        # regions differ in size; a single simulated region keeps its own plan's scale
        scale = rng.lognormal(0.0, 0.3 * spread, size=(n_r, 1)) if n_r > 1 else np.ones((1, 1))
        values[i] = whole_if_counted(s, KINDS[s.kind].simulate(Sample(t, b, s.years, k[0], pace[i], noise[i], scale)))
    values[:, :, 0] = np.where(np.isnan(values[:, :, 0]), 0, values[:, :, 0])
    ind, reg, yr = np.meshgrid(np.array([s.no for s in specs]), np.arange(n_r), years, indexing="ij")
    keep = rng.random(values.shape) >= gap_rate
    n = int(keep.sum())
    return ObservationTable(
        indicator=ind[keep].astype(np.int32), year=yr[keep].astype(np.int32), region=reg[keep].astype(np.int32),
        value=values[keep], flag=np.zeros(n, dtype=np.int8), source=np.zeros(n, dtype=np.int32),
        row=np.arange(2, n + 2, dtype=np.int32), regions=tuple(f"模拟县{r:04d}" for r in range(n_r)),
        sources=(SOURCE,))


def write_csv(path: Path, rows: int, seed: int = 7) -> None:
    """A simulated observation file for the Jinpu plan (模拟数据), for import tests and benchmarks: unique
    (indicator, year, source) keys, 115 rows (23 indicators × 5 years) per simulated batch source."""
    rng = np.random.default_rng(seed)
    out = io.StringIO()
    out.write("indicator,year,value,region,source\n")
    for i in range(rows):
        out.write(f"{1 + i % 23},{2021 + (i // 23) % 5},{rng.normal(5, 1):.3f},金普新区,模拟数据（批次{i // 115}）\n")
    path.write_text(out.getvalue(), encoding="utf-8")


# ---- a realistic region tree and plan hierarchy (模拟) ----

LEVELS = ("国家", "省", "市", "县")


@dataclass(frozen=True)
class SyntheticRegion:
    """One simulated region; ``population`` in 万人 for counties (upper levels weigh what they contain)."""

    name: str
    level: str
    parent: str | None
    population: float | None


def _split(rng: np.random.Generator, total: int, parts: int) -> list[int]:
    """``total`` items over ``parts`` groups, each at least one, as unevenly as real provinces and cities."""
    shares = rng.dirichlet(np.full(parts, 2.0))
    return (1 + rng.multinomial(total - parts, shares)).tolist()  # type: ignore[no-any-return]


def region_tree(counties: int = 3000, seed: int = 2021, provinces: int = 31) -> list[SyntheticRegion]:
    """国家 → 省 → 市 → 县 as China is shaped: about 8.5 counties per prefecture-level city (2,844 counties in
    333 cities, 31 provinces), uneven sizes, county populations log-normal around 40万人. Parents come first."""
    rng = np.random.default_rng(seed)
    provinces = max(1, min(provinces, counties))
    cities = max(provinces, min(counties, round(counties / 8.5)))
    root = SyntheticRegion("模拟全国", "国家", None, None)
    out = [root]
    city_names: list[str] = []
    for p, n_cities in enumerate(_split(rng, cities, provinces), start=1):
        province = f"模拟{p:02d}省"
        out.append(SyntheticRegion(province, "省", root.name, None))
        for c in range(1, n_cities + 1):
            city_names.append(f"{province}{c:02d}市")
            out.append(SyntheticRegion(city_names[-1], "市", province, None))
    population = np.clip(rng.lognormal(np.log(40.0), 0.7, counties), 3.0, 400.0)
    k = 0
    for city, n_counties in zip(city_names, _split(rng, counties, cities), strict=True):
        for c in range(1, n_counties + 1):
            out.append(SyntheticRegion(f"{city}{c:03d}县", "县", city, round(float(population[k]), 2)))
            k += 1
    return out


def extra_indicators(base: list[Indicator], total: int) -> list[Indicator]:
    """The plan's own indicators plus generated ones (模拟指标N) copying each kind of row until ``total``."""
    out = list(base)
    start = max(i.no for i in base) + 1
    for k in range(total - len(base)):
        template = base[k % len(base)]
        out.append(replace(template, no=start + k, name=f"模拟指标{start + k}", notes=()))
    return out


_NUMBER = re.compile(r"\d+(?:\.\d+)?")


def _scaled(raw: str, factor: float) -> str:
    """The raw target text with its first number scaled (≥7.5 → ≥6.75): the lower plan's own wording."""
    return _NUMBER.sub(lambda m: f"{float(m.group()) * factor:.4g}", raw, count=1)


def lower_plan_indicators(upper: list[Indicator], specs: list[IndicatorSpec], rng: np.random.Generator,
                          weaker_share: float = 0.2) -> tuple[list[Indicator], set[int]]:
    """A lower-level plan's indicators copied from the upper plan's: about ``weaker_share`` of them with a
    target 10 % weaker (by each indicator's direction), the rest as strong or 5 % stronger. Returns the
    indicators and the numbers made weaker, so that a test can check the 规划衔接 verdicts against them."""
    by_no = {s.no: s for s in specs}
    out, weaker = [], set()
    for ind in upper:
        spec = by_no[ind.no]
        if spec.target is None:
            out.append(ind)
            continue
        weak = bool(rng.random() < weaker_share)
        up = spec.direction == "higher"
        factor = (0.9 if up else 1.1) if weak else float(rng.choice([1.0, 1.05 if up else 0.95]))
        if weak:
            weaker.add(ind.no)
        if ind.growth.value is not None and not ind.target.is_numeric:  # the target is the 年均增长 column
            out.append(replace(ind, growth=replace(ind.growth, raw=_scaled(ind.growth.raw, factor))))
        else:
            out.append(replace(ind, target=replace(ind.target, raw=_scaled(ind.target.raw, factor))))
    return out, weaker

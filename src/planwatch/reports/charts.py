"""Charts as PNG bytes, drawn with a shipped CJK font (Noto Sans SC, SIL OFL) so characters never show as boxes."""

from __future__ import annotations

import io
import threading
from collections.abc import Mapping
from functools import lru_cache
from typing import Any

COLOURS = {"提前实现": "#2e7d32", "已完成": "#2e7d32", "快于预期": "#7cb342", "基本符合预期": "#1e88e5",
           "滞后": "#fb8c00", "未完成": "#fb8c00", "逆向": "#c62828", "无数据": "#9e9e9e", "无量化目标": "#bdbdbd"}


@lru_cache(maxsize=1)
def _figure() -> Any:
    """matplotlib's Figure class, set up once with the CJK font; pyplot is not imported (its state machine and
    backend switching cost a tenth of a second at start and nothing here needs them)."""
    import matplotlib
    from matplotlib import font_manager
    from matplotlib.figure import Figure
    from pylopdf_fonts_zh_cn import sans_path

    font_manager.fontManager.addfont(str(sans_path()))
    name = font_manager.FontProperties(fname=str(sans_path())).get_name()
    matplotlib.rcParams.update({"font.family": [name], "axes.unicode_minus": False, "figure.dpi": 150})
    return Figure


def render(kind: str, data: Mapping[str, Any]) -> bytes:
    """The chart as PNG bytes; the same chart (kind and data) is drawn once per process (:func:`_drawn`): a
    report's .docx, .pdf and .html, and the reports of a batch, share their unchanged charts."""
    return _drawn(kind, repr(sorted(data.items())), data)


_CACHE: dict[tuple[str, str], bytes] = {}
_CACHE_MAX = 256  # PNGs of ~30 KB: at most a few MB per process


_LOCK = threading.Lock()  # the batch runs reports in threads (web.report_jobs)


def _drawn(kind: str, key: str, data: Mapping[str, Any]) -> bytes:
    body = _CACHE.get((kind, key))
    if body is None:
        with _LOCK:  # one drawing at a time: matplotlib's font cache and rcParams are shared
            body = _CACHE.get((kind, key)) or _draw(kind, data)
            if len(_CACHE) >= _CACHE_MAX:
                _CACHE.pop(next(iter(_CACHE)))
            _CACHE[(kind, key)] = body
    return body


def _draw(kind: str, data: Mapping[str, Any]) -> bytes:
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    fig = _figure()(figsize=(6.4, 3.2))
    FigureCanvasAgg(fig)
    ax = fig.subplots()
    try:
        if kind == "status_counts":
            labels = [label for label, _ in data["counts"]]
            values = [n for _, n in data["counts"]]
            bars = ax.bar(labels, values, color=[COLOURS.get(label, "#90a4ae") for label in labels])
            ax.bar_label(bars, labels=[f"{v}项" for v in values])
            ax.set_ylabel("指标数（项）")
            ax.set_ylim(0, max(values + [1]) * 1.25)
        else:
            years = list(range(data["base_year"], data["end_year"] + 1))
            target = [data["baseline"]] + [data["path"].get(y) for y in years[1:]]
            actual = [data["actual"].get(y) for y in years]
            ax.plot(years, [float("nan") if v is None else v for v in target], "--o", color="#1e88e5",
                    label="年度目标路径", markersize=3)
            ax.plot(years, [float("nan") if v is None else v for v in actual], "-o", color="#c62828",
                    label="实际值（含模拟）" if data.get("simulated") else "实际值", markersize=4)
            ax.set_xticks(years)
            ax.set_ylabel(data["unit"] or "")
            ax.legend(frameon=False, fontsize=8)
        ax.spines[["top", "right"]].set_visible(False)
        # fixed margins rather than tight_layout(), which lays out every text twice (half a chart's time)
        fig.subplots_adjust(left=0.12, right=0.98, top=0.94, bottom=0.11)
        out = io.BytesIO()
        fig.savefig(out, format="png", pil_kwargs={"compress_level": 1})  # zlib level 6 took a quarter of it
        return out.getvalue()
    finally:
        fig.clear()

"""Plan → JSON-ready dict (documented in docs/plan-format.md) and a plain-text summary; :func:`dumps`, the strict
JSON every output of the project is written with."""

from __future__ import annotations

import json
import math
import re
from collections.abc import Mapping, Sequence
from functools import lru_cache
from typing import Any

from .model import Indicator, Node, Plan
from .targets import TargetExpr
from .tasks import lead_sentence

SCHEMA_VERSION = "1.0"


def finite(value: Any) -> Any:
    """``value`` with every NaN or ±infinity (in dicts, lists and tuples) replaced by None: missing, as JSON says it.

    >>> finite({"a": [1.5, float("inf")], "b": float("nan")})
    {'a': [1.5, None], 'b': None}
    """
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, dict):
        return {k: finite(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [finite(v) for v in value]
    return value


def dumps(value: Any, **options: Any) -> str:
    """Strict JSON (``allow_nan=False``: no NaN or Infinity, which strict parsers refuse), non-finite numbers
    written as null, Chinese as it is.

    >>> dumps([1.5, float("-inf")])
    '[1.5, null]'
    """
    try:  # the usual case, at full speed: nothing to replace
        return json.dumps(value, ensure_ascii=False, allow_nan=False, **options)
    except ValueError:
        return json.dumps(finite(value), ensure_ascii=False, allow_nan=False, **options)


# one record's fields, one per line at the depth of dumps(records, indent=2), by the C encoder: a JSON string never
# holds a raw newline, so every newline is a separator
_FLAT = json.JSONEncoder(ensure_ascii=False, allow_nan=False, separators=(",\n    ", ": "))


# orjson writes a number between 0 and ±0.0001 without Python's exponent (0.00005, 1e-7 for 5e-05, 1e-07), and
# only those differ: such a number, or the same text inside a string, sends the records the other way (searched
# from the literal "e-", which is ten times faster than from a digit)
_EXPONENT = re.compile(rb"e-(?<=[0-9]e-)")


@lru_cache(maxsize=1)
def _orjson() -> Any:
    """The fast writer of large outputs, imported when first needed (it imports uuid, platform and datetime,
    16 M instructions that `extract` does not need); None without it: the standard library's, the same text."""
    try:
        import orjson
    except ImportError:  # pragma: no cover
        return None
    return orjson


def dumps_records_utf8(records: Sequence[Mapping[str, Any]], newline: bool = False) -> bytes:
    """:func:`dumps_records` as UTF-8 bytes, for writing to a file: orjson's bytes as they are, without the copy
    into text and back (57 MB for 69,000 results).

    >>> dumps_records_utf8([{"a": "金普"}]) == dumps_records([{"a": "金普"}]).encode()
    True
    """
    data = _orjson_records(records, newline)
    return data if data is not None else dumps_records(records, newline).encode("utf-8")


def _orjson_records(records: Sequence[Mapping[str, Any]], newline: bool) -> bytes | None:
    """orjson's text of the records when it is the same as ``dumps(records, indent=2)``, else None."""
    orjson = _orjson()
    if orjson is None or not records:
        return None
    try:  # NaN and infinity are null, as dumps writes them
        data: bytes = orjson.dumps(records, option=orjson.OPT_INDENT_2 | (orjson.OPT_APPEND_NEWLINE if newline else 0))
    except TypeError:  # orjson.JSONEncodeError: a type, key or integer it does not write
        return None
    return data if b"0.0000" not in data and not _EXPONENT.search(data) else None


def dumps_records(records: Sequence[Mapping[str, Any]], newline: bool = False) -> str:
    """``dumps(records, indent=2)``, the same text, many times faster for many records: by orjson when it writes
    the same text (every record a dict with text keys, integers within 64 bits, no number between 0 and ±0.0001),
    else by the C encoder for records whose values are all scalars (or empty lists): Python's indenting encoder is
    pure Python. ``newline``: with a newline at the end (a file's last line), which saves a copy of a large text.

    >>> records = [{"a": 1, "b": [], "c": "x"}, {"d": ["y"], "e": float("nan")}]
    >>> dumps_records(records) == dumps(records, indent=2)
    True
    >>> print(dumps_records([{"f": 5e-05}]))  # not orjson's 0.00005
    [
      {
        "f": 5e-05
      }
    ]
    """
    end = "\n" if newline else ""
    if not records:
        return dumps(records, indent=2) + end
    data = _orjson_records(records, newline)
    if data is not None:
        return data.decode("utf-8")
    return _dumps_records(records) + end


def _dumps_records(records: Sequence[Mapping[str, Any]]) -> str:
    if all(records):  # all at once: between two records, and only there, "}" + separator + "{"
        try:
            whole = _FLAT.encode(list(records))
        except ValueError:
            whole = ""
        # every list or dict among the values empty (a string holding ": [" sends the records the slower way)
        if whole and whole.count(": [") == whole.count(": []") and whole.count(": {") == whole.count(": {}"):
            return "[\n  {\n    " + whole[2:-2].replace("},\n    {", "\n  },\n  {\n    ") + "\n  }\n]"
    parts = []
    for record in records:
        try:
            flat = _FLAT.encode(record)
        except ValueError:  # NaN or infinity: written as null below
            flat = ""
        # a value that is a non-empty list or dict starts with ": [" or ": {" (or a string holds that text: then
        # the values are looked at)
        probe = flat.replace(": []", "").replace(": {}", "")
        if len(flat) > 2 and (": [" not in probe and ": {" not in probe or
                              not any(v and isinstance(v, (dict, list, tuple)) for v in record.values())):
            parts.append("{\n    " + flat[1:-1] + "\n  }")
            continue
        parts.append(dumps(record, indent=2).replace("\n", "\n  "))
    return "[\n  " + ",\n  ".join(parts) + "\n]"


_LABELS = {"expected": "预期性", "binding": "约束性"}


def _target(expr: TargetExpr, year: int | None = None) -> dict[str, Any]:
    out: dict[str, Any] = {"raw": expr.raw, "value": expr.value, "value_max": expr.value_max,
                           "comparator": expr.comparator, "cumulative": expr.cumulative}
    if year is not None or expr is not None:
        out = {"year": year, **out}
    if expr.relative_to:
        out["relative_to"] = expr.relative_to
    if expr.qualitative:
        out["qualitative"] = True
    if expr.aspiration:
        out["aspiration"] = expr.aspiration
    return out


def _growth(expr: TargetExpr) -> dict[str, Any]:
    out: dict[str, Any] = {"raw": expr.raw, "value": expr.value, "cumulative": expr.cumulative}
    if expr.comparator not in (None, "eq"):  # ＞7 in the 年均/累计 column
        out["comparator"] = expr.comparator
        if expr.value_max is not None:
            out["value_max"] = expr.value_max
    for key in ("relative_to", "aspiration"):
        if getattr(expr, key):
            out[key] = getattr(expr, key)
    if expr.qualitative:
        out["qualitative"] = True
    return out


def indicator_dict(ind: Indicator) -> dict[str, Any]:
    baseline: dict[str, Any] = {"year": ind.baseline_year, "value": ind.baseline_value, "raw": ind.baseline_raw}
    if ind.baseline_cumulative:
        baseline["cumulative"] = True
    return {
        "no": ind.no, "label": ind.display_no, "category": ind.category, "name": ind.name, "unit": ind.unit,
        "baseline": baseline, "target": _target(ind.target, ind.target_year), "growth": _growth(ind.growth),
        "attribute": ind.attribute, "attribute_label": _LABELS.get(ind.attribute or ""),
        "notes": list(ind.notes),
    }


def node_dict(node: Node) -> dict[str, Any]:
    out: dict[str, Any] = {"id": node.id, "kind": node.kind, "label": node.label, "number": node.number,
                           "title": node.title}
    if node.paragraphs:
        out["paragraphs"] = list(node.paragraphs)
    if node.kind == "column":  # 专栏 items: 石油化工产业。推进…项目等建设。 → title + body
        out["items"] = [{"title": lead[0], "body": lead[1]} if (lead := lead_sentence(p)) else {"title": "", "body": p}
                        for p in node.paragraphs]
    if node.rows:
        out["rows"] = [list(r) for r in node.rows]
    if node.children:
        out["children"] = [node_dict(c) for c in node.children]
    return out


def plan_dict(plan: Plan) -> dict[str, Any]:
    base, end = plan.plan_years
    return {
        "schema_version": SCHEMA_VERSION,
        "title": plan.title,
        "source": {"path": plan.source.path, "format": plan.source.format, "encoding": plan.source.encoding,
                   "script": plan.source.script},
        "period": {"base_year": base, "end_year": end},
        "counts": plan.counts(),
        "stated_counts": plan.stated_counts,
        "table_conventions": list(plan.table_conventions),
        "indicators": [indicator_dict(i) for i in plan.indicators],
        "commitments": [
            {"text": c.text, "quantity": c.quantity, "subject": c.subject, "deadline": c.deadline,
             "recurring": c.recurring, "value": c.value, "value_max": c.value_max, "unit": c.unit,
             "comparator": c.comparator, "change": c.change, "base_year": c.base_year, "node": c.node}
            for c in plan.commitments],
        "projects": [{"name": p.name, "column": p.column, "column_title": p.column_title, "sector": p.sector,
                      "node": p.node} for p in plan.projects],
        "tasks": [{"title": t.title, "body": t.body, "node": t.node} for t in plan.tasks],
        "glossary": [{"term": g.term, "definition": g.definition, "kind": g.kind, "indicators": list(g.indicators)}
                     for g in plan.glossary],
        "structure": [node_dict(n) for n in plan.root.children],
        "warnings": [{"place": w.place, "reason": w.reason, "text": w.text, "node": w.node} for w in plan.warnings],
    }


def plan_text(plan: Plan) -> str:
    """A summary a planner can read in a terminal: counts, outline, indicator table."""
    c = plan.counts()
    lines = [f"规划：{plan.title or '（未识别标题）'}",
             f"来源：{plan.source.path}（{plan.source.format}"
             + (f"，{plan.source.encoding}" if plan.source.encoding else "") + "）",
             f"结构：{c['chapters']}章 {c['sections']}节 {c['columns']}个专栏"
             + (f"（{c['parts']}篇）" if c["parts"] else "")
             + (f"，“一、”标题{c['subsections']}个、“（一）”标题{c['clauses']}个"
                if not c["chapters"] and not c["sections"] and c["subsections"] + c["clauses"] else "")
             + f"，表{c['tables']}个，图{c['figures']}个",
             f"主要指标：{c['indicators']}项（预期性{c['expected']}项、约束性{c['binding']}项）"
             + (f"，{c['indicator_rows']}行" if c["indicator_rows"] != c["indicators"] else ""),
             f"量化承诺：{c['commitments']}项；重大项目：{c['projects']}个；任务：{c['tasks']}项；名词解释：{c['glossary']}条",
             "", "目录："]
    # a plan outlined by 一、/（一） alone (no 章/节) lists them; elsewhere they are too many for a summary
    shown = {"part", "chapter", "section", "column", "appendix"} | (
        {"subsection", "clause"} if not c["chapters"] and not c["sections"] else set())
    for node in plan.root.walk():
        if node.kind in shown:
            depth = {"part": 0, "chapter": 1, "section": 2, "column": 3, "appendix": 1, "subsection": 0,
                     "clause": 1}[node.kind]
            name = {"part": f"第{node.label}篇", "chapter": f"第{node.label}章", "section": f"第{node.label}节",
                    "column": f"专栏{node.label}", "appendix": "附录", "subsection": f"{node.label}、",
                    "clause": f"（{node.label}）"}[node.kind]
            lines.append("  " * depth + f"{name}  {node.title}  [{node.id}]")
    if plan.indicators:
        lines += ["", "主要指标表：", "序号  类别  指标名称  单位  基期值  目标值  年均增长  属性"]
        for i in plan.indicators:
            base = "—" if i.baseline_value is None else i.baseline_raw
            lines.append(f"{i.display_no:>3}  {i.category}  {i.name}  {i.unit}  {base}  {i.target.raw or '—'}  "
                         f"{i.growth.raw or '—'}  {_LABELS.get(i.attribute or '', '—')}")
    return "\n".join(lines) + "\n"

"""Full-text search over a plan: the same tokens on SQLite (FTS5) and PostgreSQL (tsvector 'simple')."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from django.db import connection

from ...core.model import Plan as CorePlan
from ...core.textsearch import highlight, index_tokens, query_tokens
from .models import Indicator, Plan, SearchDoc

KIND_LABELS = {"node": "正文", "column": "专栏", "task": "重点任务", "project": "重大项目", "indicator": "主要指标"}


# What is tokenised for each kind of document; one definition each, used when indexing stored rows and when
# tokenising a parsed plan ahead of its import.
def _node_source(title: str, text: str) -> str:
    return f"{title}\n{text}"


def _task_source(title: str, body: str) -> str:
    return f"{title}\n{body}"


def _project_source(name: str, sector: str) -> str:
    return f"{name} {sector}"


def _indicator_source(name: str, category: str) -> str:
    return f"{name} {category}"


def pretokenise(core: CorePlan) -> dict[str, str]:
    """Tokens of every text a parsed plan will be indexed with. Segmenting is most of an import's time (tens
    of seconds for a plan of several MB), so an import does it before it takes the database's write lock and
    hands the result to build_index; the strings are those build_index will meet (titles cut as stored)."""
    sources = [_node_source(n.title[:200], "\n".join(n.paragraphs)) for n in core.root.walk() if n.paragraphs]
    sources += [_task_source(t.title[:200], t.body) for t in core.tasks]
    sources += [_project_source(p.name[:200], p.sector[:100]) for p in core.projects]
    sources += [_indicator_source(i.name, i.category) for i in core.indicators]
    return {source: index_tokens(source) for source in dict.fromkeys(sources)}


def build_index(plan: Plan, known: Mapping[str, str] | None = None) -> int:
    """(Re)index a plan's texts; runs inside the caller's transaction. ``known`` maps texts to tokens computed
    beforehand (pretokenise); any other text is tokenised here."""
    known = known or {}

    def tokens(source: str) -> str:
        return known.get(source) or index_tokens(source)

    SearchDoc.objects.filter(plan=plan).delete()
    docs = []
    for node in plan.nodes.exclude(text=""):
        kind = "column" if node.kind == "column" else "node"
        docs.append(SearchDoc(plan=plan, kind=kind, node_id=node.node_id, title=node.title or node.node_id,
                              text=node.text, tokens=tokens(_node_source(node.title, node.text))))
    for task in plan.tasks.select_related("node"):
        docs.append(SearchDoc(plan=plan, kind="task", node_id=task.node.node_id, title=task.title,
                              text=task.body, tokens=tokens(_task_source(task.title, task.body))))
    for project in plan.projects.select_related("node"):
        docs.append(SearchDoc(plan=plan, kind="project", node_id=project.node.node_id, title=project.name,
                              text=f"专栏{project.column} {project.sector}",
                              tokens=tokens(_project_source(project.name, project.sector))))
    docs += [indicator_doc(ind, tokens) for ind in plan.indicators.all()]
    SearchDoc.objects.bulk_create(docs, batch_size=500)  # the SQLite trigger fills the FTS5 table
    return len(docs)


def indicator_doc(ind: Indicator, tokens: Callable[[str], str] = index_tokens) -> SearchDoc:
    """The search entry of an indicator (unsaved); a corrected indicator gets a new one (services.correct)."""
    return SearchDoc(plan_id=ind.plan_id, kind="indicator", ref=ind.no, title=ind.name,
                     text=f"{ind.category} {ind.unit} 目标{ind.target_raw}",
                     tokens=tokens(_indicator_source(ind.name, ind.category)))


@dataclass(frozen=True)
class Hit:
    kind: str
    label: str
    title: str
    snippet: str  # escaped HTML with <mark> around every hit
    node_id: str
    ref: int


def _matching_ids(plan: Plan, tokens: list[str], limit: int) -> list[int]:
    if connection.vendor == "sqlite":
        # every token quoted (no FTS5 syntax gets through); the plan id is an indexed column (migration 0006)
        words = " AND ".join('tokens:"' + t.replace('"', '""') + '"' for t in tokens)
        sql = ("SELECT rowid FROM plans_search_fts WHERE plans_search_fts MATCH %s "
               "ORDER BY bm25(plans_search_fts, 0.0, 1.0) LIMIT %s")
        params: list[object] = [f"plan_id:{int(plan.pk)} AND {words}", limit]
    elif connection.vendor == "postgresql":
        sql = ("SELECT id FROM plans_searchdoc WHERE plan_id = %s AND tsv @@ plainto_tsquery('simple', %s) "
               "ORDER BY ts_rank(tsv, plainto_tsquery('simple', %s)) DESC, id LIMIT %s")
        params = [plan.pk, " ".join(tokens), " ".join(tokens), limit]
    else:  # a database without a full-text index: scan the stored tokens
        wanted = set(tokens)
        return [d.id for d in SearchDoc.objects.filter(plan=plan).only("id", "tokens")
                if wanted <= set(d.tokens.split())][:limit]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [row[0] for row in cursor.fetchall()]


def search(plan: Plan, query: str, limit: int = 50) -> list[Hit]:
    """Documents containing every token of the query, best first, with highlighted snippets."""
    tokens = query_tokens(query)
    if not tokens:
        return []
    order = _matching_ids(plan, tokens, limit)
    docs = {d.id: d for d in SearchDoc.objects.filter(id__in=order)}
    return [Hit(d.kind, KIND_LABELS[d.kind], d.title, highlight(f"{d.title}：{d.text}", query), d.node_id, d.ref)
            for d in (docs[i] for i in order)]

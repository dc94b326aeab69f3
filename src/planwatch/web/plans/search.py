"""Full-text search over a plan: the same tokens on SQLite (FTS5) and PostgreSQL (tsvector 'simple').

- Every document records what it was taken from: an outline node (``node_id``), or a task, project, commitment
  or indicator (``item_pk``); :func:`hit_url` turns that into the page a hit links to.
- Indicator names are documents of their own; abbreviations and full forms find one another through the one
  synonym list, core.textsearch.SYNONYMS, applied when indexing and when querying.
- Indicators matched (by name) come first, in the database's order, then the other hits in its order (bm25 on
  SQLite and ts_rank on PostgreSQL rank long sections differently; a name should not depend on that).
- One passage appears once (:func:`_one_per_passage`): an item (task, commitment) claims its text before the
  node it stands in, whose hit then shows another matching paragraph or none.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import connection

from ...core.model import Plan as CorePlan
from ...core.textsearch import highlight, index_tokens, passages, query_tokens
from .models import Indicator, Plan, SearchDoc, node_anchor

KIND_LABELS = {"node": "正文", "column": "专栏", "task": "重点任务", "project": "重大项目", "commitment": "量化承诺",
               "indicator": "主要指标"}
ITEM_KINDS = ("indicator", "commitment", "project", "task")  # one item each; the others are outline nodes
PASSAGE_KINDS = ("node", "column", "task", "commitment")  # texts that are passages of the plan's own wording


# What is tokenised for each kind of document; one definition each, used when indexing stored rows and when
# tokenising a parsed plan ahead of its import.
def _node_source(title: str, text: str) -> str:
    return f"{title}\n{text}"


def _task_source(title: str, body: str) -> str:
    return f"{title}\n{body}"


def _project_source(name: str, sector: str) -> str:
    return f"{name} {sector}"


def _commitment_source(text: str) -> str:
    return text


def _indicator_source(name: str, category: str) -> str:
    return f"{name} {category}"


def pretokenise(core: CorePlan) -> dict[str, str]:
    """Tokens of every text a parsed plan will be indexed with. Segmenting is most of an import's time (tens
    of seconds for a plan of several MB), so an import does it before it takes the database's write lock and
    hands the result to build_index; the strings are those build_index will meet (titles cut as stored)."""
    sources = [_node_source(n.title[:200], "\n".join(n.paragraphs)) for n in core.root.walk() if n.paragraphs]
    sources += [_task_source(t.title[:200], t.body) for t in core.tasks]
    sources += [_project_source(p.name[:200], p.sector[:100]) for p in core.projects]
    sources += [_commitment_source(c.text) for c in core.commitments]
    sources += [_indicator_source(i.name, i.category) for i in core.indicators]
    return {source: index_tokens(source) for source in dict.fromkeys(sources)}


def build_index(plan: Plan, known: Mapping[str, str] | None = None, model: Any = SearchDoc) -> int:
    """(Re)index a plan's texts; runs inside the caller's transaction. ``known`` maps texts to tokens computed
    beforehand (pretokenise); any other text is tokenised here. ``model``: the SearchDoc class (a migration
    passes its historical one, so this reads only fields that exist from migration 0013 on)."""
    known = known or {}

    def tokens(source: str) -> str:
        return known.get(source) or index_tokens(source)

    model.objects.filter(plan=plan).delete()  # rows are deleted and inserted, never updated: the FTS5 triggers
    docs = []
    for node in plan.nodes.exclude(text=""):
        kind = "column" if node.kind == "column" else "node"
        docs.append(model(plan=plan, kind=kind, node_id=node.node_id, title=node.title or node.node_id,
                          text=node.text, tokens=tokens(_node_source(node.title, node.text))))
    for task in plan.tasks.select_related("node"):
        docs.append(model(plan=plan, kind="task", node_id=task.node.node_id, item_pk=task.pk, title=task.title,
                          text=task.body, tokens=tokens(_task_source(task.title, task.body))))
    for project in plan.projects.select_related("node"):
        docs.append(model(plan=plan, kind="project", node_id=project.node.node_id, item_pk=project.pk,
                          title=project.name, text=f"专栏{project.column} {project.sector}",
                          tokens=tokens(_project_source(project.name, project.sector))))
    for item in plan.commitments.select_related("node"):
        docs.append(model(plan=plan, kind="commitment", node_id=item.node.node_id, item_pk=item.pk,
                          title=(item.quantity or item.text)[:300], text=item.text,
                          tokens=tokens(_commitment_source(item.text))))
    docs += [indicator_doc(ind, tokens, model) for ind in plan.indicators.all()]
    model.objects.bulk_create(docs, batch_size=500)  # the SQLite trigger fills the FTS5 table
    return len(docs)


def rebuild_all(plans: Any = Plan, model: Any = SearchDoc) -> int:
    """Rebuild every plan's index (after core.textsearch.SYNONYMS changed: ``planwatch manage reindex_search``;
    migration 0013 runs it with its historical models). Returns the number of documents written."""
    return sum(build_index(plan, model=model) for plan in plans.objects.order_by("pk"))


def indicator_doc(ind: Indicator, tokens: Callable[[str], str] = index_tokens, model: Any = SearchDoc) -> Any:
    """The search entry of an indicator, found by its name (unsaved); a corrected indicator gets a new one
    (review._apply)."""
    words = Indicator.target_words.fget(ind)  # type: ignore[attr-defined]  # also for a migration's historical row
    return model(plan_id=ind.plan_id, kind="indicator", ref=ind.no, item_pk=ind.pk, title=ind.name,
                 text=f"{ind.category}：{words}" if words else ind.category,
                 tokens=tokens(_indicator_source(ind.name, ind.category)))


@dataclass(frozen=True)
class Hit:
    kind: str
    label: str
    title: str
    snippet: str  # escaped HTML with <mark> around every hit
    node_id: str
    ref: int  # an indicator's number
    item_pk: int | None = None  # the task, project, commitment or indicator found
    passage: str = ""  # the text the snippet is cut from: the item's text, or a node's matching paragraph


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
    """Documents containing every token of the query, best first, with highlighted snippets; one passage once."""
    tokens = query_tokens(query)
    if not tokens:
        return []
    order = _matching_ids(plan, tokens, 2 * limit)  # room for the repeated passages left out
    docs = {d.id: d for d in SearchDoc.objects.filter(id__in=order)}
    ranked = sorted((docs[i] for i in order if i in docs), key=lambda d: d.kind != "indicator")  # names first
    return _one_per_passage(ranked, query)[:limit]


def _one_per_passage(ranked: Sequence[SearchDoc], query: str) -> list[Hit]:
    """The hits in rank order, each passage once. Items claim their text first (a task's body, a commitment's
    sentence; a project or indicator its name); a node then shows its first matching paragraph that no hit shows
    yet, and is left out when there is none. Passages of the plan's wording repeat one another when one contains
    the other (a commitment's sentence inside a task's paragraph inside a section's text); names only when equal."""
    shown: list[tuple[str, str]] = []

    def repeated(kind: str, passage: str) -> bool:
        return any(passage == p or (kind in PASSAGE_KINDS and k in PASSAGE_KINDS and (passage in p or p in passage))
                   for k, p in shown)

    chosen: dict[int, str] = {}
    for doc in ranked:
        if doc.kind in ITEM_KINDS:
            passage = " ".join((doc.text if doc.kind in PASSAGE_KINDS else doc.title).split())
            if not repeated(doc.kind, passage):
                shown.append((doc.kind, passage))
                chosen[doc.id] = passage
    for doc in ranked:
        if doc.kind not in ITEM_KINDS:
            lines = passages(doc.text, query) or passages(doc.title, query) or doc.text.strip().splitlines()[:1]
            fresh = next((" ".join(p.split()) for p in lines if not repeated(doc.kind, " ".join(p.split()))), None)
            if fresh is not None:
                shown.append((doc.kind, fresh))
                chosen[doc.id] = fresh
    return [Hit(d.kind, KIND_LABELS[d.kind], d.title,
                highlight(f"{d.title}：{d.text}" if d.kind in ITEM_KINDS else chosen[d.id], query), d.node_id,
                d.ref, d.item_pk, chosen[d.id]) for d in ranked if d.id in chosen]


def hit_url(hit: Hit, plan: Plan, user: Any) -> str:
    """The page a hit links to: an indicator's page; a task's, project's or commitment's ledger page for those
    who may read the ledgers (for the public, who may not: its place in the plan's outline); an outline node's
    place in the outline (the plan page, anchored at the node)."""
    from django.urls import reverse

    from ..accounts.permissions import can_read_ledger
    from ..ledgers.models import KINDS

    if hit.kind == "indicator":
        return str(reverse("indicator", args=[plan.pk, hit.ref]))
    ledger = next((key for key, book in KINDS.items() if book.field == hit.kind), None)
    if ledger is not None and hit.item_pk is not None and can_read_ledger(user):
        return str(reverse("ledger_item", kwargs={"kind": ledger, "pk": hit.item_pk}))
    return f"{reverse('plan', args=[plan.pk])}#{node_anchor(hit.node_id)}"

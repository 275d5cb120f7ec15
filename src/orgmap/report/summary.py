"""What a case holds, as plain data: the demo's summary, usable by any front end.

>>> from orgmap.store import Store
>>> from orgmap.casefile import load_case, CASES_DIR
>>> store = Store.open(":memory:")
>>> _ = load_case(store, CASES_DIR / "qods-force")
>>> s = case_summary(store, store.default_case())
>>> s["counts"]["entities"]["person"] > 10
True
"""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import date, timedelta
from typing import Any

from orgmap.model import stored_id
from orgmap.schema import Roles, Schema
from orgmap.store import Relation, Store

__all__ = ["case_summary", "formal_chain", "informal_change", "informal_holders", "posts_of"]


def formal_chain(relations: list[Relation], roles: Roles) -> list[dict[str, Any]]:
    """Organizations top-down (by the ``unit_of`` roles), each with who heads, deputises and
    belongs (the vocabulary's ``heads``, ``deputies`` and, for individuals, ``membership``)."""
    parent: dict[int, int] = {}
    names: dict[int, str] = {}
    holders: dict[int, list[dict[str, str]]] = defaultdict(list)
    for r in relations:
        subject, object_ = stored_id(r.subject), stored_id(r.object)
        names[subject], names[object_] = r.subject.name, r.object.name
        if r.type in roles.unit_of:
            parent.setdefault(subject, object_)
        elif r.type in (*roles.heads, *roles.deputies) or (
            r.type in roles.membership and r.subject.type == roles.individual
        ):
            holders[object_].append(
                {
                    "who": r.subject.name,
                    "role": r.type,
                    "when": r.assertion.period,
                    "modality": r.assertion.modality,
                }
            )
    orgs = set(parent) | set(parent.values()) | set(holders)
    children: dict[int | None, list[int]] = defaultdict(list)
    for org in orgs:
        children[parent.get(org) if parent.get(org) in orgs else None].append(org)
    out: list[dict[str, Any]] = []

    def walk(org: int, depth: int, seen: frozenset[int]) -> None:
        out.append(
            {"organization": names.get(org, str(org)), "depth": depth, "holders": holders.get(org, [])}
        )
        for child in sorted(children.get(org, []), key=lambda o: names.get(o, "")):
            if child not in seen:
                walk(child, depth + 1, seen | {child})

    for root in sorted(children.get(None, []), key=lambda o: (-len(children.get(o, [])), names.get(o, ""))):
        walk(root, 0, frozenset({root}))
    return out


def posts_of(relations: list[Relation], entity_id: int, roles: Roles) -> list[dict[str, str]]:
    """The formal posts (the vocabulary's ``posts`` role) an entity holds or held, with their periods."""
    return [
        {"role": r.type, "of": r.object.name, "when": r.assertion.period}
        for r in relations
        if r.subject.id == entity_id and r.type in roles.posts
    ]


def informal_holders(relations: list[Relation], schema: Schema, *, top: int = 8) -> list[dict[str, Any]]:
    """Who holds the most ties of the ties layer (denied ties, weight 0, excluded), with a few partners."""
    count: Counter[str] = Counter()
    partners: dict[str, set[str]] = defaultdict(set)
    for r in relations:
        if r.layer == schema.roles.ties_layer and schema.modality(r.assertion.modality).weight > 0:
            for a, b in ((r.subject.name, r.object.name), (r.object.name, r.subject.name)):
                count[a] += 1
                partners[a].add(b)
    return [{"who": n, "ties": c, "with": sorted(partners[n])[:6]} for n, c in count.most_common(top)]


def informal_change(
    store: Store, case_id: int, relations: list[Relation], *, top: int = 8
) -> dict[str, Any] | None:
    """Tie holders the day before and the day after the date most ties (of the vocabulary's
    ties layer) start or end.

    That date is where the informal web changed most (for the Qods Force, the succession).
    None when no tie is dated.
    """
    schema = store.schema
    ties = schema.roles.ties_layer
    edges: Counter[date] = Counter()
    for r in relations:
        if r.layer == ties:
            if r.assertion.valid_from:
                edges[r.assertion.valid_from] += 1
            if r.assertion.valid_to:
                edges[r.assertion.valid_to] += 1
    if not edges:
        return None
    when = max(edges.items(), key=lambda kv: (kv[1], kv[0]))[0]
    # the day before and the day after, so ties ending or starting on that day fall on one side
    before = store.relations(case_id, layer=ties, as_of=when - timedelta(days=1))
    after = store.relations(case_id, layer=ties, as_of=when + timedelta(days=1))
    return {
        "date": when,
        "before": informal_holders(before, schema, top=top),
        "after": informal_holders(after, schema, top=top),
    }


def case_summary(store: Store, case_id: int, *, top: int = 8) -> dict[str, Any]:
    """Counts, formal chain, informal brokers, rivals and contested claims of a case."""
    entities = store.entities(case_id)
    relations = store.relations(case_id)
    roles = store.schema.roles
    modality = Counter(r.assertion.modality for r in relations)
    rivals = [
        {
            "who": r.subject.name,
            "against": r.object.name,
            "modality": r.assertion.modality,
            "quote": r.assertion.evidence[0].quote,
        }
        for r in relations
        if r.type in roles.rivalry
    ]
    contested: dict[str, list[dict[str, str]]] = defaultdict(list)
    for r in relations:
        if r.assertion.modality != "asserted":
            who = r.assertion.attribution or "unattributed"
            contested[who].append(
                {
                    "claim": f"{r.subject.name} {r.type} {r.object.name}",
                    "modality": r.assertion.modality,
                    "grade": r.assertion.grade,
                    "quote": r.assertion.evidence[0].quote,
                }
            )
    return {
        "case": store.find_case(case_id).name,
        "counts": {
            "entities": dict(Counter(e.type for e in entities)),
            "relations": dict(Counter(r.layer for r in relations)),
            "modalities": dict(modality),
            "sources": len(store.sources(case_id)),
            "hypotheses": len(store.hypotheses(case_id)),
        },
        "formal_chain": formal_chain(relations, roles),
        "informal_holders": informal_holders(relations, store.schema, top=top),
        "informal_change": informal_change(store, case_id, relations, top=top),
        "rivals": rivals,
        "contested": dict(contested),
        "hypotheses": [{"key": h.key, "statement": h.statement} for h in store.hypotheses(case_id)],
    }

"""Briefing sections about the model itself: formal chain, informal web, timeline, sources.

Each function returns plain data for the template; every statement cites quotes through
the shared :class:`~orgmap.brief.evidence.Citations`.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from orgmap.brief.evidence import Citations, Statement, marked_segments
from orgmap.store import Relation, Store

__all__ = ["informant_rows", "relation_groups", "relation_statement", "source_appendix", "timeline"]


def relation_statement(cite: Citations, r: Relation) -> Statement:
    """ "Subject type Object (when; modality, attribution)" citing the assertion's evidence."""
    a = r.assertion
    text = relation_statement_text(r)
    qual = [
        x
        for x in (
            a.period,
            "" if a.modality == "asserted" else a.modality,
            f"per {a.attribution}" if a.attribution and a.attribution != "the author" else "",
        )
        if x
    ]
    if qual:
        text += f" ({'; '.join(qual)})"
    return cite.statement(text, cite.assertion(a), grade=a.grade, modality=a.modality)


def relation_groups(
    cite: Citations, relations: list[Relation], layers: tuple[str, ...]
) -> list[dict[str, Any]]:
    """Relations of the given layers grouped by type (vocabulary order), as statements."""
    by_type: dict[str, list[Relation]] = defaultdict(list)
    for r in relations:
        if r.layer in layers:
            by_type[r.type].append(r)
    out = []
    for rtype, rtdef in cite_schema_order(relations, by_type):
        rows = sorted(by_type[rtype], key=lambda r: (r.subject.name, r.object.name, r.assertion.id))
        out.append(
            {"type": rtype, "definition": rtdef, "statements": [relation_statement(cite, r) for r in rows]}
        )
    return out


def cite_schema_order(relations: list[Relation], by_type: dict[str, list[Relation]]) -> list[tuple[str, str]]:
    if not relations:
        return []
    from orgmap.schema import load_schema

    schema = load_schema()
    return [(t.name, t.definition) for t in schema.relation_types.values() if t.name in by_type]


def timeline(
    store: Store, case_id: int, cite: Citations, relations: list[Relation], per_date: int = 12
) -> list[Statement]:
    """Dated happenings in date order.

    Event entities and event-layer relations are listed one by one; other relations that
    begin or end on a date are summarised in one statement per date (citing up to
    ``per_date`` of them).
    """
    rows: list[tuple[str, Statement]] = []
    entities = {e.id: e for e in store.entities(case_id)}
    for a in store.assertions(case_id, kind="entity", status="accepted"):
        e = entities.get(store.canonical_id(a.subject_id))
        if e is None or e.type != "event":
            continue
        when = a.valid_from or a.valid_to
        label = str(when) if when else (a.valid_text or str(e.attributes.get("date", "")))
        rows.append(
            (
                label or "undated",
                cite.statement(
                    f"{label or 'undated'}: {e.name}", cite.assertion(a), grade=a.grade, modality=a.modality
                ),
            )
        )
    # open bounds say so: "began after 2020-01-03" is not "began on 2020-01-03" (orgmap.validtime)
    words = ("began", "began after", "began before", "ended", "ended before", "ended after")
    changes: dict[str, dict[str, list[Relation]]] = defaultdict(lambda: {w: [] for w in words})
    for r in relations:
        a = r.assertion
        if r.layer == "event" and (a.valid_from or a.valid_to):
            st = relation_statement(cite, r)
            st.text = f"{a.valid_from or a.valid_to}: {st.text}"
            rows.append((str(a.valid_from or a.valid_to), st))
            continue
        if a.valid_from:
            changes[str(a.valid_from)][f"began {a.valid_from_bound}".strip()].append(r)
        if a.valid_to:
            changes[str(a.valid_to)][f"ended {a.valid_to_bound}".strip()].append(r)
    for when, moves in changes.items():
        parts, refs = [], []
        for word in words:
            rels = sorted(moves[word], key=lambda r: (r.subject.name, r.type, r.object.name))
            if rels:
                names = "; ".join(relation_statement_text(r) for r in rels)
                parts.append(f"{len(rels)} tie(s) {word}: {names}")
                refs.extend(ref for r in rels[:per_date] for ref in cite.assertion(r.assertion, limit=1))
        rows.append((when, cite.statement(f"{when}: " + ". ".join(parts), refs)))
    rows.sort(key=lambda x: (x[0] == "undated", x[0], x[1].text))
    return [st for _, st in rows]


def relation_statement_text(r: Relation) -> str:
    verb = r.type.replace("_", " ")
    return (
        f"{verb}: {r.subject.name} — {r.object.name}"
        if r.symmetric
        else f"{r.subject.name} {verb} {r.object.name}"
    )


#: sources longer than this show the cited passages with context, not their whole text
FULL_TEXT_LIMIT = 60_000
CONTEXT = 400


def source_appendix(store: Store, case_id: int, cite: Citations) -> list[dict[str, Any]]:
    """Each source with its grade, the quotes cited from it and its text with the quotes marked.

    Long sources (over ``FULL_TEXT_LIMIT`` characters) show the cited passages with
    ``CONTEXT`` characters around them; uncited long sources show no text.
    """
    out = []
    for s in store.sources(case_id):
        quotes = cite.for_source(s.id)  # type: ignore[arg-type]
        out.append(
            {
                "id": s.id,
                "key": s.key,
                "title": s.title or s.key or f"source {s.id}",
                "author": s.author,
                "publisher": s.publisher,
                "published": s.published,
                "origin": s.origin,
                "kind": s.kind,
                "reliability": s.reliability,
                "reliability_label": store.schema.reliability[s.reliability].label,
                "cites": [str(c) for c in s.metadata.get("cites") or []],
                "quotes": quotes,
                "excerpted": len(s.text) > FULL_TEXT_LIMIT,
                "segments": marked_segments(
                    s.text, quotes, context=CONTEXT if len(s.text) > FULL_TEXT_LIMIT else None
                ),
            }
        )
    return out


def informant_rows(store: Store, case_id: int) -> list[dict[str, Any]]:
    return [
        {
            "key": i.key,
            "name": i.name,
            "kind": i.kind,
            "reliability": i.reliability,
            "label": store.schema.reliability[i.reliability].label,
            "description": i.description,
        }
        for i in store.informants(case_id)
    ]

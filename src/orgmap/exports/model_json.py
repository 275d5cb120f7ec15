"""The whole model of a case as one JSON document, readable by any gold-format scorer.

``entities`` and ``relations`` carry (at least) the fields of docs/gold-format.md; each
relation adds its layer, grade, valid time, status and every evidence span.
"""

from __future__ import annotations

from typing import Any

from orgmap.model import stored_id
from orgmap.store import Store

__all__ = ["model_document"]


def _slug(entity_id: int) -> str:
    return f"e{entity_id}"


def model_document(store: Store, case_id: int, *, status: str | None = "accepted") -> dict[str, Any]:
    """The case as a dict: document, sources, entities, relations (gold-format compatible).

    >>> from orgmap.model import Assertion, Entity, Evidence, Source
    >>> store = Store.open(":memory:"); case = store.ensure_case("demo")
    >>> src = store.add_source(case, Source(text="Ali leads the Unit.", key="memo"))
    >>> ali, unit = (store.add_entity(case, Entity(t, n)) for t, n in [("person", "Ali"), ("organization", "Unit")])
    >>> _ = store.add_assertion(case, Assertion(ali, "leads", unit, status="accepted",
    ...                                         evidence=[Evidence(src, 0, 18)]))
    >>> rel = model_document(store, case)["relations"][0]
    >>> rel["source"], rel["type"], rel["target"], rel["evidence"], rel["spans"][0]["source"]
    ('e1', 'leads', 'e2', 'Ali leads the Unit', 'memo')
    """
    sources = store.sources(case_id)
    titles = {s.id: s for s in sources}
    statuses = None if status is None else [status]
    entity_dates: dict[int, str] = {}
    entities = []
    for e in store.entities(case_id):
        item: dict[str, Any] = {
            "id": _slug(stored_id(e)),
            "name": e.name,
            "type": e.type,
            "aliases": e.aliases,
        }
        if e.attributes:
            item["attributes"] = e.attributes
        if "date" in e.attributes:
            item["date"] = str(e.attributes["date"])
            entity_dates[stored_id(e)] = item["date"]
        entities.append(item)
    relations = []
    for r in store.relations(case_id, status=statuses):
        a = r.assertion
        relations.append(
            {
                "source": _slug(stored_id(r.subject)),
                "type": r.type,
                "qualifier": a.qualifier,
                "target": _slug(stored_id(r.object)),
                "evidence": a.evidence[0].quote if a.evidence else "",
                "modality": a.modality,
                "attribution": a.attribution,
                "layer": r.layer,
                "grade": a.grade,
                "status": a.status,
                "valid_from": a.valid_from,
                "valid_from_bound": a.valid_from_bound,
                "valid_to": a.valid_to,
                "valid_to_bound": a.valid_to_bound,
                "key": a.key,
                "assertion_id": a.id,
                "spans": [
                    {
                        "source": titles[ev.source_id].key or ev.source_id,
                        "start": ev.start,
                        "end": ev.end,
                        "quote": ev.quote,
                    }
                    for ev in a.evidence
                ],
            }
        )
    main = next((s for s in sources if s.kind == "document"), sources[0] if sources else None)
    return {
        "document": main.origin if main else "",
        "sources": [
            {
                "id": s.key or s.id,
                "title": s.title,
                "author": s.author,
                "publisher": s.publisher,
                "published": s.published,
                "origin": s.origin,
                "kind": s.kind,
                "reliability": s.reliability,
                "sha256": s.content_hash,
            }
            for s in sources
        ],
        "entities": entities,
        "relations": relations,
    }

"""One read of a case that every exporter shares: sources, canonical entities, assertions.

Exporters never query the store themselves; they format a :class:`Snapshot`, so all of
them agree on which assertions a status filter keeps and on merge-resolved endpoints.

>>> from orgmap.store import Store
>>> store = Store.open(":memory:")
>>> snap = take_snapshot(store, store.ensure_case("empty"))
>>> (snap.case, len(snap.entities), len(snap.assertions))
('empty', 0, 0)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from orgmap.model import Assertion, Entity, Source, stored_id

__all__ = [
    "DENIED",
    "Item",
    "Snapshot",
    "assertion_row",
    "denials_note",
    "entity_row",
    "iso",
    "node_id",
    "source_row",
    "spans",
    "take_snapshot",
]

DENIED = "denied"  # the modality that states a relation is not so: never a tie in a graph format


def node_id(entity_id: int) -> str:
    """The id an exported node carries: ``e`` + the store id (stable across exports).

    >>> node_id(7)
    'e7'
    """
    return f"e{entity_id}"


def iso(value: date | None) -> str:
    return value.isoformat() if value else ""


@dataclass
class Item:
    """An assertion with canonical endpoints and its layer (``""`` for entity assertions)."""

    assertion: Assertion
    subject: Entity
    object: Entity | None
    layer: str = ""
    symmetric: bool = False

    @property
    def target(self) -> Entity:
        """The object of a relation (the items of ``Snapshot.relations`` and ``ties`` have one)."""
        if self.object is None:
            raise ValueError(f"assertion #{self.assertion.id} is about an entity, not a relation")
        return self.object


@dataclass
class Snapshot:
    case: str
    title: str
    sources: list[Source]
    entities: list[Entity]
    assertions: list[Item]
    source_key: dict[int, str] = field(default_factory=dict)

    @property
    def relations(self) -> list[Item]:
        return [i for i in self.assertions if i.object is not None]

    @property
    def ties(self) -> list[Item]:
        """Relations a graph format may draw as edges: every one but the denied."""
        return [i for i in self.relations if i.assertion.modality != DENIED]

    @property
    def denials(self) -> list[Item]:
        return [i for i in self.relations if i.assertion.modality == DENIED]


def take_snapshot(store: Any, case_id: int, status: str | None = "accepted") -> Snapshot:
    """Read a case once: assertions of ``status`` (all when None), endpoints merge-resolved.

    >>> from orgmap.model import Assertion, Entity, Evidence, Source
    >>> from orgmap.store import Store
    >>> store = Store.open(":memory:"); case = store.ensure_case("demo")
    >>> src = store.add_source(case, Source(text="Ali leads the Unit.", key="memo"))
    >>> a, b, unit = (store.add_entity(case, Entity(t, n))
    ...               for t, n in [("person", "Ali"), ("person", "A."), ("organization", "Unit")])
    >>> _ = store.merge(b, a, who="ann", why="same man")
    >>> _ = store.add_assertion(case, Assertion(b, "leads", unit, status="accepted", evidence=[Evidence(src, 0, 18)]))
    >>> snap = take_snapshot(store, case)
    >>> [(i.subject.name, i.assertion.predicate, i.target.name) for i in snap.ties], snap.source_key
    ([('Ali', 'leads', 'Unit')], {1: 'memo'})
    """
    case = store.find_case(case_id)
    sources = store.sources(case_id)
    everyone = {e.id: e for e in store.entities(case_id, include_merged=True)}
    canonical = {e.id: e for e in store.entities(case_id)}
    root = {i: canonical[store._root(i, everyone)] for i in everyone}
    items = []
    for a in store.assertions(case_id, status=None if status is None else [status]):
        obj = root[a.object_id] if a.object_id is not None else None
        layer, symmetric = "", False
        if a.predicate is not None:
            rtype = store.schema.relation(a.predicate)
            layer, symmetric = rtype.layer, rtype.symmetric
        items.append(Item(a, root[a.subject_id], obj, layer, symmetric))
    keys = {s.id: (s.key or f"s{s.id}") for s in sources}
    return Snapshot(case.name, case.title, sources, list(canonical.values()), items, keys)


def denials_note(snap: Snapshot, fmt: str) -> list[str]:
    """The note a graph format gives when it leaves denied relations out (``[]`` when none).

    >>> denials_note(Snapshot("c", "", [], [], []), "GEXF")
    []
    """
    n = len(snap.denials)
    if not n:
        return []
    return [
        f"{n} denied relation{'s' if n != 1 else ''} left out of the {fmt} export (a denial is not a "
        "tie); GraphML, CSV assertions.csv and JSON keep them with modality 'denied'"
    ]


def assertion_row(snap: Snapshot, item: Item) -> dict[str, Any]:
    """The flat fields of an assertion, as every tabular format writes them."""
    a = item.assertion
    return {
        "assertion": f"a{a.id}",
        "key": a.key,
        "subject": node_id(stored_id(item.subject)),
        "predicate": a.predicate or "",
        "qualifier": a.qualifier or "",
        "object": node_id(stored_id(item.object)) if item.object else "",
        "layer": item.layer,
        "modality": a.modality,
        "attribution": a.attribution,
        "reliability": a.reliability,
        "credibility": a.credibility,
        "grade": a.grade,
        "valid_from": iso(a.valid_from),
        "valid_to": iso(a.valid_to),
        "valid_from_bound": a.valid_from_bound,
        "valid_to_bound": a.valid_to_bound,
        "valid_text": a.valid_text,
        "reported_on": iso(a.reported_on),
        "status": a.status,
        "score": "" if a.score is None else repr(a.score),
        "origin": a.origin,
        "note": a.note,
        "denied": a.modality == DENIED,
    }


def source_row(source: Source, key: str) -> dict[str, Any]:
    """A source's fields, text included (so an import can re-anchor every span)."""
    return {
        "source": key,
        "title": source.title,
        "author": source.author,
        "publisher": source.publisher,
        "published": source.published,
        "origin": source.origin,
        "kind": source.kind,
        "reliability": source.reliability,
        "media_type": source.media_type,
        "sha256": source.content_hash,
        "text": source.text,
    }


def entity_row(entity: Entity) -> dict[str, Any]:
    return {
        "id": node_id(stored_id(entity)),
        "type": entity.type,
        "name": entity.name,
        "aliases": list(entity.aliases),
        "attributes": dict(entity.attributes),
        "key": entity.key,
    }


def spans(snap: Snapshot, item: Item) -> list[dict[str, Any]]:
    """Evidence spans of an assertion: source key, start, end, quote."""
    return [
        {"source": snap.source_key[ev.source_id], "start": ev.start, "end": ev.end, "quote": ev.quote}
        for ev in item.assertion.evidence
    ]

"""Everything known about one entity, grouped the way an analyst reads it.

>>> from orgmap.store import Store
>>> from orgmap.casefile import load_case, CASES_DIR
>>> store = Store.open(":memory:")
>>> _ = load_case(store, CASES_DIR / "qods-force")
>>> p = entity_profile(store, store.default_case(), "Qaani")
>>> p["name"], bool(p["posts"])
('Esmail Qaani', True)
"""

from __future__ import annotations

from typing import Any

from orgmap.model import stored_id
from orgmap.schema import Roles
from orgmap.store import Relation, Store

__all__ = ["SECTIONS", "entity_profile"]

# (section title, predicate on a relation, the entity's id and the vocabulary's roles) in
# reading order; the rest fall into "other ties".
SECTIONS = (
    ("posts", lambda r, me, roles: r.subject.id == me and r.layer == roles.command_layer),
    ("under or inside it", lambda r, me, roles: r.object.id == me and r.layer == roles.command_layer),
    ("rivals and opponents", lambda r, me, roles: r.type in roles.rivalry and r.object.id == me),
    ("opposes", lambda r, me, roles: r.layer == roles.conflict_layer and r.subject.id == me),
    ("supporters", lambda r, me, roles: r.type in roles.backing and r.object.id == me),
    ("informal ties", lambda r, me, roles: r.layer == roles.ties_layer),
    ("events", lambda r, me, roles: r.layer == roles.event_layer),
    ("contested claims", lambda r, me, roles: r.assertion.modality != "asserted"),
)


def _line(r: Relation, me: int, titles: dict[int, str]) -> dict[str, Any]:
    a = r.assertion
    other = r.object if r.subject.id == me else r.subject
    kind = f" ({a.qualifier})" if a.qualifier else ""
    return {
        "relation": f"{r.subject.name} {r.type}{kind} {r.object.name}",
        "type": r.type,
        "qualifier": a.qualifier,
        "layer": r.layer,
        "other": other.name,
        "direction": "out" if r.subject.id == me else "in",
        "modality": a.modality,
        "attribution": a.attribution,
        "grade": a.grade,
        "status": a.status,
        "valid_from": a.valid_from,
        "valid_to": a.valid_to,
        "valid_from_bound": a.valid_from_bound,
        "valid_to_bound": a.valid_to_bound,
        "assertion_id": a.id,
        "evidence": [
            {
                "quote": e.quote,
                "source": titles.get(e.source_id, str(e.source_id)),
                "start": e.start,
                "end": e.end,
            }
            for e in a.evidence
        ],
    }


def entity_profile(
    store: Store, case_id: int, name: str, *, status: str | None = "accepted"
) -> dict[str, Any]:
    """The entity called ``name`` (any alias) with every relation, each with its evidence."""
    entity = store.find_entity(case_id, name)
    titles = {stored_id(s): s.title or s.key or s.origin for s in store.sources(case_id)}
    rels = store.relations(case_id, entity=entity.id, status=None if status is None else [status])
    sections: dict[str, list[dict[str, Any]]] = {title: [] for title, _ in SECTIONS}
    sections["other ties"] = []
    roles: Roles = store.schema.roles
    for r in rels:
        line = _line(r, stored_id(entity), titles)
        home = next(
            (title for title, test in SECTIONS if title != "contested claims" and test(r, entity.id, roles)),
            "other ties",
        )
        sections[home].append(line)
        if r.assertion.modality != "asserted":  # contested claims also show where they belong
            sections["contested claims"].append(line)
    mentions = store.assertions(case_id, kind="entity", entity=entity.id)
    return {
        "id": entity.id,
        "name": entity.name,
        "type": entity.type,
        "aliases": entity.aliases,
        "attributes": entity.attributes,
        "posts": sections.pop("posts"),
        "sections": {k: v for k, v in sections.items() if v},
        "mentions": [
            {"quote": e.quote, "source": titles.get(e.source_id, "")} for a in mentions for e in a.evidence
        ][:5],
    }

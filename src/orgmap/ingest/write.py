"""Write an :class:`~orgmap.extract.ExtractionResult` into the store as candidates.

Entities are matched to the case's entities by name or alias (same type); a new entity
that is a spelling variant of an existing one is added and then merged into it by a
judgement (``who="orgmap-resolve"``), so the analyst can see and undo it. Every entity
mention and relation becomes an assertion with ``status="candidate"``,
``origin="extracted"``, its extraction score and exact evidence spans.
"""

from __future__ import annotations

from collections.abc import MutableMapping
from dataclasses import dataclass, field
from datetime import date

from orgmap.extract.result import ExtractionResult
from orgmap.ingest.index import EntityIndex, linkable
from orgmap.model import Assertion, Entity, Evidence
from orgmap.names import normalize_name

__all__ = ["RESOLVER", "write_document", "write_result"]

RESOLVER = "orgmap-resolve"
_MAX_MENTION_SPANS = 25


def _iso(value: str | None, *, end: bool = False) -> date | None:
    """The first (or with ``end`` the last) day of "YYYY", "YYYY-MM" or "YYYY-MM-DD"."""
    if not value:
        return None
    from orgmap.casefile.spans import parse_period

    try:
        first, last = parse_period(value)
    except ValueError:
        return None
    return last if end else first


@dataclass
class _Plan:
    """What one document adds to the case's entities, decided before anything is written.

    Entities new to the case get placeholder keys ``-1, -2, ...`` (in order) until they
    are inserted together; existing ones keep their ids.
    """

    new: list[Entity] = field(default_factory=list)
    aliases: dict[int, list[str]] = field(default_factory=dict)  # existing id -> names to add
    merges: list[tuple[int, int, str]] = field(default_factory=list)  # (placeholder, into, why)

    def add_names(self, hit: int, names: list[str]) -> None:
        if hit < 0:
            self.new[-hit - 1].aliases.extend(names)
        else:
            self.aliases.setdefault(hit, []).extend(names)


def _resolve(ent, index: MutableMapping[tuple[str, str], int], known: EntityIndex, plan: _Plan) -> int:
    """The id (or placeholder) ``ent`` stands for; what to write is recorded in ``plan``."""
    names = [ent.name, *ent.aliases]
    for name in names:
        if not linkable(name, ent.type):
            continue
        hit = index.get((normalize_name(name), ent.type))
        if hit is not None:
            new = [n for n in names if (normalize_name(n), ent.type) not in index]
            if new:
                plan.add_names(hit, new)
                for n in new:
                    if linkable(n, ent.type):
                        index[(normalize_name(n), ent.type)] = hit
            return hit
    plan.new.append(
        Entity(
            type=ent.type,
            name=ent.name,
            aliases=list(ent.aliases),
            attributes={"origin": "extracted", **ent.attributes},
        )
    )
    placeholder = -len(plan.new)
    best = known.best_variant(ent.name, ent.type)  # the best score >= 90; ties to the oldest entity
    if best[1] is not None and best[1].id is not None:  # the index holds stored entities only
        why = f"spelling variant: {ent.name!r} ~ {best[1].name!r} (score {best[0]:.0f})"
        plan.merges.append((placeholder, best[1].id, why))
    for name in (ent.name, *ent.aliases):
        if linkable(name, ent.type):
            index.setdefault((normalize_name(name), ent.type), placeholder)
    return placeholder


def _write_plan(store, case_id: int, plan: _Plan) -> dict[int, int]:
    """Insert the new entities in one batch, add the names, record the merges: placeholder -> id."""
    from orgmap.store.bulk import bulk_add_entities

    created = dict(zip(range(-1, -len(plan.new) - 1, -1), bulk_add_entities(store, case_id, plan.new)))
    for eid, names in plan.aliases.items():
        store.add_aliases(eid, names)
    for placeholder, into, why in plan.merges:
        store.merge(created[placeholder], into, who=RESOLVER, why=why)
    return created


def write_result(
    store,
    case_id: int,
    source_id: int,
    result: ExtractionResult,
    *,
    reported_on: str | None = None,
    reliability: str = "F",
    index: EntityIndex | None = None,
) -> dict[str, int]:
    """Store ``result`` (extracted from source ``source_id``); returns counts. One transaction.

    ``index`` (an :class:`~orgmap.ingest.index.EntityIndex` of ``case_id``, kept by the
    caller across documents) saves reloading the case's entities for every document;
    without it one is built here. Either way the outcome is the same. What the document
    adds is decided first and then written in batches (the new entities in one insert),
    so the writer's cost grows with the statements, not the entities.
    """
    with store.transaction():
        if index is None:
            index = EntityIndex(store, case_id)
        else:
            index.sync()
        names = index.keys()  # this document's working copy; the index itself learns at the next sync
        plan = _Plan()
        keys = {ent.key: _resolve(ent, names, index, plan) for ent in result.entities}
        created = _write_plan(store, case_id, plan)
        ids = {key: created.get(v, v) for key, v in keys.items()}
        when = _iso(reported_on)
        batch = []
        for ent in result.entities:
            spans = ent.mentions[:_MAX_MENTION_SPANS]
            batch.append(
                Assertion(
                    subject_id=ids[ent.key],
                    evidence=[Evidence(source_id, s, e) for s, e in spans],
                    status="candidate",
                    origin="extracted",
                    score=ent.score,
                    reported_on=when,
                    reliability=reliability,
                )
            )
        for r in result.relations:
            batch.append(
                Assertion(
                    subject_id=ids[r.source],
                    predicate=r.type,
                    object_id=ids[r.target],
                    evidence=[Evidence(source_id, s, e) for s, e in r.evidence],
                    attribution=r.attribution,
                    modality=r.modality,
                    valid_from=_iso(r.valid_from),
                    valid_to=_iso(r.valid_to, end=True),
                    valid_text=r.valid_text,
                    reported_on=when,
                    status="candidate",
                    origin="extracted",
                    score=r.score,
                    note=f"pattern: {r.pattern}",
                    reliability=reliability,
                    qualifier=r.qualifier,
                )
            )
        store.add_assertions(case_id, batch)
    return {
        "entities": len(result.entities),
        "new_entities": len(plan.new),
        "relations": len(result.relations),
    }


def write_document(
    store,
    case_id: int,
    source,
    result: ExtractionResult,
    *,
    reported_on: str | None = None,
    index: EntityIndex | None = None,
) -> tuple[int, dict[str, int]]:
    """Store a new document and what was extracted from it, in one transaction: (source id, counts).

    The case is locked first (:meth:`~orgmap.store.api.Store.lock_case`), so two ingests of one
    folder at once queue; the second finds the document stored and gets
    :class:`~orgmap.store.SourceExists` (reported as skipped), instead of a second copy of
    every assertion.

    >>> from orgmap.extract.pipeline import extract_document
    >>> from orgmap.model import Source
    >>> from orgmap.store import Store
    >>> text = "Hasan Nasrallah, the secretary general of Hizballah, met Esmail Qaani."
    >>> store = Store.open(":memory:"); case = store.ensure_case("demo")
    >>> write_document(store, case, Source(text=text), extract_document(text))
    (1, {'entities': 3, 'new_entities': 3, 'relations': 2})
    >>> write_document(store, case, Source(text=text), extract_document(text))
    Traceback (most recent call last):
    ...
    orgmap.store.engine.SourceExists: already ingested (same content as source #1)
    """
    with store.transaction():
        store.lock_case(case_id)
        sid = store.add_source(case_id, source, result.sentences, new=True)
        return sid, write_result(store, case_id, sid, result, reported_on=reported_on, index=index)

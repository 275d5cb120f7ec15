"""Write an :class:`~orgmap.extract.ExtractionResult` into the store as candidates.

Entities are matched to the case's entities by name or alias (same type); a new entity
that is a spelling variant of an existing one is added and then merged into it by a
judgement (``who="orgmap-resolve"``), so the analyst can see and undo it. Every entity
mention and relation becomes an assertion with ``status="candidate"``,
``origin="extracted"``, its extraction score and exact evidence spans.
"""

from __future__ import annotations

from collections.abc import MutableMapping
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


def _resolve(
    store,
    case_id: int,
    ent,
    index: MutableMapping[tuple[str, str], int],
    known: EntityIndex,
    created: list[int],
) -> int:
    names = [ent.name, *ent.aliases]
    for name in names:
        if not linkable(name, ent.type):
            continue
        hit = index.get((normalize_name(name), ent.type))
        if hit is not None:
            new = [n for n in names if (normalize_name(n), ent.type) not in index]
            if new:
                store.add_aliases(hit, new)
                for n in new:
                    if linkable(n, ent.type):
                        index[(normalize_name(n), ent.type)] = hit
            return hit
    new_id = store.add_entity(
        case_id,
        Entity(
            type=ent.type,
            name=ent.name,
            aliases=list(ent.aliases),
            attributes={"origin": "extracted", **ent.attributes},
        ),
    )
    created.append(new_id)
    best = known.best_variant(ent.name, ent.type)  # the best score >= 90; ties to the oldest entity
    if best[1] is not None:
        store.merge(
            new_id,
            best[1].id,
            who=RESOLVER,
            why=f"spelling variant: {ent.name!r} ~ {best[1].name!r} (score {best[0]:.0f})",
        )
    for name in (ent.name, *ent.aliases):
        if linkable(name, ent.type):
            index.setdefault((normalize_name(name), ent.type), new_id)
    return new_id


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
    without it one is built here. Either way the outcome is the same.
    """
    with store.transaction():
        if index is None:
            index = EntityIndex(store, case_id)
        else:
            index.sync()
        names = index.keys()  # this document's working copy; the index itself learns at the next sync
        created: list[int] = []
        ids = {ent.key: _resolve(store, case_id, ent, names, index, created) for ent in result.entities}
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
        "new_entities": len(created),
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

"""The case's entities by name, kept across the documents of one ingest run.

:func:`orgmap.ingest.write_result` matches each extracted entity to the case's entities
by normalised name or alias (same type) and compares new names with the known ones of
the same type and length. Rebuilding that from the store for every document costs time
in proportion to the case; an :class:`EntityIndex` is built once and, before each use,
:meth:`EntityIndex.sync` reads only what changed since: entities and aliases added since
(ids above the last seen) and merges of those new entities. Anything else (a merge or
unmerge of an entity it already knew, another judgement on an entity, an entity removed)
makes it rebuild from scratch, so it always answers as a fresh rebuild would: a name
belongs to the canonical entity with the smallest id that carries it.

>>> from orgmap.store import Store
>>> from orgmap.model import Entity
>>> store = Store.open(":memory:")
>>> case = store.ensure_case("c")
>>> acme = store.add_entity(case, Entity("organization", "Acme Corp", aliases=["Acme"]))
>>> index = EntityIndex(store, case)
>>> index.lookup("ACME", "organization") == acme
True
>>> ann = store.add_entity(case, Entity("person", "Ann Lee"))
>>> index.sync()            # reads only the new rows
'incremental'
>>> index.lookup("ann lee", "person") == ann
True
"""

from __future__ import annotations

import re
from collections import ChainMap
from typing import Any

import sqlalchemy as sa

from orgmap.model import Entity
from orgmap.names import normalize_name
from orgmap.resolve.variants import fold
from orgmap.store import tables as t

__all__ = ["EntityIndex", "linkable"]

_DIGITS = re.compile(r"\d+")
# statements built once: building a select costs more than running it on a small case
_MARK = sa.text(
    f"SELECT (SELECT COALESCE(MAX(id), 0) FROM {t.entities.name}), "
    f"(SELECT COALESCE(MAX(id), 0) FROM {t.aliases.name}), (SELECT COALESCE(MAX(id), 0) FROM {t.judgements.name}), "
    f"(SELECT COUNT(*) FROM {t.entities.name} WHERE case_id = :case)"
)
_JUDGED = sa.select(t.judgements.c.target_id, t.judgements.c.action).where(
    t.judgements.c.id > sa.bindparam("after"), t.judgements.c.target_kind == "entity"
)
_ENTITIES = (
    sa.select(t.entities.c.id, t.entities.c.type, t.entities.c.name, t.entities.c.merged_into)
    .where(t.entities.c.case_id == sa.bindparam("case"), t.entities.c.id > sa.bindparam("after"))
    .order_by(t.entities.c.id)
)
_ALIASES = (
    sa.select(t.aliases.c.entity_id, t.aliases.c.alias)
    .join(t.entities)
    .where(t.entities.c.case_id == sa.bindparam("case"), t.aliases.c.id > sa.bindparam("after"))
    .order_by(t.aliases.c.id)
)


def linkable(name: str, etype: str) -> bool:
    """Whether a name may link documents: a bare surname ("Haddad") may not, people share them.

    >>> linkable("Haddad", "person"), linkable("Sami Haddad", "person"), linkable("Hizballah", "organization")
    (False, True, True)
    """
    return etype != "person" or len(normalize_name(name).split()) > 1


class EntityIndex:
    """Name → canonical entity id of one case, plus the names to compare spelling variants with.

    ``lookup(name, type)`` gives the id of a linkable name; ``best_variant(name, type)``
    the entity a new name is a spelling variant of. Call :meth:`sync` before use
    when the store may have changed (``write_result`` does).
    """

    _seen: tuple[int, int, int, int]  # the store's high-water marks at the last load or sync

    def __init__(self, store: Any, case_id: int):
        self.store, self.case_id = store, case_id
        self.rebuilds = 0  # how many full loads (for tests and benchmarks)
        self._load()

    # -- queries -------------------------------------------------------------------------
    def lookup(self, name: str, etype: str) -> int | None:
        return self._ids.get((normalize_name(name), etype))

    def best_variant(self, name: str, etype: str) -> tuple[float, Entity | None]:
        """The known entity whose name ``name`` is a spelling variant of, with the score.

        Same answer as the best :func:`~orgmap.resolve.variants.variant_score` (≥ 90) over
        every known name of the type and word count, ties to the smallest id, without
        comparing with each: a score reaches 90 only for the same normalised name (100)
        or the same folded key of three or more letters and the same numbers (95).
        ``(0.0, None)`` when no name scores 90.
        """
        norm = normalize_name(name)
        words = len(norm.split())
        hit = self._by_norm.get((etype, words, norm))
        if hit is not None:
            return 100.0, self._entity[hit]
        key = fold(name)
        if len(key) >= 3:
            hit = self._by_fold.get((etype, words, key, tuple(_DIGITS.findall(norm))))
            if hit is not None:
                return 95.0, self._entity[hit]
        return 0.0, None

    def keys(self) -> ChainMap[tuple[str, str], int]:
        """A writable overlay of the (normalised name, type) → id map: a document's working copy."""
        return ChainMap({}, self._ids)

    # -- keeping up ----------------------------------------------------------------------
    def sync(self) -> str:
        """Catch up with the store; returns ``"current"``, ``"incremental"`` or ``"rebuilt"``."""
        with self.store._connection() as c:
            mark = self._mark(c)
        if mark == self._seen:
            return "current"
        if mark[0] < self._seen[0] or mark[1] < self._seen[1] or mark[2] < self._seen[2]:
            self._load()  # rows went away (a case deleted or reloaded): start again
            return "rebuilt"
        with self.store._connection() as c:
            last_entity, last_alias, last_judgement = self._seen[:3]
            judged = c.execute(_JUDGED, {"after": last_judgement}).all()
            if any(action != "merge" or target <= last_entity for target, action in judged):
                self._load()  # an analyst merged, unmerged or edited a known entity
                return "rebuilt"
            new = c.execute(_ENTITIES, {"case": self.case_id, "after": last_entity}).all()
            names = c.execute(_ALIASES, {"case": self.case_id, "after": last_alias}).all()
        for r in new:
            if r.merged_into is not None:
                self._parent[r.id] = r.merged_into
            self._type[r.id] = r.type
            self._entity[r.id] = Entity(r.type, r.name, [], {}, "", r.merged_into, r.id)
        for r in new:
            self._add_name(r.id, r.name)
        for entity_id, alias in names:
            self._add_name(entity_id, alias)
        if len(self._entity) != mark[3]:
            self._load()  # entities of the case changed in a way the new rows do not explain
            return "rebuilt"
        self._seen = mark
        return "incremental"

    def _mark(self, c: sa.Connection) -> tuple[int, int, int, int]:
        """(max entity id, max alias id, max judgement id, entities in the case): what changes."""
        row = c.execute(_MARK, {"case": self.case_id}).one()  # plain SQL: 6x cheaper than building a select
        return int(row[0]), int(row[1]), int(row[2]), int(row[3])

    def _load(self) -> None:
        self.rebuilds += 1
        with self.store._connection() as c:
            mark = self._mark(c)
            rows = c.execute(_ENTITIES, {"case": self.case_id, "after": 0}).all()
            names = c.execute(_ALIASES, {"case": self.case_id, "after": 0}).all()
        self._ids: dict[tuple[str, str], int] = {}
        self._by_norm: dict[tuple[str, int, str], int] = {}  # (type, words, normalised name) → id
        self._by_fold: dict[tuple[str, int, str, tuple[str, ...]], int] = {}  # (…, folded key, numbers) → id
        self._parent = {r.id: r.merged_into for r in rows if r.merged_into is not None}
        self._type = {r.id: r.type for r in rows}
        self._entity = {r.id: Entity(r.type, r.name, [], {}, "", r.merged_into, r.id) for r in rows}
        self._names: dict[int, set[str]] = {}
        for r in rows:
            self._add_name(r.id, r.name)
        for entity_id, alias in names:
            self._add_name(entity_id, alias)
        self._seen = mark

    def root(self, entity_id: int) -> int:
        seen = set()
        while entity_id in self._parent and entity_id not in seen:
            seen.add(entity_id)
            entity_id = self._parent[entity_id]
        return entity_id

    def _add_name(self, entity_id: int, name: str) -> None:
        root = self.root(entity_id)
        etype = self._type[root]
        held = self._names.setdefault(root, set())
        if name in held:
            return
        held.add(name)
        norm = normalize_name(name)
        if linkable(name, etype):
            key = (norm, etype)
            self._ids[key] = min(self._ids.get(key, root), root)
        words = len(norm.split())
        by_norm = (etype, words, norm)
        self._by_norm[by_norm] = min(self._by_norm.get(by_norm, root), root)
        by_fold = (etype, words, fold(name), tuple(_DIGITS.findall(norm)))
        self._by_fold[by_fold] = min(self._by_fold.get(by_fold, root), root)

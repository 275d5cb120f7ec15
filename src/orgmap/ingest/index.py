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

from orgmap.model import Entity
from orgmap.names import normalize_name
from orgmap.resolve.variants import phonetic_key
from orgmap.store.reads_names import NamesMark

__all__ = ["EntityIndex", "linkable"]

_DIGITS = re.compile(r"\d+")


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

    _seen: NamesMark  # the store's high-water marks at the last load or sync

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
        or the same phonetic key of three or more letters and the same numbers (95).
        ``(0.0, None)`` when no name scores 90.
        """
        norm = normalize_name(name)
        words = len(norm.split())
        hit = self._by_norm.get((etype, words, norm))
        if hit is not None:
            return 100.0, self._entity[hit]
        key = phonetic_key(name)
        if len(key) >= 3:
            hit = self._by_phonetic.get((etype, words, key, tuple(_DIGITS.findall(norm))))
            if hit is not None:
                return 95.0, self._entity[hit]
        return 0.0, None

    def keys(self) -> ChainMap[tuple[str, str], int]:
        """A writable overlay of the (normalised name, type) → id map: a document's working copy."""
        return ChainMap({}, self._ids)

    # -- keeping up ----------------------------------------------------------------------
    def sync(self) -> str:
        """Catch up with the store; returns ``"current"``, ``"incremental"`` or ``"rebuilt"``."""
        mark = self.store.entity_names_mark(self.case_id)
        if mark == self._seen:
            return "current"
        if (
            mark.entity < self._seen.entity
            or mark.alias < self._seen.alias
            or mark.judgement < self._seen.judgement
        ):
            self._load()  # rows went away (a case deleted or reloaded): start again
            return "rebuilt"
        rows = self.store.entity_names_since(self.case_id, self._seen)
        if any(action != "merge" or target <= self._seen.entity for target, action in rows.judged):
            self._load()  # an analyst merged, unmerged or edited a known entity
            return "rebuilt"
        for r in rows.entities:
            if r.merged_into is not None:
                self._parent[r.id] = r.merged_into
            self._type[r.id] = r.type
            self._entity[r.id] = Entity(r.type, r.name, [], {}, "", r.merged_into, r.id)
        for r in rows.entities:
            self._add_name(r.id, r.name)
        for entity_id, alias in rows.aliases:
            self._add_name(entity_id, alias)
        if len(self._entity) != rows.mark.entities_in_case:
            self._load()  # entities of the case changed in a way the new rows do not explain
            return "rebuilt"
        self._seen = rows.mark
        return "incremental"

    def _load(self) -> None:
        self.rebuilds += 1
        loaded = self.store.entity_names_since(self.case_id)
        rows = loaded.entities
        self._ids: dict[tuple[str, str], int] = {}
        self._by_norm: dict[tuple[str, int, str], int] = {}  # (type, words, normalised name) → id
        self._by_phonetic: dict[
            tuple[str, int, str, tuple[str, ...]], int
        ] = {}  # (…, phonetic key, numbers) → id
        self._parent = {r.id: r.merged_into for r in rows if r.merged_into is not None}
        self._type = {r.id: r.type for r in rows}
        self._entity = {r.id: Entity(r.type, r.name, [], {}, "", r.merged_into, r.id) for r in rows}
        self._names: dict[int, set[str]] = {}
        for r in rows:
            self._add_name(r.id, r.name)
        for entity_id, alias in loaded.aliases:
            self._add_name(entity_id, alias)
        self._seen: NamesMark = loaded.mark

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
        by_sound = (etype, words, phonetic_key(name), tuple(_DIGITS.findall(norm)))
        self._by_phonetic[by_sound] = min(self._by_phonetic.get(by_sound, root), root)

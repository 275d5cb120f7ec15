"""Store reads for entities, their aliases and merges (part of :class:`orgmap.store.reads.Reads`)."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import sqlalchemy as sa
from rapidfuzz import process

from orgmap.model import Entity, stored_id
from orgmap.names import normalize_name
from orgmap.store import tables as t
from orgmap.store.engine import StoreError
from orgmap.store.needs import Connected, SourceLookup
from orgmap.store.read_helpers import UnknownName, one_connection

__all__ = ["EntityReads"]


class EntityReads(Connected, SourceLookup):
    """Entities (canonical or all), merge roots, lookup by name with suggestions."""

    def _entities(self, where: Any) -> list[Entity]:
        with self._connection() as c:
            rows = c.execute(sa.select(t.entities).where(where).order_by(t.entities.c.id)).all()
            ids = [r.id for r in rows]
            aliases: dict[int, list[str]] = defaultdict(list)
            if ids:
                for a in c.execute(
                    sa.select(t.aliases).where(t.aliases.c.entity_id.in_(ids)).order_by(t.aliases.c.id)
                ):
                    aliases[a.entity_id].append(a.alias)
        return [
            Entity(
                r.type,
                r.name,
                [a for a in aliases[r.id] if a != r.name],
                dict(r.attributes or {}),
                r.key,
                r.merged_into,
                r.id,
            )
            for r in rows
        ]

    @one_connection
    def entity(self, entity_id: int) -> Entity:
        found = self._entities(t.entities.c.id == entity_id)
        if not found:
            raise StoreError(f"no entity with id {entity_id}")
        return found[0]

    @one_connection
    def entities(
        self, case_id: int, *, type: str | None = None, include_merged: bool = False
    ) -> list[Entity]:
        """Canonical entities of a case; each carries the aliases of entities merged into it.

        >>> from orgmap.store import Store
        >>> store = Store.open(":memory:"); case = store.ensure_case("demo")
        >>> a, b = (store.add_entity(case, Entity("person", n)) for n in ("Ali Reza", "A. Reza"))
        >>> _ = store.merge(b, a, who="ann", why="same man")
        >>> [(e.name, e.aliases) for e in store.entities(case)]
        [('Ali Reza', ['A. Reza'])]
        >>> len(store.entities(case, include_merged=True)), store.canonical_id(b) == a
        (2, True)
        """
        if type:
            self.schema.entity_type(type)
        all_entities = self._entities(t.entities.c.case_id == case_id)
        by_id = {stored_id(e): e for e in all_entities}
        chosen = [e for e in all_entities if (type is None or e.type == type)]
        if include_merged:
            return chosen
        out = [e for e in chosen if e.merged_into is None]
        for e in all_entities:
            if e.merged_into is not None:
                root = by_id[self._root(stored_id(e), by_id)]
                for name in [e.name, *e.aliases]:
                    if name != root.name and name not in root.aliases:
                        root.aliases.append(name)
        return out

    @staticmethod
    def _root(entity_id: int, by_id: dict[int, Entity]) -> int:
        seen = set()
        while (into := by_id[entity_id].merged_into) is not None and entity_id not in seen:
            seen.add(entity_id)
            entity_id = into
        return entity_id

    def canonical_id(self, entity_id: int) -> int:
        """Follow merges to the entity that stands for ``entity_id``.

        >>> from orgmap.store import Store
        >>> store = Store.open(":memory:"); case = store.ensure_case("demo")
        >>> a, b, c = (store.add_entity(case, Entity("person", n)) for n in ("Ali Reza", "A. Reza", "Reza"))
        >>> _ = store.merge(c, b, who="ann", why="same"); _ = store.merge(b, a, who="ann", why="same")
        >>> store.canonical_id(c), store.canonical_id(a)  # merges are followed to the end
        (1, 1)
        """
        with self._connection() as c:
            seen = set()
            while entity_id not in seen:
                seen.add(entity_id)
                nxt = c.scalar(sa.select(t.entities.c.merged_into).where(t.entities.c.id == entity_id))
                if nxt is None:
                    return entity_id
                entity_id = nxt
        return entity_id

    @one_connection
    def find_entities(self, case_id: int, name: str) -> list[Entity]:
        """Canonical entities whose name or an alias matches ``name`` (normalised).

        >>> from orgmap.store import Store
        >>> store = Store.open(":memory:"); case = store.ensure_case("demo")
        >>> _ = [store.add_entity(case, Entity("person", n, aliases=["Reza"])) for n in ("Ali Reza", "Hassan Reza")]
        >>> [e.name for e in store.find_entities(case, "reza")], store.find_entities(case, "Omar")
        (['Ali Reza', 'Hassan Reza'], [])
        """
        norm = normalize_name(name)
        with self._connection() as c:
            ids = list(
                c.scalars(
                    sa.select(t.aliases.c.entity_id)
                    .join(t.entities)
                    .where(t.entities.c.case_id == case_id, t.aliases.c.normalized == norm)
                )
            )
        roots = sorted({self.canonical_id(i) for i in ids})
        return [self.entity(i) for i in roots]

    @one_connection
    def find_entity(self, case_id: int, name: str) -> Entity:
        """The one entity called ``name``; :class:`UnknownName` with suggestions otherwise.

        ``"#7"`` names entity 7 of this case by id.

        >>> from orgmap.store import Store
        >>> store = Store.open(":memory:"); case = store.ensure_case("demo")
        >>> _ = store.add_entity(case, Entity("person", "Ali Reza", aliases=["Abu Ali"]))
        >>> store.find_entity(case, "abu ali").name, store.find_entity(case, "#1").name
        ('Ali Reza', 'Ali Reza')
        >>> store.find_entity(case, "Ali Rezza")
        Traceback (most recent call last):
        ...
        orgmap.store.read_helpers.UnknownName: no entity called 'Ali Rezza'; did you mean 'Ali Reza'?
        """
        if isinstance(name, str) and name.startswith("#") and name[1:].isdigit():  # an id of this case only
            return self.entity(self.canonical_id(self.check_in_case(case_id, "entity", [name[1:]])[0]))
        found = self.find_entities(case_id, name)
        if len(found) == 1:
            return found[0]
        if len(found) > 1:
            raise StoreError(
                f"{name!r} is ambiguous: "
                + "; ".join(f"#{e.id} {e.name} ({e.type})" for e in found)
                + " - name one by #id"
            )
        with self._connection() as c:
            names = list(
                c.scalars(
                    sa.select(t.aliases.c.alias).join(t.entities).where(t.entities.c.case_id == case_id)
                )
            )
        close = process.extract(name, names, limit=3, score_cutoff=60)
        raise UnknownName(name, [m[0] for m in close])

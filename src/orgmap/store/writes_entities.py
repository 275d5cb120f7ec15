"""Store writes for entities, aliases and merges (mixed into :class:`orgmap.store.api.Store`)."""

from __future__ import annotations

from collections.abc import Iterable

import sqlalchemy as sa

from orgmap.model import Entity
from orgmap.names import normalize_name
from orgmap.store import tables as t
from orgmap.store.engine import Conflict, StoreError
from orgmap.store.needs import Connected, EntityLookup, Judging
from orgmap.store.rows import inserted_id, now

__all__ = ["EntityWrites"]


class EntityWrites(Connected, EntityLookup, Judging):
    """Add entities and aliases; merge and unmerge (each a judgement)."""

    def add_entity(self, case_id: int, entity: Entity) -> int:
        """Add an entity with its aliases (its name counts as one) and return its id.

        >>> from orgmap.store import Store
        >>> store = Store.open(":memory:"); case = store.ensure_case("demo")
        >>> ali = store.add_entity(case, Entity("person", "Ali Reza", aliases=["Ali"]))
        >>> store.find_entity(case, "ali").id == ali
        True
        """
        self.schema.entity_type(entity.type)
        with self.transaction():
            eid = inserted_id(
                self._write(
                    sa.insert(t.entities).values(
                        case_id=case_id,
                        key=entity.key,
                        type=entity.type,
                        name=entity.name,
                        attributes=entity.attributes,
                        created_at=now(),
                    )
                )
            )
            self.add_aliases(eid, [entity.name, *entity.aliases])
        return eid

    def add_aliases(self, entity_id: int, names: Iterable[str]) -> None:
        """Add names an entity goes by; one already known (in any spelling of case or space) is skipped.

        >>> from orgmap.store import Store
        >>> store = Store.open(":memory:"); case = store.ensure_case("demo")
        >>> ali = store.add_entity(case, Entity("person", "Ali Reza"))
        >>> store.add_aliases(ali, ["ALI REZA", "Abu Ali"]); store.entity(ali).aliases
        ['Abu Ali']
        """
        known = {a.casefold() for a in self._alias_rows(entity_id)}
        rows, seen = [], set()
        for name in names:
            norm = normalize_name(name)
            if norm and norm not in seen and norm not in known:
                seen.add(norm)
                rows.append({"entity_id": entity_id, "alias": name, "normalized": norm})
        if rows:
            self._write(sa.insert(t.aliases), rows)

    def _alias_rows(self, entity_id: int) -> list[str]:
        with self._connection() as c:
            return list(
                c.scalars(sa.select(t.aliases.c.normalized).where(t.aliases.c.entity_id == entity_id))
            )

    def merge(self, absorbed: int, into: int, *, who: str, why: str) -> int:
        """Record that ``absorbed`` is the same entity as ``into``; returns the judgement id.

        The checks run inside the write transaction, after :meth:`lock_case`, so two analysts
        merging A into B and B into A at once cannot close a cycle: the second is refused.

        >>> from orgmap.store import Store
        >>> store = Store.open(":memory:"); case = store.ensure_case("demo")
        >>> a, b = (store.add_entity(case, Entity("person", n)) for n in ("Ali Reza", "A. Reza"))
        >>> store.merge(b, a, who="ann", why="same man"); store.entities(case)[0].aliases
        1
        ['A. Reza']
        >>> store.unmerge(b, who="ann", why="two men after all"); len(store.entities(case))
        2
        2
        """
        with self.transaction():
            first, second = self.entity(absorbed), self.entity(into)
            if first.type != second.type:
                raise StoreError(
                    "cannot merge entities of different types; correct the type first "
                    "(orgmap edit entity NAME --type TYPE)"
                )
            self.lock_case(self._entity_case(absorbed))
            if self.canonical_id(into) == self.canonical_id(absorbed):
                raise Conflict(
                    f"{first.name!r} (#{absorbed}) and {second.name!r} (#{into}) are already one "
                    f"entity{self._merge_note(absorbed, into)}; nothing was changed"
                )
            self._write(sa.update(t.entities).where(t.entities.c.id == absorbed).values(merged_into=into))
            return self.judge("entity", absorbed, "merge", who=who, why=why, payload={"into": into})

    def _entity_case(self, entity_id: int) -> int:
        with self._connection() as c:
            found = c.scalar(sa.select(t.entities.c.case_id).where(t.entities.c.id == entity_id))
        if found is None:
            raise StoreError(f"no entity with id {entity_id}")
        return found

    def _merge_note(self, *entity_ids: int) -> str:
        """``" (merged by ann at …)"``: the latest merge judgement on any of ``entity_ids``, if any."""
        j = t.judgements.c
        with self._connection() as c:
            row = c.execute(
                sa.select(j.target_id, j.who, j.at, j.payload)
                .where(j.target_kind == "entity", j.action == "merge", j.target_id.in_(entity_ids))
                .order_by(j.id.desc())
                .limit(1)
            ).first()
        if row is None:
            return ""
        when = row.at.strftime("%Y-%m-%d %H:%M UTC") if row.at else "an unknown time"
        return (
            f" (#{row.target_id} was merged into #{(row.payload or {}).get('into')} by {row.who} at {when})"
        )

    def unmerge(self, entity_id: int, *, who: str, why: str) -> int:
        """Undo the merge of ``entity_id``; the merge judgement stays in the log."""
        with self.transaction():
            self.lock_case(self._entity_case(entity_id))
            entity = self.entity(entity_id)
            if entity.merged_into is None:
                raise Conflict(f"{entity.name!r} is not merged into another entity; nothing was changed")
            self._write(sa.update(t.entities).where(t.entities.c.id == entity_id).values(merged_into=None))
            return self.judge(
                "entity", entity_id, "unmerge", who=who, why=why, payload={"from": entity.merged_into}
            )

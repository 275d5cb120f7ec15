"""Store writes for analysts' corrections: an assertion superseded by its corrected successor.

Nothing is overwritten: the old assertion keeps its evidence and gets status ``superseded``;
the successor's ``supersedes`` points back to it, and a judgement on each says who, when, why.

>>> from orgmap.store import Store
>>> from orgmap.model import Assertion, Entity, Evidence, Source
>>> store = Store.open(":memory:")
>>> case = store.ensure_case("demo")
>>> src = store.add_source(case, Source(text="Ali leads the Unit."))
>>> ali = store.add_entity(case, Entity("person", "Ali"))
>>> unit = store.add_entity(case, Entity("organization", "The Unit"))
>>> old = store.add_assertion(case, Assertion(ali, "leads", unit, evidence=[Evidence(src, 0, 9)]))
>>> new = store.supersede_assertion(old, {"evidence": [Evidence(src, 0, 18)]}, who="ann", why="widen",
...                                 action="edit_evidence")
>>> store.assertion(old).status, store.assertion(new).evidence[0].quote, store.successors(case)
('superseded', 'Ali leads the Unit', {1: 2})
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import sqlalchemy as sa

from orgmap.model import Evidence
from orgmap.store import tables as t
from orgmap.store.engine import StaleDecision, StoreError
from orgmap.store.needs import Aliasing, AssertionLookup, Connected, EntityLookup, Judging

__all__ = ["EditWrites"]


class EditWrites(Connected, EntityLookup, AssertionLookup, Judging, Aliasing):
    """Supersede an assertion with a corrected copy (one transaction, two judgements)."""

    def supersede_assertion(
        self,
        assertion_id: int,
        changes: dict[str, Any],
        *,
        who: str,
        why: str = "",
        action: str = "edit",
        payload: dict[str, Any] | None = None,
        status: str = "accepted",
        seen: str | None = None,
    ) -> int:
        """Copy assertion ``assertion_id`` with ``changes`` applied; the copy supersedes it.

        ``changes`` holds :class:`orgmap.model.Assertion` fields (``evidence`` a list of
        :class:`Evidence`; quotes are read from the sources). The old assertion is marked
        ``superseded`` and keeps everything else (a new type drops a qualifier it does not
        have); the judgement on it records ``action``,
        the successor's id and ``payload``; the successor gets an ``add`` judgement.
        Returns the successor's id. Raises :class:`StaleDecision` if the old one is already
        superseded or no longer has status ``seen`` (another analyst decided meanwhile), and
        :class:`StoreError` if a field is unknown.
        """
        if not who:
            raise StoreError("a judgement needs who made it")
        with self.transaction():
            old = self.assertion(assertion_id)
            if old.status == "superseded":
                newer = self.successors(self.assertion_case(assertion_id)).get(assertion_id)
                raise StaleDecision(
                    f"assertion #{assertion_id} was already replaced by #{newer}: "
                    f"{self.last_decision(assertion_id)}; nothing was changed - edit #{newer}"
                )
            unknown = set(changes) - set(vars(old)) | ({"id", "supersedes"} & set(changes))
            if unknown:
                raise StoreError(f"cannot edit {', '.join(sorted(unknown))}")
            fields = {
                **changes,
                "evidence": [
                    Evidence(e.source_id, e.start, e.end) for e in changes.get("evidence", old.evidence)
                ],
            }
            new_type = changes.get("predicate", old.predicate)
            if (
                "qualifier" not in changes
                and old.qualifier
                and new_type is not None
                and old.qualifier not in self.schema.relation(new_type).qualifiers
            ):
                fields["qualifier"] = None  # a kind of the old type is no kind of the new one
            fresh = replace(old, **fields, id=None, origin="edited", supersedes=assertion_id, status=status)
            new_id = self.add_assertion(self.assertion_case(assertion_id), fresh)
            self._decide(assertion_id, seen or old.status, "superseded")
            self.judge(
                "assertion",
                assertion_id,
                action,
                who=who,
                why=why,
                payload={**(payload or {}), "superseded_by": new_id},
            )
            self.judge(
                "assertion",
                new_id,
                "add",
                who=who,
                why=why,
                payload={**(payload or {}), "supersedes": assertion_id},
            )
        return new_id

    def link_successors(self, pairs: list[tuple[int, int]]) -> None:
        """Record ``(old, new)``: ``new`` supersedes ``old`` (loading a case file that says so)."""
        with self.transaction():
            for old, new in pairs:
                self._write(sa.update(t.assertions).where(t.assertions.c.id == new).values(supersedes=old))

    def restore_merge(self, absorbed: int, into: int) -> None:
        """Set a merge that a case file records (its judgement is restored from the file's log)."""
        self._write(sa.update(t.entities).where(t.entities.c.id == absorbed).values(merged_into=into))

    def update_entity(
        self,
        entity_id: int,
        *,
        who: str,
        why: str = "",
        entity_type: str | None = None,
        name: str | None = None,
    ) -> int:
        """Correct an entity's type or name (the old name stays an alias); returns the judgement id.

        >>> from orgmap.model import Entity
        >>> from orgmap.store import Store
        >>> store = Store.open(":memory:"); case = store.ensure_case("demo")
        >>> unit = store.add_entity(case, Entity("organization", "Unit"))
        >>> _ = store.update_entity(unit, who="ann", why="its full name", name="The Unit")
        >>> store.entity(unit).name, store.entity(unit).aliases
        ('The Unit', ['Unit'])
        >>> store.update_entity(unit, who="ann", name="The Unit")
        Traceback (most recent call last):
        ...
        orgmap.store.engine.StoreError: entity #1 already is organization 'The Unit'; nothing to change
        """
        if not who:
            raise StoreError("a judgement needs who made it")
        with self.transaction():
            before = self.entity(entity_id)
            values: dict[str, Any] = {}
            if entity_type is not None and entity_type != before.type:
                self.schema.entity_type(entity_type)
                values["type"] = entity_type
            if name is not None and name != before.name:
                values["name"] = name
            if not values:
                raise StoreError(
                    f"entity #{entity_id} already is {before.type} {before.name!r}; nothing to change"
                )
            self._write(sa.update(t.entities).where(t.entities.c.id == entity_id).values(**values))
            if "name" in values:
                self.add_aliases(entity_id, [values["name"]])
            return self.judge(
                "entity",
                entity_id,
                "edit",
                who=who,
                why=why,
                payload={"before": {k: getattr(before, k) for k in values}, "after": values},
            )

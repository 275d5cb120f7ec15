"""Store reads for assertions and relations with canonical endpoints (part of :class:`orgmap.store.reads.Reads`)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

import sqlalchemy as sa

from orgmap.model import Assertion, Entity, Evidence, stored_id
from orgmap.store import tables as t
from orgmap.store.engine import StoreError
from orgmap.store.needs import Connected, EntityLookup
from orgmap.store.read_helpers import assertion_from_row, one_connection
from orgmap.store.rows import AssertionHead, Relation, RelationHead

__all__ = ["AssertionReads"]


class AssertionReads(Connected, EntityLookup):
    """Assertions with evidence; relations filtered by layer, valid time, grade, status, source."""

    def _evidence_for(self, c: sa.Connection, ids: Sequence[int]) -> dict[int, list[Evidence]]:
        out: dict[int, list[Evidence]] = defaultdict(list)
        for chunk in range(0, len(ids), 900):
            part = ids[chunk : chunk + 900]
            for r in c.execute(
                sa.select(t.evidence).where(t.evidence.c.assertion_id.in_(part)).order_by(t.evidence.c.id)
            ):
                out[r.assertion_id].append(Evidence(r.source_id, r.start, r.end, r.quote, r.id))
        return out

    @one_connection
    def assertion(self, assertion_id: int) -> Assertion:
        found = self._assertions(t.assertions.c.id == assertion_id)
        if not found:
            raise StoreError(f"no assertion with id {assertion_id}")
        return found[0]

    def assertion_case(self, assertion_id: int) -> int:
        """The id of the case the assertion belongs to."""
        with self._connection() as c:
            found = c.scalar(sa.select(t.assertions.c.case_id).where(t.assertions.c.id == assertion_id))
        if found is None:
            raise StoreError(f"no assertion with id {assertion_id}")
        return found

    def successors(self, case_id: int) -> dict[int, int]:
        """``{superseded assertion id: the id of the assertion that supersedes it}`` for a case.

        >>> from orgmap.store import Store
        >>> Store.open(":memory:").successors(1)  # see orgmap.store.writes_edits for one with edits
        {}
        """
        a = t.assertions.c
        with self._connection() as c:
            return dict(
                c.execute(
                    sa.select(a.supersedes, a.id)
                    .where(a.case_id == case_id, a.supersedes.is_not(None))
                    .order_by(a.id)
                ).all()
            )

    def _assertions(self, where: Any) -> list[Assertion]:
        with self._connection() as c:
            rows = c.execute(sa.select(t.assertions).where(where).order_by(t.assertions.c.id)).all()
            ev = self._evidence_for(c, [r.id for r in rows])
        return [assertion_from_row(r, ev[r.id]) for r in rows]

    def _filters(
        self,
        case_id: int,
        *,
        status: Iterable[str] | str | None,
        as_of: date | None,
        min_grade: str | None,
        source: int | None,
        types: Iterable[str] | None,
    ) -> list[Any]:
        a = t.assertions.c
        where: list[Any] = [a.case_id == case_id]
        if status is not None:
            statuses = [status] if isinstance(status, str) else list(status)
            where.append(a.status.in_(statuses))
        if types is not None:
            where.append(a.predicate.in_(list(types)))
        if as_of is not None:
            # orgmap.validtime.holds_on: "after X" starts are not yet known on X, "before Y" ends are over on Y
            where.append(
                sa.or_(
                    a.valid_from.is_(None),
                    sa.and_(a.valid_from_bound != "after", a.valid_from <= as_of),
                    sa.and_(a.valid_from_bound == "after", a.valid_from < as_of),
                )
            )
            where.append(
                sa.or_(
                    a.valid_to.is_(None),
                    sa.and_(a.valid_to_bound != "before", a.valid_to >= as_of),
                    sa.and_(a.valid_to_bound == "before", a.valid_to > as_of),
                )
            )
        if min_grade:
            rel, cred = self.schema.parse_grade(min_grade)
            rels = [
                g for g, v in self.schema.reliability.items() if v.rank <= self.schema.reliability[rel].rank
            ]
            where.append(a.reliability.in_(rels))
            if cred is not None:
                creds = [
                    g
                    for g, v in self.schema.credibility.items()
                    if v.rank <= self.schema.credibility[cred].rank
                ]
                where.append(a.credibility.in_(creds))
        if source is not None:
            where.append(
                a.id.in_(sa.select(t.evidence.c.assertion_id).where(t.evidence.c.source_id == source))
            )
        return where

    @one_connection
    def valid_span(self, case_id: int) -> tuple[date | None, date | None]:
        """The earliest and latest valid-time bound of the case's assertions (None, None without any).

        >>> from orgmap.store import Store
        >>> Store.open(":memory:").valid_span(1)
        (None, None)
        """
        a = t.assertions.c
        with self._connection() as c:
            row = c.execute(
                sa.select(
                    sa.func.min(a.valid_from),
                    sa.func.max(a.valid_from),
                    sa.func.min(a.valid_to),
                    sa.func.max(a.valid_to),
                ).where(a.case_id == case_id)
            ).one()
        found = [d for d in row if d is not None]
        return (min(found), max(found)) if found else (None, None)

    @one_connection
    def assertions(
        self,
        case_id: int,
        *,
        status: Iterable[str] | str | None = None,
        kind: str | None = None,
        as_of: date | None = None,
        min_grade: str | None = None,
        source: int | None = None,
        entity: int | None = None,
    ) -> list[Assertion]:
        """Assertions of a case; ``kind`` is ``"entity"`` or ``"relation"``; ``entity`` any endpoint.

        >>> from orgmap.store import Store
        >>> from orgmap.model import Source
        >>> store = Store.open(":memory:"); case = store.ensure_case("demo")
        >>> src = store.add_source(case, Source(text="Ali leads the Unit."))
        >>> ali, unit = (store.add_entity(case, Entity(t, n)) for t, n in [("person", "Ali"), ("organization", "Unit")])
        >>> _ = store.add_assertion(case, Assertion(ali, evidence=[Evidence(src, 0, 3)]))  # Ali exists
        >>> _ = store.add_assertion(case, Assertion(ali, "leads", unit, evidence=[Evidence(src, 0, 18)]))
        >>> [a.predicate for a in store.assertions(case)], len(store.assertions(case, kind="relation"))
        ([None, 'leads'], 1)
        """
        where = self._filters(
            case_id, status=status, as_of=as_of, min_grade=min_grade, source=source, types=None
        )
        if kind == "entity":
            where.append(t.assertions.c.predicate.is_(None))
        elif kind == "relation":
            where.append(t.assertions.c.predicate.is_not(None))
        if entity is not None:
            members = self._members(case_id, entity)
            where.append(
                sa.or_(t.assertions.c.subject_id.in_(members), t.assertions.c.object_id.in_(members))
            )
        return self._assertions(sa.and_(*where))

    def _members(self, case_id: int, entity_id: int, roots: dict[int, int] | None = None) -> list[int]:
        """The entity and every entity merged (directly or not) into it (``roots``: from ``_merge_roots``)."""
        roots = self._merge_roots(case_id) if roots is None else roots
        root = roots[entity_id] if entity_id in roots else self.canonical_id(entity_id)
        return [root, *(i for i, r in roots.items() if r == root and i != root)]

    def _merge_roots(self, case_id: int) -> dict[int, int]:
        """The root of every merged entity of a case (unmerged entities are their own root)."""
        with self._connection() as c:
            parent = dict(
                c.execute(
                    sa.select(t.entities.c.id, t.entities.c.merged_into).where(
                        t.entities.c.case_id == case_id, t.entities.c.merged_into.is_not(None)
                    )
                ).all()
            )
        roots = {}
        for start in parent:
            i, seen = start, set()
            while i in parent and i not in seen:
                seen.add(i)
                i = parent[i]
            roots[start] = i
        return roots

    def _canonical_entities(
        self, case_id: int, root_ids: set[int], roots: dict[int, int]
    ) -> dict[int, Entity]:
        """Canonical entities by id, as :meth:`entities` builds them, loading only ``root_ids``."""
        if len(root_ids) > 500:
            return {stored_id(e): e for e in self.entities(case_id)}
        merged = sorted(i for i, r in roots.items() if r in root_ids and i != r)
        wanted = sorted(root_ids | set(merged))
        loaded: dict[int, Entity] = {}
        for first in range(0, len(wanted), 500):
            loaded.update(
                (stored_id(e), e) for e in self._entities(t.entities.c.id.in_(wanted[first : first + 500]))
            )
        for i in merged:
            e, root = loaded[i], loaded[roots[i]]
            for name in [e.name, *e.aliases]:
                if name != root.name and name not in root.aliases:
                    root.aliases.append(name)
        return {i: loaded[i] for i in root_ids}

    @one_connection
    def relations(
        self,
        case_id: int,
        *,
        layer: str | Iterable[str] | None = None,
        as_of: date | None = None,
        min_grade: str | None = None,
        status: Iterable[str] | str | None = "accepted",
        source: int | None = None,
        entity: int | str | None = None,
        types: Iterable[str] | None = None,
    ) -> list[Relation]:
        """Relations with canonical endpoints, filtered by layer, valid time, grade, status, source.

        ``entity`` (an id or a name) keeps the relations of that entity and everyone merged
        into it; ``status`` defaults to the accepted ones.

        >>> from datetime import date
        >>> from orgmap.store import Store
        >>> from orgmap.model import Source
        >>> store = Store.open(":memory:"); case = store.ensure_case("demo")
        >>> src = store.add_source(case, Source(text="Ali led the Unit until 2020."))
        >>> ali, unit = (store.add_entity(case, Entity(t, n)) for t, n in [("person", "Ali"), ("organization", "Unit")])
        >>> _ = store.add_assertion(case, Assertion(ali, "leads", unit, valid_to=date(2020, 12, 31),
        ...                                         status="accepted", evidence=[Evidence(src, 0, 16)]))
        >>> [(r.subject.name, r.type, r.object.name, r.layer) for r in store.relations(case, entity="Ali")]
        [('Ali', 'leads', 'Unit', 'formal')]
        >>> store.relations(case, as_of=date(2021, 1, 1)), store.relations(case, layer="informal")
        ([], [])
        """

        if layer is not None:
            layers = [layer] if isinstance(layer, str) else list(layer)
            layer_types = set(self.schema.relations_in(*layers))
            types = layer_types if types is None else layer_types & set(types)
        if isinstance(entity, str):
            entity = self.find_entity(case_id, entity).id
        where = self._filters(
            case_id, status=status, as_of=as_of, min_grade=min_grade, source=source, types=types
        )
        where.append(t.assertions.c.predicate.is_not(None))
        roots = self._merge_roots(case_id)
        if entity is not None:
            members = self._members(case_id, entity, roots)
            where.append(
                sa.or_(t.assertions.c.subject_id.in_(members), t.assertions.c.object_id.in_(members))
            )
        return self._with_ends(case_id, self._assertions(sa.and_(*where)), roots, Relation)

    @one_connection
    def relation_heads(
        self,
        case_id: int,
        *,
        as_of: date | None = None,
        min_grade: str | None = None,
        status: Iterable[str] | str | None = "accepted",
    ) -> list[RelationHead]:
        """:meth:`relations` of every layer for drawing and measuring: the same relations in the
        same order, with the same canonical endpoints, each assertion reduced to what a graph
        needs (:class:`~orgmap.store.rows.AssertionHead`: no evidence, no text, no dates).

        One query of eight columns: on a case of 28,000 relations about a tenth of the time
        of :meth:`relations`, which also reads every evidence span and every column.

        >>> from orgmap.store import Store
        >>> from orgmap.model import Source
        >>> store = Store.open(":memory:"); case = store.ensure_case("demo")
        >>> src = store.add_source(case, Source(text="Ali led the Unit."))
        >>> ali, unit = (store.add_entity(case, Entity(t, n)) for t, n in [("person", "Ali"), ("organization", "Unit")])
        >>> _ = store.add_assertion(case, Assertion(ali, "leads", unit, status="accepted", reliability="B",
        ...                                         credibility="2", evidence=[Evidence(src, 0, 16)]))
        >>> [(r.subject.name, r.type, r.object.name, r.layer, r.assertion.grade) for r in store.relation_heads(case)]
        [('Ali', 'leads', 'Unit', 'formal', 'B2')]
        """
        a = t.assertions.c
        where = self._filters(
            case_id, status=status, as_of=as_of, min_grade=min_grade, source=None, types=None
        )
        where.append(a.predicate.is_not(None))
        roots = self._merge_roots(case_id)
        columns = (a.id, a.subject_id, a.predicate, a.object_id, a.modality, a.reliability, a.credibility)
        with self._connection() as c:
            rows = c.execute(sa.select(*columns, a.status).where(*where).order_by(a.id)).all()
        return self._with_ends(case_id, [AssertionHead(*row) for row in rows], roots, RelationHead)

    def _with_ends(self, case_id: int, found: Sequence[Any], roots: dict[int, int], make: Any) -> list[Any]:
        """Relation assertions ``found`` as ``make(assertion, subject, object, type, layer,
        symmetric)``, their ends the canonical entities (merges followed through ``roots``)."""
        canon = self._canonical_entities(
            case_id, {roots.get(i, i) for a in found for i in (a.subject_id, a.object_id)}, roots
        )
        kinds = {p: self.schema.relation(p) for p in {a.predicate for a in found}}
        return [
            make(
                a,
                canon[roots.get(a.subject_id, a.subject_id)],
                canon[roots.get(a.object_id, a.object_id)],
                a.predicate,
                kinds[a.predicate].layer,
                kinds[a.predicate].symmetric,
            )
            for a in found
        ]

"""Read queries of the Store API (mixed into :class:`orgmap.store.api.Store`)."""

from __future__ import annotations

import functools
from collections import defaultdict
from datetime import date
from typing import Any, Callable, Iterable, Sequence

import sqlalchemy as sa
from rapidfuzz import process

from orgmap.model import (
    Assertion, Case, Entity, Evidence, Hypothesis, HypothesisItem, Informant, Judgement, Passage, Source,
)
from orgmap.names import normalize_name
from orgmap.store import tables as t
from orgmap.store.engine import StoreError
from orgmap.store.rows import Relation

__all__ = ["Reads", "UnknownName"]


class UnknownName(StoreError, LookupError):
    """A name that matches no entity; ``suggestions`` holds close names."""

    def __init__(self, name: str, suggestions: Sequence[str]):
        self.name, self.suggestions = name, list(suggestions)
        hint = f"; did you mean {', '.join(repr(s) for s in suggestions)}?" if suggestions else ""
        super().__init__(f"no entity called {name!r}{hint}")


def _assertion(row: Any, evidence: list[Evidence]) -> Assertion:
    return Assertion(
        id=row.id, key=row.key, subject_id=row.subject_id, predicate=row.predicate, object_id=row.object_id,
        evidence=evidence, attribution=row.attribution, informant_id=row.informant_id, modality=row.modality,
        valid_from=row.valid_from, valid_to=row.valid_to, valid_text=row.valid_text,
        reported_on=row.reported_on, reliability=row.reliability, credibility=row.credibility,
        status=row.status, score=row.score, origin=row.origin, note=row.note, supersedes=row.supersedes,
    )


def _one_connection(method: Callable[..., Any]) -> Callable[..., Any]:
    """Run a read that makes several queries on one connection (see ``Store.reading``)."""

    @functools.wraps(method)
    def wrapper(self: Any, *args: Any, **kwargs: Any) -> Any:
        with self.reading():
            return method(self, *args, **kwargs)

    return wrapper


class Reads:
    """Queries. Every method returns model dataclasses, never rows."""

    schema: Any

    def _connection(self):  # provided by Store
        raise NotImplementedError

    def reading(self):  # provided by Store
        raise NotImplementedError

    # -- cases and sources ------------------------------------------------------------
    @_one_connection
    def case_id(self, name: str, *, missing_ok: bool = False) -> int | None:
        with self._connection() as c:
            found = c.scalar(sa.select(t.cases.c.id).where(t.cases.c.name == name))
        if found is None and not missing_ok:
            known = ", ".join(c.name for c in self.cases()) or "none yet"
            raise StoreError(f"no case called {name!r} in the store (cases: {known})")
        return found

    def cases(self) -> list[Case]:
        with self._connection() as c:
            rows = c.execute(sa.select(t.cases).order_by(t.cases.c.id)).all()
        return [Case(r.name, r.title, r.description, r.id) for r in rows]

    def default_case(self, name: str | None = None) -> int:
        """The case ``name``, or the only/first case in the store when none is named."""
        if name:
            return self.case_id(name)  # type: ignore[return-value]
        cases = self.cases()
        if not cases:
            raise StoreError("the store holds no case yet: run `orgmap load CASE_DIR` or `orgmap demo`")
        return cases[0].id  # type: ignore[return-value]

    def _source(self, r: Any) -> Source:
        return Source(
            id=r.id, key=r.key, text=r.text, title=r.title, author=r.author, publisher=r.publisher,
            published=r.published, origin=r.origin, kind=r.kind, reliability=r.reliability,
            media_type=r.media_type, metadata=dict(r.metadata or {}), content_hash=r.content_hash)

    def source(self, source_id: int) -> Source:
        with self._connection() as c:
            r = c.execute(sa.select(t.sources).where(t.sources.c.id == source_id)).first()
        if r is None:
            raise StoreError(f"no source with id {source_id}")
        return self._source(r)

    def sources(self, case_id: int) -> list[Source]:
        with self._connection() as c:
            rows = c.execute(sa.select(t.sources).where(t.sources.c.case_id == case_id)
                             .order_by(t.sources.c.id)).all()
        return [self._source(r) for r in rows]

    def source_id_by_hash(self, case_id: int, digest: str) -> int | None:
        with self._connection() as c:
            return c.scalar(sa.select(t.sources.c.id).where(
                t.sources.c.case_id == case_id, t.sources.c.content_hash == digest))

    def passages(self, source_id: int) -> list[Passage]:
        with self._connection() as c:
            rows = c.execute(sa.select(t.passages).where(t.passages.c.source_id == source_id)
                             .order_by(t.passages.c.idx)).all()
        return [Passage(r.source_id, r.idx, r.start, r.end) for r in rows]

    def informants(self, case_id: int) -> list[Informant]:
        with self._connection() as c:
            rows = c.execute(sa.select(t.informants).where(t.informants.c.case_id == case_id)
                             .order_by(t.informants.c.id)).all()
        return [Informant(r.name, r.kind, r.reliability, r.description, r.key, r.id) for r in rows]

    # -- entities ----------------------------------------------------------------------
    def _entities(self, where: Any) -> list[Entity]:
        with self._connection() as c:
            rows = c.execute(sa.select(t.entities).where(where).order_by(t.entities.c.id)).all()
            ids = [r.id for r in rows]
            aliases: dict[int, list[str]] = defaultdict(list)
            if ids:
                for a in c.execute(sa.select(t.aliases).where(t.aliases.c.entity_id.in_(ids))
                                   .order_by(t.aliases.c.id)):
                    aliases[a.entity_id].append(a.alias)
        return [Entity(r.type, r.name, [a for a in aliases[r.id] if a != r.name], dict(r.attributes or {}),
                       r.key, r.merged_into, r.id) for r in rows]

    @_one_connection
    def entity(self, entity_id: int) -> Entity:
        found = self._entities(t.entities.c.id == entity_id)
        if not found:
            raise StoreError(f"no entity with id {entity_id}")
        return found[0]

    @_one_connection
    def entities(self, case_id: int, *, type: str | None = None, include_merged: bool = False) -> list[Entity]:
        """Canonical entities of a case; each carries the aliases of entities merged into it."""
        if type:
            self.schema.entity_type(type)
        all_entities = self._entities(t.entities.c.case_id == case_id)
        by_id = {e.id: e for e in all_entities}
        chosen = [e for e in all_entities if (type is None or e.type == type)]
        if include_merged:
            return chosen
        out = [e for e in chosen if e.merged_into is None]
        for e in all_entities:
            if e.merged_into is not None:
                root = by_id[self._root(e.id, by_id)]
                for name in [e.name, *e.aliases]:
                    if name != root.name and name not in root.aliases:
                        root.aliases.append(name)
        return out

    @staticmethod
    def _root(entity_id: int, by_id: dict[int, Entity]) -> int:
        seen = set()
        while by_id[entity_id].merged_into is not None and entity_id not in seen:
            seen.add(entity_id)
            entity_id = by_id[entity_id].merged_into  # type: ignore[assignment]
        return entity_id

    def canonical_id(self, entity_id: int) -> int:
        """Follow merges to the entity that stands for ``entity_id``."""
        with self._connection() as c:
            seen = set()
            while entity_id not in seen:
                seen.add(entity_id)
                nxt = c.scalar(sa.select(t.entities.c.merged_into).where(t.entities.c.id == entity_id))
                if nxt is None:
                    return entity_id
                entity_id = nxt
        return entity_id

    @_one_connection
    def find_entities(self, case_id: int, name: str) -> list[Entity]:
        """Canonical entities whose name or an alias matches ``name`` (normalised)."""
        norm = normalize_name(name)
        with self._connection() as c:
            ids = list(c.scalars(sa.select(t.aliases.c.entity_id).join(t.entities).where(
                t.entities.c.case_id == case_id, t.aliases.c.normalized == norm)))
        roots = sorted({self.canonical_id(i) for i in ids})
        return [self.entity(i) for i in roots]

    @_one_connection
    def find_entity(self, case_id: int, name: str) -> Entity:
        """The one entity called ``name``; :class:`UnknownName` with suggestions otherwise."""
        if isinstance(name, str) and name.startswith("#") and name[1:].isdigit():
            return self.entity(self.canonical_id(int(name[1:])))
        found = self.find_entities(case_id, name)
        if len(found) == 1:
            return found[0]
        if len(found) > 1:
            raise StoreError(f"{name!r} is ambiguous: " + "; ".join(
                f"#{e.id} {e.name} ({e.type})" for e in found) + " - name one by #id")
        with self._connection() as c:
            names = list(c.scalars(sa.select(t.aliases.c.alias).join(t.entities).where(
                t.entities.c.case_id == case_id)))
        close = process.extract(name, names, limit=3, score_cutoff=60)
        raise UnknownName(name, [m[0] for m in close])

    # -- assertions ----------------------------------------------------------------------
    def _evidence_for(self, c: sa.Connection, ids: Sequence[int]) -> dict[int, list[Evidence]]:
        out: dict[int, list[Evidence]] = defaultdict(list)
        for chunk in range(0, len(ids), 900):
            part = ids[chunk:chunk + 900]
            for r in c.execute(sa.select(t.evidence).where(t.evidence.c.assertion_id.in_(part))
                               .order_by(t.evidence.c.id)):
                out[r.assertion_id].append(Evidence(r.source_id, r.start, r.end, r.quote, r.id))
        return out

    @_one_connection
    def assertion(self, assertion_id: int) -> Assertion:
        found = self._assertions(t.assertions.c.id == assertion_id)
        if not found:
            raise StoreError(f"no assertion with id {assertion_id}")
        return found[0]

    def assertion_case(self, assertion_id: int) -> int:
        with self._connection() as c:
            return c.scalar(sa.select(t.assertions.c.case_id).where(t.assertions.c.id == assertion_id))

    def _assertions(self, where: Any) -> list[Assertion]:
        with self._connection() as c:
            rows = c.execute(sa.select(t.assertions).where(where).order_by(t.assertions.c.id)).all()
            ev = self._evidence_for(c, [r.id for r in rows])
        return [_assertion(r, ev[r.id]) for r in rows]

    def _filters(self, case_id: int, *, status: Iterable[str] | str | None, as_of: date | None,
                 min_grade: str | None, source: int | None, types: Iterable[str] | None) -> list[Any]:
        a = t.assertions.c
        where: list[Any] = [a.case_id == case_id]
        if status is not None:
            statuses = [status] if isinstance(status, str) else list(status)
            where.append(a.status.in_(statuses))
        if types is not None:
            where.append(a.predicate.in_(list(types)))
        if as_of is not None:
            where.append(sa.or_(a.valid_from.is_(None), a.valid_from <= as_of))
            where.append(sa.or_(a.valid_to.is_(None), a.valid_to >= as_of))
        if min_grade:
            rel, cred = self.schema.parse_grade(min_grade)
            rels = [g for g, v in self.schema.reliability.items() if v.rank <= self.schema.reliability[rel].rank]
            where.append(a.reliability.in_(rels))
            if cred is not None:
                creds = [g for g, v in self.schema.credibility.items()
                         if v.rank <= self.schema.credibility[cred].rank]
                where.append(a.credibility.in_(creds))
        if source is not None:
            where.append(a.id.in_(sa.select(t.evidence.c.assertion_id).where(t.evidence.c.source_id == source)))
        return where

    @_one_connection
    def assertions(self, case_id: int, *, status: Iterable[str] | str | None = None, kind: str | None = None,
                   as_of: date | None = None, min_grade: str | None = None, source: int | None = None,
                   entity: int | None = None) -> list[Assertion]:
        """Assertions of a case; ``kind`` is ``"entity"`` or ``"relation"``; ``entity`` any endpoint."""
        where = self._filters(case_id, status=status, as_of=as_of, min_grade=min_grade, source=source, types=None)
        if kind == "entity":
            where.append(t.assertions.c.predicate.is_(None))
        elif kind == "relation":
            where.append(t.assertions.c.predicate.is_not(None))
        if entity is not None:
            members = self._members(case_id, entity)
            where.append(sa.or_(t.assertions.c.subject_id.in_(members), t.assertions.c.object_id.in_(members)))
        return self._assertions(sa.and_(*where))

    def _members(self, case_id: int, entity_id: int, roots: dict[int, int] | None = None) -> list[int]:
        """The entity and every entity merged (directly or not) into it (``roots``: from ``_merge_roots``)."""
        roots = self._merge_roots(case_id) if roots is None else roots
        root = roots[entity_id] if entity_id in roots else self.canonical_id(entity_id)
        return [root, *(i for i, r in roots.items() if r == root and i != root)]

    def _merge_roots(self, case_id: int) -> dict[int, int]:
        """The root of every merged entity of a case (unmerged entities are their own root)."""
        with self._connection() as c:
            parent = dict(c.execute(sa.select(t.entities.c.id, t.entities.c.merged_into).where(
                t.entities.c.case_id == case_id, t.entities.c.merged_into.is_not(None))).all())
        roots = {}
        for start in parent:
            i, seen = start, set()
            while i in parent and i not in seen:
                seen.add(i)
                i = parent[i]
            roots[start] = i
        return roots

    def _canonical_entities(self, case_id: int, root_ids: set[int], roots: dict[int, int]) -> dict[int, Entity]:
        """Canonical entities by id, as :meth:`entities` builds them, loading only ``root_ids``."""
        if len(root_ids) > 500:
            return {e.id: e for e in self.entities(case_id)}
        merged = sorted(i for i, r in roots.items() if r in root_ids and i != r)
        wanted = sorted(root_ids | set(merged))
        loaded: dict[int, Entity] = {}
        for first in range(0, len(wanted), 500):
            loaded.update((e.id, e) for e in self._entities(t.entities.c.id.in_(wanted[first:first + 500])))
        for i in merged:
            e, root = loaded[i], loaded[roots[i]]
            for name in [e.name, *e.aliases]:
                if name != root.name and name not in root.aliases:
                    root.aliases.append(name)
        return {i: loaded[i] for i in root_ids}

    @_one_connection
    def relations(self, case_id: int, *, layer: str | Iterable[str] | None = None, as_of: date | None = None,
                  min_grade: str | None = None, status: Iterable[str] | str | None = "accepted",
                  source: int | None = None, entity: int | str | None = None,
                  types: Iterable[str] | None = None) -> list["Relation"]:
        """Relations with canonical endpoints, filtered by layer, valid time, grade, status, source."""

        if layer is not None:
            layers = [layer] if isinstance(layer, str) else list(layer)
            layer_types = set(self.schema.relations_in(*layers))
            types = layer_types if types is None else layer_types & set(types)
        if isinstance(entity, str):
            entity = self.find_entity(case_id, entity).id
        where = self._filters(case_id, status=status, as_of=as_of, min_grade=min_grade, source=source, types=types)
        where.append(t.assertions.c.predicate.is_not(None))
        roots = self._merge_roots(case_id)
        if entity is not None:
            members = self._members(case_id, entity, roots)
            where.append(sa.or_(t.assertions.c.subject_id.in_(members), t.assertions.c.object_id.in_(members)))
        found = self._assertions(sa.and_(*where))
        canon = self._canonical_entities(
            case_id, {roots.get(i, i) for a in found for i in (a.subject_id, a.object_id)}, roots)
        out = []
        for a in found:
            rtype = self.schema.relation(a.predicate)
            subj = canon[roots.get(a.subject_id, a.subject_id)]
            obj = canon[roots.get(a.object_id, a.object_id)]  # type: ignore[arg-type]
            out.append(Relation(a, subj, obj, a.predicate, rtype.layer, rtype.symmetric))  # type: ignore[arg-type]
        return out

    # -- judgements and hypotheses ---------------------------------------------------------
    def judgements(self, target_kind: str | None = None, target_id: int | None = None) -> list[Judgement]:
        where: list[Any] = []
        if target_kind:
            where.append(t.judgements.c.target_kind == target_kind)
        if target_id is not None:
            where.append(t.judgements.c.target_id == target_id)
        with self._connection() as c:
            rows = c.execute(sa.select(t.judgements).where(*where).order_by(t.judgements.c.id)).all()
        return [Judgement(r.target_kind, r.target_id, r.action, r.who, r.why, dict(r.payload or {}), r.at, r.id)
                for r in rows]

    @_one_connection
    def judgement_count(self, case_id: int) -> int:
        """How many judgements concern the records of a case (its review history)."""
        kinds = {
            "assertion": t.assertions, "entity": t.entities, "source": t.sources,
            "hypothesis": t.hypotheses, "item": t.hypothesis_items, "informant": t.informants,
        }
        j = t.judgements.c
        with self._connection() as c:
            return sum(c.scalar(sa.select(sa.func.count()).where(
                j.target_kind == kind, j.target_id.in_(sa.select(table.c.id).where(table.c.case_id == case_id))))
                for kind, table in kinds.items())

    def hypotheses(self, case_id: int) -> list[Hypothesis]:
        with self._connection() as c:
            rows = c.execute(sa.select(t.hypotheses).where(t.hypotheses.c.case_id == case_id)
                             .order_by(t.hypotheses.c.id)).all()
        return [Hypothesis(r.statement, r.key, r.description, r.id) for r in rows]

    @_one_connection
    def hypothesis_id(self, case_id: int, key: str) -> int:
        with self._connection() as c:
            found = c.scalar(sa.select(t.hypotheses.c.id).where(
                t.hypotheses.c.case_id == case_id, t.hypotheses.c.key == key))
        if found is None:
            known = ", ".join(h.key for h in self.hypotheses(case_id)) or "none"
            raise StoreError(f"no hypothesis {key!r} in this case (known: {known})")
        return found

    @_one_connection
    def items(self, case_id: int) -> list[HypothesisItem]:
        """ACH evidence items of a case, each with its ratings by hypothesis key."""
        with self._connection() as c:
            rows = c.execute(sa.select(t.hypothesis_items).where(t.hypothesis_items.c.case_id == case_id)
                             .order_by(t.hypothesis_items.c.id)).all()
            rated = c.execute(sa.select(t.ratings.c.item_id, t.hypotheses.c.key, t.ratings.c.rating)
                              .join(t.hypotheses).where(t.hypotheses.c.case_id == case_id)).all()
            spans: dict[int, list[Evidence]] = defaultdict(list)
            for e in c.execute(sa.select(t.item_evidence).where(t.item_evidence.c.item_id.in_(
                    sa.select(t.hypothesis_items.c.id).where(t.hypothesis_items.c.case_id == case_id)))
                    .order_by(t.item_evidence.c.id)):
                spans[e.item_id].append(Evidence(e.source_id, e.start, e.end, e.quote, e.id))
        ratings: dict[int, dict[str, str]] = defaultdict(dict)
        for item_id, hkey, rating in rated:
            ratings[item_id][hkey] = rating
        return [HypothesisItem(r.text, r.assertion_id, r.source_id, r.informant_id, r.credibility, r.relevance,
                               ratings[r.id], r.key, r.id, spans[r.id]) for r in rows]

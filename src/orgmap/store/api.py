"""The Store API: the one way the CLI, the analyses and the web app read and write.

>>> store = Store.open(":memory:")
>>> case = store.ensure_case("demo")
>>> src = store.add_source(case, Source(text="Ali leads the Unit."))
>>> ali = store.add_entity(case, Entity("person", "Ali Reza", aliases=["Ali"]))
>>> unit = store.add_entity(case, Entity("organization", "The Unit"))
>>> a = store.add_assertion(case, Assertion(ali, "leads", unit, status="accepted",
...     evidence=[Evidence(src, 0, 19)]))
>>> [(r.subject.name, r.type, r.object.name) for r in store.relations(case)]
[('Ali Reza', 'leads', 'The Unit')]
>>> store.find_entity(case, "ali").name
'Ali Reza'
"""

from __future__ import annotations

import contextlib
import hashlib
import threading
from dataclasses import dataclass
from datetime import date, datetime, timezone
from typing import Any, Iterable, Iterator, Sequence

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from orgmap.model import (
    Assertion, Case, Entity, Evidence, Hypothesis, HypothesisItem, Informant, Judgement, Passage, Source,
)
from orgmap.names import normalize_name
from orgmap.schema import Schema, load_schema
from orgmap.store import tables as t
from orgmap.store.engine import StoreError, StoreLocked, open_engine
from orgmap.store.reads import Reads

__all__ = ["Relation", "Store", "StoreError", "content_hash", "now"]


_ANALYZE_ROWS = 2000
_ANALYZED = ("assertions", "evidence", "entities", "aliases", "sources", "passages", "judgements")


def now() -> datetime:
    return datetime.now(timezone.utc)


def content_hash(text: str) -> str:
    """SHA-256 of the UTF-8 text: a source's identity."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass
class Relation:
    """A relation assertion with its endpoints resolved to canonical entities."""

    assertion: Assertion
    subject: Entity
    object: Entity
    type: str
    layer: str
    symmetric: bool


class Store(Reads):
    """A store over one database (SQLite file or PostgreSQL URL)."""

    def __init__(self, engine: Engine, schema: Schema | None = None):
        self.engine = engine
        self.schema = schema or load_schema()
        self._conn: sa.Connection | None = None
        self._reader = threading.local()  # the connection of a ``reading()`` block, per thread

    @classmethod
    def open(cls, db: str = "orgmap.db", *, create: bool = True, schema: Schema | None = None) -> "Store":
        """Open (and migrate) the store at a path or URL; ``":memory:"`` for a scratch one."""
        if db == ":memory:":
            from sqlalchemy.pool import StaticPool

            engine = sa.create_engine("sqlite://", poolclass=StaticPool)
            from orgmap.store.engine import _prepare, _sqlite_pragmas

            _sqlite_pragmas(engine)
            _prepare(engine, ":memory:")
            return cls(engine, schema)
        return cls(open_engine(db, create=create), schema)

    def close(self) -> None:
        self.engine.dispose()

    # -- transactions ---------------------------------------------------------------
    @contextlib.contextmanager
    def transaction(self) -> Iterator["Store"]:
        """All writes inside happen together or not at all; nested calls join the outer one."""
        if self._conn is not None:
            yield self
            return
        reader = getattr(self._reader, "conn", None)
        if reader is not None and reader.in_transaction():
            reader.rollback()  # end this thread's read snapshot first: SQLite would wait on it forever
        try:
            with self.engine.connect().execution_options(orgmap_write=True) as conn, conn.begin():
                self._conn = conn
                try:
                    yield self
                finally:
                    self._conn = None
        except sa.exc.OperationalError as exc:
            if "locked" in str(exc.orig or exc):
                raise StoreLocked("the store is locked by another writer; try again when it finishes") from None
            raise

    @contextlib.contextmanager
    def reading(self) -> Iterator["Store"]:
        """Let a sequence of reads share one connection and one snapshot (fewer round trips).

        Only for reads: a write inside needs :meth:`transaction` instead. Nested calls, and
        calls inside a transaction, join what is already open.

        >>> store = Store.open(":memory:")
        >>> with store.reading():
        ...     store.cases(), store.case_id("none", missing_ok=True)
        ([], None)
        """
        if self._conn is not None or getattr(self._reader, "conn", None) is not None:
            yield self
            return
        with self.engine.connect() as conn:
            self._reader.conn = conn
            try:
                yield self
            finally:
                self._reader.conn = None
                conn.rollback()  # a read never commits anything

    @contextlib.contextmanager
    def _connection(self) -> Iterator[sa.Connection]:
        if self._conn is not None:
            yield self._conn
            return
        reader = getattr(self._reader, "conn", None)
        if reader is not None:
            yield reader
            return
        with self.engine.connect() as conn:
            yield conn

    def _write(self, stmt: Any, params: Any = None) -> sa.CursorResult:
        with self.transaction():
            assert self._conn is not None
            return self._conn.execute(stmt, params) if params is not None else self._conn.execute(stmt)

    # -- cases, sources, informants -------------------------------------------------
    def ensure_case(self, name: str, title: str = "", description: str = "") -> int:
        """The id of the case called ``name``, created if new."""
        found = self.case_id(name, missing_ok=True)
        if found is not None:
            return found
        return self._write(sa.insert(t.cases).values(
            name=name, title=title, description=description, created_at=now())).inserted_primary_key[0]

    def delete_case(self, name: str) -> None:
        """Remove a case and everything in it (judgements on its records included)."""
        case_id = self.case_id(name)
        with self.transaction():
            c = self._conn
            assert c is not None
            ids = {
                "assertion": sa.select(t.assertions.c.id).where(t.assertions.c.case_id == case_id),
                "entity": sa.select(t.entities.c.id).where(t.entities.c.case_id == case_id),
                "source": sa.select(t.sources.c.id).where(t.sources.c.case_id == case_id),
                "hypothesis": sa.select(t.hypotheses.c.id).where(t.hypotheses.c.case_id == case_id),
                "item": sa.select(t.hypothesis_items.c.id).where(t.hypothesis_items.c.case_id == case_id),
                "informant": sa.select(t.informants.c.id).where(t.informants.c.case_id == case_id),
            }
            for kind, sub in ids.items():
                c.execute(sa.delete(t.judgements).where(
                    t.judgements.c.target_kind == kind, t.judgements.c.target_id.in_(sub)))
            c.execute(sa.delete(t.ratings).where(t.ratings.c.item_id.in_(ids["item"])))
            c.execute(sa.delete(t.item_evidence).where(t.item_evidence.c.item_id.in_(ids["item"])))
            for table in (t.hypothesis_items, t.hypotheses):
                c.execute(sa.delete(table).where(table.c.case_id == case_id))
            c.execute(sa.delete(t.evidence).where(t.evidence.c.assertion_id.in_(ids["assertion"])))
            c.execute(sa.update(t.assertions).where(t.assertions.c.case_id == case_id).values(supersedes=None))
            c.execute(sa.delete(t.assertions).where(t.assertions.c.case_id == case_id))
            c.execute(sa.delete(t.aliases).where(t.aliases.c.entity_id.in_(ids["entity"])))
            c.execute(sa.update(t.entities).where(t.entities.c.case_id == case_id).values(merged_into=None))
            for table in (t.entities, t.informants):
                c.execute(sa.delete(table).where(table.c.case_id == case_id))
            c.execute(sa.delete(t.passages).where(t.passages.c.source_id.in_(ids["source"])))
            c.execute(sa.delete(t.sources).where(t.sources.c.case_id == case_id))
            c.execute(sa.delete(t.cases).where(t.cases.c.id == case_id))

    def add_source(self, case_id: int, source: Source, passages: Sequence[tuple[int, int]] = ()) -> int:
        """Store a document once per case (by content hash) and return its id.

        ``passages`` are (start, end) sentence offsets, stored when the source is new.
        """
        digest = content_hash(source.text)
        existing = self.source_id_by_hash(case_id, digest)
        if existing is not None:
            return existing
        self.schema.check_grade(source.reliability, "6")
        values = dict(
            case_id=case_id, key=source.key, content_hash=digest, text=source.text, title=source.title,
            author=source.author, publisher=source.publisher, published=source.published,
            origin=source.origin, kind=source.kind, reliability=source.reliability,
            media_type=source.media_type, metadata=source.metadata, added_at=now(),
        )
        with self.transaction():
            sid = self._write(sa.insert(t.sources).values(**values)).inserted_primary_key[0]
            if passages:
                self._write(sa.insert(t.passages), [
                    {"source_id": sid, "idx": i, "start": s, "end": e} for i, (s, e) in enumerate(passages)])
        return sid

    def add_informant(self, case_id: int, informant: Informant) -> int:
        self.schema.check_grade(informant.reliability, "6")
        return self._write(sa.insert(t.informants).values(
            case_id=case_id, key=informant.key, name=informant.name, kind=informant.kind,
            reliability=informant.reliability, description=informant.description)).inserted_primary_key[0]

    # -- entities -------------------------------------------------------------------
    def add_entity(self, case_id: int, entity: Entity) -> int:
        """Add an entity with its aliases (its name counts as one) and return its id."""
        self.schema.entity_type(entity.type)
        with self.transaction():
            eid = self._write(sa.insert(t.entities).values(
                case_id=case_id, key=entity.key, type=entity.type, name=entity.name,
                attributes=entity.attributes, created_at=now())).inserted_primary_key[0]
            self.add_aliases(eid, [entity.name, *entity.aliases])
        return eid

    def add_aliases(self, entity_id: int, names: Iterable[str]) -> None:
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
            return list(c.scalars(sa.select(t.aliases.c.normalized).where(t.aliases.c.entity_id == entity_id)))

    def merge(self, absorbed: int, into: int, *, who: str, why: str) -> int:
        """Record that ``absorbed`` is the same entity as ``into``; returns the judgement id."""
        if self.canonical_id(into) == self.canonical_id(absorbed):
            raise StoreError("those entities are already one")
        if self.entity(absorbed).type != self.entity(into).type:
            raise StoreError("cannot merge entities of different types; edit the type first")
        with self.transaction():
            self._write(sa.update(t.entities).where(t.entities.c.id == absorbed).values(merged_into=into))
            return self.judge("entity", absorbed, "merge", who=who, why=why, payload={"into": into})

    def unmerge(self, entity_id: int, *, who: str, why: str) -> int:
        """Undo the merge of ``entity_id``; the merge judgement stays in the log."""
        entity = self.entity(entity_id)
        if entity.merged_into is None:
            raise StoreError(f"{entity.name!r} is not merged into another entity")
        with self.transaction():
            self._write(sa.update(t.entities).where(t.entities.c.id == entity_id).values(merged_into=None))
            return self.judge("entity", entity_id, "unmerge", who=who, why=why,
                              payload={"from": entity.merged_into})

    # -- assertions -----------------------------------------------------------------
    def _assertion_values(self, case_id: int, a: Assertion) -> dict[str, Any]:
        if a.predicate is not None:
            self.schema.relation(a.predicate)
            if a.object_id is None:
                raise StoreError(f"relation {a.predicate!r} needs a target entity")
        self.schema.modality(a.modality)
        rel, cred = self.schema.check_grade(a.reliability, a.credibility)
        if a.status not in self.schema.statuses:
            raise StoreError(f"unknown status {a.status!r}; known: {', '.join(self.schema.statuses)}")
        if not a.evidence:
            raise StoreError("an assertion needs at least one evidence span")
        return dict(
            case_id=case_id, key=a.key, subject_id=a.subject_id, predicate=a.predicate,
            object_id=a.object_id, attribution=a.attribution, informant_id=a.informant_id,
            modality=a.modality, valid_from=a.valid_from, valid_to=a.valid_to, valid_text=a.valid_text,
            reported_on=a.reported_on, reliability=rel, credibility=cred, status=a.status,
            score=a.score, origin=a.origin, note=a.note, supersedes=a.supersedes, created_at=now(),
        )

    def add_assertion(self, case_id: int, assertion: Assertion) -> int:
        """Add one assertion with its evidence (at least one span is required)."""
        return self.add_assertions(case_id, [assertion])[0]

    def add_assertions(self, case_id: int, batch: Sequence[Assertion]) -> list[int]:
        """Add many assertions in one transaction; evidence quotes are read from the sources."""
        values = [self._assertion_values(case_id, a) for a in batch]
        if not values:
            return []
        texts: dict[int, str] = {}
        with self.transaction():
            spans = [self._span_rows("assertion_id", 0, a.evidence, texts) for a in batch]  # checked first
            ids = self._insert_returning_ids(t.assertions, values)
            rows = [{**row, "assertion_id": aid} for aid, group in zip(ids, spans) for row in group]
            self._write(sa.insert(t.evidence), rows)
        return ids

    def _insert_returning_ids(self, table: sa.Table, rows: list[dict[str, Any]]) -> list[int]:
        """Insert ``rows`` with one executemany and return their ids in the order of ``rows``.

        SQLite: the ids are assigned here, from the largest one up, which is safe because a
        write transaction holds the database's write lock (``BEGIN IMMEDIATE``) - SQLite's
        RETURNING does not promise row order, so SQLAlchemy would send one row at a time.
        PostgreSQL: ``INSERT … RETURNING`` in batches, sorted back to the order of ``rows``.
        """
        conn = self._conn
        assert conn is not None
        if conn.dialect.name == "sqlite":
            first = int(conn.scalar(sa.select(sa.func.coalesce(sa.func.max(table.c.id), 0)))) + 1
            conn.execute(sa.insert(table), [{**r, "id": first + i} for i, r in enumerate(rows)])
            return list(range(first, first + len(rows)))
        if conn.dialect.insert_executemany_returning_sort_by_parameter_order:
            stmt = sa.insert(table).returning(table.c.id, sort_by_parameter_order=True)
            return list(conn.execute(stmt, rows).scalars())
        return [conn.execute(sa.insert(table).values(**r)).inserted_primary_key[0] for r in rows]

    def _span_rows(self, owner: str, owner_id: int, spans: Sequence[Evidence],
                   texts: dict[int, str]) -> list[dict[str, Any]]:
        """Evidence rows for ``spans``, each quote read from its source (``texts`` caches them)."""
        rows = []
        for ev in spans:
            if ev.source_id not in texts:
                texts[ev.source_id] = self.source(ev.source_id).text
            text = texts[ev.source_id]
            if not 0 <= ev.start < ev.end <= len(text):
                raise StoreError(f"evidence span {ev.start}:{ev.end} is outside source {ev.source_id}")
            rows.append({owner: owner_id, "source_id": ev.source_id, "start": ev.start, "end": ev.end,
                         "quote": text[ev.start:ev.end]})
        return rows

    def analyze(self) -> None:
        """Refresh the query planner's statistics (after loads and ingests), cheaply.

        Without them SQLite answers a neighbourhood query by scanning the whole case.
        SQLite samples at most ``_ANALYZE_ROWS`` index entries per index
        (``PRAGMA analysis_limit``); PostgreSQL's ``ANALYZE`` samples by design.
        """
        with self.transaction():
            assert self._conn is not None
            if self._conn.dialect.name == "postgresql":
                self._conn.exec_driver_sql("ANALYZE " + ", ".join(_ANALYZED))
            else:
                self._conn.exec_driver_sql(f"PRAGMA analysis_limit={_ANALYZE_ROWS}")
                self._conn.exec_driver_sql("ANALYZE")

    def bulk_insert(self, table: sa.Table, rows: list[dict[str, Any]]) -> None:
        """Insert prepared rows as they are (fast paths: benchmarks, importers)."""
        if rows:
            self._write(sa.insert(table), rows)

    # -- judgements -----------------------------------------------------------------
    def judge(self, target_kind: str, target_id: int, action: str, *, who: str, why: str = "",
              payload: dict[str, Any] | None = None) -> int:
        """Append a judgement; nothing is overwritten."""
        if not who:
            raise StoreError("a judgement needs who made it")
        return self._write(sa.insert(t.judgements).values(
            target_kind=target_kind, target_id=target_id, action=action, payload=payload or {},
            who=who, why=why, at=now())).inserted_primary_key[0]

    def set_status(self, assertion_id: int, status: str, *, who: str, why: str = "") -> int:
        """Accept or reject an assertion (a judgement, plus the current status)."""
        if status not in self.schema.statuses:
            raise StoreError(f"unknown status {status!r}; known: {', '.join(self.schema.statuses)}")
        action = {"accepted": "accept", "rejected": "reject", "candidate": "reopen"}[status]
        with self.transaction():
            self.assertion(assertion_id)
            self._write(sa.update(t.assertions).where(t.assertions.c.id == assertion_id).values(status=status))
            return self.judge("assertion", assertion_id, action, who=who, why=why)

    def edit_assertion(self, assertion_id: int, *, who: str, why: str = "", **changes: Any) -> int:
        """Correct an assertion: a new accepted assertion with the same evidence supersedes it.

        The original keeps its evidence and is marked rejected; both carry judgements.
        """
        with self.transaction():
            old = self.assertion(assertion_id)
            case_id = self.assertion_case(assertion_id)
            fields = {k: v for k, v in vars(old).items() if k not in ("id", "evidence")}
            unknown = set(changes) - set(fields)
            if unknown:
                raise StoreError(f"cannot edit {', '.join(sorted(unknown))}")
            fields.update(changes, origin="edited", supersedes=assertion_id, status="accepted")
            new = Assertion(**fields, evidence=[Evidence(e.source_id, e.start, e.end) for e in old.evidence])
            new_id = self.add_assertion(case_id, new)
            self._write(sa.update(t.assertions).where(t.assertions.c.id == assertion_id).values(status="rejected"))
            self.judge("assertion", assertion_id, "edit", who=who, why=why,
                       payload={"replaced_by": new_id, "changes": {k: str(v) for k, v in changes.items()}})
            return new_id

    def set_grade(self, kind: str, record_id: int, grade: str, *, who: str, why: str = "") -> int:
        """Regrade a source, informant or assertion (``"B"``, ``"2"`` or ``"B2"``)."""
        table = {"source": t.sources, "informant": t.informants, "assertion": t.assertions}[kind]
        grade = grade.strip().upper()
        values: dict[str, str] = {}
        if grade.isdigit():
            self.schema.check_grade("F", grade)
            values["credibility"] = grade
        else:
            rel, cred = self.schema.parse_grade(grade)
            values["reliability"] = rel
            if cred:
                values["credibility"] = cred
        if "credibility" in values and kind != "assertion":
            raise StoreError("only assertions carry a credibility grade")
        with self.transaction():
            before = self._conn.execute(sa.select(table).where(table.c.id == record_id)).mappings().first()
            if before is None:
                raise StoreError(f"no {kind} with id {record_id}")
            self._write(sa.update(table).where(table.c.id == record_id).values(**values))
            return self.judge(kind, record_id, "grade", who=who, why=why, payload={
                "before": {k: before[k] for k in values}, "after": values})

    # -- hypotheses -----------------------------------------------------------------
    def add_hypothesis(self, case_id: int, h: Hypothesis) -> int:
        return self._write(sa.insert(t.hypotheses).values(
            case_id=case_id, key=h.key, statement=h.statement, description=h.description)).inserted_primary_key[0]

    def add_item(self, case_id: int, item: HypothesisItem) -> int:
        """Store an ACH evidence item with its ratings (hypothesis key -> rating)."""
        if item.assertion_id is None and not item.text:
            raise StoreError(f"evidence item {item.key!r} needs an assertion or a text")
        with self.transaction():
            iid = self._write(sa.insert(t.hypothesis_items).values(
                case_id=case_id, key=item.key, text=item.text, assertion_id=item.assertion_id,
                source_id=item.source_id, informant_id=item.informant_id,
                credibility=item.credibility, relevance=item.relevance)).inserted_primary_key[0]
            spans = self._span_rows("item_id", iid, item.evidence, {})
            if spans:
                self._write(sa.insert(t.item_evidence), spans)
            for hkey, rating in item.ratings.items():
                self.rate(case_id, iid, hkey, rating)
        return iid

    def rate(self, case_id: int, item_id: int, hypothesis_key: str, rating: str,
             *, who: str | None = None, why: str = "") -> None:
        """Set an item's rating against a hypothesis (recorded as a judgement when ``who``)."""
        rating = rating.strip().upper()
        if rating not in ("CC", "C", "N", "I", "II", "NA"):
            raise StoreError(f"rating {rating!r} is not one of CC, C, N, I, II, NA")
        hid = self.hypothesis_id(case_id, hypothesis_key)
        with self.transaction():
            self._write(sa.delete(t.ratings).where(t.ratings.c.item_id == item_id,
                                                   t.ratings.c.hypothesis_id == hid))
            self._write(sa.insert(t.ratings).values(item_id=item_id, hypothesis_id=hid, rating=rating))
            if who:
                self.judge("item", item_id, "rate", who=who, why=why,
                           payload={"hypothesis": hypothesis_key, "rating": rating})



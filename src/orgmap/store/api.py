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
import threading
from collections.abc import Iterator
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from orgmap.model import (  # noqa: F401  (the doctest above uses these names)
    Assertion,
    Entity,
    Evidence,
    Source,
)
from orgmap.schema import Schema, load_schema
from orgmap.store import tables as t
from orgmap.store.engine import (
    Conflict,
    DuplicateAssertion,
    SourceExists,
    StoreError,
    StoreLocked,
    open_engine,
)
from orgmap.store.reads import Reads
from orgmap.store.rows import Relation, content_hash, now
from orgmap.store.scenarios import ScenarioStore
from orgmap.store.summaries import SummaryStore
from orgmap.store.writes_assertions import AssertionWrites
from orgmap.store.writes_cases import CaseWrites
from orgmap.store.writes_edits import EditWrites
from orgmap.store.writes_entities import EntityWrites
from orgmap.store.writes_hypotheses import HypothesisWrites

__all__ = ["Relation", "Store", "StoreError", "content_hash", "now"]


_ANALYZE_ROWS = 2000
_ANALYZED = ("assertions", "evidence", "entities", "aliases", "sources", "passages", "judgements")


class Store(
    CaseWrites,
    EntityWrites,
    AssertionWrites,
    EditWrites,
    HypothesisWrites,
    ScenarioStore,
    SummaryStore,
    Reads,
):
    """A store over one database (SQLite file or PostgreSQL URL).

    Its writes live in the ``writes_*`` mixins and its queries in :class:`Reads`; this class
    holds the connection, the transactions and the maintenance commands.
    """

    def __init__(self, engine: Engine, schema: Schema | None = None):
        self.engine = engine
        self.schema = schema or load_schema()
        self._conn: sa.Connection | None = None
        self._reader = threading.local()  # the connection of a ``reading()`` block, per thread

    @classmethod
    def open(cls, db: str = "orgmap.db", *, create: bool = False, schema: Schema | None = None) -> Store:
        """Open (and migrate) the store at a path or URL; ``":memory:"`` for a scratch one.

        A SQLite file that does not exist is created only with ``create=True``; otherwise
        :class:`~orgmap.store.StoreMissing` names the path (a mistyped path stays a mistake).
        """
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
    def transaction(self) -> Iterator[Store]:
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
                raise StoreLocked(
                    "the store is locked by another writer; try again when it finishes"
                ) from None
            raise
        except sa.exc.IntegrityError as exc:  # another writer committed the same thing first
            raise _conflict(exc) from None
        except sa.exc.DataError as exc:  # e.g. PostgreSQL refusing a NUL byte: say what, not the SQL
            message = (
                str(exc.orig or "").strip().splitlines()[0] if exc.orig else "a value the database refuses"
            )
            raise StoreError(f"the store refused a value: {message}; nothing was written") from None

    def lock_case(self, case_id: int) -> None:
        """Make this transaction the case's only writer until it ends (others queue).

        SQLite's write transactions are exclusive already (``BEGIN IMMEDIATE``); on PostgreSQL
        this locks the case's row, so checks made after it (is this entity already merged?
        is this document already stored?) see every earlier writer's commit.
        """
        assert self._conn is not None, "lock_case needs a transaction"
        self._conn.execute(sa.select(t.cases.c.id).where(t.cases.c.id == case_id).with_for_update())

    @contextlib.contextmanager
    def reading(self) -> Iterator[Store]:
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

    # -- maintenance ----------------------------------------------------------------
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


def _conflict(exc: sa.exc.IntegrityError) -> StoreError:
    """A one-line error for a uniqueness constraint another writer's commit tripped."""
    text = str(exc.orig or exc)
    if "uq_assertions_case_fingerprint" in text or "assertions.case_id, assertions.fingerprint" in text:
        return DuplicateAssertion(
            "the same assertion (statement and evidence) was just stored by another "
            "writer; nothing was written"
        )
    if "uq_sources_case_hash" in text or "sources.case_id, sources.content_hash" in text:
        return SourceExists(
            "that document was just stored in this case by another writer; nothing was written"
        )
    if "cases_name" in text or "cases.name" in text:
        return Conflict("a case of that name was just created by another writer; try again")
    return Conflict(
        f"another writer changed the same records ({text.strip().splitlines()[0]}); "
        "nothing was written; try again"
    )

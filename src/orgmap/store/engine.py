"""Opening a store: URL handling, migrations, and the checks that keep a store safe.

``open_engine("orgmap.db")`` opens (creating when asked) a SQLite file;
``open_engine("postgresql+psycopg://…")`` a PostgreSQL database. Either way the schema is
brought to the code's revision with Alembic, and a database that is not orgmap's, or
that a newer orgmap wrote, is refused with a one-line reason.
"""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import event
from sqlalchemy.engine import Engine

from orgmap.store.tables import meta

__all__ = [
    "Conflict",
    "DuplicateAssertion",
    "SourceExists",
    "StaleDecision",
    "StoreError",
    "StoreLocked",
    "StoreMissing",
    "StoreNotOrgmap",
    "StoreTooNew",
    "StoreUnavailable",
    "database_url",
    "open_engine",
]

MIGRATIONS = Path(__file__).with_name("migrations")
# how long a SQLite writer waits for another writer before "locked" ($ORGMAP_LOCK_WAIT seconds)
BUSY_TIMEOUT_S = float(os.environ.get("ORGMAP_LOCK_WAIT") or 30)
APPLICATION = "orgmap"


class StoreError(RuntimeError):
    """A store that cannot be used as asked; the message says what and where."""


class StoreMissing(StoreError):
    pass


class StoreNotOrgmap(StoreError):
    pass


class StoreTooNew(StoreError):
    pass


class StoreLocked(StoreError):
    pass


class StoreUnavailable(StoreError):
    pass


class Conflict(StoreError):
    """A write that another writer's committed change makes wrong; nothing was written."""


class StaleDecision(Conflict):
    """A decision about a record whose state changed since the decider saw it."""


class SourceExists(Conflict):
    """A document already stored in the case (same content); ``source_id`` is the stored one."""

    def __init__(self, message: str, source_id: int | None = None):
        super().__init__(message)
        self.source_id = source_id


class DuplicateAssertion(Conflict):
    """An assertion with the same statement and evidence spans is already stored in the case."""


def database_url(db: str | Path) -> str:
    """A SQLAlchemy URL for ``--db``: a URL as given, or a SQLite file path.

    >>> database_url("postgresql+psycopg://u@h/db")
    'postgresql+psycopg://u@h/db'
    >>> database_url("x.db").startswith("sqlite:///")
    True
    """
    text = str(db)
    if "://" in text:
        return text
    return "sqlite:///" + str(Path(text).expanduser().resolve())


def _alembic_config(connection: sa.Connection) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.attributes["connection"] = connection
    return cfg


def _head() -> str:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return ScriptDirectory.from_config(cfg).get_current_head() or ""


def _known_revisions() -> set[str]:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return {s.revision for s in ScriptDirectory.from_config(cfg).walk_revisions()}


def _sqlite_pragmas(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn, _record):
        dbapi_conn.isolation_level = None  # let the "begin" hook below issue BEGIN
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA foreign_keys=ON")
        # a writer waits (SQLite's busy handler retries with backoff) for another writer to finish;
        # readers never wait in WAL mode
        cur.execute(f"PRAGMA busy_timeout={int(BUSY_TIMEOUT_S * 1000)}")
        # write-ahead log: readers (the web app, a second analyst) never block the writer, and a
        # commit needs no fsync of the main file; still atomic and durable across crashes of orgmap
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA synchronous=NORMAL")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn):
        # writers take the write lock up front, so two writers queue instead of deadlocking
        write = conn.get_execution_options().get("orgmap_write", False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")


def _check_sqlite_file(url: sa.URL, create: bool) -> None:
    path = Path(url.database or "")
    if not url.database or url.database == ":memory:":
        return
    if not path.exists():
        if not create:
            raise StoreMissing(
                f"no orgmap store at {path}: check the path, or make one with `orgmap demo`, "
                "`orgmap load CASE_DIR` or `orgmap ingest` (from Python: orgmap.open(path, create=True))"
            )
        path.parent.mkdir(parents=True, exist_ok=True)
        return
    with path.open("rb") as fh:
        head = fh.read(16)
    if head and head != b"SQLite format 3\x00":
        raise StoreNotOrgmap(f"{path} is not an orgmap database (not a SQLite file)")


def open_engine(db: str | Path, *, create: bool = False) -> Engine:
    """Open the store at ``db``, migrating it to the current revision.

    Raises a :class:`StoreError` subclass with a one-line reason when the database is
    missing (and ``create`` is false), locked, unreachable, not orgmap's, or newer than
    this code.
    """
    try:
        url = sa.make_url(database_url(db))
        is_sqlite = url.get_backend_name() == "sqlite"
        if is_sqlite:
            _check_sqlite_file(url, create)
            engine = sa.create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_S})
            _sqlite_pragmas(engine)
        else:
            engine = sa.create_engine(url, pool_pre_ping=True)
    except sa.exc.ArgumentError as exc:  # includes an unknown dialect or driver
        raise StoreUnavailable(
            f"--db {db}: not a database URL orgmap can use ({exc}); use a SQLite path "
            "or postgresql+psycopg://user@host/db"
        ) from None
    where = url.render_as_string(hide_password=True)
    try:
        _prepare(engine, where, create=create)
    except sa.exc.OperationalError as exc:
        engine.dispose()
        message = str(exc.orig) if exc.orig else str(exc)
        if "locked" in message:
            raise StoreLocked(f"{where} is locked by another writer; try again when it finishes") from None
        if "not a database" in message or "file is encrypted" in message:
            raise StoreNotOrgmap(f"{where} is not an orgmap database ({message})") from None
        raise StoreUnavailable(f"cannot open {where}: {message.strip().splitlines()[0]}") from None
    except StoreError:
        engine.dispose()
        raise
    return engine


_PREPARE_LOCK = threading.Lock()  # Alembic's context is process-global: one migration at a time per process
_PG_MIGRATION_LOCK = 0x6F72676D6170  # "orgmap": the advisory lock migrating processes queue on
_LOCK_RETRIES = 8  # a first open racing another process's: retry with backoff (0.1 s doubling, ~25 s in all)


def _prepare(engine: Engine, where: str, *, create: bool = True) -> None:
    """Check the store is orgmap's and at the code's revision, migrating it when not.

    The check is a plain read, so opening a store to read never waits on a writer (WAL);
    only a store that needs creating or migrating takes the write lock, retrying with
    backoff while another process holds it (two first opens of one new store at once).
    """
    with _PREPARE_LOCK:
        for attempt in range(_LOCK_RETRIES):
            try:  # the read check retries too: a new SQLite file is locked while another process sets WAL
                if not _ready(engine, where, write=False, create=create):
                    _ready(engine, where, write=True)
                return
            except sa.exc.OperationalError as exc:
                if not _raced(str(exc.orig or exc)) or attempt == _LOCK_RETRIES - 1:
                    raise
                time.sleep(0.1 * 2**attempt)


def _raced(message: str) -> bool:
    """Whether an error opening a store means another process got there first: try again.

    Besides a lock, on SQLite Alembic commits each migration step on its own (SQLite's DDL
    is not transactional to it), so two first opens of one new store can interleave their
    steps; the one that loses a step finds its table or column made. The step it tried is
    rolled back whole, and the next attempt reads the revision again and goes on from there.

    >>> _raced("database is locked"), _raced("table item_evidence already exists"), _raced("disk I/O error")
    (True, True, False)
    """
    return any(cue in message for cue in ("locked", "already exists", "duplicate column"))


def _ready(engine: Engine, where: str, *, write: bool, create: bool = True) -> bool:
    """Whether the store is ready; with ``write`` make it so (create, migrate, mark as orgmap's).

    An empty database (no tables) becomes a store only with ``create``.
    """
    options = {"orgmap_write": True} if write else {}
    with engine.connect().execution_options(**options) as conn:
        tables = set(sa.inspect(conn).get_table_names())
        if not tables and not create:
            conn.rollback()
            raise StoreMissing(
                f"no orgmap store in {where} (the database is empty): check the URL, or make one "
                "with `orgmap demo`, `orgmap load CASE_DIR` or `orgmap ingest` "
                "(from Python: orgmap.open(url, create=True))"
            )
        if tables and meta.name not in tables:
            raise StoreNotOrgmap(
                f"{where} is not an orgmap database (it has other tables: {', '.join(sorted(tables)[:5])})"
            )
        current = MigrationContext.configure(conn).get_current_revision()
        if current and current not in _known_revisions():
            raise StoreTooNew(
                f"{where} was written by a newer orgmap (schema revision {current}); "
                "upgrade orgmap to open it"
            )
        if not write:
            row = (
                conn.execute(sa.select(meta.c.value).where(meta.c.key == "application")).first()
                if current == _head()
                else None
            )
            conn.rollback()
            if row is not None and row.value != APPLICATION:
                raise StoreNotOrgmap(f"{where} is not an orgmap database")
            return row is not None
        conn.rollback()  # end the read transaction the checks above began
        if conn.dialect.name == "postgresql":  # one migrating process at a time (released with the session)
            conn.exec_driver_sql(f"SELECT pg_advisory_lock({_PG_MIGRATION_LOCK})")
            conn.commit()
            current = MigrationContext.configure(conn).get_current_revision()
            conn.rollback()
        if current != _head():
            command.upgrade(_alembic_config(conn), "head")
            conn.commit()
        with conn.begin():
            row = conn.execute(sa.select(meta.c.value).where(meta.c.key == "application")).first()
            if row is None:
                conn.execute(sa.insert(meta).values(key="application", value=APPLICATION))
            elif row.value != APPLICATION:
                raise StoreNotOrgmap(f"{where} is not an orgmap database")
        if conn.dialect.name == "postgresql":
            conn.exec_driver_sql(f"SELECT pg_advisory_unlock({_PG_MIGRATION_LOCK})")
            conn.commit()
    return True

"""Stores that cannot be used give one clear StoreError and are left untouched."""

from __future__ import annotations

import socket
import sqlite3
from pathlib import Path

import pytest
import sqlalchemy as sa

from orgmap.store import (
    Store,
    StoreError,
    StoreLocked,
    StoreMissing,
    StoreNotOrgmap,
    StoreTooNew,
    StoreUnavailable,
)


def _one_line(exc):
    text = str(exc.value)
    assert "\n" not in text and text
    return text


def test_missing_sqlite_store(tmp_path):
    path = tmp_path / "nope.db"
    with pytest.raises(StoreMissing) as exc:
        Store.open(str(path))  # a mistyped path is not a new store unless create=True says so
    assert str(path) in _one_line(exc) and "create=True" in str(exc.value) and not path.exists()
    Store.open(str(path), create=True).close()
    assert path.exists()


def test_an_empty_database_becomes_a_store_only_when_asked(db_url, backend):
    """An existing but empty database (a PostgreSQL database, a zero-byte file) is not a store."""
    if backend == "sqlite":
        Path(db_url).write_bytes(b"")
    with pytest.raises(StoreMissing, match="the database is empty") as exc:
        Store.open(db_url)
    assert "create=True" in _one_line(exc)
    engine = sa.create_engine(db_url if "://" in db_url else f"sqlite:///{db_url}")
    with engine.connect() as c:
        assert sa.inspect(c).get_table_names() == []  # refused without writing anything
    engine.dispose()
    store = Store.open(db_url, create=True)
    assert store.cases() == []
    store.close()
    Store.open(db_url).close()  # a store now: opening it needs no permission


def test_not_sqlite(tmp_path):
    path = tmp_path / "notes.db"
    path.write_bytes(b"these are my notes, not a database\n" * 10)
    with pytest.raises(StoreNotOrgmap, match="not a SQLite file") as exc:
        Store.open(str(path))
    _one_line(exc)
    assert path.read_bytes().startswith(b"these are my notes")


def test_sqlite_of_another_application(tmp_path):
    path = tmp_path / "other.db"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE invoices (id INTEGER)")
    con.commit()
    con.close()
    with pytest.raises(StoreNotOrgmap, match="invoices") as exc:
        Store.open(str(path))
    _one_line(exc)
    con = sqlite3.connect(path)
    assert [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")] == ["invoices"]
    con.close()


def test_locked_sqlite_store(tmp_path, monkeypatch):
    """A long write does not stop readers (WAL); a second writer waits, then gets a one-line "locked" error."""
    import orgmap.store.engine as engine

    monkeypatch.setattr(engine, "BUSY_TIMEOUT_S", 0.5)  # not the real 30 s
    path = tmp_path / "busy.db"
    store = Store.open(str(path), create=True)
    store.ensure_case("c")
    store.close()
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        reader = Store.open(str(path))  # opening to read takes no write lock
        assert [c.name for c in reader.cases()] == ["c"]
        with pytest.raises(StoreLocked, match="locked") as exc:
            reader.ensure_case("d")
        _one_line(exc)
        reader.close()
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    Store.open(str(path)).close()  # usable again once the other writer is done


def _set_revision(url, revision):
    engine = sa.create_engine(url if "://" in url else f"sqlite:///{url}")
    with engine.begin() as c:
        c.execute(sa.text("UPDATE alembic_version SET version_num = :r"), {"r": revision})
    engine.dispose()


def test_newer_schema_revision(db_url):
    Store.open(db_url, create=True).close()
    _set_revision(db_url, "9999_from_the_future")
    with pytest.raises(StoreTooNew, match="newer orgmap") as exc:
        Store.open(db_url)
    assert "9999_from_the_future" in _one_line(exc)


def test_postgres_database_of_another_application(pg_databases):
    url = pg_databases.create()
    engine = sa.create_engine(url)
    with engine.begin() as c:
        c.exec_driver_sql("CREATE TABLE customers (id integer)")
    engine.dispose()
    with pytest.raises(StoreNotOrgmap, match="customers") as exc:
        Store.open(url)
    _one_line(exc)


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]  # closed again when the block ends: nothing listens there


def test_postgres_server_down():
    url = f"postgresql+psycopg://postgres@127.0.0.1:{_closed_port()}/orgmap"
    with pytest.raises(StoreUnavailable, match="cannot open") as exc:
        Store.open(url)
    assert "127.0.0.1" in _one_line(exc)


def test_unknown_url_scheme_is_a_store_error():
    with pytest.raises(StoreUnavailable, match="not a database URL") as exc:
        Store.open("nosuchdb://host/x")
    assert "nosuchdb" in _one_line(exc)


def test_missing_postgres_database(pg_databases):
    url = pg_databases.create().rsplit("/", 1)[0] + "/orgmap_no_such_database"
    with pytest.raises(StoreUnavailable, match="does not exist") as exc:
        Store.open(url)
    _one_line(exc)


def test_a_nul_byte_is_a_one_line_error_without_sql_or_text(bstore, backend):
    """PostgreSQL refuses NUL in text; the error must not dump the SQL or the document (issue 16)."""
    from orgmap.model import Source

    case = bstore.ensure_case("c")
    secret = "confidential source text " * 20
    if backend == "sqlite":
        assert bstore.add_source(case, Source(text=secret + "\x00"))
        return
    with pytest.raises(StoreError) as exc:
        bstore.add_source(case, Source(text=secret + "\x00"))
    message = _one_line(exc)
    assert "NUL" in message and "INSERT" not in message and "confidential" not in message
    assert bstore.sources(case) == []

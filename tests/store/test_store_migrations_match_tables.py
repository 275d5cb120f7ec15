"""The Alembic migrations and ``store/tables.py`` describe the same schema.

An empty database migrated to head is compared with the tables' metadata by Alembic's
own autogenerate comparison (the diff ``alembic revision --autogenerate`` would write):
a column, index, type or default added to one and not the other shows here.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from orgmap.store.engine import _alembic_config, _head
from orgmap.store.tables import metadata


def _url(db_url: str) -> str:
    return db_url if "://" in db_url else f"sqlite:///{db_url}"


def _differences(conn: sa.Connection) -> list:
    context = MigrationContext.configure(conn, opts={"compare_type": True, "compare_server_default": True})
    return compare_metadata(context, metadata)


def _known(diff, dialect: str) -> bool:
    """Two SQLite quirks, both about an empty-string default:

    - migration 0004 leaves ``assertions.fingerprint``'s backfill default ('') on SQLite, which
      cannot drop a default without rebuilding the table; the store always writes the column;
    - a server default of '' on both sides (0006's valid-time bounds) reflects as the text
      ``('')`` that the comparison does not unquote; any other default still counts.
    """
    if dialect != "sqlite" or not isinstance(diff, list) or not diff or diff[0][0] != "modify_default":
        return False
    if diff[0][:4] == ("modify_default", None, "assertions", "fingerprint"):
        return True
    reflected, declared = diff[0][-2], diff[0][-1]
    return (
        getattr(getattr(reflected, "arg", None), "text", None) in {"''", "('')"}
        and getattr(declared, "arg", None) == ""
    )


def test_migrating_an_empty_database_to_head_gives_the_tables(db_url):
    engine = sa.create_engine(_url(db_url))
    try:
        with engine.connect() as conn:
            command.upgrade(_alembic_config(conn), "head")
            conn.commit()
        with engine.connect() as conn:
            assert MigrationContext.configure(conn).get_current_revision() == _head()
            tables = set(sa.inspect(conn).get_table_names()) - {"alembic_version"}
            assert tables == set(metadata.tables)
            diffs = [d for d in _differences(conn) if not _known(d, conn.dialect.name)]
        assert diffs == []
    finally:
        engine.dispose()


def test_the_comparison_sees_a_column_the_migrations_lack(db_url):
    """The check can fail: a column only in the metadata is reported."""
    engine = sa.create_engine(_url(db_url))
    try:
        with engine.connect() as conn:
            command.upgrade(_alembic_config(conn), "head")
            conn.commit()
            conn.exec_driver_sql("ALTER TABLE cases ADD COLUMN stray VARCHAR(10)")
            conn.commit()
        with engine.connect() as conn:
            diffs = [d for d in _differences(conn) if not _known(d, conn.dialect.name)]
        assert [(d[0], d[2], d[3].name) for d in diffs if isinstance(d, tuple)] == [
            ("remove_column", "cases", "stray")
        ]
    finally:
        engine.dispose()


def test_downgrading_to_base_removes_every_table(db_url):
    engine = sa.create_engine(_url(db_url))
    try:
        with engine.connect() as conn:
            command.upgrade(_alembic_config(conn), "head")
            conn.commit()
            command.downgrade(_alembic_config(conn), "base")
            conn.commit()
            assert set(sa.inspect(conn).get_table_names()) <= {"alembic_version"}
    finally:
        engine.dispose()

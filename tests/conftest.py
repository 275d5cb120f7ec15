"""Fixtures shared by the whole suite.

- ``schema``: the packaged vocabulary.
- ``store``: a fresh, empty SQLite store in a temporary file.
- ``qods_db``: path of a SQLite file holding the Qods Force case (built once per session,
  copied per test so tests may write to it); ``qods_store`` opens it.
- ``qods_case_dir``: the shipped case directory.
- ``table_counts``: ``table_counts(path)`` lists (table, row count) of a SQLite file, to show a
  refused command changed nothing.
"""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from orgmap.casefile import CASES_DIR, load_case
from orgmap.schema import load_schema
from orgmap.store import Store

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def schema():
    return load_schema()


@pytest.fixture
def store(tmp_path):
    s = Store.open(str(tmp_path / "test.db"), create=True)
    yield s
    s.close()


@pytest.fixture(scope="session")
def qods_case_dir() -> Path:
    return CASES_DIR / "qods-force"


@pytest.fixture(scope="session")
def _qods_template(tmp_path_factory, qods_case_dir) -> Path:
    path = tmp_path_factory.mktemp("qods") / "qods.db"
    s = Store.open(str(path), create=True)
    load_case(s, qods_case_dir)
    s.close()
    return path


@pytest.fixture
def qods_db(_qods_template, tmp_path) -> Path:
    path = tmp_path / "qods.db"
    shutil.copy(_qods_template, path)
    return path


@pytest.fixture
def qods_store(qods_db):
    s = Store.open(str(qods_db))
    yield s
    s.close()


def _table_counts(db) -> list:
    con = sqlite3.connect(db)
    try:
        return [
            (t, con.execute(f"select count(*) from {t}").fetchone()[0])
            for (t,) in con.execute("select name from sqlite_master where type='table' order by name")
        ]
    finally:
        con.close()


@pytest.fixture
def table_counts():
    return _table_counts

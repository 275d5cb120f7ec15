"""The store suite runs on SQLite and on PostgreSQL through the ``backend`` fixture.

PostgreSQL tests need ``ORGMAP_TEST_POSTGRES`` (``.ci/run`` starts a throwaway server
and sets it); each test gets a database of its own, dropped afterwards. Locally they
skip with a reason when the variable is unset.
"""

from __future__ import annotations

import os
import shutil
import uuid

import pytest
import sqlalchemy as sa

from orgmap.casefile import CASES_DIR
from orgmap.store import Store

PG_ENV = "ORGMAP_TEST_POSTGRES"


def pg_admin_url() -> str:
    url = os.environ.get(PG_ENV)
    if not url:
        pytest.skip(f"{PG_ENV} is not set: start PostgreSQL as in docs/recipes (CI's .ci/run does)")
    return url


class PgDatabases:
    """Create throwaway databases on the test server and drop them all at the end."""

    def __init__(self, admin_url: str):
        self.admin = sa.create_engine(admin_url, isolation_level="AUTOCOMMIT")
        self.names: list[str] = []

    def create(self, template: str | None = None) -> str:
        name = f"orgmap_test_{uuid.uuid4().hex[:12]}"
        with self.admin.connect() as c:
            c.exec_driver_sql(f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else ""))
        self.names.append(name)
        return self.admin.url.set(database=name).render_as_string(hide_password=False)

    def drop_all(self) -> None:
        with self.admin.connect() as c:
            for name in self.names:
                c.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        self.admin.dispose()


@pytest.fixture
def pg_databases():
    dbs = PgDatabases(pg_admin_url())
    yield dbs
    dbs.drop_all()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def backend(request) -> str:
    return request.param


@pytest.fixture
def db_url(backend, tmp_path, request) -> str:
    """A URL (or SQLite path) of a fresh, empty database on the current backend."""
    if backend == "sqlite":
        return str(tmp_path / "store.db")
    dbs = request.getfixturevalue("pg_databases")
    return dbs.create()


@pytest.fixture
def bstore(db_url):
    s = Store.open(db_url, create=True)
    yield s
    s.close()


@pytest.fixture(scope="session")
def qods_spec():
    from orgmap.casefile.parse import read_case
    from orgmap.schema import load_schema

    return read_case(CASES_DIR / "qods-force", load_schema())


@pytest.fixture(scope="session")
def _qods_templates(tmp_path_factory, qods_spec):
    """The Qods Force case loaded once per backend; tests get copies (file copy / TEMPLATE)."""
    from orgmap.casefile.load import write_case

    made: dict[str, str] = {}
    admin = None

    def get(backend: str) -> str:
        nonlocal admin
        if backend not in made:
            if backend == "sqlite":
                made[backend] = str(tmp_path_factory.mktemp("tmpl") / "qods.db")
                url = made[backend]
            else:
                admin = admin or PgDatabases(pg_admin_url())
                url = admin.create()
                made[backend] = url.rsplit("/", 1)[1]
            s = Store.open(url, create=True)
            write_case(s, qods_spec)
            s.close()
        return made[backend]

    yield get
    if admin is not None:
        admin.drop_all()


@pytest.fixture
def qstore(backend, tmp_path, request, _qods_templates):
    """A store on the current backend holding the Qods Force case (a fresh copy per test)."""
    template = _qods_templates(backend)
    if backend == "sqlite":
        url = str(tmp_path / "qods.db")
        shutil.copy(template, url)
    else:
        dbs = request.getfixturevalue("pg_databases")
        url = dbs.create(template=template)
    s = Store.open(url, create=True)
    yield s
    s.close()


@pytest.fixture
def qcase(qstore):
    return qstore.case_id("qods-force")

"""Relation qualifiers in the store: the column, its validation, migration 0005 and the fingerprint."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from orgmap.model import Assertion, Entity, Evidence, Source
from orgmap.store import Store, StoreError
from orgmap.store import tables as t
from orgmap.store.engine import _alembic_config


def _case(store):
    case = store.ensure_case("c")
    sid = store.add_source(case, Source(text="Ann Roe and her son Bo Roe own Acme Ltd."))
    ann = store.add_entity(case, Entity("person", "Ann Roe"))
    bo = store.add_entity(case, Entity("person", "Bo Roe"))
    acme = store.add_entity(case, Entity("organization", "Acme Ltd"))
    return case, sid, ann, bo, acme


def test_a_qualifier_is_stored_and_read_back(bstore):
    case, sid, ann, bo, acme = _case(bstore)
    tie = bstore.add_assertion(
        case, Assertion(ann, "personal_tie", bo, evidence=[Evidence(sid, 0, 26)], qualifier="family")
    )
    own = bstore.add_assertion(case, Assertion(bo, "manages", acme, evidence=[Evidence(sid, 20, 39)]))
    assert bstore.assertion(tie).qualifier == "family"
    assert bstore.assertion(own).qualifier is None


@pytest.mark.parametrize(
    "predicate,qualifier,message",
    [
        (
            "personal_tie",
            "ownership",
            "personal_tie has no qualifier 'ownership'; allowed: family, associate",
        ),
        ("leads", "family", "leads takes no qualifier"),
    ],
)
def test_a_qualifier_the_vocabulary_does_not_allow_is_refused(bstore, predicate, qualifier, message):
    case, sid, ann, bo, acme = _case(bstore)
    target = bo if predicate == "personal_tie" else acme
    with pytest.raises(StoreError, match=message):
        bstore.add_assertion(
            case, Assertion(ann, predicate, target, evidence=[Evidence(sid, 0, 26)], qualifier=qualifier)
        )
    assert bstore.assertions(case) == []


def test_a_qualifier_makes_another_statement(bstore):
    case, sid, ann, bo, _ = _case(bstore)
    plain = Assertion(ann, "personal_tie", bo, evidence=[Evidence(sid, 0, 26)])
    first = bstore.add_assertion(case, plain)
    qualified = bstore.add_assertion(
        case, Assertion(ann, "personal_tie", bo, evidence=[Evidence(sid, 0, 26)], qualifier="family")
    )
    assert first != qualified


def test_tables_and_migrations_agree(tmp_path):
    path = tmp_path / "s.db"
    Store.open(str(path), create=True).close()
    engine = sa.create_engine(f"sqlite:///{path}")
    with engine.connect() as conn:
        assert compare_metadata(MigrationContext.configure(conn), t.metadata) == []
    engine.dispose()


def test_upgrade_from_0004_keeps_assertions_and_fingerprints(db_url):
    store = Store.open(db_url, create=True)
    case, sid, ann, bo, _ = _case(store)
    aid = store.add_assertion(case, Assertion(ann, "personal_tie", bo, evidence=[Evidence(sid, 0, 26)]))
    store.close()
    engine = sa.create_engine(db_url if "://" in db_url else f"sqlite:///{db_url}")
    with engine.connect() as conn:
        command.downgrade(_alembic_config(conn), "0004")
        conn.commit()
        columns = {c["name"] for c in sa.inspect(conn).get_columns("assertions")}
        before = conn.scalar(sa.text("SELECT fingerprint FROM assertions WHERE id = :i"), {"i": aid})
    engine.dispose()
    assert "qualifier" not in columns
    store = Store.open(db_url)  # migrates to head
    assert store.assertion(aid).qualifier is None
    with pytest.raises(StoreError, match="already states that"):  # same fingerprint as 0004 wrote
        store.add_assertion(case, Assertion(ann, "personal_tie", bo, evidence=[Evidence(sid, 0, 26)]))
    with store.reading():
        after = (
            store._connection()
            .__enter__()
            .scalar(sa.text("SELECT fingerprint FROM assertions WHERE id = :i"), {"i": aid})
        )
    assert after == before
    store.close()


def test_an_edit_to_another_type_drops_a_qualifier_that_type_lacks(bstore):
    case, sid, ann, bo, acme = _case(bstore)
    own = bstore.add_assertion(
        case,
        Assertion(
            bo, "manages", acme, evidence=[Evidence(sid, 20, 39)], qualifier="ownership", status="accepted"
        ),
    )
    kept = bstore.edit_assertion(own, modality="reported", who="t")  # same type: the kind stays
    assert bstore.assertion(kept).qualifier == "ownership"
    led = bstore.edit_assertion(kept, predicate="leads", who="t")  # review's retype path
    assert bstore.assertion(led).qualifier is None

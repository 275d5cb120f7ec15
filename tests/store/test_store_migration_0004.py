"""Migration 0004 on a store that already holds duplicated assertions (from before the fix).

The store is taken back to revision 0002, given duplicates the way two concurrent ingests
made them (same statement, same evidence, judgements on the later copy), and reopened:
the earliest copy is kept with every judgement, the others are gone, and the store says so.
"""

from __future__ import annotations

import importlib.util
from datetime import date

import sqlalchemy as sa
from alembic import command

from orgmap.model import Assertion, Entity, Evidence, Source
from orgmap.store import Store
from orgmap.store.engine import MIGRATIONS, _alembic_config
from orgmap.store.rows import FINGERPRINT_FIELDS, assertion_fingerprint


def _migration():
    path = next((MIGRATIONS / "versions").glob("0004_*.py"))
    spec = importlib.util.spec_from_file_location("m0004", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_frozen_fingerprint_equals_the_stores():
    m = _migration()
    assert m.FIELDS == FINGERPRINT_FIELDS
    values = {
        "key": "k",
        "subject_id": 3,
        "predicate": "leads",
        "object_id": 4,
        "attribution": "AP",
        "informant_id": None,
        "modality": "reported",
        "valid_from": date(2020, 1, 1),
        "valid_to": None,
        "valid_text": "since 2020",
        "supersedes": 9,
    }
    spans = [(1, 5, 9), (1, 0, 4)]
    assert m.fingerprint(values, spans) == assertion_fingerprint(values, spans)


def test_upgrade_keeps_the_earliest_and_moves_judgements(db_url):
    store = Store.open(db_url, create=True)
    case = store.ensure_case("c")
    sid = store.add_source(case, Source(text="Ann leads Acme. Bob leads Acme."))
    ann, acme = (
        store.add_entity(case, Entity("person", "Ann")),
        store.add_entity(case, Entity("organization", "Acme")),
    )
    keep = store.add_assertion(case, Assertion(ann, "leads", acme, evidence=[Evidence(sid, 0, 15)]))
    other = store.add_assertion(case, Assertion(ann, "leads", acme, evidence=[Evidence(sid, 16, 31)]))
    store.close()
    engine = sa.create_engine(db_url if "://" in db_url else f"sqlite:///{db_url}")
    with engine.connect() as conn:
        command.downgrade(_alembic_config(conn), "0002")
        conn.commit()
    with engine.begin() as conn:  # two more copies of `keep`, as a concurrent ingest left them
        row = dict(
            conn.execute(sa.text("SELECT * FROM assertions WHERE id = :i"), {"i": keep}).mappings().one()
        )
        for copy in (101, 102):
            conn.execute(
                sa.text(
                    "INSERT INTO assertions (id, case_id, key, subject_id, predicate, object_id, "
                    "attribution, modality, valid_text, reliability, credibility, status, origin, "
                    "note, created_at) VALUES (:id, :case_id, :key, :subject_id, :predicate, "
                    ":object_id, :attribution, :modality, :valid_text, :reliability, :credibility, "
                    "'candidate', :origin, :note, :created_at)"
                ),
                {**row, "id": copy},
            )
            conn.execute(
                sa.text(
                    'INSERT INTO evidence (assertion_id, source_id, start, "end", quote) '
                    "VALUES (:a, :s, 0, 15, 'Ann leads Acme.')"
                ),
                {"a": copy, "s": sid},
            )
        conn.execute(sa.text("UPDATE assertions SET status = 'accepted' WHERE id = 102"))
        conn.execute(
            sa.text(
                "INSERT INTO judgements (target_kind, target_id, action, payload, who, why, at) "
                "VALUES ('assertion', 102, 'accept', '{}', 'bob', 'seen it', :at)"
            ),
            {"at": row["created_at"]},
        )
    engine.dispose()
    store = Store.open(db_url, create=True)  # migrates to head
    ids = sorted(a.id for a in store.assertions(case))
    assert ids == [keep, other]
    kept = store.assertion(keep)
    assert kept.status == "accepted"  # the latest decision on any copy
    assert [(j.who, j.action) for j in store.judgements("assertion", keep)] == [("bob", "accept")]
    assert len(kept.evidence) == 1
    with store.reading():
        note = (
            store._connection()
            .__enter__()
            .scalar(sa.text("SELECT value FROM orgmap_meta WHERE key = 'migration_0004'"))
        )
    assert note.startswith("removed 2 duplicated assertion(s): kept the earliest")
    again = store.assertion(keep)
    again.id = None
    assert store.add_assertion(case, again, reuse=True) == keep  # the unique index is in place
    store.close()

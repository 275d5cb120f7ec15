"""The fast paths change no answer: set-based add_assertions, shared read connections, ANALYZE."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from sqlalchemy import event

from orgmap.casefile import CASES_DIR, load_case
from orgmap.model import Assertion, Entity, Evidence, Source
from orgmap.store import StoreError

TEXT = "Ann Lee leads Acme. Bo Chan funds Acme. Cy Dee advises Ann Lee."


def _setup(store):
    case = store.ensure_case("c")
    sid = store.add_source(case, Source(text=TEXT))
    ann, acme, bo, cy = (
        store.add_entity(case, Entity(k, n))
        for k, n in [
            ("person", "Ann Lee"),
            ("organization", "Acme"),
            ("person", "Bo Chan"),
            ("person", "Cy Dee"),
        ]
    )
    return case, sid, ann, acme, bo, cy


def test_add_assertions_returns_each_rows_id_in_order(bstore):
    case, sid, ann, acme, bo, cy = _setup(bstore)
    batch = [
        Assertion(ann, "leads", acme, evidence=[Evidence(sid, 0, 18)]),
        Assertion(bo, "funds", acme, evidence=[Evidence(sid, 20, 38), Evidence(sid, 24, 29)]),
        Assertion(cy, evidence=[Evidence(sid, 40, 46)], modality="reported", reliability="B"),
        Assertion(cy, "personal_tie", ann, evidence=[Evidence(sid, 40, 63)]),
    ]
    ids = bstore.add_assertions(case, batch)
    assert len(set(ids)) == 4
    for aid, sent in zip(ids, batch):
        got = bstore.assertion(aid)
        assert (got.subject_id, got.predicate, got.object_id, got.modality, got.reliability) == (
            sent.subject_id,
            sent.predicate,
            sent.object_id,
            sent.modality,
            sent.reliability,
        )
        assert [(e.start, e.end, e.quote) for e in got.evidence] == [
            (e.start, e.end, TEXT[e.start : e.end]) for e in sent.evidence
        ]
    assert bstore.add_assertions(case, []) == []


@pytest.mark.parametrize(
    "bad, message",
    [
        (Assertion(1, "leads", 2, evidence=[Evidence(1, 50, 500)]), "evidence span 50:500 is outside source"),
        (Assertion(1, "leads", 2, evidence=[]), "at least one evidence span"),
        (Assertion(1, "no-such-type", 2, evidence=[Evidence(1, 0, 5)]), "no-such-type"),
    ],
)
def test_one_bad_assertion_in_a_batch_leaves_the_store_unchanged(bstore, bad, message):
    case, sid, ann, acme, bo, cy = _setup(bstore)
    bad.subject_id, bad.object_id = ann, acme
    for ev in bad.evidence:
        ev.source_id = sid
    good = Assertion(bo, "funds", acme, evidence=[Evidence(sid, 20, 38)])
    with pytest.raises((StoreError, KeyError), match=message):
        bstore.add_assertions(case, [good, bad, good])
    assert bstore.assertions(case) == []
    with bstore.engine.connect() as c:
        assert c.scalar(sa.select(sa.func.count()).select_from(sa.table("evidence"))) == 0


def _checkouts(store):
    count = [0]

    @event.listens_for(store.engine, "checkout")
    def _on_checkout(*_):
        count[0] += 1

    return count


def test_relations_use_one_connection_and_answer_as_before(qstore, qcase):
    count = _checkouts(qstore)
    name = qstore.relations(qcase)[0].subject.name
    count[0] = 0
    rels = qstore.relations(qcase, entity=name, status=None)
    assert count[0] == 1 and rels
    # the same answer made query by query outside any shared connection
    root = qstore.find_entity(qcase, name).id
    by_hand = [
        a
        for a in qstore.assertions(qcase, kind="relation")
        if root in (qstore.canonical_id(a.subject_id), qstore.canonical_id(a.object_id))
    ]
    assert sorted(r.assertion.id for r in rels) == sorted(a.id for a in by_hand)


def test_reading_block_shares_a_connection_and_a_write_inside_does_not_lock(qstore, qcase):
    count = _checkouts(qstore)
    with qstore.reading():
        n_entities = len(qstore.entities(qcase))
        rels = qstore.relations(qcase)
        qstore.set_status(rels[0].assertion.id, "rejected", who="t")  # a write in the middle
        after = qstore.relations(qcase)
        assert len(qstore.entities(qcase)) == n_entities
    assert count[0] == 2  # the reads' connection and the write's
    assert [r.assertion.id for r in after] == [r.assertion.id for r in rels[1:]]


def test_load_case_leaves_planner_statistics(store):
    load_case(store, CASES_DIR / "qods-force")
    with store.engine.connect() as c:
        stats = {r[0] for r in c.exec_driver_sql("SELECT tbl FROM sqlite_stat1")}
    assert {"assertions", "entities", "aliases", "evidence"} <= stats


def test_analyze_on_both_backends(bstore):
    case, sid, ann, acme, bo, cy = _setup(bstore)
    bstore.add_assertion(case, Assertion(ann, "leads", acme, evidence=[Evidence(sid, 0, 18)]))
    bstore.analyze()
    with bstore.engine.connect() as c:
        if c.dialect.name == "postgresql":
            analyzed = c.scalar(
                sa.text("SELECT last_analyze FROM pg_stat_user_tables WHERE relname = 'assertions'")
            )
            assert analyzed is not None
        else:
            assert (
                c.exec_driver_sql("SELECT count(*) FROM sqlite_stat1 WHERE tbl = 'assertions'").scalar() > 0
            )

"""Transactions: all or nothing, and two processes writing at once lose nothing."""

from __future__ import annotations

import multiprocessing as mp

import pytest

from orgmap.model import Assertion, Entity, Evidence, Source
from orgmap.store import Store, StoreError


def _counts(store, case):
    return (
        len(store.entities(case, include_merged=True)),
        len(store.assertions(case)),
        len(store.sources(case)),
        len(store.judgements()),
    )


def test_failure_inside_a_transaction_rolls_everything_back(qstore, qcase):
    before = _counts(qstore, qcase)
    with pytest.raises(RuntimeError, match="boom"), qstore.transaction():
        sid = qstore.add_source(qcase, Source(text="a brand new text"))
        e = qstore.add_entity(qcase, Entity("person", "Someone New"))
        qstore.add_assertion(qcase, Assertion(e, evidence=[Evidence(sid, 0, 5)]))
        qstore.set_status(qstore.relations(qcase)[0].assertion.id, "rejected", who="t")
        raise RuntimeError("boom")
    assert _counts(qstore, qcase) == before
    assert qstore.find_entities(qcase, "Someone New") == []


def test_nested_transactions_join_the_outer_one(qstore, qcase):
    before = _counts(qstore, qcase)
    with pytest.raises(KeyError, match="unknown entity type"), qstore.transaction():
        with qstore.transaction():
            qstore.add_entity(qcase, Entity("person", "Inner"))
        qstore.add_entity(qcase, Entity("nonsense-type", "Outer"))
    assert _counts(qstore, qcase) == before


def test_failed_delete_case_keeps_the_case(qstore, qcase):
    with pytest.raises(RuntimeError), qstore.transaction():
        qstore.delete_case("qods-force")
        assert qstore.case_id("qods-force", missing_ok=True) is None
        raise RuntimeError("changed my mind")
    assert qstore.case_id("qods-force") == qcase and qstore.relations(qcase)


def test_store_usable_after_a_failure(bstore):
    case = bstore.ensure_case("c")
    with pytest.raises(StoreError):
        bstore.add_entity(case, Entity("person", "X", aliases=["x"]))  # fine
        bstore.add_assertion(case, Assertion(1, "leads", None, evidence=[]))
    assert [e.name for e in bstore.entities(case)] == ["X"]


N_WRITES = 40


def _writer(url: str, who: str, ready, go) -> None:
    store = Store.open(url, create=True)
    case = store.case_id("shared")
    sid = store.sources(case)[0].id
    ready.set()
    go.wait(30)
    for i in range(N_WRITES):
        with store.transaction():
            e = store.add_entity(case, Entity("person", f"{who}-{i}"))
            store.add_assertion(case, Assertion(e, evidence=[Evidence(sid, 0, 4)], key=f"{who}-{i}"))
    store.close()


def test_two_processes_writing_at_once_lose_nothing(db_url):
    store = Store.open(db_url, create=True)
    case = store.ensure_case("shared")
    store.add_source(case, Source(text="shared source text"))
    ctx = mp.get_context("spawn")
    go = ctx.Event()
    readies = [ctx.Event(), ctx.Event()]
    procs = [ctx.Process(target=_writer, args=(db_url, who, r, go)) for who, r in zip("ab", readies)]
    for p in procs:
        p.start()
    for r in readies:
        assert r.wait(60)
    go.set()
    for p in procs:
        p.join(120)
        assert p.exitcode == 0
    keys = sorted(a.key for a in store.assertions(case))
    assert keys == sorted(f"{w}-{i}" for w in "ab" for i in range(N_WRITES))
    assert len(store.entities(case)) == 2 * N_WRITES
    store.close()

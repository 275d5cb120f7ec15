"""The bulk path stores exactly what add_assertions stores, all or nothing, on both backends."""

from __future__ import annotations

from datetime import date

import pytest
import sqlalchemy as sa

from orgmap.model import Assertion, Entity, Evidence, Source
from orgmap.store import StoreError
from orgmap.store.bulk import bulk_add_assertions

TEXT = "Ann leads Acme. Bob opposes Ann. Acme funds Bob's club; «quotes» too."


def _batch(ids, sid, n):
    ann, bob, acme = ids
    kinds = [(ann, "leads", acme), (bob, "opposes", ann), (acme, "funds", bob), (ann, None, None)]
    out = []
    for i in range(n):
        s, p, o = kinds[i % 4]
        out.append(
            Assertion(
                s,
                p,
                o,
                evidence=[Evidence(sid, 0, 15), Evidence(sid, 16, 32)][: 1 + i % 2],
                modality=["asserted", "reported"][i % 2],
                valid_from=date(2020, 1, 1 + i % 28),
                reliability="BCD"[i % 3],
                credibility="123"[i % 3],
                score=i / 10,
                key=f"k{i}",
                status=["candidate", "accepted"][i % 2],
                attribution=f"who {i}",
            )
        )
    return out


def _setup(store):
    case = store.ensure_case("c")
    sid = store.add_source(case, Source(text=TEXT))
    ids = [
        store.add_entity(case, Entity(t_, n))
        for t_, n in [("person", "Ann"), ("person", "Bob"), ("organization", "Acme")]
    ]
    return case, sid, ids


def _view(store, case):
    return sorted(
        (
            a.key,
            a.subject_id,
            a.predicate,
            a.object_id,
            a.modality,
            a.valid_from,
            a.grade,
            a.score,
            a.status,
            a.attribution,
            tuple((e.source_id, e.start, e.end, e.quote) for e in a.evidence),
        )
        for a in store.assertions(case)
    )


def test_bulk_equals_add_assertions(bstore, db_url):
    case, sid, ids = _setup(bstore)
    batch = _batch(ids, sid, 101)
    assert bulk_add_assertions(bstore, case, batch, chunk=17) == 101
    bulk_view = _view(bstore, case)
    other = bstore.ensure_case("d")
    sid2 = bstore.add_source(other, Source(text=TEXT))
    ids2 = [
        bstore.add_entity(other, Entity(t_, n))
        for t_, n in [("person", "Ann"), ("person", "Bob"), ("organization", "Acme")]
    ]
    bstore.add_assertions(other, _batch(ids2, sid2, 101))
    remap = dict(zip(ids2, ids)) | {sid2: sid, None: None}
    plain = sorted(
        (k, remap[s], p, remap[o], m, v, g, sc, st, at, tuple((remap[e[0]], *e[1:]) for e in ev))
        for k, s, p, o, m, v, g, sc, st, at, ev in _view(bstore, other)
    )
    assert bulk_view == plain
    # ids stay consistent: an ordinary add after a bulk load works and gets a fresh id
    new = bstore.add_assertion(case, Assertion(ids[0], "leads", ids[2], evidence=[Evidence(sid, 0, 3)]))
    assert new not in {a.id for a in bstore.assertions(case) if a.key}
    assert len(bstore.assertions(case)) == 102


def test_bulk_is_all_or_nothing(bstore):
    case, sid, ids = _setup(bstore)
    batch = _batch(ids, sid, 50)
    batch[37] = Assertion(ids[0], "leads", ids[2], evidence=[Evidence(sid, 0, len(TEXT) + 5)])
    with pytest.raises(StoreError, match="outside source"):
        bulk_add_assertions(bstore, case, batch, chunk=10)  # chunks 0-29 are already written when it fails
    assert bstore.assertions(case) == []
    batch[37] = Assertion(ids[0], "bribes", ids[2], evidence=[Evidence(sid, 0, 3)])
    with pytest.raises(KeyError, match="bribes"):
        bulk_add_assertions(bstore, case, batch, chunk=10)
    assert bstore.assertions(case) == []


def test_bulk_skips_repeats_and_keeps_the_unique_index(bstore, monkeypatch):
    """Large SQLite loads drop the fingerprint index and rebuild it; repeats are skipped either way."""
    import orgmap.store.bulk as bulk
    from orgmap.store import DuplicateAssertion

    monkeypatch.setattr(bulk, "_REBUILD_INDEX_AT", 10)  # take the large-load path with a small batch
    case, sid, ids = _setup(bstore)
    batch = _batch(ids, sid, 20)
    assert bulk_add_assertions(bstore, case, batch + batch[:5], chunk=7) == 20
    assert bulk_add_assertions(bstore, case, batch[3:15]) == 0
    assert len(bstore.assertions(case)) == 20
    with pytest.raises(DuplicateAssertion):
        bstore.add_assertion(case, batch[0])
    indexes = {ix["name"]: ix["unique"] for ix in sa.inspect(bstore.engine).get_indexes("assertions")}
    assert indexes.get("uq_assertions_case_fingerprint") in (True, 1)  # rebuilt after the load
    broken = _batch(ids, sid, 30)[20:]
    broken[-1] = Assertion(ids[0], "leads", ids[2], evidence=[Evidence(sid, 0, len(TEXT) + 5)])
    with pytest.raises(StoreError, match="outside source"):
        bulk_add_assertions(bstore, case, broken * 2)
    assert len(bstore.assertions(case)) == 20
    assert bulk_add_assertions(bstore, case, _batch(ids, sid, 30)[20:]) == 10

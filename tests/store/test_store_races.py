"""Two analysts at once (issue 16, item 1): races run in threads and in processes, on both backends.

Each race starts its writers together (a barrier), each writer on its own Store (its own
connections), and then checks the store against what must hold whatever the order:
nothing duplicated, no decision lost or silently overridden, no merge cycle, one case.
"""

from __future__ import annotations

import multiprocessing
import threading

import pytest

from orgmap.extract.result import ExtractedEntity, ExtractedRelation, ExtractionResult
from orgmap.ingest.write import write_document
from orgmap.model import Assertion, Entity, Evidence, Source
from orgmap.store import Conflict, DuplicateAssertion, SourceExists, StaleDecision, Store, StoreError

TEXT = "Ann Reza leads Acme Holdings. Bob Stone advises Acme Holdings."
ROUNDS = 3  # each race is repeated: a lucky ordering must not make it pass
WAIT = 60  # seconds any writer may wait for the barrier or a lock (bounded)

_ctx = multiprocessing.get_context("fork")


def _race(targets: list, *, processes: bool = False) -> list:
    """Run the callables at once (threads or processes); each result is a value or the exception's class name."""
    if processes:
        barrier = _ctx.Barrier(len(targets), timeout=WAIT)
        queue = _ctx.Queue()
        procs = [
            _ctx.Process(target=_in_process, args=(i, fn, barrier, queue)) for i, fn in enumerate(targets)
        ]
        for p in procs:
            p.start()
        got = dict(queue.get(timeout=WAIT) for _ in procs)
        for p in procs:
            p.join(timeout=WAIT)
            assert p.exitcode == 0
        return [got[i] for i in range(len(targets))]
    barrier = threading.Barrier(len(targets), timeout=WAIT)
    results: list = [None] * len(targets)

    def run(i, fn):
        barrier.wait()
        try:
            results[i] = fn()
        except Exception as exc:
            results[i] = type(exc).__name__

    threads = [threading.Thread(target=run, args=(i, fn)) for i, fn in enumerate(targets)]
    for th in threads:
        th.start()
    for th in threads:
        th.join(timeout=WAIT)
        assert not th.is_alive()
    return results


def _in_process(i, fn, barrier, queue):
    barrier.wait()
    try:
        queue.put((i, fn()))
    except Exception as exc:
        queue.put((i, type(exc).__name__))


class _Writer:
    """A picklable callable that opens its own Store and does one thing (for threads and processes)."""

    def __init__(self, db: str, action: str, *args):
        self.db, self.action, self.args = db, action, args

    def __call__(self):
        store = Store.open(self.db, create=True)
        try:
            return getattr(self, "_" + self.action)(store, *self.args)
        finally:
            store.close()

    @staticmethod
    def _case(store, name):
        return store.ensure_case(name)

    @staticmethod
    def _decide(store, ids, status, who):
        done = []
        for aid in ids:
            try:
                store.set_status(aid, status, who=who, seen="candidate")
                done.append(aid)
            except StaleDecision:
                pass
        return done

    @staticmethod
    def _edit(store, aid, predicate, who):
        return store.edit_assertion(aid, who=who, seen="candidate", predicate=predicate)

    @staticmethod
    def _merge(store, absorbed, into):
        return store.merge(absorbed, into, who="race", why="same actor")

    @staticmethod
    def _ingest(store, case_name):
        case_id = store.ensure_case(case_name)
        result = _extraction()
        try:
            sid, counts = write_document(store, case_id, Source(text=TEXT, title="doc"), result)
        except SourceExists:
            return "skipped"
        return counts["relations"]


def _extraction() -> ExtractionResult:
    return ExtractionResult(
        text=TEXT,
        sentences=[(0, 29), (30, 62)],
        entities=[
            ExtractedEntity("e1", "Ann Reza", "person", mentions=[(0, 8)]),
            ExtractedEntity("e2", "Acme Holdings", "organization", mentions=[(15, 28), (48, 61)]),
            ExtractedEntity("e3", "Bob Stone", "person", mentions=[(30, 39)]),
        ],
        relations=[
            ExtractedRelation("e1", "leads", "e2", evidence=[(0, 29)]),
            ExtractedRelation("e3", "supports", "e2", evidence=[(30, 62)]),
        ],
    )


def _candidates(db: str, n: int) -> tuple[int, list[int]]:
    store = Store.open(db, create=True)
    case = store.ensure_case("c")
    sid = store.add_source(case, Source(text=TEXT))
    ann = store.add_entity(case, Entity("person", "Ann Reza"))
    acme = store.add_entity(case, Entity("organization", "Acme Holdings"))
    ids = store.add_assertions(
        case, [Assertion(ann, "leads", acme, key=f"k{i}", evidence=[Evidence(sid, 0, 29)]) for i in range(n)]
    )
    store.close()
    return case, ids


@pytest.mark.parametrize("processes", [False, True], ids=["threads", "processes"])
def test_first_ingests_into_a_new_case_give_one_case(db_url, processes):
    for r in range(ROUNDS):
        ids = _race([_Writer(db_url, "case", f"new{r}")] * 4, processes=processes)
        assert len(set(ids)) == 1 and isinstance(ids[0], int), ids
    store = Store.open(db_url, create=True)
    assert sorted(c.name for c in store.cases()) == [f"new{r}" for r in range(ROUNDS)]
    store.close()


@pytest.mark.parametrize("processes", [False, True], ids=["threads", "processes"])
def test_one_document_ingested_twice_at_once_is_stored_once(db_url, processes):
    for r in range(ROUNDS):
        got = _race([_Writer(db_url, "ingest", f"case{r}")] * 2, processes=processes)
        assert sorted(got, key=str) == [2, "skipped"], got
    store = Store.open(db_url, create=True)
    for r in range(ROUNDS):
        case = store.case_id(f"case{r}")
        assert len(store.sources(case)) == 1
        relations = store.assertions(case, kind="relation")
        assert sorted(a.predicate for a in relations) == ["leads", "supports"]
        assert len(store.assertions(case)) == 5  # 3 entity mentions + 2 relations, once each
    store.close()


@pytest.mark.parametrize("processes", [False, True], ids=["threads", "processes"])
def test_a_stale_decision_never_overrides_another_analysts(db_url, processes):
    """Ann accepts and Bob rejects the same 12 candidates at once: each gets exactly one decision."""
    case, ids = _candidates(db_url, 12)
    ann, bob = _race(
        [
            _Writer(db_url, "decide", ids, "accepted", "ann"),
            _Writer(db_url, "decide", ids, "rejected", "bob"),
        ],
        processes=processes,
    )
    assert sorted(ann + bob) == ids  # every candidate decided once, none twice
    store = Store.open(db_url, create=True)
    for aid in ids:
        judgements = store.judgements("assertion", aid)
        assert len(judgements) == 1
        expected = "accepted" if aid in ann else "rejected"
        assert store.assertion(aid).status == expected
        assert judgements[0].who == ("ann" if aid in ann else "bob")
    store.close()


def test_the_refusal_names_who_decided_what(db_url):
    case, (aid,) = _candidates(db_url, 1)
    first, second = Store.open(db_url, create=True), Store.open(db_url, create=True)
    seen = second.assertion(aid).status  # Bob's screen shows the candidate
    first.set_status(aid, "rejected", who="ann", why="not in the source")
    with pytest.raises(
        StaleDecision, match=r"no longer candidate: it is rejected, rejected by ann at \d{4}-"
    ):
        second.set_status(aid, "accepted", who="bob", seen=seen)
    assert second.assertion(aid).status == "rejected"
    assert [j.who for j in second.judgements("assertion", aid)] == ["ann"]
    first.close()
    second.close()


@pytest.mark.parametrize("processes", [False, True], ids=["threads", "processes"])
def test_two_reviewers_editing_one_candidate_make_one_replacement(db_url, processes):
    case, (aid,) = _candidates(db_url, 1)
    for r in range(ROUNDS):
        aid = aid if r == 0 else _more(db_url, case)
        got = _race(
            [
                _Writer(db_url, "edit", aid, "supports", "ann"),
                _Writer(db_url, "edit", aid, "member_of", "bob"),
            ],
            processes=processes,
        )
        assert sorted(map(type, got), key=str) == [int, str] and "StaleDecision" in got, got
        store = Store.open(db_url, create=True)
        replacements = [a for a in store.assertions(case) if a.supersedes == aid]
        assert len(replacements) == 1 and replacements[0].status == "accepted"
        assert store.assertion(aid).status == "superseded"  # a correction supersedes (issue 12)
        store.close()


def _more(db_url, case):
    store = Store.open(db_url, create=True)
    sid = store.sources(case)[0].id
    subject = store.entities(case, type="person")[0].id
    org = store.entities(case, type="organization")[0].id
    aid = store.add_assertion(
        case,
        Assertion(
            subject, "leads", org, key=f"more{len(store.assertions(case))}", evidence=[Evidence(sid, 0, 29)]
        ),
    )
    store.close()
    return aid


@pytest.mark.parametrize("processes", [False, True], ids=["threads", "processes"])
def test_crossed_merges_never_close_a_cycle(db_url, processes):
    store = Store.open(db_url, create=True)
    case = store.ensure_case("c")
    pairs = [
        (store.add_entity(case, Entity("person", f"A{r}")), store.add_entity(case, Entity("person", f"B{r}")))
        for r in range(ROUNDS)
    ]
    store.close()
    for a, b in pairs:
        got = _race([_Writer(db_url, "merge", a, b), _Writer(db_url, "merge", b, a)], processes=processes)
        assert sorted(map(type, got), key=str) == [int, str] and "Conflict" in got, got
    store = Store.open(db_url, create=True)
    for a, b in pairs:
        roots = {store.canonical_id(a), store.canonical_id(b)}
        assert len(roots) == 1
        root = roots.pop()
        assert store.entity(root).merged_into is None  # a real root: no cycle
    # every relation of the case still has both endpoints among the canonical entities
    assert {e.id for e in store.entities(case)} == {store.canonical_id(a) for a, _ in pairs}
    store.close()


def test_the_same_assertion_twice_is_refused_or_reused(db_url):
    case, (aid,) = _candidates(db_url, 1)
    store = Store.open(db_url, create=True)
    again = store.assertion(aid)
    again.id = None
    with pytest.raises(DuplicateAssertion, match=f"#{aid} already states that"):
        store.add_assertion(case, again)
    assert store.add_assertion(case, again, reuse=True) == aid
    again.note = "a different note is the same statement"
    assert store.add_assertions(case, [again, again], reuse=True) == [aid, aid]
    assert len(store.assertions(case)) == 1
    store.close()


def test_merging_what_is_already_one_is_refused_with_who(db_url):
    store = Store.open(db_url, create=True)
    case = store.ensure_case("c")
    a, b = (store.add_entity(case, Entity("person", n)) for n in ("Ann", "Anne"))
    store.merge(a, b, who="ann", why="same")
    with pytest.raises(Conflict, match=r"already one entity \(#\d+ was merged into #\d+ by ann at"):
        store.merge(b, a, who="bob", why="same")
    store.close()


def test_an_id_of_another_case_is_not_found(db_url):
    store = Store.open(db_url, create=True)
    mine, other = store.ensure_case("mine"), store.ensure_case("other")
    secret = store.add_entity(other, Entity("person", "Secret Person"))
    with pytest.raises(StoreError, match=f"no entity #{secret} in this case"):
        store.find_entity(mine, f"#{secret}")
    assert store.find_entity(other, f"#{secret}").name == "Secret Person"
    store.close()

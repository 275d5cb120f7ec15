"""The Network page's caches: the lean read, the summaries kept in the store, and that
neither changes what is drawn.

The reference for "what is drawn" is the page's path without them: relations read in
full (``Store.relations``, every column and evidence span) and communities and node sizes
computed afresh, nothing kept in the store.
"""

from __future__ import annotations

import json
from datetime import date

import pytest

from orgmap.model import Assertion, Entity, Evidence
from orgmap.store import StoreLocked
from orgmap.web import bridge, graphcache
from orgmap.web.graph import GraphQuery, build_elements


@pytest.fixture
def case(store):
    """The synthetic case of 400 people in 16 organizations, with a merge, a denied tie, a
    candidate, a dated tie and a worse-graded one: every path of the read."""
    from synthetic_case import build

    case, members = build(store, groups=16, size=25)
    sid = store.sources(case)[0].id
    twin = store.add_entity(case, Entity("person", "P. 0-1"))
    extra = [
        Assertion(twin, "met_with", members[5][3], evidence=[Evidence(sid, 0, 9)], status="accepted"),
        Assertion(
            members[1][1],
            "opposes",
            members[9][2],
            evidence=[Evidence(sid, 0, 10)],
            status="accepted",
            modality="denied",
        ),
        Assertion(members[2][2], "reports_to", members[3][3], evidence=[Evidence(sid, 0, 11)]),
        Assertion(
            members[4][4],
            "reports_to",
            members[6][6],
            evidence=[Evidence(sid, 0, 12)],
            status="accepted",
            valid_from=date(2020, 1, 1),
            valid_to=date(2020, 12, 31),
            reliability="E",
            credibility="5",
        ),
    ]
    for a in extra:
        store.add_assertion(case, a)
    store.merge(twin, members[0][1], who="tester", why="the same person")
    graphcache.forget()
    yield store, case, members
    graphcache.forget()


def _layers(schema):
    return list(schema.layers)


def _queries(schema, members) -> list[GraphQuery]:
    everything = _layers(schema)
    return [
        GraphQuery(layers=everything),
        GraphQuery(layers=everything, opened=[f"c{min(members[3])}"]),
        GraphQuery(layers=[x for x in everything if x != "informal"]),
        GraphQuery(layers=everything, statuses=["accepted", "candidate"], view="top", limit=50),
        GraphQuery(layers=everything, measure="betweenness", view="top", limit=40),
        GraphQuery(layers=everything, view="neighbourhood", focus=f"e{members[0][0]}", limit=60),
        GraphQuery(layers=everything, as_of=date(2020, 6, 30), min_grade="E5", search="person 4-"),
        GraphQuery(layers=everything, min_grade="B2", seed=7),
    ]


def _uncached(monkeypatch, store):
    """The page's path before its caches: a full read, nothing kept in the store."""
    monkeypatch.setattr(store, "relation_heads", lambda case_id, **kw: store.relations(case_id, **kw))
    monkeypatch.setattr(store, "summary", lambda *a: None)
    monkeypatch.setattr(store, "keep_summary", lambda *a: None)


def _dump(built) -> str:
    return json.dumps(built)


def _head(r):
    """What the page reads of a relation: the lean read must give the same."""
    a = r.assertion
    return (a.id, a.modality, a.grade, a.status, r.subject, r.object, r.type, r.layer, r.symmetric)


def test_relation_heads_are_the_relations_without_their_evidence(case):
    store, case_id, _ = case
    for filters in (
        {},
        {"status": ["accepted", "candidate"]},
        {"as_of": date(2020, 6, 30)},
        {"min_grade": "B2"},
        {"status": None},
    ):
        full = store.relations(case_id, **filters)
        lean = store.relation_heads(case_id, **filters)
        assert [_head(r) for r in lean] == [_head(r) for r in full]
        assert full  # every filter leaves something to compare
    merged = store.find_entity(case_id, "P. 0-1")  # the twin's tie ends at the entity it was merged into
    assert any(r.subject.id == merged.id and r.type == "met_with" for r in store.relation_heads(case_id))


def test_the_elements_are_those_of_the_uncached_path_byte_for_byte(case, monkeypatch):
    store, case_id, members = case
    queries = _queries(store.schema, members)
    first = [_dump(build_elements(store, case_id, q)) for q in queries]  # computes and keeps
    graphcache.forget()
    again = [
        _dump(build_elements(store, case_id, q)) for q in queries
    ]  # a fresh process: reads what was kept
    graphcache.forget()
    with monkeypatch.context() as m:
        _uncached(m, store)
        reference = [_dump(build_elements(store, case_id, q)) for q in queries]
    assert first == reference
    assert again == reference
    assert len({len(x) for x in reference}) > 1  # the queries draw different things


def test_a_fresh_process_reads_the_kept_communities_and_scores(case, monkeypatch):
    store, case_id, members = case
    q = GraphQuery(layers=_layers(store.schema), measure="betweenness")
    before = _dump(build_elements(store, case_id, q))

    def summary():
        key = graphcache.read_key(store, case_id, q)
        rels = graphcache.relations(store, case_id, q, key)
        return graphcache.communities(store, case_id, q, rels, key), graphcache.scores(
            store, case_id, q, rels, key
        )

    computed = summary()  # what the draw computed, from memory
    graphcache.forget()

    def refuse(*_a, **_k):
        raise AssertionError("computed again")

    monkeypatch.setattr(bridge, "network_communities", refuse)
    monkeypatch.setattr(bridge.net, "analyze", refuse)
    assert _dump(build_elements(store, case_id, q)) == before
    assert summary() == computed  # every score exactly, not only as drawn (rounded)
    assert computed[1][1].startswith("orgmap.network")


def test_a_write_to_the_case_makes_the_kept_summaries_stale(case, monkeypatch):
    store, case_id, members = case
    q = GraphQuery(layers=_layers(store.schema))
    build_elements(store, case_id, q)
    sid = store.sources(case_id)[0].id
    store.add_assertion(
        case_id,
        Assertion(
            members[0][5], "met_with", members[7][5], evidence=[Evidence(sid, 0, 13)], status="accepted"
        ),
    )
    graphcache.forget()
    calls = []
    real = bridge.network_communities
    monkeypatch.setattr(bridge, "network_communities", lambda *a: calls.append(1) or real(*a))
    after = _dump(build_elements(store, case_id, q))
    assert calls == [1]  # computed again for the new state of the case
    graphcache.forget()
    with monkeypatch.context() as m:
        _uncached(m, store)
        assert after == _dump(build_elements(store, case_id, q))
    # a judgement (rejecting a tie) changes the state too
    graphcache.forget()
    tie = store.relations(case_id)[0].assertion.id
    store.judge("assertion", tie, "reject", who="tester", why="misread")
    assert store.summary(case_id, "communities", "anything", store.case_signature(case_id)) is None


def test_a_store_that_refuses_the_summary_still_draws(case, monkeypatch, caplog):
    store, case_id, _ = case

    def locked(*_a, **_k):
        raise StoreLocked("the store is locked by another writer; try again when it finishes")

    monkeypatch.setattr(store, "keep_summary", locked)
    built = build_elements(store, case_id, GraphQuery(layers=_layers(store.schema)))
    assert "communities collapsed" in built["scope"]
    assert "could not keep the communities" in caplog.text


def test_another_vocabulary_computes_the_summaries_again(case, monkeypatch):
    import dataclasses

    store, case_id, _ = case
    q = GraphQuery(layers=_layers(store.schema))
    build_elements(store, case_id, q)
    graphcache.forget()
    calls = []
    real = bridge.network_communities
    monkeypatch.setattr(bridge, "network_communities", lambda *a: calls.append(1) or real(*a))
    build_elements(store, case_id, q)
    assert calls == []  # the same vocabulary: read back
    graphcache.forget()
    monkeypatch.setattr(store, "schema", dataclasses.replace(store.schema, path="another/vocabulary.yaml"))
    build_elements(store, case_id, q)
    assert calls == [1]

"""Merges, status, edits and grades: each appends a judgement and nothing is overwritten."""

from __future__ import annotations

import pytest

from orgmap.model import Entity
from orgmap.store import StoreError


def test_merge_and_unmerge(qstore, qcase):
    s = qstore
    dup = s.add_entity(qcase, Entity("person", "Haj Qaani", aliases=["E. Q."]))
    qaani = s.find_entity(qcase, "Esmail Qaani").id
    before = {r.assertion.id for r in s.relations(qcase, entity=qaani)}
    jid = s.merge(dup, qaani, who="ana", why="same man")
    assert s.canonical_id(dup) == qaani
    assert s.find_entity(qcase, "Haj Qaani").id == qaani
    assert {"Haj Qaani", "E. Q."} <= set(next(e for e in s.entities(qcase) if e.id == qaani).aliases)
    assert dup not in {e.id for e in s.entities(qcase)}
    j = s.judgements("entity", dup)[-1]
    assert (j.id, j.action, j.who, j.why, j.payload) == (jid, "merge", "ana", "same man", {"into": qaani})
    with pytest.raises(StoreError, match="already one"):
        s.merge(dup, qaani, who="ana", why="again")
    s.unmerge(dup, who="bob", why="two men")
    assert s.canonical_id(dup) == dup and s.find_entity(qcase, "Haj Qaani").id == dup
    assert [j.action for j in s.judgements("entity", dup)] == ["merge", "unmerge"]
    assert {r.assertion.id for r in s.relations(qcase, entity=qaani)} == before
    with pytest.raises(StoreError, match="not merged"):
        s.unmerge(dup, who="bob", why="again")


def test_merge_moves_relations_to_the_canonical_entity(qstore, qcase):
    s = qstore
    a, b = s.find_entity(qcase, "Soleimani").id, s.find_entity(qcase, "Qaani").id
    n_a = len(s.relations(qcase, entity=a))
    n_b = len(s.relations(qcase, entity=b))
    both = len(
        {r.assertion.id for r in s.relations(qcase, entity=a)}
        & {r.assertion.id for r in s.relations(qcase, entity=b)}
    )
    s.merge(a, b, who="t", why="test")
    rels = s.relations(qcase, entity=b)
    assert len(rels) == n_a + n_b - both
    assert all(b in (r.subject.id, r.object.id) for r in rels)
    assert all(r.subject.id != a and r.object.id != a for r in s.relations(qcase))


def test_merge_of_different_types_is_refused(qstore, qcase):
    with pytest.raises(StoreError, match="different types"):
        qstore.merge(
            qstore.find_entity(qcase, "Qaani").id,
            qstore.find_entity(qcase, "Qods Force").id,
            who="t",
            why="x",
        )


def test_set_status_edit_and_grade(qstore, qcase):
    s = qstore
    rel = s.relations(qcase, types=["leads"])[0].assertion
    s.set_status(rel.id, "rejected", who="ana", why="misread")
    assert s.assertion(rel.id).status == "rejected"
    s.set_status(rel.id, "accepted", who="ana")
    new = s.edit_assertion(rel.id, who="bob", why="wrong grade", credibility="3", note="edited")
    old, fresh = s.assertion(rel.id), s.assertion(new)
    assert old.status == "superseded" and old.evidence == rel.evidence  # the original is kept as it was
    assert (fresh.supersedes, fresh.credibility, fresh.status, fresh.origin) == (
        rel.id,
        "3",
        "accepted",
        "edited",
    )
    assert [(e.source_id, e.start, e.end, e.quote) for e in fresh.evidence] == [
        (e.source_id, e.start, e.end, e.quote) for e in rel.evidence
    ]
    assert [j.action for j in s.judgements("assertion", rel.id)] == ["reject", "accept", "edit"]
    assert s.judgements("assertion", rel.id)[-1].payload["superseded_by"] == new
    with pytest.raises(StoreError, match="cannot edit"):
        s.edit_assertion(new, who="bob", colour="red")
    g = s.set_grade("assertion", new, "d5", who="bob")
    assert s.assertion(new).grade == "D5"
    assert s.judgements("assertion", new)[-1].id == g
    assert s.judgements("assertion", new)[-1].payload == {
        "before": {"reliability": fresh.reliability, "credibility": "3"},
        "after": {"reliability": "D", "credibility": "5"},
    }
    src = s.sources(qcase)[0]
    s.set_grade("source", src.id, "E", who="bob")
    assert s.source(src.id).reliability == "E"
    with pytest.raises(StoreError, match="only assertions"):
        s.set_grade("source", src.id, "E2", who="bob")
    with pytest.raises(StoreError, match="no assertion"):
        s.set_grade("assertion", 10**6, "A", who="bob")


def test_judgement_needs_who(qstore, qcase):
    rel = qstore.relations(qcase)[0].assertion
    with pytest.raises(StoreError, match="who"):
        qstore.set_status(rel.id, "rejected", who="")
    assert qstore.assertion(rel.id).status == "accepted"  # rolled back with the judgement

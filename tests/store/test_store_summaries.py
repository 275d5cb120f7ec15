"""Summaries kept with a case (Store.keep_summary / summary): valid for one state of the case."""

from __future__ import annotations

from orgmap.model import Assertion, Entity, Evidence, Source


def test_summaries_are_kept_per_state_replaced_and_forgotten(bstore):
    s = bstore
    a, b = s.ensure_case("a"), s.ensure_case("b")
    sig_a, sig_b = s.case_signature(a), s.case_signature(b)
    s.keep_summary(a, "scores", "k", sig_a, {"values": [[1, 0.5]], "how": "x"})
    s.keep_summary(a, "scores", "k", sig_a, {"values": [[1, 2.5]], "how": "y"})  # replaces
    s.keep_summary(b, "scores", "k", sig_b, [1, 2])
    assert s.summary(a, "scores", "k", sig_a) == {"values": [[1, 2.5]], "how": "y"}
    assert s.summary(a, "communities", "k", sig_a) is None
    assert s.summary(b, "scores", "k", sig_b) == [1, 2]
    s.keep_summary(a, "scores", "f", sig_a, [0.1 + 0.2, 1 / 3])
    assert s.summary(a, "scores", "f", sig_a) == [0.30000000000000004, 0.3333333333333333]  # exactly
    ann = s.add_entity(a, Entity("person", "Ann"))
    assert s.summary(a, "scores", "k", s.case_signature(a)) is None  # the case changed
    s.keep_summary(a, "scores", "k2", s.case_signature(a), [3])  # keeping one drops the stale ones
    assert s.summary(a, "scores", "k", sig_a) is None
    assert s.summary(b, "scores", "k", sig_b) == [1, 2]  # another case keeps its own
    s.forget_summaries(b)
    assert s.summary(b, "scores", "k", sig_b) is None
    assert s.summary(a, "scores", "k2", s.case_signature(a)) == [3]
    s.delete_case("a")  # a case's summaries go with it
    assert s.summary(a, "scores", "k2", s.case_signature(a)) is None
    assert ann


def test_every_kind_of_write_makes_a_summary_stale(bstore):
    s = bstore
    case = s.ensure_case("c")
    src = s.add_source(case, Source(text="Ali met Bob."))
    ali, bob = (s.add_entity(case, Entity("person", n)) for n in ("Ali", "Bob"))
    tie = s.add_assertion(
        case, Assertion(ali, "met_with", bob, status="accepted", evidence=[Evidence(src, 0, 11)])
    )
    writes = [
        lambda: s.add_entity(case, Entity("person", "Cy")),
        lambda: s.add_assertion(case, Assertion(bob, "met_with", ali, evidence=[Evidence(src, 0, 3)])),
        lambda: s.judge("assertion", tie, "reject", who="t", why="misread"),
        lambda: s.merge(bob, ali, who="t", why="same man"),
    ]
    for write in writes:
        before = s.case_signature(case)
        s.keep_summary(case, "communities", "q", before, {"c1": [ali]})
        assert s.summary(case, "communities", "q", before) == {"c1": [ali]}
        write()
        assert s.summary(case, "communities", "q", s.case_signature(case)) is None

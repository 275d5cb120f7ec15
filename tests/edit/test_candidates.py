"""Merge proposals that find the obvious, against hand-worked expectations; bulk accept as judgements."""

from __future__ import annotations

import pytest

from orgmap.model import Assertion, Entity, Evidence, Source
from orgmap.resolve.candidates import accept_candidates, merge_candidates, pair_reason


@pytest.mark.parametrize(
    "short, full, etype, reason",
    [
        ("Daniel Kinahan", "Daniel Joseph Kinahan", "person", "middle name"),
        ("D. J. Kinahan", "Daniel Joseph Kinahan", "person", "initials"),
        ("Jose Nunez", "José Núñez", "person", "accents"),
        ("Nero Drinks", "Nero Drinks Company Limited", "organization", "company suffix"),
        ("Grupo Rojo", "Grupo Rojo S.A. de C.V.", "organization", "company suffix"),
        ("Hoopoe Sports", "Hoopoe Sports LLC", "organization", "company suffix"),
        ("Quds Force", "Qods Force", "organization", "spelling variant"),
    ],
)
def test_obvious_pairs_have_their_reason(short, full, etype, reason):
    found = pair_reason([short], [full], etype) or pair_reason([full], [short], etype)
    assert found is not None and found[1].startswith(reason), found


@pytest.mark.parametrize(
    "a, b, etype",
    [
        ("Christopher Vincent Kinahan Senior", "Christopher Vincent Kinahan Junior", "person"),
        ("Christopher Kinahan Sr", "Christopher Vincent Kinahan Jr", "person"),
        ("Daniel Kinahan", "David Joseph Kinahan", "person"),
        ("Nero Drinks", "Nero Foods Limited", "organization"),
        ("Limited", "Nero Limited", "organization"),
    ],
)
def test_different_names_are_not_proposed(a, b, etype):
    assert pair_reason([a], [b], etype) is None and pair_reason([b], [a], etype) is None


def _case(store, text: str, entities: list[tuple[str, str]]):
    case = store.ensure_case("c")
    doc = store.add_source(case, Source(text=text))
    ids = [store.add_entity(case, Entity(t, n)) for t, n in entities]
    return case, doc, ids


def test_declared_short_forms_are_found_in_the_text(store):
    text = (
        "Irish national**Daniel Joseph Kinahan**** (**Daniel), based in Dubai, runs the Kinahan "
        "Organized Crime Group (the Group). **Nero Drinks Company Limited **(Nero Drinks) sells drinks."
    )
    case, _, (dan, daniel, kocg, group, nero, nero_short) = _case(
        store,
        text,
        [
            ("person", "Daniel Joseph Kinahan"),
            ("person", "Daniel"),
            ("organization", "Kinahan Organized Crime Group"),
            ("organization", "the Group"),
            ("organization", "Nero Drinks Company Limited"),
            ("organization", "Nero Drinks"),
        ],
    )
    found = {(c.absorbed, c.into): c for c in merge_candidates(store, case)}
    assert set(found) == {(daniel, dan), (group, kocg), (nero_short, nero)}
    assert all(c.score == 95 and c.reason.startswith("declared short form") for c in found.values())
    assert "'Daniel Joseph Kinahan' ('Daniel')" in found[(daniel, dan)].reason


def test_a_short_form_fitting_two_people_is_proposed_for_neither(store):
    case, _, (sr, jr, short, dan, dan_short) = _case(
        store,
        "no declarations here",
        [
            ("person", "Christopher Vincent Kinahan"),
            ("person", "Christopher Paul Kinahan"),
            ("person", "Christopher Kinahan"),
            ("person", "Daniel Joseph Kinahan"),
            ("person", "Daniel Kinahan"),
        ],
    )
    pairs = [(c.absorbed, c.into, c.reason.split(":")[0]) for c in merge_candidates(store, case)]
    assert pairs == [(dan_short, dan, "middle name")]


def test_accept_above_merges_as_judgements_and_drops_alias_pair_ties(store):
    text = "**Nero Drinks Company Limited **(Nero Drinks) is owned by Ann Lee. Ann Lee (Ann) sells drinks."
    case, doc, (nero, nero_short, ann, ann_short, bob, bo) = _case(
        store,
        text,
        [
            ("organization", "Nero Drinks Company Limited"),
            ("organization", "Nero Drinks"),
            ("person", "Ann Lee"),
            ("person", "Ann"),
            ("person", "Bob Joseph Kay"),
            ("person", "Bob Kay"),
        ],
    )
    tie = store.add_assertion(case, Assertion(nero, "part_of", nero_short, evidence=[Evidence(doc, 0, 10)]))
    cands = merge_candidates(store, case)
    assert [(c.absorbed, c.score) for c in cands] == [(nero_short, 95), (ann_short, 95), (bo, 85)]
    done = accept_candidates(store, case, cands, above=90, who="ann")
    assert [d["result"] for d in done] == ["merged", "merged"]
    assert store.canonical_id(nero_short) == nero and store.canonical_id(ann_short) == ann
    assert store.canonical_id(bo) == bo  # 85 is below the bar
    [j] = [j for j in store.judgements("entity", nero_short) if j.action == "merge"]
    assert j.who == "ann" and "declared short form" in j.why and j.payload == {"into": nero}
    assert store.assertion(tie).status == "rejected"
    assert "alias pair" in store.judgements("assertion", tie)[-1].why


def test_a_name_plus_a_legal_form_is_not_a_part_of_the_bare_name():
    from types import SimpleNamespace

    from orgmap.extract.pipeline import _name_parents

    def org(name):
        return SimpleNamespace(name=name, type="organization", parent=None)

    nero, nero_ltd, qf, qf_intel = (
        org("Nero Drinks"),
        org("Nero Drinks Company Limited"),
        org("Qods Force"),
        org("Qods Force Intelligence Protection"),
    )
    _name_parents([nero, nero_ltd, qf, qf_intel])
    assert nero_ltd.parent is None  # the same company, not a part of it
    assert qf_intel.parent is qf  # a named sub-unit still is

"""The demo summary and the entity profile, on the Qods Force case and a hand-made one."""

from __future__ import annotations

import datetime as dt

from orgmap.model import Assertion, Entity, Evidence, Source
from orgmap.report.profile import entity_profile
from orgmap.report.summary import case_summary


def test_informal_change_shows_the_succession(qods_store):
    s = case_summary(qods_store, qods_store.default_case())
    change = s["informal_change"]
    assert change["date"] == dt.date(2020, 1, 3)
    before = {h["who"] for h in change["before"]}
    after = {h["who"] for h in change["after"]}
    assert "Qasem Soleimani" in before and "Qasem Soleimani" not in after
    assert "Esmail Qaani" in after and "Esmail Qaani" not in before


def test_denied_ties_are_not_held(store):
    case = store.ensure_case("t")
    src = store.add_source(case, Source(text="A knows B. A does not know C."))
    a, b, c = (store.add_entity(case, Entity("person", n)) for n in "ABC")
    store.add_assertions(
        case,
        [
            Assertion(a, "personal_tie", b, evidence=[Evidence(src, 0, 10)], status="accepted"),
            Assertion(
                a, "personal_tie", c, evidence=[Evidence(src, 11, 29)], status="accepted", modality="denied"
            ),
        ],
    )
    holders = case_summary(store, case)["informal_holders"]
    assert {h["who"]: h["ties"] for h in holders} == {"A": 1, "B": 1}
    assert case_summary(store, case)["informal_change"] is None


def test_contested_claims_also_listed_where_they_belong(qods_store):
    p = entity_profile(qods_store, qods_store.default_case(), "Qaani")
    contested = p["sections"]["contested claims"]
    assert contested and all(line["modality"] != "asserted" for line in contested)
    elsewhere = [
        line for title, lines in p["sections"].items() if title != "contested claims" for line in lines
    ]
    elsewhere += p["posts"]
    assert {id(x) for x in contested} <= {id(x) for x in elsewhere}
    assert any(line["type"] == "planned" for line in contested)


def test_free_text_ach_items_keep_their_quoted_spans(qods_store):
    case = qods_store.default_case()
    texts = {s.id: s.text for s in qods_store.sources(case)}
    quoted = [i for i in qods_store.items(case) if i.evidence]
    assert quoted, "the case's free-text items quote the essay"
    for item in quoted:
        for ev in item.evidence:
            assert texts[ev.source_id][ev.start : ev.end] == ev.quote


def test_source_citations_reach_the_store(tmp_path):
    from orgmap.casefile import load_case
    from orgmap.store import Store

    (tmp_path / "a.txt").write_text("Ann leads the Unit.")
    (tmp_path / "b.txt").write_text("As reported, Ann leads the Unit.")
    (tmp_path / "case.yaml").write_text(
        "case: t\nsources:\n  a: {file: a.txt}\n  b: {file: b.txt, cites: a}\n"
        "entities:\n  - {id: ann, type: person, name: Ann}\n  - {id: u, type: organization, name: the Unit}\n"
    )
    s = Store.open(str(tmp_path / "t.db"), create=True)
    load_case(s, tmp_path)
    meta = {src.key: src.metadata for src in s.sources(s.default_case())}
    assert meta["b"]["cites"] == ["a"] and "cites" not in meta["a"]

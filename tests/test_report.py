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
    store.add_assertions(case, [
        Assertion(a, "personal_tie", b, evidence=[Evidence(src, 0, 10)], status="accepted"),
        Assertion(a, "personal_tie", c, evidence=[Evidence(src, 11, 29)], status="accepted", modality="denied"),
    ])
    holders = case_summary(store, case)["informal_holders"]
    assert {h["who"]: h["ties"] for h in holders} == {"A": 1, "B": 1}
    assert case_summary(store, case)["informal_change"] is None


def test_contested_claims_also_listed_where_they_belong(qods_store):
    p = entity_profile(qods_store, qods_store.default_case(), "Qaani")
    contested = p["sections"]["contested claims"]
    assert contested and all(line["modality"] != "asserted" for line in contested)
    elsewhere = [line for title, lines in p["sections"].items() if title != "contested claims" for line in lines]
    elsewhere += p["posts"]
    assert {id(x) for x in contested} <= {id(x) for x in elsewhere}
    assert any(line["type"] == "planned" for line in contested)

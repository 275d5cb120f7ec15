"""Corrections on both backends: supersession, successors, sources by name, and the case-file round trip."""

from __future__ import annotations

import pytest

from orgmap.casefile import load_case
from orgmap.casefile.export import case_document, write_case_dir
from orgmap.resolve.edits import (
    Claim,
    EditError,
    add_relation,
    correct_evidence,
    locate,
    retype,
    set_valid_time,
)
from orgmap.store import Store, StoreError


def test_corrections_supersede_and_round_trip(qstore, qcase, db_url, tmp_path):
    s = qstore
    src = s.sources(qcase)[0]
    assert s.find_source(qcase, src.key).id == src.id and s.find_source(qcase, f"#{src.id}").id == src.id
    with pytest.raises(StoreError, match="no document 'nope'"):
        s.find_source(qcase, "nope")
    words = src.text[src.text.index("Qaani") :][:40]
    made = add_relation(
        s,
        qcase,
        "Navvab",
        "opposes",
        "Qaani",
        locate(s, qcase, src.id, quote=words[:20], occurrence=1),
        claim=Claim(valid_from="2021", grade="C3"),
        who="ann",
        why="missed",
    )
    wide = correct_evidence(
        s,
        made.assertion_id,
        locate(s, qcase, src.id, quote=words, occurrence=1),
        how="widen",
        who="ann",
        why="fragment",
    )
    dated = set_valid_time(s, wide, None, "2023-06", who="bob", why="ended")
    typed = retype(s, dated, "supports", who="bob", why="misread")
    assert s.successors(qcase) == {made.assertion_id: wide, wide: dated, dated: typed}
    assert [s.assertion(i).status for i in (made.assertion_id, wide, dated)] == ["superseded"] * 3
    with pytest.raises(EditError, match=f"superseded by #{wide}"):
        retype(s, made.assertion_id, "supports", who="bob")
    with pytest.raises(StoreError, match="superseded"):
        s.set_status(made.assertion_id, "accepted", who="bob")
    final = s.assertion(typed)
    assert (final.predicate, final.grade, final.valid_text, final.evidence[0].quote) == (
        "supports",
        "C3",
        "2021/2023-06",
        words,
    )
    doc, _ = case_document(s, qcase)
    write_case_dir(s, qcase, tmp_path / "case")
    fresh = Store.open(db_url, create=True)
    load_case(fresh, tmp_path / "case")
    again, _ = case_document(fresh, fresh.case_id("qods-force"))
    strip = lambda d: {k: v for k, v in d.items() if k != "judgements"}
    assert strip(again) == strip(doc)
    assert [(j["target"], j["action"], j["who"], j["why"]) for j in again["judgements"]] == [
        (j["target"], j["action"], j["who"], j["why"]) for j in doc["judgements"]
    ]
    fresh.close()

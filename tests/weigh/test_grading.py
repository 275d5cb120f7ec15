"""Grade defaults (documented table), grades by hand with history, and bad grades."""

from __future__ import annotations

import sqlite3

import pytest

from orgmap.model import Assertion, Entity, Evidence, Informant, Source
from orgmap.store import StoreError
from orgmap.weigh.grading import DEFAULTS_WHO, apply_default_grades, default_grade, grade_history, set_grade


@pytest.mark.parametrize(
    "modality, expected",
    [("asserted", "2"), ("reported", "3"), ("believed", "4"), ("hedged", "4"), ("denied", "5")],
)
def test_credibility_by_modality(schema, modality, expected):
    assert default_grade(schema, modality=modality, informant_reliability="C") == ("C", expected)


def test_reliability_follows_attribution(schema):
    assert (
        default_grade(schema, modality="asserted", informant_reliability="E", source_reliability="B")[0]
        == "E"
    )
    assert default_grade(schema, modality="asserted", source_reliability="B")[0] == "B"
    assert default_grade(schema, modality="asserted") == ("F", "2")


def test_confirmed_only_when_asserted_and_independently_corroborated(schema):
    assert default_grade(schema, modality="asserted", source_reliability="B", independent=2) == ("B", "1")
    assert default_grade(schema, modality="asserted", source_reliability="B", independent=1) == ("B", "2")
    assert default_grade(schema, modality="hedged", source_reliability="B", independent=3) == ("B", "4")


def test_unknown_modality_is_named(schema):
    with pytest.raises(KeyError, match="modality 'maybe'"):
        default_grade(schema, modality="maybe")


def _case(store):
    case = store.ensure_case("c")
    a = store.add_source(case, Source(text="Insiders believe Ali leads the Unit.", key="a", reliability="B"))
    b = store.add_source(case, Source(text="Ali leads the Unit.", key="b", reliability="C"))
    ins = store.add_informant(case, Informant("insiders", "unnamed", "E", key="insiders"))
    ali = store.add_entity(case, Entity("person", "Ali"))
    unit = store.add_entity(case, Entity("organization", "Unit"))
    ids = store.add_assertions(
        case,
        [
            Assertion(
                ali, "leads", unit, [Evidence(a, 0, 35)], informant_id=ins, modality="believed", key="x1"
            ),
            Assertion(ali, "leads", unit, [Evidence(b, 0, 19)], key="x2"),
            Assertion(
                ali, "member_of", unit, [Evidence(b, 0, 19)], key="x3", reliability="A", credibility="1"
            ),
        ],
    )
    return case, ids


def test_defaults_fill_ungraded_claims_and_keep_others(store):
    case, (x1, x2, x3) = _case(store)
    changes = apply_default_grades(store, case)
    got = {c.assertion_id: c.after for c in changes}
    # x1: insiders E, believed -> 4 ; x2: source b C, asserted, and 2 independent sources (a, b) -> 1
    # x3 was graded A1 in the case data: not ungraded, left alone
    assert got == {x1: "E4", x2: "C1"}
    assert store.assertion(x1).grade == "E4" and store.assertion(x3).grade == "A1"
    assert [j.who for j in grade_history(store, "assertion", x1)] == [DEFAULTS_WHO]
    assert apply_default_grades(store, case) == []  # idempotent


def test_hand_grades_survive_recompute(store):
    case, (x1, x2, x3) = _case(store)
    set_grade(store, case, "assertion", "x1", "D3", who="ana", why="met the insiders")
    changes = apply_default_grades(store, case, recompute=True)
    assert x1 not in {c.assertion_id for c in changes}
    assert store.assertion(x1).grade == "D3"
    assert {c.assertion_id: c.after for c in changes}[x3] == "C2"  # recompute touches curated grades


def test_history_records_before_and_after(store):
    case, _ = _case(store)
    set_grade(store, case, "informant", "insiders", "D", who="ana", why="track record")
    set_grade(store, case, "informant", "insiders", "C", who="bo", why="corroborated since")
    iid = store.informants(case)[0].id
    hist = grade_history(store, "informant", iid)
    assert [(j.who, j.payload["before"], j.payload["after"]) for j in hist] == [
        ("ana", {"reliability": "E"}, {"reliability": "D"}),
        ("bo", {"reliability": "D"}, {"reliability": "C"}),
    ]
    assert store.informants(case)[0].reliability == "C"


def _dump(path):
    con = sqlite3.connect(path)
    try:
        return [
            con.execute(f"select * from {t} order by 1").fetchall()
            for t in ("sources", "informants", "assertions", "judgements")
        ]
    finally:
        con.close()


@pytest.mark.parametrize(
    "kind, ref, grade, message",
    [
        ("assertion", "x1", "Z9", "does not parse"),
        ("assertion", "x1", "B7", "does not parse"),
        ("assertion", "x1", "9", "does not parse"),
        ("informant", "insiders", "B2", "reliability letter"),
        ("source", "a", "G", "reliability letter"),
        ("source", "nope", "B", "no source 'nope'"),
        ("witness", "a", "B", "cannot grade a 'witness'"),
    ],
)
def test_bad_grades_change_nothing(store, tmp_path, kind, ref, grade, message):
    case, _ = _case(store)
    before = _dump(tmp_path / "test.db")
    with pytest.raises((ValueError, StoreError), match=message):
        set_grade(store, case, kind, ref, grade, who="ana")
    assert _dump(tmp_path / "test.db") == before


def test_register_an_informant_with_history(store):
    from orgmap.weigh.grading import add_informant

    case, _ = _case(store)
    iid = add_informant(store, case, "memo", "a leaked memo", "d", kind="named", who="ana")
    (inf,) = [i for i in store.informants(case) if i.id == iid]
    assert (inf.name, inf.kind, inf.reliability) == ("a leaked memo", "named", "D")
    assert [j.payload["after"] for j in grade_history(store, "informant", iid)] == [{"reliability": "D"}]


@pytest.mark.parametrize(
    "key, grade, kind, message",
    [
        ("insiders", "D", "unnamed", "already exists"),
        ("memo", "D", "rumour", "kind 'rumour'"),
        ("memo", "D2", "named", "does not parse"),
    ],
)
def test_bad_informants_change_nothing(store, tmp_path, key, grade, kind, message):
    from orgmap.weigh.grading import add_informant

    case, _ = _case(store)
    before = _dump(tmp_path / "test.db")
    with pytest.raises((ValueError, StoreError), match=message):
        add_informant(store, case, key, "someone", grade, kind=kind, who="ana")
    assert _dump(tmp_path / "test.db") == before

"""resolve.edits: adding and correcting from the words of a stored source, as judgements."""

from __future__ import annotations

from datetime import date

import pytest

from orgmap.resolve.edits import (
    Claim,
    EditError,
    add_entity,
    add_evidence,
    add_relation,
    correct_evidence,
    document_entities,
    locate,
    retype,
    set_valid_time,
)
from orgmap.store import StoreError

from .conftest import TEXT, snapshot


def _people(store, case, doc):
    omar = add_entity(
        store,
        case,
        "person",
        locate(store, case, doc, quote="Omar Haddad", occurrence=1),
        who="ann",
        why="named in the text",
    )
    sami = add_entity(
        store,
        case,
        "person",
        locate(store, case, doc, quote="Sami Haddad", occurrence=1),
        who="ann",
        why="named in the text",
    )
    return omar, sami


def test_locate_is_whitespace_tolerant_and_exact(small):
    store, case, doc = small
    ev = locate(store, case, "small.txt", quote="Sami   Haddad\nreports to")
    assert (ev.start, ev.end) == (TEXT.index("Sami Haddad reports"), TEXT.index("Sami Haddad reports") + 22)
    assert ev.quote == "Sami Haddad reports to"
    by_offsets = locate(store, case, f"#{doc}", start=0, end=11)
    assert by_offsets.quote == "Omar Haddad"
    second = TEXT.index("Omar Haddad", 1)
    assert locate(store, case, "small", quote="Omar Haddad", occurrence=2).start == second
    assert locate(store, case, "Small report", quote="Omar Haddad", start=second).start == second


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"quote": "Omar Haddad leads"}, "is not in document"),
        ({"quote": "Omar Haddad"}, "occurs 4 times"),
        ({"quote": "Omar Haddad", "occurrence": 9}, "occurrence 9 does not exist"),
        ({"quote": "Omar Haddad", "start": 3}, "does not start at offset 3"),
        ({"start": 5, "end": 5000}, "outside document"),
        ({"quote": "  "}, "quote is empty"),
        ({}, "give a quote"),
    ],
)
def test_locate_refuses_with_one_line(small, kwargs, message):
    store, case, doc = small
    with pytest.raises(EditError, match=message) as info:
        locate(store, case, doc, **kwargs)
    assert "\n" not in str(info.value)


def test_unknown_document_lists_the_documents(small):
    store, case, _ = small
    with pytest.raises(StoreError, match=r"no document 'nope.txt'.*#1 small"):
        locate(store, case, "nope.txt", quote="Omar")


def test_add_entity_and_relation_with_dates_grade_and_judgement(small):
    store, case, doc = small
    omar, sami = _people(store, case, doc)
    assert store.entity(omar.entity_id).name == "Omar Haddad"
    tie = add_relation(
        store,
        case,
        "Sami Haddad",
        "reports_to",
        f"#{omar.entity_id}",
        locate(store, case, doc, quote="Sami Haddad reports to Omar Haddad"),
        claim=Claim(
            modality="asserted",
            attribution="the report",
            grade="B2",
            valid_from="2019",
            valid_to="2021-03-15",
        ),
        who="ann",
        why="extraction missed it",
    )
    a = store.assertion(tie.assertion_id)
    assert (a.subject_id, a.predicate, a.object_id) == (sami.entity_id, "reports_to", omar.entity_id)
    assert (a.valid_from, a.valid_to) == (date(2019, 1, 1), date(2021, 3, 15))
    assert a.valid_text == "2019/2021-03-15"
    assert (a.grade, a.attribution, a.status) == ("B2", "the report", "accepted")
    [j] = store.judgements("assertion", tie.assertion_id)
    assert (j.action, j.who, j.why, j.id) == ("add", "ann", "extraction missed it", tie.judgement_id)
    assert j.payload["evidence"][0]["quote"] == "Sami Haddad reports to Omar Haddad"
    # the grade defaults to the document's reliability, credibility unknown
    plain = add_relation(
        store,
        case,
        "Sami Haddad",
        "met_with",
        "Omar Haddad",
        locate(store, case, doc, quote="Sami Haddad met Omar Haddad"),
        who="ann",
    )
    assert store.assertion(plain.assertion_id).grade == "B6"
    assert [e.name for e in document_entities(store, case, doc)] == ["Omar Haddad", "Sami Haddad"]


def test_entity_kind_is_checked_against_the_vocabulary(small):
    store, case, doc = small
    ev = locate(store, case, doc, quote="Nero Drinks Company Limited")
    made = add_entity(store, case, "organization", ev, kind="company", who="ann")
    assert store.entity(made.entity_id).attributes == {"kind": "company"}
    before = snapshot(store, case)
    with pytest.raises(EditError, match="unknown organization kind 'shop'"):
        add_entity(store, case, "organization", ev, name="Nero", kind="shop", who="ann")
    with pytest.raises(EditError, match="already a organization called"):
        add_entity(store, case, "organization", ev, who="ann")
    with pytest.raises(EditError, match="unknown entity type 'ship'"):
        add_entity(store, case, "ship", ev, who="ann")
    assert snapshot(store, case) == before


@pytest.mark.parametrize(
    "subject, rtype, obj, claim, message",
    [
        (
            "Sami Haddad",
            "reports_to",
            "Nero Drinks Company Limited",
            Claim(),
            "reports_to needs a person target",
        ),
        ("Sami Haddad", "rules", "Omar Haddad", Claim(), "unknown relation type 'rules'"),
        ("Sami Hadad", "reports_to", "Omar Haddad", Claim(), "no entity called 'Sami Hadad'; did you mean"),
        ("Sami Haddad", "reports_to", "Omar Haddad", Claim(valid_from="2019-13"), "month 13 does not exist"),
        ("Sami Haddad", "reports_to", "Omar Haddad", Claim(valid_to="last year"), "is not a date"),
        ("Sami Haddad", "reports_to", "Omar Haddad", Claim(valid_from="2021", valid_to="2019"), "after"),
        ("Sami Haddad", "reports_to", "Omar Haddad", Claim(grade="Z9"), "grade 'Z9' does not parse"),
        ("Sami Haddad", "reports_to", "Omar Haddad", Claim(modality="sure"), "unknown modality 'sure'"),
        ("Sami Haddad", "reports_to", "Sami Haddad", Claim(), "both ends are"),
    ],
)
def test_bad_relation_is_refused_and_store_unchanged(small, subject, rtype, obj, claim, message):
    store, case, doc = small
    _people(store, case, doc)
    nero = locate(store, case, doc, quote="Nero Drinks Company Limited")
    add_entity(store, case, "organization", nero, who="a")
    before = snapshot(store, case)
    with pytest.raises((EditError, StoreError), match=message) as info:
        add_relation(
            store,
            case,
            subject,
            rtype,
            obj,
            locate(store, case, doc, quote="reports to"),
            claim=claim,
            who="ann",
        )
    assert "\n" not in str(info.value)
    assert snapshot(store, case) == before


def test_widen_narrow_replace_supersede_and_keep_the_old(small):
    store, case, doc = small
    _people(store, case, doc)
    frag = add_relation(
        store,
        case,
        "Omar Haddad",
        "personal_tie",
        "Sami Haddad",
        locate(store, case, doc, quote="leaders Omar"),
        who="ext",
    ).assertion_id
    wide = locate(store, case, doc, quote="The leaders Omar Haddad and Sami Haddad")
    new = correct_evidence(store, frag, wide, how="widen", who="ann", why="fragmentary quote")
    old, fresh = store.assertion(frag), store.assertion(new)
    assert old.status == "superseded" and old.evidence[0].quote == "leaders Omar"
    assert fresh.supersedes == frag and fresh.evidence[0].quote == "The leaders Omar Haddad and Sami Haddad"
    assert store.successors(case) == {frag: new}
    [added, j] = store.judgements("assertion", frag)
    assert (added.action, added.who) == ("add", "ext")
    assert (j.action, j.who, j.why) == ("widen_evidence", "ann", "fragmentary quote")
    assert j.payload["superseded_by"] == new
    assert j.payload["before"][0]["quote"] == "leaders Omar"
    # narrowing must lie inside, widening must contain; a superseded assertion is not edited again
    before = snapshot(store, case)
    fled = locate(store, case, doc, quote="Sami Haddad fled")
    with pytest.raises(EditError, match="must contain the old one"):
        correct_evidence(store, new, fled, how="widen", who="ann")
    with pytest.raises(EditError, match="must lie inside"):
        correct_evidence(store, new, fled, how="narrow", who="ann")
    with pytest.raises(EditError, match=f"superseded by #{new}"):
        correct_evidence(store, frag, wide, how="replace", who="ann")
    with pytest.raises(EditError, match="unknown correction 'grow'"):
        correct_evidence(store, new, wide, how="grow", who="ann")
    assert snapshot(store, case) == before
    narrow = correct_evidence(
        store, new, locate(store, case, doc, quote="Omar Haddad and Sami Haddad"), how="narrow", who="ann"
    )
    assert store.assertion(narrow).evidence[0].quote == "Omar Haddad and Sami Haddad"


def test_dates_retype_and_second_source(small):
    store, case, doc = small
    _people(store, case, doc)
    aid = add_relation(
        store,
        case,
        "Sami Haddad",
        "met_with",
        "Omar Haddad",
        locate(store, case, doc, quote="Sami Haddad met Omar Haddad"),
        who="ext",
    ).assertion_id
    dated = set_valid_time(store, aid, "2019", None, who="ann", why="in 2019")
    assert (store.assertion(dated).valid_from, store.assertion(dated).valid_to) == (date(2019, 1, 1), None)
    ended = set_valid_time(store, dated, None, "2020-06", who="ann", why="ended")
    a = store.assertion(ended)
    assert (a.valid_from, a.valid_to, a.valid_text) == (date(2019, 1, 1), date(2020, 6, 30), "2019/2020-06")
    with pytest.raises(EditError, match="nothing to change"):
        set_valid_time(store, ended, "2019", "2020-06", who="ann")
    typed = retype(store, ended, "personal_tie", who="ann", why="they are close")
    assert store.assertion(typed).predicate == "personal_tie"
    before = snapshot(store, case)
    with pytest.raises(EditError, match="participated_in needs a event target"):
        retype(store, typed, "participated_in", who="ann")
    assert snapshot(store, case) == before
    dubai = locate(store, case, doc, quote="in Dubai in 2019")
    more = add_evidence(store, typed, dubai, who="ann", why="place")
    assert [e.quote for e in store.assertion(more).evidence] == ["Sami Haddad met Omar Haddad", dubai.quote]
    chain = [aid, dated, ended, typed]
    assert [store.assertion(i).status for i in chain] == ["superseded"] * 4
    assert store.successors(case) == dict(zip(chain, [*chain[1:], more]))
    assert [j.action for i in chain for j in store.judgements("assertion", i) if j.action != "add"] == [
        "set_dates",
        "set_dates",
        "retype",
        "add_evidence",
    ]


def test_retype_and_rename_an_entity(small):
    from orgmap.resolve.edits import edit_entity

    store, case, doc = small
    omar, sami = _people(store, case, doc)
    odd = add_entity(
        store,
        case,
        "person",
        locate(store, case, doc, quote="Nero Drinks Company Limited"),
        name="Company Limited",
        who="ext",
    ).entity_id
    add_relation(
        store,
        case,
        "Sami Haddad",
        "reports_to",
        "Omar Haddad",
        locate(store, case, doc, quote="Sami Haddad reports to Omar Haddad"),
        who="ann",
    )
    before = snapshot(store, case)
    with pytest.raises(
        EditError,
        match=r"as a organization, 'Omar Haddad' would break 1 relation\(s\): #\d+ "
        r"\(reports_to needs a person target",
    ):
        edit_entity(store, case, "Omar Haddad", etype="organization", who="ann")
    with pytest.raises(EditError, match="already names"):
        edit_entity(store, case, "Company Limited", name="Sami Haddad", etype="person", who="ann")
    with pytest.raises(EditError, match="unknown entity type 'ship'"):
        edit_entity(store, case, odd, etype="ship", who="ann")
    assert snapshot(store, case) == before
    jid = edit_entity(
        store, case, odd, etype="organization", name="Nero Drinks Company Limited", who="ann", why="a company"
    )
    e = store.entity(odd)
    assert (e.type, e.name) == ("organization", "Nero Drinks Company Limited")
    assert "Company Limited" in e.aliases
    [j] = list(store.judgements("entity", odd))
    assert (j.id, j.action, j.who, j.why) == (jid, "edit", "ann", "a company")
    assert j.payload == {
        "before": {"type": "person", "name": "Company Limited"},
        "after": {"type": "organization", "name": "Nero Drinks Company Limited"},
    }
    with pytest.raises(EditError, match="nothing to change"):
        edit_entity(store, case, odd, etype="organization", who="ann")

"""Editable case files both ways: export --format case reads back whole; load --into adds as judgements."""

from __future__ import annotations

import pytest

from orgmap.casefile import CaseError, load_case
from orgmap.casefile.export import write_case_dir
from orgmap.casefile.load import add_case_into
from orgmap.resolve.edits import Claim, add_entity, add_relation, correct_evidence, locate, set_valid_time
from orgmap.store import Store, StoreError

from .conftest import snapshot


def _files(folder) -> dict[str, bytes]:
    """Every file under ``folder`` (the scenarios kept with the case sit in whatif/ and scenarios/)."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _model(store: Store, case: int) -> list[tuple]:
    """What a case states, without the store's row ids: ends, type, status, grade, time, spans, successor."""
    names = {e.id: e.name for e in store.entities(case, include_merged=True)}
    keys = {
        a.id: (names[a.subject_id], a.predicate, names.get(a.object_id), tuple(e.quote for e in a.evidence))
        for a in store.assertions(case)
    }
    return sorted(
        (
            (
                *keys[a.id],
                a.status,
                a.grade,
                a.modality,
                a.attribution,
                a.valid_from,
                a.valid_to,
                a.valid_text,
                a.score,
                a.origin,
                a.note,
                tuple((e.start, e.end) for e in a.evidence),
                keys.get(a.supersedes),
            )
            for a in store.assertions(case)
        ),
        key=repr,
    )


def _log(store: Store) -> list[tuple]:
    return [(j.target_kind, j.action, j.who, j.why, j.at.replace(tzinfo=None)) for j in store.judgements()]


def test_the_qods_case_round_trips_without_loss(qods_store, tmp_path):
    case = qods_store.default_case()
    write_case_dir(qods_store, case, tmp_path / "one")
    again = Store.open(str(tmp_path / "again.db"), create=True)
    load_case(again, tmp_path / "one")
    write_case_dir(again, again.default_case(), tmp_path / "two")
    assert _files(tmp_path / "one") == _files(tmp_path / "two")  # a fixpoint, byte for byte
    assert "whatif/as-it-happened.yaml" in _files(tmp_path / "one")
    assert _model(qods_store, case) == _model(again, again.default_case())
    assert [(h.key, h.statement) for h in qods_store.hypotheses(case)] == [
        (h.key, h.statement) for h in again.hypotheses(again.default_case())
    ]
    assert [(i.key, i.ratings) for i in qods_store.items(case)] == [
        (i.key, i.ratings) for i in again.items(again.default_case())
    ]


def test_edits_merges_and_judgements_round_trip(small, tmp_path):
    store, case, doc = small
    for name in ("Omar Haddad", "Sami Haddad"):
        span = locate(store, case, doc, quote=name, occurrence=1)
        add_entity(store, case, "person", span, who="ann", why="named")
    short = add_entity(
        store,
        case,
        "person",
        locate(store, case, doc, quote="Omar Haddad", occurrence=2),
        name="O. Haddad",
        who="ann",
    ).entity_id
    store.merge(short, store.find_entity(case, "Omar Haddad").id, who="bob", why="same man")
    tie = add_relation(
        store,
        case,
        "Sami Haddad",
        "reports_to",
        "Omar Haddad",
        locate(store, case, doc, quote="Sami Haddad reports"),
        claim=Claim(valid_from="2019", grade="B2"),
        who="ann",
        why="missed",
    ).assertion_id
    wider = correct_evidence(
        store,
        tie,
        locate(store, case, doc, quote="Sami Haddad reports to Omar Haddad"),
        how="widen",
        who="cy",
        why="fragment",
    )
    set_valid_time(store, wider, None, "2021-03", who="cy", why="ended")
    write_case_dir(store, case, tmp_path / "out")
    again = Store.open(str(tmp_path / "again.db"), create=True)
    load_case(again, tmp_path / "out")
    case2 = again.default_case()
    assert _model(store, case) == _model(again, case2)
    assert _log(store) == _log(again)
    omar = again.find_entity(case2, "Omar Haddad").id
    assert again.canonical_id(again.find_entity(case2, "O. Haddad").id) == omar
    chain = again.successors(case2)
    assert len(chain) == 2 and [again.assertion(i).status for i in chain] == ["superseded", "superseded"]
    [set_dates] = [j for j in again.judgements("assertion") if j.action == "set_dates"]
    assert set_dates.payload["superseded_by"] in chain.values()  # ids mapped to the new store's


def test_a_quote_start_that_does_not_match_is_one_line_with_its_line(small, tmp_path):
    store, case, doc = small
    add_entity(store, case, "person", locate(store, case, doc, quote="Omar Haddad", occurrence=2), who="ann")
    folder = tmp_path / "out"
    write_case_dir(store, case, folder)
    text = (folder / "case.yaml").read_text(encoding="utf-8")
    start = text.split("start: ")[1].split("\n")[0]
    (folder / "case.yaml").write_text(text.replace(f"start: {start}", "start: 3"), encoding="utf-8")
    with pytest.raises(
        CaseError, match=r"case.yaml:\d+: quote 'Omar Haddad' does not start at offset 3"
    ) as info:
        load_case(Store.open(":memory:"), folder)
    assert "\n" not in str(info.value)


def test_load_into_adds_as_judgements_and_skips_what_is_there(small, tmp_path, qods_case_dir):
    store, case, doc = small
    add_entity(store, case, "person", locate(store, case, doc, quote="Omar Haddad", occurrence=1), who="ann")
    other = Store.open(str(tmp_path / "other.db"), create=True)
    other_case = other.ensure_case("other")
    from orgmap.model import Source

    odoc = other.add_source(other_case, Source(text=store.source(doc).text, key="small"))
    for name in ("Omar Haddad", "Sami Haddad"):
        span = locate(other, other_case, odoc, quote=name, occurrence=1)
        add_entity(other, other_case, "person", span, who="x")
    add_relation(
        other,
        other_case,
        "Sami Haddad",
        "reports_to",
        "Omar Haddad",
        locate(other, other_case, odoc, quote="Sami Haddad reports to Omar Haddad"),
        who="x",
    )
    write_case_dir(other, other_case, tmp_path / "file")
    before = {j.id for j in store.judgements()}
    summary = add_case_into(store, tmp_path / "file", "small", who="dee", why="from the other desk")
    assert (summary["added"], summary["already_there"], summary["new_entities"]) == (2, 1, 1)
    assert len(store.sources(case)) == 1  # the same text is the same document
    [rel] = store.relations(case, status=None)
    assert (rel.subject.name, rel.type, rel.object.name) == ("Sami Haddad", "reports_to", "Omar Haddad")
    new = [j for j in store.judgements() if j.id not in before]
    assert {(j.action, j.who, j.why) for j in new} == {("add", "dee", "from the other desk")}
    assert len(new) == 2
    again = add_case_into(store, tmp_path / "file", "small", who="dee")
    assert (again["added"], again["already_there"]) == (0, 3)
    snap = snapshot(store, case)
    with pytest.raises(StoreError, match="no case called 'nope'"):
        add_case_into(store, tmp_path / "file", "nope", who="dee")
    assert snapshot(store, case) == snap


def test_a_claim_id_used_twice_is_refused(small, tmp_path):
    store, case, doc = small
    add_entity(store, case, "person", locate(store, case, doc, quote="Omar Haddad", occurrence=1), who="ann")
    folder = tmp_path / "out"
    write_case_dir(store, case, folder)
    text = (folder / "case.yaml").read_text(encoding="utf-8")
    claim_id = text.split("  - id: ")[1].split("\n")[0]
    text += (
        f"relations:\n- id: {claim_id}\n  source: e1\n  type: met_with\n  target: e1\n  quote: Omar Haddad\n"
    )
    (folder / "case.yaml").write_text(text.replace("relations: []\n", ""), encoding="utf-8")
    with pytest.raises(CaseError, match=f"id '{claim_id}' is used by two claims or relations"):
        load_case(Store.open(":memory:"), folder)

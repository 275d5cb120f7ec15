"""Setting a relation's qualifier by hand: the edits API (shared by CLI and web), the CLI, the web card."""

from __future__ import annotations

import pytest

from orgmap.model import Entity, Source
from orgmap.resolve import edits
from orgmap.store import Store

from .conftest import snapshot

TEXT = "Rui Costa and his son Tomas Costa run Costa Freight. Rui Costa owns Costa Freight."


@pytest.fixture
def family(tmp_path):
    db = tmp_path / "q.db"
    store = Store.open(str(db), create=True)
    case = store.ensure_case("q")
    doc = store.add_source(case, Source(text=TEXT, title="report", key="report"))
    store.add_entity(case, Entity("person", "Rui Costa"))
    store.add_entity(case, Entity("person", "Tomas Costa"))
    store.add_entity(case, Entity("organization", "Costa Freight"))
    yield store, case, doc, db
    store.close()


def _span(store, case, doc, quote):
    return edits.locate(store, case, doc, quote=quote)


def test_add_relation_stores_the_qualifier_and_refuses_one_the_type_lacks(family):
    store, case, doc, _ = family
    span = _span(store, case, doc, "Rui Costa and his son Tomas Costa")
    made = edits.add_relation(
        store, case, "Rui Costa", "personal_tie", "Tomas Costa", span, qualifier="family", who="ann"
    )
    assert store.assertion(made.assertion_id).qualifier == "family"
    before = snapshot(store, case)
    own = _span(store, case, doc, "Rui Costa owns Costa Freight")
    with pytest.raises(
        edits.EditError, match=r"^manages has no qualifier 'family'; allowed: ownership, direction$"
    ):
        edits.add_relation(
            store, case, "Rui Costa", "manages", "Costa Freight", own, qualifier="family", who="ann"
        )
    with pytest.raises(
        edits.EditError, match=r"^leads takes no qualifier \(qualified types: manages, personal_tie\)$"
    ):
        edits.add_relation(
            store, case, "Rui Costa", "leads", "Costa Freight", own, qualifier="ownership", who="ann"
        )
    assert snapshot(store, case) == before


def test_set_qualifier_supersedes_with_a_judgement_and_retype_drops_a_foreign_kind(family):
    store, case, doc, _ = family
    own = _span(store, case, doc, "Rui Costa owns Costa Freight")
    first = edits.add_relation(
        store, case, "Rui Costa", "manages", "Costa Freight", own, who="ann"
    ).assertion_id
    second = edits.set_qualifier(store, first, "ownership", who="bob", why="owns")
    assert store.assertion(first).status == "superseded"
    assert store.assertion(second).qualifier == "ownership"
    last = store.judgements("assertion", first)[-1]
    assert (last.who, last.action, last.payload["before"], last.payload["after"]) == (
        "bob",
        "set_qualifier",
        None,
        "ownership",
    )
    with pytest.raises(edits.EditError, match="already has qualifier ownership"):
        edits.set_qualifier(store, second, "ownership", who="bob")
    third = edits.retype(store, second, "leads", who="bob")
    assert store.assertion(third).qualifier is None  # leads has no kinds


def test_cli_add_relation_with_qualifier_and_show_prints_it(family, cli):
    store, case, doc, db = family
    store.close()
    code, out, err = cli(
        "add", "relation", "Rui Costa", "personal_tie", "Tomas Costa", "--doc", "report",
        "--quote", "Rui Costa and his son Tomas Costa", "--qualifier", "family", "--db", str(db),
    )  # fmt: skip
    assert code == 0, err
    assert "personal_tie (family)" in out
    code, out, err = cli("show", "Tomas Costa", "--db", str(db))
    assert code == 0, err
    assert "Rui Costa personal_tie (family) Tomas Costa" in out
    code, out, err = cli("relations", "--json", "--db", str(db))
    assert code == 0 and '"qualifier": "family"' in out


def test_cli_refuses_a_qualifier_in_one_line_listing_the_allowed(family, cli):
    store, case, doc, db = family
    store.close()
    code, out, err = cli(
        "add", "relation", "Rui Costa", "personal_tie", "Tomas Costa", "--doc", "report",
        "--quote", "Rui Costa and his son Tomas Costa", "--qualifier", "cousin", "--db", str(db),
    )  # fmt: skip
    assert code != 0
    message = (out + err).strip()
    assert "personal_tie has no qualifier 'cousin'; allowed: family, associate" in message
    assert "Traceback" not in message and len(message.splitlines()) == 1
    again = Store.open(str(db))
    assert again.assertions(again.case_id("q")) == []


def test_cli_edit_qualifier_sets_and_clears(family, cli):
    store, case, doc, db = family
    own = _span(store, case, doc, "Rui Costa owns Costa Freight")
    aid = edits.add_relation(
        store, case, "Rui Costa", "manages", "Costa Freight", own, who="ann"
    ).assertion_id
    store.close()
    code, out, err = cli("edit", "qualifier", str(aid), "ownership", "--why", "owns", "--db", str(db))
    assert code == 0, err
    assert "qualifier ownership" in out
    new = Store.open(str(db)).successors(case)[aid]
    code, out, err = cli("edit", "qualifier", str(new), "--clear", "--db", str(db))
    assert code == 0, err
    assert "qualifier cleared" in out
    code, out, err = cli("edit", "qualifier", str(new), "--db", str(db))
    assert code != 0 and "give a KIND" in out + err


def test_the_web_tie_card_and_form_show_and_set_the_qualifier(family):
    from orgmap.web.evidence import assertion_card
    from orgmap.web.tie import _save, assertion_label

    store, case, doc, _ = family
    span = _span(store, case, doc, "Rui Costa and his son Tomas Costa")
    ids = {e.name: e.id for e in store.entities(case)}
    form = dict.fromkeys(("modality", "attribution", "grade", "from", "to", "why"), None)
    form.update(subject=ids["Rui Costa"], type="personal_tie", object=ids["Tomas Costa"], qualifier="family")
    message = _save(store, case, "tie-save-relation", span, form, "ann")
    assert "personal tie (family)" in message
    a = next(x for x in store.assertions(case) if x.predicate)
    assert a.qualifier == "family" and "(family)" in assertion_label(store, a)
    card = str(assertion_card(store, a).to_plotly_json())
    assert "kind" in card and "family: Kin by blood or marriage" in card

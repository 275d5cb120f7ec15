"""Importers read orgmap's own exports whatever the text holds, and real FtM data with mixed schemata."""

from __future__ import annotations

import csv
import json

import pytest

from orgmap.exports import FORMATS
from orgmap.exports.ftm_model import SCHEMATA, properties
from orgmap.imports import ImportFailed, import_file
from orgmap.model import Assertion, Entity, Evidence, Source

ftm = pytest.importorskip("followthemoney", reason="followthemoney is in the test extra")


def _one_relation_case(store, text, name="Ali"):
    case = store.ensure_case("t")
    src = store.add_source(case, Source(text=text, key="s1"))
    a = store.add_entity(case, Entity("person", name))
    b = store.add_entity(case, Entity("organization", "The Unit"))
    store.add_assertion(
        case, Assertion(a, "leads", b, evidence=[Evidence(src, 0, len(text))], status="accepted")
    )
    return case


@pytest.fixture
def default_csv_limit():
    """The csv module's own field limit (131,072): other libraries (followthemoney) raise it on import."""
    before = csv.field_size_limit(131_072)
    yield
    csv.field_size_limit(before)


def test_csv_import_takes_a_source_text_over_the_csv_field_limit(store, tmp_path, view, default_csv_limit):
    text = "Ali leads the Unit. " + "x" * 200_000  # the csv module refuses fields over 131,072 by default
    case = _one_relation_case(store, text)
    FORMATS["csv"](store, case, tmp_path / "big.zip", status=None)
    import_file(store, tmp_path / "big.zip", case="back")
    assert view(store, store.case_id("back")) == view(store, case)


@pytest.mark.parametrize("sep", ["\u2028", "\u2029", "\u0085", "\x0b", "\x1c"])
def test_ftm_import_reads_its_own_export_with_unicode_line_separators(store, tmp_path, sep):
    case = _one_relation_case(store, f"Ali{sep}leads the Unit.", name=f"Ali{sep}Reza")
    FORMATS["ftm"](store, case, tmp_path / "q.ftm.jsonl", status=None)
    summary = import_file(store, tmp_path / "q.ftm.jsonl", case="back", status="accepted")
    [rel] = store.relations(store.case_id("back"))
    assert summary["assertions"] == 3 and rel.subject.name == f"Ali{sep}Reza"
    assert rel.assertion.evidence[0].quote == f"Ali{sep}leads the Unit."


def _opensanctions_style():
    """A small stream in the shape of an OpenSanctions export: mapped and unmapped schemata mixed."""
    e = [
        {
            "id": "p-ana",
            "schema": "Person",
            "properties": {
                "name": ["Ana Díaz"],
                "birthDate": ["1970-02-03"],
                "nationality": ["pa"],
                "topics": ["sanction"],
                "position": ["Director"],
                "notes": ["Listed 2021."],
                "sourceUrl": ["https://example.org/ana"],
            },
        },
        {"id": "p-bo", "schema": "Person", "properties": {"name": ["Bo Díaz"]}},
        {
            "id": "c-acme",
            "schema": "Company",
            "properties": {"name": ["Acme Holdings"], "jurisdiction": ["pa"], "registrationNumber": ["1234"]},
        },
        {"id": "c-sub", "schema": "Company", "properties": {"name": ["Acme Shipping"]}},
        {
            "id": "v-sea",
            "schema": "Vessel",
            "properties": {"name": ["Sea Star"], "imoNumber": ["IMO9321483"]},
        },
        {
            "id": "b-acct",
            "schema": "BankAccount",
            "properties": {"accountNumber": ["123"], "bankName": ["X"]},
        },
        {"id": "n-1", "schema": "Note", "properties": {"entity": ["p-ana"], "description": ["see file"]}},
        {"id": "s-1", "schema": "Sanction", "properties": {"entity": ["p-ana"], "authority": ["OFAC"]}},
        {
            "id": "dir-1",
            "schema": "Directorship",
            "properties": {
                "director": ["p-ana"],
                "organization": ["c-acme"],
                "role": ["Director"],
                "startDate": ["2019-05"],
            },
        },
        {
            "id": "own-p",
            "schema": "Ownership",
            "properties": {"owner": ["p-ana"], "asset": ["c-acme"], "percentage": ["51"]},
        },
        {"id": "own-c", "schema": "Ownership", "properties": {"owner": ["c-acme"], "asset": ["c-sub"]}},
        {"id": "own-v", "schema": "Ownership", "properties": {"owner": ["c-acme"], "asset": ["v-sea"]}},
        {
            "id": "fam-1",
            "schema": "Family",
            "properties": {"person": ["p-ana"], "relative": ["p-bo"], "relationship": ["sister"]},
        },
        {
            "id": "mem-1",
            "schema": "Membership",
            "properties": {"member": ["c-sub"], "organization": ["c-acme"]},
        },
    ]
    for entity in e:  # every record is real FtM: the reference library accepts it
        ftm.model.get_proxy(entity, cleaned=False)
    return e


def test_ftm_import_skips_and_counts_schemata_it_does_not_map(store, tmp_path):
    path = tmp_path / "os.jsonl"
    path.write_text("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in _opensanctions_style()))
    summary = import_file(store, path, case="os")
    case = store.case_id("os")
    names = {e.name for e in store.entities(case)}
    assert names == {"Ana Díaz", "Bo Díaz", "Acme Holdings", "Acme Shipping"}
    rels = {
        (r.subject.name, r.type, r.assertion.qualifier, r.object.name)
        for r in store.relations(case, status="candidate")
    }
    # a Directorship says "director of", not "heads"; an owner manages what it owns (the
    # annotation guide's "owned or controlled by P" -> P manages), kind ownership; a Family is a
    # personal_tie of kind family; a vessel is not modelled
    assert rels == {
        ("Ana Díaz", "member_of", None, "Acme Holdings"),
        ("Ana Díaz", "manages", "ownership", "Acme Holdings"),
        ("Acme Holdings", "manages", "ownership", "Acme Shipping"),
        ("Ana Díaz", "personal_tie", "family", "Bo Díaz"),
        ("Acme Shipping", "member_of", None, "Acme Holdings"),
    }
    # Vessel, BankAccount, Note, Sanction and the vessel's Ownership
    assert summary["skipped"] == 5


def test_ftm_import_still_refuses_a_schema_that_is_not_followthemoney(store, tmp_path):
    path = tmp_path / "bad.jsonl"
    path.write_text(json.dumps({"id": "x", "schema": "Spaceship", "properties": {}}) + "\n")
    with pytest.raises(ImportFailed, match="line 1: entity 'x': unknown FtM schema 'Spaceship'"):
        import_file(store, path, case="bad")


def test_json_export_is_not_taken_for_ftm(qods_store, tmp_path):
    FORMATS["json"](qods_store, qods_store.case_id("qods-force"), tmp_path / "model.json")
    with pytest.raises(ImportFailed, match=r"model\.json: this is orgmap's JSON export"):
        import_file(qods_store, tmp_path / "model.json", case="x")


def test_the_ftm_table_is_the_library_model():
    assert set(SCHEMATA) == set(ftm.model.schemata)
    for name in SCHEMATA:
        lib = ftm.model.get(name)
        ours = properties(name)
        assert set(ours) == set(lib.properties), name
        for prop, rng in ours.items():
            assert rng == (lib.get(prop).range.name if lib.get(prop).range else None), (name, prop)


@pytest.mark.parametrize("prefix", [b"<!-- " + b"x" * 5000 + b" -->\n", b""])
def test_xml_entity_declarations_are_refused_however_they_hide(store, tmp_path, prefix):
    bomb = (
        b'<?xml version="1.0"?>' + prefix + b'<!DOCTYPE g [<!ENTITY a "aaaa">]>'
        b'<graphml xmlns="http://graphml.graphdrawing.org/xmlns"><graph edgedefault="directed">'
        b'<node id="n">&a;</node></graph></graphml>'
    )
    (tmp_path / "b.graphml").write_bytes(bomb)
    with pytest.raises(ImportFailed, match="DOCTYPE"):
        import_file(store, tmp_path / "b.graphml", case="x")
    utf16 = bomb.replace(b'<?xml version="1.0"?>', b"").decode().encode("utf-16")
    (tmp_path / "u16.graphml").write_bytes(utf16)
    with pytest.raises(ImportFailed, match="DOCTYPE"):
        import_file(store, tmp_path / "u16.graphml", case="x")


def test_bulk_entities_are_stored_as_add_entity_stores_them(store):
    from orgmap.store.bulk import bulk_add_entities

    people = [
        Entity(
            "person",
            "Ann Smith",
            aliases=["ann smith", "A. Smith", "  ", "Ann"],
            key="k1",
            attributes={"born": "1970"},
        ),
        Entity("organization", "Acme", aliases=["ACME", "Acme Corp"]),
    ]
    one, bulk = store.ensure_case("one"), store.ensure_case("bulk")
    for e in people:
        store.add_entity(one, e)
    bulk_add_entities(store, bulk, people)
    view = lambda c: sorted(
        (e.type, e.name, sorted(e.aliases), e.attributes, e.key) for e in store.entities(c)
    )
    assert view(bulk) == view(one)
    assert store.find_entity(bulk, "A. Smith").name == "Ann Smith"

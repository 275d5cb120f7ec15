"""Malformed import files stop with file, line or id and reason, and leave the store unchanged."""

from __future__ import annotations

import json

import pytest

from orgmap.exports import FORMATS
from orgmap.imports import ImportFailed, import_file


def _counts(store):
    return [
        (
            c.name,
            len(store.entities(c.id, include_merged=True)),
            len(store.assertions(c.id)),
            len(store.sources(c.id)),
        )
        for c in store.cases()
    ]


@pytest.fixture
def exported(qods_store, tmp_path):
    cid = qods_store.case_id("qods-force")
    FORMATS["graphml"](qods_store, cid, tmp_path / "ok.graphml", status=None)
    FORMATS["ftm"](qods_store, cid, tmp_path / "ok.jsonl", status=None)
    FORMATS["csv"](qods_store, cid, tmp_path / "ok_csv", status=None)
    return qods_store, tmp_path


def _fails(store, path, pattern, **kw):
    before = _counts(store)
    with pytest.raises(ImportFailed, match=pattern):
        import_file(store, path, case="target", **kw)
    assert _counts(store) == before
    assert store.case_id("target", missing_ok=True) is None


def test_broken_xml_names_file_and_line(exported):
    store, d = exported
    text = (d / "ok.graphml").read_text().replace("</node>", "</nod>", 1)
    (d / "bad.graphml").write_text(text)
    _fails(store, d / "bad.graphml", r"^bad\.graphml: line \d+: broken XML")


def test_xml_entities_are_refused(exported):
    store, d = exported
    (d / "bomb.graphml").write_text(
        '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]>'
        '<graphml xmlns="http://graphml.graphdrawing.org/xmlns">&a;</graphml>'
    )
    _fails(store, d / "bomb.graphml", "DOCTYPE")


def test_graphml_with_unknown_relation_type_fails_late_but_cleanly(exported):
    store, d = exported
    text = (d / "ok.graphml").read_text()
    last = text.rindex('<data key="e_predicate">')  # the last edge: everything before it would be valid
    end = text.index("</data>", last)
    (d / "bad.graphml").write_text(text[:last] + '<data key="e_predicate">bribes' + text[end:])
    _fails(store, d / "bad.graphml", r"line \d+: unknown relation type 'bribes'")


def test_graphml_from_another_tool_is_refused_for_lack_of_evidence(tmp_path, store):
    (tmp_path / "plain.graphml").write_text(
        '<graphml xmlns="http://graphml.graphdrawing.org/xmlns"><graph edgedefault="directed">'
        '<node id="a"/><node id="b"/><edge source="a" target="b"/></graph></graphml>'
    )
    _fails(store, tmp_path / "plain.graphml", "no 'sources' graph attribute")


def test_tampered_evidence_quote_is_refused(exported):
    store, d = exported
    text = (d / "ok.graphml").read_text()
    i = text.index('"quote": "') + len('"quote": "')
    (d / "bad.graphml").write_text(text[:i] + "X" + text[i + 1 :])
    _fails(store, d / "bad.graphml", "evidence quote does not match")


def test_ftm_wrong_schema_names_line_and_id(exported):
    store, d = exported
    lines = (d / "ok.jsonl").read_text().splitlines()
    e = json.loads(lines[5])
    e["schema"] = "Spaceship"
    lines[5] = json.dumps(e)
    (d / "bad.jsonl").write_text("\n".join(lines) + "\n")
    _fails(store, d / "bad.jsonl", rf"line 6: entity '{e['id']}': unknown FtM schema 'Spaceship'")


def test_ftm_unknown_property_names_line_and_id(exported):
    store, d = exported
    lines = (d / "ok.jsonl").read_text().splitlines()
    e = json.loads(lines[-1])
    e["properties"]["favouriteColour"] = ["red"]
    lines[-1] = json.dumps(e)
    (d / "bad.jsonl").write_text("\n".join(lines) + "\n")
    _fails(
        store,
        d / "bad.jsonl",
        rf"line {len(lines)}: entity '{e['id']}': \w+ has no property 'favouriteColour'",
    )


def test_ftm_bad_json_and_dangling_reference(exported):
    store, d = exported
    (d / "bad.jsonl").write_text('{"id": "p", "schema": "Person", "properties": {"name": ["A"]}}\n{oops\n')
    _fails(store, d / "bad.jsonl", r"line 2: not a JSON entity")
    (d / "dangle.jsonl").write_text(
        '{"id": "p", "schema": "Person", "properties": {"name": ["A"]}}\n'
        '{"id": "m", "schema": "Membership", "properties": {"member": ["p"], "organization": ["nowhere"]}}\n'
    )
    _fails(store, d / "dangle.jsonl", r"line 2: entity 'm': organization refers to unknown entity 'nowhere'")


def test_ftm_stream_from_elsewhere_becomes_sourced_candidates(store, tmp_path):
    path = tmp_path / "sanctions.jsonl"
    lines = [
        {
            "id": "p1",
            "schema": "Person",
            "properties": {"name": ["Ana Díaz"], "alias": ["La Jefa"], "topics": ["sanction"]},
        },
        {"id": "c1", "schema": "Company", "properties": {"name": ["Acme Holdings"], "jurisdiction": ["pa"]}},
        {
            "id": "d1",
            "schema": "Directorship",
            "properties": {"director": ["p1"], "organization": ["c1"], "startDate": ["2019-05"]},
        },
        {"id": "s1", "schema": "Sanction", "properties": {"entity": ["p1"], "authority": ["OFAC"]}},
    ]
    path.write_text("".join(json.dumps(x) + "\n" for x in lines))
    summary = import_file(store, path, case="cartel", status="candidate", reliability="C", credibility="3")
    assert summary["skipped"] == 1  # the Sanction: orgmap has no type for it
    case = store.case_id("cartel")
    assert {(e.type, e.name) for e in store.entities(case)} == {
        ("person", "Ana Díaz"),
        ("organization", "Acme Holdings"),
    }
    [rel] = store.relations(case, status="candidate")
    # a Directorship says "director of": member_of, not leads (heading it is not stated)
    assert (rel.subject.name, rel.type, rel.object.name) == ("Ana Díaz", "member_of", "Acme Holdings")
    assert rel.assertion.valid_from.isoformat() == "2019-05-01" and rel.assertion.grade == "C3"
    text = path.read_text()
    ev = rel.assertion.evidence[0]
    assert json.loads(text[ev.start : ev.end])["id"] == "d1"  # evidence: the record's own line
    assert store.find_entity(case, "La Jefa").name == "Ana Díaz"


def test_csv_with_missing_table_or_bad_span(exported):
    store, d = exported
    (d / "ok_csv" / "evidence.csv").rename(d / "ev.csv")
    _fails(store, d / "ok_csv", "evidence.csv is missing")
    rows = (d / "ev.csv").read_text().splitlines()
    head, first = rows[0], rows[1].split(",")
    first[3] = "99999999"  # end offset
    (d / "ok_csv" / "evidence.csv").write_text("\n".join([head, ",".join(first), *rows[2:]]) + "\n")
    _fails(store, d / "ok_csv", r"evidence\.csv line 2: evidence span \d+:99999999 is outside source")


def test_not_a_zip(store, tmp_path):
    (tmp_path / "x.zip").write_bytes(b"PK not really")
    _fails(store, tmp_path / "x.zip", r"x\.zip: ")


def test_unknown_format_and_export_only_formats(store, tmp_path):
    (tmp_path / "g.gexf").write_text("<gexf/>")
    _fails(store, tmp_path / "g.gexf", "export-only")
    (tmp_path / "x.weird").write_text("?")
    _fails(store, tmp_path / "x.weird", "cannot tell the format")

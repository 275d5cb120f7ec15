"""Each export checked by its format's validator or a reader independent of the exporter."""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile

import networkx as nx
import pytest
from lxml import etree

from orgmap.exports import FORMATS
from orgmap.exports.dynetml import dynetml_bytes
from orgmap.exports.ftm_model import SCHEMATA, check_entity, properties
from orgmap.exports.gexf import gexf_bytes
from orgmap.exports.graphml import graphml_bytes
from orgmap.exports.neo4j import cypher_script
from orgmap.exports.snapshot import take_snapshot
from orgmap.schemas_xsd import validate


@pytest.fixture
def case(qods_store):
    return qods_store, qods_store.case_id("qods-force")


def test_graphml_is_valid_and_networkx_reads_the_same_graph(case):
    store, cid = case
    data = graphml_bytes(store, cid)
    assert validate(data, "graphml") == []
    g = nx.read_graphml(io.BytesIO(data), force_multigraph=True)
    rels = store.relations(cid)
    assert g.number_of_nodes() == len(store.entities(cid))
    assert g.number_of_edges() == len(rels)
    qaani = next(e for e in store.entities(cid) if e.name == "Esmail Qaani")
    assert g.nodes[f"e{qaani.id}"]["label"] == "Esmail Qaani"
    leads = [d for _, _, d in g.edges(data=True) if d["predicate"] == "leads" and d.get("valid_from")]
    assert leads and all(d["grade"][0] in "ABCDEF" for d in leads)


def test_graphml_xsd_catches_a_dangling_edge(case):
    store, cid = case
    data = graphml_bytes(store, cid).replace(b'target="e', b'target="missing', 1)
    assert any("keyref" in e or "key-sequence" in e for e in validate(data, "graphml"))


def test_gexf_is_valid_dynamic_with_spells(case):
    store, cid = case
    data = gexf_bytes(store, cid)
    assert validate(data, "gexf-1.3") == []
    root = etree.fromstring(data)
    ns = {"g": "http://gexf.net/1.3"}
    assert root.find("g:graph", ns).get("mode") == "dynamic"
    dated = [
        r
        for r in store.relations(cid)
        if (r.assertion.valid_from or r.assertion.valid_to) and r.assertion.modality != "denied"
    ]
    spells = root.findall(".//g:edge/g:spells/g:spell", ns)
    assert len(spells) == len(dated) > 0
    # the succession: the old commander's edge ends on the day the new one's begins
    by_id = {f"a{r.assertion.id}": r for r in dated}
    for spell in spells:
        edge = spell.getparent().getparent()
        a = by_id[edge.get("id")].assertion
        assert spell.get("start") == (a.valid_from.isoformat() if a.valid_from else None)
        assert spell.get("end") == (a.valid_to.isoformat() if a.valid_to else None)
    nodes = root.findall(".//g:nodes/g:node", ns)
    assert len(nodes) == len(store.entities(cid))
    assert {e.get("type") for e in root.findall(".//g:edge", ns)} == {"directed"}


def test_official_gexf_13_xsd_does_not_compile_so_the_relaxng_grammar_is_used():
    """gephi/gexf issue 19: the published 1.3 XSD names types it never defines."""
    from orgmap.schemas_xsd import HERE

    with pytest.raises(etree.XMLSchemaParseError, match="graph-content"):
        etree.XMLSchema(etree.parse(str(HERE / "gexf-1.3" / "gexf.xsd")))


def test_graphml_xsd_refuses_undeclared_keys(case):
    store, cid = case
    data = graphml_bytes(store, cid).replace(b'<data key="e_layer">', b'<data key="e_made_up">', 1)
    assert any("data_key_ref" in e and "e_made_up" in e for e in validate(data, "graphml"))


def test_gexf_xsd_rejects_a_wrong_time_and_edge_type(case):
    store, cid = case
    data = gexf_bytes(store, cid)
    assert validate(data.replace(b'type="directed"', b'type="sideways"', 1), "gexf-1.3")
    assert validate(re.sub(rb'start="[^"]+"', b'start="next spring"', data, count=1), "gexf-1.3")


def test_dynetml_node_classes_follow_the_vocabulary(case, schema):
    store, cid = case
    root = etree.fromstring(dynetml_bytes(store, cid))
    assert root.tag == "DynamicMetaNetwork"
    classes = {nc.get("type"): {n.get("id") for n in nc.findall("node")} for nc in root.iter("nodeclass")}
    assert set(classes) <= {"Agent", "Organization", "Location", "Event"}
    for e in store.entities(cid):
        assert f"e{e.id}" in classes[schema.entity_type(e.type).exports["dynetml"]]
    for net in root.iter("network"):
        for link in net.findall("link"):
            assert link.get("source") in classes[net.get("sourceType")]
            assert link.get("target") in classes[net.get("targetType")]


def test_ftm_entities_fit_the_ftm_model(case, tmp_path):
    store, cid = case
    FORMATS["ftm"](store, cid, tmp_path / "q.jsonl")
    entities = [json.loads(line) for line in (tmp_path / "q.jsonl").read_text().splitlines()]
    ids = {e["id"] for e in entities}
    for e in entities:
        assert check_entity(e, ids) == []
    schemata = {e["schema"] for e in entities}
    assert {"Person", "Organization", "Directorship", "PlainText"} <= schemata
    for e in entities:
        if e["schema"] in ("Directorship", "Membership", "Associate", "UnknownLink", "Succession"):
            assert e["properties"]["summary"] and e["properties"]["proof"]  # provenance travels
    # ranges: an Associate joins two persons
    by_id = {e["id"]: e for e in entities}
    for e in entities:
        if e["schema"] == "Associate":
            assert {by_id[p]["schema"] for p in e["properties"]["person"] + e["properties"]["associate"]} == {
                "Person"
            }


def test_ftm_table_is_consistent():
    for name, spec in SCHEMATA.items():
        for parent in spec["parents"]:
            assert parent in SCHEMATA, name
        for prop, rng in properties(name).items():
            assert rng is None or rng in SCHEMATA, (name, prop)


def test_ftm_library_accepts_the_export_when_installed(case, tmp_path):
    ftm = pytest.importorskip("followthemoney", reason="followthemoney is an optional extra")
    store, cid = case
    FORMATS["ftm"](store, cid, tmp_path / "q.jsonl")
    for line in (tmp_path / "q.jsonl").read_text().splitlines():
        ftm.model.get_proxy(json.loads(line), cleaned=False)


def test_csv_tables_read_back_with_the_csv_module(case, tmp_path):
    store, cid = case
    FORMATS["csv"](store, cid, tmp_path / "t.zip")
    zf = zipfile.ZipFile(tmp_path / "t.zip")
    edges = list(csv.DictReader(io.StringIO(zf.read("edges.csv").decode())))
    nodes = list(csv.DictReader(io.StringIO(zf.read("nodes.csv").decode())))
    ties = [r for r in store.relations(cid) if r.assertion.modality != "denied"]
    assert len(edges) == len(ties) and len(nodes) == len(store.entities(cid))
    ids = {n["Id"] for n in nodes}
    assert all(e["Source"] in ids and e["Target"] in ids for e in edges)


def test_csv_cells_never_start_a_formula(store, tmp_path):
    from orgmap.model import Assertion, Entity, Evidence, Source

    case = store.ensure_case("f")
    src = store.add_source(case, Source(text="=1+1 and more"))
    a = store.add_entity(case, Entity("person", "=cmd()"))
    b = store.add_entity(case, Entity("organization", "@Org"))
    store.add_assertion(case, Assertion(a, "leads", b, evidence=[Evidence(src, 0, 4)], status="accepted"))
    FORMATS["csv"](store, case, tmp_path / "out")
    for f in (tmp_path / "out").iterdir():
        for row in csv.reader(io.StringIO(f.read_text())):
            assert not any(cell[:1] in ("=", "+", "@", "-") for cell in row), (f.name, row)


def test_neo4j_cypher_is_well_formed(case, tmp_path, split_cypher):
    store, cid = case
    script = cypher_script(store, take_snapshot(store, cid))
    stmts = split_cypher(script)
    rels = [s for s in stmts if "MERGE (a)-[r:" in s]
    merges = [s for s in stmts if s.startswith("MERGE (n:Entity")]
    ties = [r for r in store.relations(cid) if r.assertion.modality != "denied"]
    assert len(rels) == len(ties) and len(merges) == len(store.entities(cid))
    assert all(re.search(r"MERGE \(a\)-\[r:`[A-Z_]+` \{assertion: 'a\d+'\}\]->\(b\)", s) for s in rels)
    assert not any("CREATE (" in s for s in stmts)  # MERGE only: the script can run twice


def test_neo4j_admin_csvs_have_typed_headers(case, tmp_path):
    store, cid = case
    FORMATS["neo4j"](store, cid, tmp_path / "neo")
    names = {p.name for p in (tmp_path / "neo").iterdir()}
    assert {"entities.csv", "relationships.csv", "sources.csv", "load.cypher", "import.sh"} <= names
    rels = list(csv.DictReader((tmp_path / "neo" / "relationships.csv").open(newline="")))
    ents = {r["id:ID"] for r in csv.DictReader((tmp_path / "neo" / "entities.csv").open(newline=""))}
    assert rels and all(r[":START_ID"] in ents and r[":END_ID"] in ents for r in rels)
    assert all(re.fullmatch(r"(\d{4}-\d{2}-\d{2})?", r["valid_from:date"]) for r in rels)
    assert all(json.loads(r["evidence"]) for r in rels)

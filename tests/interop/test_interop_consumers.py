"""Every graph export read by the tools users open it with: NetworkX, python-igraph, pandas.

Reference values come from the store (``Store.relations``), not from the exporters: each
tie (a relation that is not denied) must arrive as one edge from its subject to its
object; a denial must never arrive as a tie.
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from collections import Counter

import igraph
import networkx as nx
import pandas as pd
import pytest
from lxml import etree

from orgmap.exports import FORMATS
from orgmap.model import Assertion, Entity, Evidence, Source
from orgmap.schemas_xsd import validate


@pytest.fixture
def case(qods_store):
    return qods_store, qods_store.case_id("qods-force")


def _ties(store, cid):
    """(subject node id, object node id, assertion id) of every relation that is not denied."""
    return Counter(
        (f"e{r.subject.id}", f"e{r.object.id}", f"a{r.assertion.id}")
        for r in store.relations(cid)
        if r.assertion.modality != "denied"
    )


def _pairs(counter):
    return Counter((s, t) for (s, t, _), n in counter.items() for _ in range(n))


def test_gexf_opens_in_networkx_with_every_tie_directed(case, tmp_path):
    store, cid = case
    FORMATS["gexf"](store, cid, tmp_path / "q.gexf")
    data = (tmp_path / "q.gexf").read_bytes()
    assert validate(data, "gexf-1.3") == []
    g = nx.read_gexf(tmp_path / "q.gexf")  # refuses a file mixing directed and undirected edges
    assert g.is_directed()
    got = Counter((s, t, d["id"]) for s, t, d in g.edges(data=True))
    assert got == _ties(store, cid) and len(got) > 100
    symmetric = {
        f"a{r.assertion.id}" for r in store.relations(cid) if r.symmetric and r.assertion.modality != "denied"
    }
    assert symmetric and {d["id"] for _, _, d in g.edges(data=True) if d["symmetric"]} == symmetric
    assert all(d["weight"] > 0 for _, _, d in g.edges(data=True))  # Gephi drops zero-weight edges


def test_graphml_opens_in_networkx_and_igraph_with_every_edge(case, tmp_path):
    store, cid = case
    FORMATS["graphml"](store, cid, tmp_path / "q.graphml")
    everything = Counter((f"e{r.subject.id}", f"e{r.object.id}") for r in store.relations(cid))
    g = nx.read_graphml(tmp_path / "q.graphml", force_multigraph=True)
    assert g.is_directed() and Counter((s, t) for s, t in g.edges()) == everything
    ig = igraph.Graph.Read_GraphML(str(tmp_path / "q.graphml"))
    assert ig.is_directed() and ig.ecount() == sum(everything.values())
    names = ig.vs["id"]
    assert Counter((names[e.source], names[e.target]) for e in ig.es) == everything
    # a denial stays a denial: flagged, never a plain tie
    denied = {f"a{r.assertion.id}" for r in store.relations(cid) if r.assertion.modality == "denied"}
    flagged = {d["assertion"] for _, _, d in g.edges(data=True) if d.get("denied")}
    assert denied and flagged == denied
    assert all(isinstance(d["score"], float) for _, _, d in g.edges(data=True) if "score" in d)


def test_csv_edges_open_in_gephi_columns_pandas_and_igraph(case, tmp_path):
    store, cid = case
    FORMATS["csv"](store, cid, tmp_path / "t.zip")
    zf = zipfile.ZipFile(tmp_path / "t.zip")
    nodes = pd.read_csv(io.BytesIO(zf.read("nodes.csv")), dtype=str, keep_default_na=False)
    edges = pd.read_csv(io.BytesIO(zf.read("edges.csv")), keep_default_na=False)
    assert list(nodes.columns[:2]) == ["Id", "Label"]
    assert list(edges.columns[:6]) == ["Source", "Target", "Type", "Id", "Label", "Weight"]
    assert set(edges["Type"]) == {"Directed"}
    assert edges["Weight"].dtype == float and (edges["Weight"] > 0).all()
    got = Counter(zip(edges["Source"], edges["Target"], edges["Id"]))
    assert got == _ties(store, cid)
    g = igraph.Graph.DataFrame(
        edges[["Source", "Target"]], directed=True, vertices=nodes[["Id"]], use_vids=False
    )
    assert g.ecount() == sum(got.values()) and g.vcount() == len(store.entities(cid))


def test_csv_guard_leaves_numbers_and_plain_text_for_pandas(store, tmp_path):
    case = store.ensure_case("g")
    text = "-The Unit is led by -0.25. =1+1"
    src = store.add_source(case, Source(text=text, key="s1"))
    a = store.add_entity(case, Entity("person", "-0.25"))
    b = store.add_entity(case, Entity("organization", "-The Unit", aliases=["+cmd|' /C calc'!A0"]))
    store.add_assertion(
        case,
        Assertion(
            a, "leads", b, evidence=[Evidence(src, 0, len(text))], status="accepted", attribution="=SUM(A1)"
        ),
    )
    FORMATS["csv"](store, case, tmp_path / "g")
    nodes = pd.read_csv(tmp_path / "g" / "nodes.csv", dtype=str, keep_default_na=False)
    assert sorted(nodes["Label"]) == ["-0.25", "-The Unit"]  # values as they are, no quote added
    assert json.loads(nodes.loc[nodes["Label"] == "-The Unit", "aliases"].item()) == ["+cmd|' /C calc'!A0"]
    edges = pd.read_csv(tmp_path / "g" / "edges.csv", dtype=str, keep_default_na=False)
    assert edges["attribution"].item() == "'=SUM(A1)"  # a real formula is still guarded
    assert edges["evidence"].item() == text  # starts with "-The", plain text


def test_dynetml_follows_ora_one_link_per_cell(case, tmp_path):
    store, cid = case
    FORMATS["dynetml"](store, cid, tmp_path / "q.xml")
    root = etree.parse(str(tmp_path / "q.xml")).getroot()
    classes = {nc.get("type"): nc for nc in root.iter("nodeclass")}
    assert set(classes) <= {"Agent", "Organization", "Location", "Event"} and "Agent" in classes
    for nc in classes.values():
        declared = {p.get("id") for p in nc.iter("propertyIdentity")}
        used = {p.get("id") for p in nc.iter("property")}
        assert used and used <= declared
    cells = Counter()
    weights = {m: store.schema.modalities[m].weight for m in store.schema.modalities}
    strongest = {}
    for r in store.relations(cid):
        if r.assertion.modality != "denied":
            key = (r.type, f"e{r.subject.id}", f"e{r.object.id}")
            strongest[key] = max(strongest.get(key, 0.0), weights[r.assertion.modality])
    for net in root.iter("network"):
        pred = net.get("id").split(" (")[0]
        for link in net.findall("link"):
            cells[(pred, link.get("source"), link.get("target"))] += 1
            assert float(link.get("value")) == strongest[(pred, link.get("source"), link.get("target"))]
    assert max(cells.values()) == 1 and set(cells) == set(strongest)


def _denial_store(store):
    """One pair with an asserted and a denied relation of the same type, one pair only denied."""
    case = store.ensure_case("den")
    text = "Ali leads the Unit. Ali does not lead the Guard. Sources deny Ali leads the Unit."
    src = store.add_source(case, Source(text=text, key="s1"))
    ali = store.add_entity(case, Entity("person", "Ali"))
    unit = store.add_entity(case, Entity("organization", "The Unit"))
    guard = store.add_entity(case, Entity("organization", "The Guard"))

    def span(sentence):
        return [Evidence(src, text.index(sentence), text.index(sentence) + len(sentence))]

    store.add_assertion(
        case, Assertion(ali, "leads", unit, evidence=span("Ali leads the Unit."), status="accepted")
    )
    store.add_assertion(
        case,
        Assertion(
            ali,
            "leads",
            guard,
            evidence=span("Ali does not lead the Guard."),
            modality="denied",
            status="accepted",
        ),
    )
    store.add_assertion(
        case,
        Assertion(
            ali,
            "leads",
            unit,
            evidence=span("Sources deny Ali leads the Unit."),
            modality="denied",
            status="accepted",
        ),
    )
    return case, f"e{ali}", f"e{unit}", f"e{guard}"


def test_denials_never_become_ties_in_any_format(store, tmp_path):
    case, ali, unit, guard = _denial_store(store)
    notes = {}
    for fmt, name in [
        ("gexf", "d.gexf"),
        ("dynetml", "d.xml"),
        ("ftm", "d.jsonl"),
        ("csv", "d_csv"),
        ("neo4j", "d.cypher"),
        ("graphml", "d.graphml"),
    ]:
        notes[fmt] = FORMATS[fmt](store, case, tmp_path / name) or []
    for fmt in ("gexf", "dynetml", "ftm", "csv", "neo4j"):
        assert any("2 denied relations" in n for n in notes[fmt]), (fmt, notes[fmt])
    g = nx.read_gexf(tmp_path / "d.gexf")
    assert list(g.edges()) == [(ali, unit)]
    links = etree.parse(str(tmp_path / "d.xml")).getroot().findall(".//link")
    assert [(x.get("source"), x.get("target"), x.get("value")) for x in links] == [(ali, unit, "1.0")]
    ftm = [json.loads(line) for line in (tmp_path / "d.jsonl").read_text().splitlines()]
    assert [e["schema"] for e in ftm if e["schema"] == "Directorship"] == ["Directorship"]
    edges = list(csv.DictReader((tmp_path / "d_csv" / "edges.csv").open(newline="")))
    assert [(e["Source"], e["Target"]) for e in edges] == [(ali, unit)]
    assert (tmp_path / "d.cypher").read_text().count("MERGE (a)-[r:") == 1
    gm = nx.read_graphml(tmp_path / "d.graphml", force_multigraph=True)
    assert sorted((s, t, d["denied"]) for s, t, d in gm.edges(data=True)) == sorted(
        [(ali, unit, False), (ali, guard, True), (ali, unit, True)]
    )


@pytest.mark.parametrize(
    "fmt,name,ns",
    [("graphml", "c.graphml", "graphml"), ("gexf", "c.gexf", "gexf-1.3"), ("dynetml", "c.xml", None)],
)
def test_xml_exports_remove_control_characters_and_name_the_record(store, tmp_path, fmt, name, ns):
    case = store.ensure_case("ctl")
    text = "Ali\x0bleads the\x0cUnit."
    src = store.add_source(case, Source(text=text, key="s1"))
    a = store.add_entity(case, Entity("person", "Ali\x0bReza"))
    b = store.add_entity(case, Entity("organization", "The Unit"))
    store.add_assertion(
        case,
        Assertion(
            a,
            "leads",
            b,
            evidence=[Evidence(src, 0, len(text))],
            status="accepted",
            attribution="said\x0c so",
        ),
    )
    notes = FORMATS[fmt](store, case, tmp_path / name)
    data = (tmp_path / name).read_bytes()
    assert b"\x0b" not in data and b"\x0c" not in data
    assert any(n.startswith(f"entity e{a} ") and "U+000B" in n for n in notes), notes
    if ns:
        assert validate(data, ns) == []
    if fmt == "graphml":  # the source text travels as JSON (\u000b escapes), so evidence stays exact
        g = nx.read_graphml(tmp_path / name)
        assert json.loads(g.graph["sources"])[0]["text"] == text
        assert any(n.startswith("relation a") and "attribution" in n for n in notes), notes


def test_export_cli_prints_the_notes(qods_db, tmp_path):
    from typer.testing import CliRunner

    from orgmap.cli import app

    result = CliRunner().invoke(
        app, ["export", "--db", str(qods_db), "--format", "gexf", "--out", str(tmp_path / "q.gexf")]
    )
    assert result.exit_code == 0, result.output
    assert "3 denied relations left out of the GEXF export" in result.output


def test_shipped_case_attributes_have_no_junk_keys(case, tmp_path):
    """An unquoted YAML flow mapping once split one value into keys ("individuals": null)."""
    store, cid = case
    for e in store.entities(cid):
        assert all(v is not None for v in e.attributes.values()), (e.name, e.attributes)
    net = store.find_entity(cid, "Soleimani’s secret networks")
    assert net.attributes == {
        "kind": "population",
        "composition": "thousands of companies, individuals, and small groups",
    }

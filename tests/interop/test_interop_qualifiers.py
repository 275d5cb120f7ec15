"""Relation qualifiers through every format: case files, GraphML, GEXF, CSV, Neo4j, JSON and FtM.

FtM is checked with the reference library (``followthemoney``, in the test extra): a
family tie is a ``Family``, an owner an ``Ownership`` owner, a director a ``Directorship``.
"""

from __future__ import annotations

import csv
import json
import zipfile

import pytest
from lxml import etree

from orgmap.casefile import CaseError, load_case
from orgmap.casefile.export import write_case_dir
from orgmap.exports import FORMATS
from orgmap.exports.gexf import gexf_bytes
from orgmap.exports.neo4j import cypher_script
from orgmap.exports.snapshot import take_snapshot
from orgmap.imports import import_file
from orgmap.model import Assertion, Entity, Evidence, Source
from orgmap.store import Store

TEXT = (
    "Ana Díaz and her brother Bo Díaz run Acme Holdings. Ana Díaz owns Acme Holdings. "
    "Carl Roe, a business associate of Bo Díaz, directs Acme Shipping for Acme Holdings. "
    "Dan Poe knows Carl Roe. The Acme Audit Unit is a unit of Acme Holdings."
)

# (subject, type, qualifier, object, quote)
TIES = [
    ("Ana Díaz", "personal_tie", "family", "Bo Díaz", "Ana Díaz and her brother Bo Díaz"),
    ("Ana Díaz", "manages", "ownership", "Acme Holdings", "Ana Díaz owns Acme Holdings"),
    ("Carl Roe", "personal_tie", "associate", "Bo Díaz", "Carl Roe, a business associate of Bo Díaz"),
    ("Acme Holdings", "manages", "direction", "Acme Shipping", "directs Acme Shipping for Acme Holdings"),
    ("Dan Poe", "personal_tie", None, "Carl Roe", "Dan Poe knows Carl Roe"),
    ("Acme Audit Unit", "part_of", None, "Acme Holdings", "The Acme Audit Unit is a unit of Acme Holdings"),
]


@pytest.fixture
def qualified(store):
    case = store.ensure_case("q")
    src = store.add_source(case, Source(text=TEXT, key="doc", title="doc"))
    ids = {}
    for name, etype in [
        ("Ana Díaz", "person"),
        ("Bo Díaz", "person"),
        ("Carl Roe", "person"),
        ("Dan Poe", "person"),
        ("Acme Holdings", "organization"),
        ("Acme Shipping", "organization"),
        ("Acme Audit Unit", "organization"),
    ]:
        ids[name] = store.add_entity(case, Entity(etype, name))
    for subject, rtype, qualifier, obj, quote in TIES:
        start = TEXT.index(quote)
        store.add_assertion(
            case,
            Assertion(
                ids[subject],
                rtype,
                ids[obj],
                evidence=[Evidence(src, start, start + len(quote))],
                status="accepted",
                qualifier=qualifier,
            ),
        )
    return store, case


def _ties(store, case):
    return sorted(
        ((r.subject.name, r.type, r.assertion.qualifier, r.object.name) for r in store.relations(case)),
        key=repr,
    )


EXPECTED = sorted(((s, t, q, o) for s, t, q, o, _ in TIES), key=repr)


def test_the_fixture_stores_the_qualifiers(qualified):
    assert _ties(*qualified) == EXPECTED


@pytest.mark.parametrize("fmt,name", [("graphml", "q.graphml"), ("csv", "q.zip"), ("ftm", "q.ftm.jsonl")])
def test_import_restores_the_qualifiers(qualified, tmp_path, fmt, name):
    store, case = qualified
    FORMATS[fmt](store, case, tmp_path / name, status=None)
    import_file(store, tmp_path / name, case="back", status="accepted")
    assert _ties(store, store.case_id("back")) == EXPECTED


def test_the_case_file_round_trips_the_qualifiers(qualified, tmp_path):
    store, case = qualified
    path = write_case_dir(store, case, tmp_path / "case")
    assert path.read_text(encoding="utf-8").count("qualifier: ") == 4
    again = Store.open(str(tmp_path / "again.db"), create=True)
    load_case(again, tmp_path / "case")
    assert _ties(again, again.default_case()) == EXPECTED


def test_a_case_file_qualifier_the_type_does_not_allow_is_one_line_naming_the_allowed(qualified, tmp_path):
    store, case = qualified
    path = write_case_dir(store, case, tmp_path / "case")
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("qualifier: family", "qualifier: cousin", 1), encoding="utf-8")
    with pytest.raises(CaseError) as info:
        load_case(Store.open(":memory:"), tmp_path / "case")
    message = str(info.value)
    assert "\n" not in message
    assert "personal_tie has no qualifier 'cousin'; allowed: family, associate" in message
    line = text[: text.index("qualifier: family")].count("\n")  # the relation's first line is above it
    assert info.value.line is not None and info.value.line <= line


def _ftm(store, case, tmp_path):
    FORMATS["ftm"](store, case, tmp_path / "q.jsonl")
    return [json.loads(line) for line in (tmp_path / "q.jsonl").read_text(encoding="utf-8").splitlines()]


def test_ftm_schemata_follow_the_qualifiers_and_the_library_accepts_them(qualified, tmp_path):
    ftm = pytest.importorskip("followthemoney", reason="followthemoney is in the test extra")
    store, case = qualified
    entities = _ftm(store, case, tmp_path)
    proxies = {e["id"]: ftm.model.get_proxy(e, cleaned=False) for e in entities}
    name = {i: p.first("name") for i, p in proxies.items() if p.schema.is_a("LegalEntity")}
    links = set()
    for p in proxies.values():
        if p.schema.name in {"Family", "Associate", "Ownership", "Directorship", "UnknownLink"}:
            # the library reads the ends through its own edge definition of the schema
            source, target = p.schema.edge_source, p.schema.edge_target
            links.add((p.schema.name, name[p.first(source)], name[p.first(target)]))
            if p.schema.name == "Family":
                assert p.get("relationship") == ["family"]
    assert links == {
        ("Family", "Ana Díaz", "Bo Díaz"),
        ("Ownership", "Ana Díaz", "Acme Holdings"),  # the owner manages what it owns
        ("Associate", "Carl Roe", "Bo Díaz"),
        ("Directorship", "Acme Holdings", "Acme Shipping"),
        ("Associate", "Dan Poe", "Carl Roe"),  # an unqualified personal_tie keeps the type's schema
        # part_of: the whole would own the part, but an Organization is no FtM Asset
        ("UnknownLink", "Acme Audit Unit", "Acme Holdings"),
    }
    schema_of = {p.first("name"): p.schema.name for p in proxies.values() if p.schema.is_a("LegalEntity")}
    assert schema_of["Acme Holdings"] == "Company"  # owned: FtM's Organization that can be an asset
    assert schema_of["Acme Shipping"] == "Organization"


def test_graph_and_table_formats_carry_the_qualifier(qualified, tmp_path):
    store, case = qualified
    FORMATS["csv"](store, case, tmp_path / "t.zip")
    zf = zipfile.ZipFile(tmp_path / "t.zip")
    for table in ("assertions.csv", "edges.csv"):
        rows = list(csv.DictReader(zf.read(table).decode("utf-8").splitlines()))
        assert sorted(r["qualifier"] for r in rows) == [
            "",
            "",
            "associate",
            "direction",
            "family",
            "ownership",
        ]
    root = etree.fromstring(gexf_bytes(store, case))
    ns = {"g": "http://gexf.net/1.3"}
    attr = root.find(".//g:attributes[@class='edge']/g:attribute[@title='qualifier']", ns).get("id")
    values = [v.get("value") for v in root.iterfind(f".//g:attvalue[@for='{attr}']", ns)]
    assert sorted(values) == ["associate", "direction", "family", "ownership"]
    script = cypher_script(store, take_snapshot(store, case))
    assert script.count("r.`qualifier` = 'family'") == 1 and script.count("r.`qualifier` = ") == 4
    model = json.loads(
        (FORMATS["json"](store, case, tmp_path / "m.json"), tmp_path / "m.json")[1].read_text()
    )
    assert sorted(str(r["qualifier"]) for r in model["relations"]) == [
        "None",
        "None",
        "associate",
        "direction",
        "family",
        "ownership",
    ]


def test_a_csv_export_from_before_qualifiers_still_imports(qualified, tmp_path):
    store, case = qualified
    FORMATS["csv"](store, case, tmp_path / "old", status=None)
    path = tmp_path / "old" / "assertions.csv"
    rows = list(csv.DictReader(path.open(newline="", encoding="utf-8")))
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, [c for c in rows[0] if c != "qualifier"], extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
    import_file(store, tmp_path / "old", case="old", status="accepted")
    assert _ties(store, store.case_id("old")) == sorted(
        ((s, t, None, o) for s, t, _, o in EXPECTED), key=repr
    )

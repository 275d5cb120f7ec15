"""The Cypher export executed, not only parsed: twice, in Kuzu, an embedded openCypher engine.

Kuzu is schema-first, so the test declares the tables (from the vocabulary, independently
of the exporter) and leaves out the statements Kuzu has no equivalent for: Neo4j's two
``CREATE CONSTRAINT`` lines and the ``SET n:Label`` label statements. Every other
statement - every MERGE of a source, an entity and a relationship - runs as written.
"""

from __future__ import annotations

import json
import re

import pytest

from orgmap.exports import FORMATS
from orgmap.model import Assertion, Entity, Evidence, Source

kuzu = pytest.importorskip("kuzu", reason="kuzu is in the test extra")

TEXT = [
    "key",
    "layer",
    "modality",
    "attribution",
    "reliability",
    "credibility",
    "grade",
    "status",
    "qualifier",
    "valid_from_bound",
    "valid_to_bound",
    "valid_text",
    "origin",
    "case_name",
    "evidence",
]
SOURCE = [
    "title",
    "author",
    "publisher",
    "published",
    "origin",
    "kind",
    "reliability",
    "media_type",
    "sha256",
    "text",
]


def _database(schema):
    db = kuzu.Database(":memory:")
    conn = kuzu.Connection(db)
    conn.execute(
        "CREATE NODE TABLE Entity(id STRING, name STRING, type STRING, aliases STRING, "
        "case_name STRING, PRIMARY KEY(id))"
    )
    conn.execute(
        "CREATE NODE TABLE Source(key STRING, "
        + ", ".join(f"{c} STRING" for c in SOURCE)
        + ", PRIMARY KEY(key))"
    )
    for name in schema.relation_types:
        conn.execute(
            f"CREATE REL TABLE {name.upper()}(FROM Entity TO Entity, assertion STRING, "
            + ", ".join(f"{c} STRING" for c in TEXT)
            + ", valid_from DATE, valid_to DATE, weight DOUBLE)"
        )
    return db, conn


def _run(conn, statements):
    for stmt in statements:
        conn.execute(stmt)
    count = lambda q: conn.execute(q).get_next()[0]
    return (
        count("MATCH (n:Entity) RETURN count(*)"),
        count("MATCH (s:Source) RETURN count(*)"),
        count("MATCH ()-[r]->() RETURN count(*)"),
    )


def _portable(statements):
    neo4j_only = [s for s in statements if s.startswith("CREATE CONSTRAINT") or re.search(r" SET n:`", s)]
    return [s for s in statements if s not in neo4j_only], neo4j_only


def test_cypher_script_runs_twice_in_kuzu_with_the_same_graph(qods_store, tmp_path, schema, split_cypher):
    store, cid = qods_store, qods_store.case_id("qods-force")
    FORMATS["neo4j"](store, cid, tmp_path / "load.cypher")
    statements, neo4j_only = _portable(split_cypher((tmp_path / "load.cypher").read_text()))
    assert len(neo4j_only) == 2 + len(store.entities(cid))
    _db, conn = _database(schema)
    ties = [r for r in store.relations(cid) if r.assertion.modality != "denied"]
    expected = (len(store.entities(cid)), len(store.sources(cid)), len(ties))
    assert _run(conn, statements) == expected
    assert _run(conn, statements) == expected  # idempotent: MERGE on stable keys
    got = conn.execute(
        "MATCH (a:Entity)-[r:SUCCEEDED]->(b:Entity) RETURN a.name, b.name, r.valid_from"
    ).get_next()
    rel = next(r for r in ties if r.type == "succeeded")
    assert got == [rel.subject.name, rel.object.name, rel.assertion.valid_from]


def test_cypher_strings_survive_execution_exactly(store, tmp_path, schema, split_cypher):
    case = store.ensure_case("h")
    text = 'It\'s \\\\ a "quote";\nnew line\tand tab; U+2028:\u2028 end // not a comment'
    src = store.add_source(case, Source(text=text, key="s'1"))
    a = store.add_entity(case, Entity("person", "O'Brien \\ Jr.", aliases=["Ali;\n'x'"]))
    b = store.add_entity(case, Entity("organization", "Unit"))
    store.add_assertion(
        case, Assertion(a, "leads", b, evidence=[Evidence(src, 0, len(text))], status="accepted")
    )
    FORMATS["neo4j"](store, case, tmp_path / "h.cypher")
    statements, _ = _portable(split_cypher((tmp_path / "h.cypher").read_text()))
    _db, conn = _database(schema)
    assert _run(conn, statements) == (2, 1, 1)
    assert conn.execute("MATCH (s:Source) RETURN s.text, s.key").get_next() == [text, "h:s'1"]
    name, aliases = conn.execute(
        "MATCH (n:Entity) WHERE n.type = 'person' RETURN n.name, n.aliases"
    ).get_next()
    assert name == "O'Brien \\ Jr." and json.loads(aliases) == ["Ali;\n'x'"]
    [span] = json.loads(conn.execute("MATCH ()-[r:LEADS]->() RETURN r.evidence").get_next()[0])
    assert span["quote"] == text


def test_cypher_and_neo4j_admin_paths_store_the_same_properties(qods_store, tmp_path, split_cypher):
    import csv

    store, cid = qods_store, qods_store.case_id("qods-force")
    steer = store.relations(cid, types=["manages"])[0].assertion.id  # a property only some ties carry
    store.edit_assertion(steer, qualifier="direction", who="t")
    FORMATS["neo4j"](store, cid, tmp_path / "neo")
    rels = list(csv.DictReader((tmp_path / "neo" / "relationships.csv").open(newline="", encoding="utf-8")))
    ents = list(csv.DictReader((tmp_path / "neo" / "entities.csv").open(newline="", encoding="utf-8")))
    script = split_cypher((tmp_path / "neo" / "load.cypher").read_text())
    merges = " ".join(s for s in script if "MERGE (a)" in s)
    rel_props = set(re.findall(r"r\.`(\w+)` = ", merges)) | {"assertion"}
    admin_props = {h.split(":")[0] for h in rels[0] if not h.startswith(":")}
    assert rel_props == admin_props
    ent_props = set(re.findall(r"n\.`(\w+)` = ", " ".join(s for s in script if s.startswith("MERGE (n"))))
    assert ent_props == {h.split(":")[0] for h in ents[0] if not h.startswith(":")} - {"id"}
    assert all(isinstance(json.loads(e["aliases"]), list) for e in ents)  # one representation: JSON in both
    # Community's default database, the only one it serves
    assert "import full neo4j " in (tmp_path / "neo" / "import.sh").read_text()

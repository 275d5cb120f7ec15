"""Open valid-time bounds ("after X", "before Y") through the graph and table formats.

A tie that began some time after the succession must not come back from an export as
beginning on that day: GraphML and the CSV tables carry both marks and import them back;
GEXF, the Cypher script and the JSON model carry them as attributes.
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from datetime import date

import pytest
from lxml import etree

from orgmap.exports import FORMATS
from orgmap.exports.gexf import gexf_bytes
from orgmap.exports.neo4j import cypher_script
from orgmap.exports.snapshot import take_snapshot
from orgmap.imports import import_file
from orgmap.imports.bundle import ImportFailed
from orgmap.model import Assertion, Entity, Evidence, Source
from orgmap.store import Store

TEXT = "Nils New leads Harbour Union since the handover. Olga Old led Harbour Union until recently."
EXPECTED = [
    ("Nils New", "leads", "Harbour Union", date(2020, 1, 3), "after", None, ""),
    ("Olga Old", "leads", "Harbour Union", None, "", date(2024, 12, 31), "before"),
]


@pytest.fixture
def bounded():
    store = Store.open(":memory:")
    case = store.ensure_case("bounds")
    src = store.add_source(case, Source(text=TEXT, key="note"))
    ids = {
        n: store.add_entity(case, Entity(t, n)) for t, n in [("person", "Nils New"), ("person", "Olga Old")]
    }
    ids["Harbour Union"] = store.add_entity(case, Entity("organization", "Harbour Union"))
    for (who, rtype, what, start, start_bound, end, end_bound), quote in zip(
        EXPECTED, ["Nils New leads Harbour Union", "Olga Old led Harbour Union"]
    ):
        at = TEXT.index(quote)
        store.add_assertion(
            case,
            Assertion(
                ids[who],
                rtype,
                ids[what],
                status="accepted",
                evidence=[Evidence(src, at, at + len(quote))],
                valid_from=start,
                valid_from_bound=start_bound,
                valid_to=end,
                valid_to_bound=end_bound,
            ),
        )
    return store, case


def _ties(store, case):
    return sorted(
        (
            r.subject.name,
            r.type,
            r.object.name,
            r.assertion.valid_from,
            r.assertion.valid_from_bound,
            r.assertion.valid_to,
            r.assertion.valid_to_bound,
        )
        for r in store.relations(case)
    )


def test_the_fixture_stores_the_bounds(bounded):
    assert _ties(*bounded) == EXPECTED


@pytest.mark.parametrize("fmt,name", [("graphml", "b.graphml"), ("csv", "b.zip")])
def test_import_restores_the_bounds(bounded, tmp_path, fmt, name):
    store, case = bounded
    FORMATS[fmt](store, case, tmp_path / name, status=None)
    import_file(store, tmp_path / name, case="back", status="accepted")
    assert _ties(store, store.case_id("back")) == EXPECTED


def test_graph_and_script_formats_carry_the_bounds(bounded, tmp_path):
    store, case = bounded
    root = etree.fromstring(gexf_bytes(store, case))
    ns = {"g": "http://gexf.net/1.3"}
    attr = root.find(".//g:attributes[@class='edge']/g:attribute[@title='valid_from_bound']", ns).get("id")
    values = sorted(v.get("value") for v in root.iterfind(f".//g:attvalue[@for='{attr}']", ns))
    assert values == ["after"]  # an empty mark is not written
    script = cypher_script(store, take_snapshot(store, case))
    assert script.count("r.`valid_from_bound` = 'after'") == 1
    assert script.count("r.`valid_to_bound` = 'before'") == 1
    FORMATS["json"](store, case, tmp_path / "m.json", status=None)
    model = json.loads((tmp_path / "m.json").read_text(encoding="utf-8"))
    assert sorted((r["valid_from_bound"], r["valid_to_bound"]) for r in model["relations"]) == [
        ("", "before"),
        ("after", ""),
    ]


def test_a_bad_bound_in_a_table_is_one_line_naming_the_file_and_line(bounded, tmp_path):
    store, case = bounded
    FORMATS["csv"](store, case, tmp_path / "b.zip", status=None)
    with zipfile.ZipFile(tmp_path / "b.zip") as z:
        files = {n: z.read(n).decode("utf-8") for n in z.namelist()}
    name = next(n for n in files if n.endswith("assertions.csv"))
    rows = list(csv.DictReader(io.StringIO(files[name])))
    rows[0]["valid_from_bound"] = "sometime"
    out = io.StringIO()
    writer = csv.DictWriter(out, list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    files[name] = out.getvalue()
    with zipfile.ZipFile(tmp_path / "bad.zip", "w") as z:
        for n, text in files.items():
            z.writestr(n, text)
    with pytest.raises(ImportFailed, match=r"line 2.*valid_from_bound 'sometime' is not one of"):
        import_file(store, tmp_path / "bad.zip", case="bad", status="accepted")

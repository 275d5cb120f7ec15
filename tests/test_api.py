"""The Python API (``import orgmap``): opening, the case lookup, reads, analyses, exports.

References are independent of the API: the published counts of the Qods Force case
(README), NetworkX on an edge list built from the records, the CLI's own ``--json``.
"""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date

import networkx as nx
import pytest

import orgmap
from orgmap.store import StoreError, StoreMissing


def cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "orgmap", *args],
        capture_output=True,
        text=True,
        timeout=300,
        env={"COLUMNS": "200", "PATH": "/usr/bin:/bin", "ORGMAP_USER": "tester"},
    )


@pytest.fixture
def qods(qods_db):
    with orgmap.open(qods_db) as om:
        yield om.case("qods-force")


def test_open_refuses_to_create_a_store_on_a_mistyped_path(tmp_path):
    path = tmp_path / "orgmpa.db"
    with pytest.raises(StoreMissing) as exc:
        orgmap.open(path)
    message = str(exc.value)
    assert str(path) in message and "create=True" in message and "\n" not in message
    assert not path.exists()
    with orgmap.open(path, create=True) as om:
        assert om.cases() == []
    assert path.exists()


def test_read_command_on_a_missing_store_says_what_to_do(tmp_path):
    path = tmp_path / "typo.db"
    run = cli("entities", "--db", str(path))
    assert run.returncode == 1
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1 and "typo.db" in lines[0] and "orgmap demo" in lines[0]
    assert not path.exists()


def test_one_case_lookup_by_name_or_id(qods_db):
    with orgmap.open(qods_db) as om:
        by_name = om.case("qods-force")
        assert om.case(by_name.id).name == "qods-force"
        assert om.case().id == by_name.id  # the first (only) case
        assert [c.name for c in om.cases()] == ["qods-force"]
        with pytest.raises(StoreError, match=r"no case called 'qods' in the store \(cases: qods-force\)"):
            om.case("qods")
        with pytest.raises(StoreError, match="no case #99"):
            om.case(99)


def test_counts_are_the_published_ones(qods):
    # README: "entities: 35 organization, 19 person, 9 place, 8 event" and
    # "relations by layer: 63 formal, 24 event, 21 adversarial, 17 informal"
    assert qods.entities_frame()["type"].value_counts().to_dict() == {
        "organization": 35,
        "person": 19,
        "place": 9,
        "event": 8,
    }
    assert qods.relations_frame()["layer"].value_counts().to_dict() == {
        "formal": 63,
        "event": 24,
        "adversarial": 21,
        "informal": 17,
    }
    assert len(qods.entities("person")) == 19
    assert qods.entity("Qaani").name == "Esmail Qaani"


def test_as_of_keeps_what_held_on_that_date(qods):
    every = qods.relations_frame("informal")
    then = qods.as_of("2019").relations_frame("informal")
    day = date(2019, 12, 31)
    expected = {
        i
        for i, r in every.iterrows()
        if (r.valid_from is None or r.valid_from <= day) and (r.valid_to is None or r.valid_to >= day)
    }
    assert set(then.index) == expected
    assert 0 < len(then) < len(every)
    assert qods.as_of(date(2019, 12, 31)).date == qods.as_of("2019").date == day


def test_reads_are_what_the_cli_prints(qods_db, qods):
    run = cli("relations", "--db", str(qods_db), "--layer", "informal", "--as-of", "2024", "--json")
    assert run.returncode == 0, run.stderr
    api = json.loads(json.dumps(qods.as_of("2024").relation_records("informal"), default=str))
    assert json.loads(run.stdout) == api
    run = cli("entities", "--db", str(qods_db), "--type", "place", "--json")
    assert json.loads(run.stdout) == qods.entity_records("place")


def test_analysis_matches_networkx(qods):
    found = qods.analyze("informal", measures=["betweenness", "degree"])
    edges = qods.relations_frame("informal")
    kept = edges[edges["modality"] != "denied"]  # the view leaves denied ties out
    graph = nx.Graph()
    graph.add_edges_from(zip(kept["source"], kept["target"]))
    frame = found.frame()
    assert set(frame.index) == set(graph)
    reference = nx.betweenness_centrality(graph)
    for actor, value in reference.items():
        assert frame.loc[actor, "betweenness"] == pytest.approx(value, abs=1e-9)
    assert frame.loc["Qasem Soleimani", "degree"] == pytest.approx(
        nx.degree_centrality(graph)["Qasem Soleimani"]
    )
    assert found.to_dict()["betweenness"] == frame["betweenness"].to_dict()


def test_analyses_are_what_the_cli_prints(qods_db, qods):
    args = ("--db", str(qods_db), "--json")
    run = cli("whatif", "remove-soleimani", "--samples", "5", *args)
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout) == json.loads(
        json.dumps(qods.whatif("remove-soleimani", samples=5), default=str)
    )
    run = cli("keyplayers", "--k", "2", "--layer", "informal", *args)
    assert json.loads(run.stdout) == qods.keyplayers(2, layer="informal")
    run = cli("hypotheses", "score", "--sensitivity", *args)
    assert json.loads(run.stdout) == json.loads(json.dumps(qods.hypotheses(sensitivity=True), default=str))
    run = cli("corroboration", "--min", "2", *args)
    assert json.loads(run.stdout) == qods.corroboration(2)
    run = cli("grade", "--assertions", *args)
    assert json.loads(run.stdout) == qods.grades(assertions=True)
    run = cli("analyze", "--layer", "formal", *args)
    assert json.loads(run.stdout) == json.loads(json.dumps(qods.analyze("formal").to_dict()))
    run = cli(
        "analyze", "-m", "betweenness", "--samples", "30", "--until-stable", "0.5", "--seed", "2", *args
    )
    sampled = qods.analyze(measures=["betweenness"], samples=30, until_stable=0.5, seed=2).to_dict()
    assert json.loads(run.stdout) == json.loads(json.dumps(sampled))
    assert sampled["samples"] < 30  # stopped early, and says so


def test_simulate_a_shipped_scenario(qods):
    result = qods.simulate("succession", runs=8, seed=3)
    assert result.runs == 8 and result.scenario.seed == 3
    again = qods.simulate("succession", runs=8, seed=3)
    assert result.to_frame().equals(again.to_frame())  # same seed, same numbers
    with pytest.raises(ValueError, match=r"no scenario file 'no-such' \(shipped scenarios: .*succession"):
        qods.simulate("no-such")


def test_export_returns_the_text_the_cli_writes(qods_db, qods, tmp_path):
    run = cli("export", "--format", "gexf", "--db", str(qods_db))
    assert run.returncode == 0, run.stderr
    assert qods.export("gexf") == run.stdout
    assert qods.export("json", tmp_path / "m.json") == []
    assert json.loads((tmp_path / "m.json").read_text()) == json.loads(qods.export("json"))
    with pytest.raises(ValueError, match="unknown format 'pdf'"):
        qods.export("pdf")


def _memo_store(path, text):
    from orgmap.model import Source

    om = orgmap.open(str(path), create=True)
    case = om.create_case("memo")
    om.store.add_source(case.id, Source(text=text, title="memo.txt", key="memo"))
    return om, case


def test_adding_by_hand_is_what_the_cli_add_stores(tmp_path):
    text = "Omar Saleh reports to Ali Reza. Ali Reza and his brother Sami Reza run Harbour Union."
    om, case = _memo_store(tmp_path / "api.db", text)
    for name in ("Omar Saleh", "Ali Reza", "Sami Reza"):
        case.add_entity("person", case.quote("memo", name, occurrence=1), who="ann")
    case.add_relation(
        "Omar Saleh",
        "reports_to",
        "Ali Reza",
        case.quote("memo", "Omar Saleh reports to Ali Reza"),
        valid_from="after 2020-01-03",
        who="ann",
        why="the memo",
    )
    case.add_relation(
        "Ali Reza",
        "personal_tie",
        "Sami Reza",
        case.quote("memo", "Ali Reza and his brother Sami Reza"),
        qualifier="family",
        who="ann",
    )
    got = json.loads(json.dumps(case.relation_records(), default=str))  # as --json prints dates
    om.close()
    # the same additions through the command line, into a second store
    om2, _ = _memo_store(tmp_path / "cli.db", text)
    om2.close()
    db = str(tmp_path / "cli.db")
    for name in ("Omar Saleh", "Ali Reza", "Sami Reza"):
        assert (
            cli(
                "add",
                "entity",
                "person",
                "--doc",
                "memo",
                "--quote",
                name,
                "--occurrence",
                "1",
                "--db",
                db,
                "--who",
                "ann",
            ).returncode
            == 0
        )
    assert (
        cli(
            "add",
            "relation",
            "Omar Saleh",
            "reports_to",
            "Ali Reza",
            "--doc",
            "memo",
            "--quote",
            "Omar Saleh reports to Ali Reza",
            "--from",
            "after 2020-01-03",
            "--db",
            db,
            "--who",
            "ann",
            "--why",
            "the memo",
        ).returncode
        == 0
    )
    assert (
        cli(
            "add",
            "relation",
            "Ali Reza",
            "personal_tie",
            "Sami Reza",
            "--doc",
            "memo",
            "--quote",
            "Ali Reza and his brother Sami Reza",
            "--qualifier",
            "family",
            "--db",
            db,
            "--who",
            "ann",
        ).returncode
        == 0
    )
    want = json.loads(cli("relations", "--db", db, "--json").stdout)
    drop = ("assertion_id", "supersedes", "superseded_by")
    assert [{k: v for k, v in r.items() if k not in drop} for r in got] == [
        {k: v for k, v in r.items() if k not in drop} for r in want
    ]
    assert {(r["type"], r["qualifier"], r["valid_from_bound"]) for r in got} == {
        ("reports_to", None, "after"),
        ("personal_tie", "family", ""),
    }

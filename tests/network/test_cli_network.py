"""analyze, keyplayers and whatif end to end through the real entry point."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pytest


def orgmap(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "orgmap", *args],
        capture_output=True,
        text=True,
        timeout=120,
        env={
            "COLUMNS": "200",
            "PATH": "/usr/bin:/bin",
            "ORGMAP_USER": "tester",
            **({"PYTHONPATH": os.environ["PYTHONPATH"]} if "PYTHONPATH" in os.environ else {}),
        },
    )


@pytest.fixture
def florentine_csv(tmp_path) -> Path:
    path = tmp_path / "edges.csv"
    path.write_text(
        "source,target\n" + "".join(f"{u},{v}\n" for u, v in nx.florentine_families_graph().edges())
    )
    return path


def test_analyze_json_is_keyed_by_measure_then_actor(qods_db):
    run = orgmap("analyze", "--db", str(qods_db), "--as-of", "2019-12", "--json")
    assert run.returncode == 0, run.stderr
    data = json.loads(run.stdout)
    assert {
        "degree",
        "betweenness",
        "closeness",
        "eigenvector",
        "pagerank",
        "constraint",
        "effective_size",
        "brokerage",
        "community",
        "layer_gap",
    } <= set(data)
    assert "Qasem Soleimani" in data["betweenness"] and isinstance(
        data["betweenness"]["Qasem Soleimani"], float
    )


def test_analyze_edge_list_matches_networkx_and_writes_csv(florentine_csv, tmp_path):
    out = tmp_path / "out.csv"
    run = orgmap(
        "analyze", "--edges", str(florentine_csv), "-m", "betweenness", "-m", "degree", "--csv", str(out)
    )
    assert run.returncode == 0, run.stderr
    assert "Medici" in run.stdout
    rows = {r["actor"]: r for r in csv.DictReader(io.StringIO(out.read_text()))}
    expected = nx.betweenness_centrality(nx.florentine_families_graph())
    assert float(rows["Medici"]["betweenness"]) == pytest.approx(expected["Medici"])


def test_analyze_samples_report_intervals_and_top_k(qods_db):
    args = (
        "analyze",
        "--db",
        str(qods_db),
        "-m",
        "betweenness",
        "--samples",
        "20",
        "--seed",
        "3",
        "--top-k",
        "2",
        "--json",
    )
    run = orgmap(*args)
    assert run.returncode == 0, run.stderr
    est = json.loads(run.stdout)["betweenness"]["Esmail Qaani"]
    assert set(est) == {"mean", "low", "high", "p_top"} and est["low"] <= est["mean"] <= est["high"]
    again = orgmap(*args)
    assert again.stdout == run.stdout


def test_keyplayers_on_an_edge_list(florentine_csv):
    run = orgmap("keyplayers", "--edges", str(florentine_csv), "--k", "1", "--json")
    assert run.returncode == 0, run.stderr
    data = json.loads(run.stdout)
    assert data["players"] == ["Medici"] and data["score"] == pytest.approx(0.3846, abs=1e-4)
    assert data["start"] == "exact"
    sampled = orgmap("keyplayers", "--edges", str(florentine_csv), "--k", "1", "--pivots", "5")
    assert sampled.returncode == 0 and "Medici" in sampled.stdout
    assert "top 1 by betweenness, estimated from 5 pivots" in sampled.stdout
    wrong = orgmap("keyplayers", "--edges", str(florentine_csv), "--pivots", "many")
    assert wrong.returncode == 2 and "--pivots 'many': give auto, exact or a positive number" in wrong.stderr
    too_big = orgmap("keyplayers", "--edges", str(florentine_csv), "--k", "99")
    assert (
        too_big.returncode == 1 and "k=99 must lie between 1 and the number of actors (15)" in too_big.stderr
    )


def test_whatif_shipped_scenarios_table_and_plot(qods_db, tmp_path):
    png = tmp_path / "w.png"
    run = orgmap(
        "whatif",
        "as-it-happened",
        "inherited-ties",
        "purge-old-circle",
        "--db",
        str(qods_db),
        "--plot",
        str(png),
    )
    assert run.returncode == 0, run.stderr
    for text in ("As it happened", "Successor inherits the ties", "Purge of the old circle", "F informal"):
        assert text in run.stdout
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_whatif_json_and_unknown_names(qods_db, tmp_path):
    run = orgmap("whatif", "remove-soleimani", "--db", str(qods_db), "--json")
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout)["scenarios"][0]["after"]["leader"] is None
    assert json.loads(run.stdout)["scenarios"][0]["brokerage_estimate"]["exact"] is True
    sampled = orgmap("whatif", "remove-soleimani", "--db", str(qods_db), "--pivots", "6", "--json")
    how = json.loads(sampled.stdout)["scenarios"][0]["brokerage_estimate"]["how"]
    assert sampled.returncode == 0 and how.startswith("estimated from 6 pivots, ±")
    bad = tmp_path / "bad.yaml"
    bad.write_text("operations:\n  - purge: [Navab]\n")
    run = orgmap("whatif", str(bad), "--db", str(qods_db))
    assert run.returncode == 1 and "did you mean 'Navvab'" in run.stderr and "Traceback" not in run.stderr
    missing = orgmap("whatif", "no-such-scenario", "--db", str(qods_db))
    assert missing.returncode == 1 and "shipped scenarios: as-it-happened" in missing.stderr


def test_analyze_hostile_names_are_printed_not_interpreted(tmp_path):
    path = tmp_path / "e.csv"
    path.write_text("[bold red]boss[/],b\nb,c\n")
    run = orgmap("analyze", "--edges", str(path), "-m", "degree")
    assert run.returncode == 0, run.stderr
    assert "[bold red]boss[/]" in run.stdout


def test_analyze_says_when_betweenness_is_estimated_and_samples_in_processes(tmp_path):
    G = nx.barabasi_albert_graph(400, 3, seed=5)
    edges = tmp_path / "hubs.csv"
    edges.write_text("source,target\n" + "".join(f"a{u},a{v}\n" for u, v in G.edges()))
    run = orgmap("analyze", "--edges", str(edges), "-m", "betweenness", "--pivots", "80", "--seed", "2")
    assert run.returncode == 0, run.stderr
    assert "betweenness: estimated from 80 pivots, ±" in run.stdout
    args = (
        "analyze",
        "--edges",
        str(edges),
        "-m",
        "betweenness",
        "--pivots",
        "80",
        "--samples",
        "4",
        "--json",
    )
    one, two = orgmap(*args, "--workers", "1"), orgmap(*args, "--workers", "2")
    assert one.returncode == 0, one.stderr
    assert one.stdout == two.stdout
    data = json.loads(one.stdout)
    assert data["estimated"]["betweenness"]["pivots"] == 80
    assert "per sample" in data["estimated"]["betweenness"]["how"]
    exact = orgmap("analyze", "--edges", str(edges), "-m", "betweenness", "--pivots", "exact", "--json")
    value = json.loads(exact.stdout)["betweenness"]["a0"]
    assert value == pytest.approx(nx.betweenness_centrality(G)[0]) and "estimated" not in exact.stdout


def test_analyze_bad_pivots_is_one_line(florentine_csv):
    run = orgmap("analyze", "--edges", str(florentine_csv), "--pivots", "many")
    assert run.returncode == 2
    assert "--pivots 'many'" in run.stderr and "Traceback" not in run.stderr


def test_analyze_until_stable_stops_early_and_says_so(florentine_csv):
    run = orgmap(
        "analyze",
        "--edges",
        str(florentine_csv),
        "-m",
        "degree",
        "--samples",
        "100",
        "--until-stable",
        "0.01",
    )
    assert run.returncode == 0, run.stderr
    assert "intervals stable after 20 of at most 100 samples" in run.stdout  # every edge certain
    bad = orgmap("analyze", "--edges", str(florentine_csv), "--until-stable", "0.01")
    assert bad.returncode == 2 and "--until-stable needs --samples" in bad.stderr

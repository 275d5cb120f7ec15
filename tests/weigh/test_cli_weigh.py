"""`orgmap grade`, `orgmap hypotheses ...` and `orgmap brief`; bad input changes nothing.

One test goes through a real subprocess; the rest call the same entry point in-process
(``orgmap.cli.main`` with its one-line error handling) to keep the suite fast.
"""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest


def subprocess_orgmap(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "orgmap", *args],
        capture_output=True,
        text=True,
        timeout=180,
        env={"COLUMNS": "200", "PATH": "/usr/bin:/bin", "ORGMAP_USER": "tester"},
    )


@pytest.fixture
def orgmap(capsys, monkeypatch):
    """Run ``orgmap ARGS`` in-process through the real entry point; returns a CompletedProcess."""
    from orgmap.cli import main

    monkeypatch.setenv("COLUMNS", "200")
    monkeypatch.setenv("ORGMAP_USER", "tester")

    def run(*args: str) -> subprocess.CompletedProcess:
        monkeypatch.setattr(sys, "argv", ["orgmap", *args])
        capsys.readouterr()
        code = 0
        try:
            main()
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
        out = capsys.readouterr()
        return subprocess.CompletedProcess(args, code, out.out, out.err)

    return run


def _dump(db: Path) -> list:
    con = sqlite3.connect(db)
    try:
        return [
            con.execute(f"select * from {t} order by 1").fetchall()
            for t in ("hypotheses", "hypothesis_items", "ratings", "judgements", "informants", "sources")
        ]
    finally:
        con.close()


def _one_line_error(run: subprocess.CompletedProcess) -> str:
    assert run.returncode != 0
    lines = [line for line in run.stderr.strip().splitlines() if line.strip()]
    assert len(lines) == 1, run.stderr
    assert lines[0].startswith("error:")
    return lines[0]


def test_score_with_sensitivity_prints_ranked_matrix(qods_db):
    run = subprocess_orgmap("hypotheses", "score", "qods-force", "--sensitivity", "--db", str(qods_db))
    assert run.returncode == 0, run.stderr
    for text in ("ACH matrix", "diag.", "inconsistency", "ranking", "sensitivity", "h1", "h2", "h3"):
        assert text in run.stdout


def test_score_json_agrees_with_library(qods_db, orgmap, qods_store):
    from orgmap.weigh.sensitivity import case_ach

    run = orgmap("hypotheses", "score", "qods-force", "--sensitivity", "--json", "--db", str(qods_db))
    assert run.returncode == 0, run.stderr
    data = json.loads(run.stdout)
    _, _, result = case_ach(qods_store, qods_store.case_id("qods-force"))
    assert data["ranking"] == result.ranking
    assert [h["inconsistency"] for h in data["hypotheses"]] == [h.inconsistency for h in result.hypotheses]
    assert len(data["sensitivity"]) >= len(data["items"])


def test_add_rate_and_score_a_new_hypothesis(qods_db, orgmap):
    db = ("--db", str(qods_db))
    assert orgmap("hypotheses", "add", "h4", "Someone else entirely", *db).returncode == 0
    # a hypothesis without evidence cannot be scored
    msg = _one_line_error(orgmap("hypotheses", "score", *db))
    assert "'h4' has no evidence" in msg
    run = orgmap("hypotheses", "rate", "e6-outside-command", "h4", "ii", "--why", "test", *db)
    assert run.returncode == 0, run.stderr
    data = json.loads(orgmap("hypotheses", "score", "--json", *db).stdout)
    # its one item (informant axis-sources D -> 0.4, credibility 3 -> 0.65, relevance high -> sqrt 2)
    # rated II: 2 * 0.4 * 0.65 * 1.41421 = 0.73539
    h4 = next(h for h in data["hypotheses"] if h["key"] == "h4")
    assert h4["inconsistency"] == pytest.approx(2 * 0.4 * 0.65 * 2**0.5, abs=1e-6)
    # ranked among the hypotheses a source argues: h3, the analysts' own, is ranked apart
    others = {
        h["key"]: h["inconsistency"]
        for h in data["hypotheses"]
        if h["key"] != "h4" and h["origin"] == "source"
    }
    assert set(others) == {"h1", "h2"}
    assert h4["rank"] == 1 + sum(v < h4["inconsistency"] for v in others.values())
    h3 = next(h for h in data["hypotheses"] if h["key"] == "h3")
    assert (h3["origin"], h3["rank"]) == ("analyst", 1) and data["ranking"][-1] == ["h3"]
    con = sqlite3.connect(qods_db)
    who = con.execute("select who, payload from judgements where action = 'rate'").fetchall()
    con.close()
    assert who and who[-1][0] == "tester" and '"II"' in who[-1][1]


@pytest.mark.parametrize(
    "args, message",
    [
        (("hypotheses", "rate", "e1-direct-planning", "h1", "XX"), "rating 'XX'"),
        (("hypotheses", "rate", "e1-direct-planning", "h9", "I"), "no hypothesis 'h9'"),
        (("hypotheses", "rate", "e99", "h1", "I"), "no evidence item 'e99'"),
        (("hypotheses", "add", "h1", "again"), "already exists"),
        (
            ("hypotheses", "add-item", "e20", "--text", "x", "--source", "essay", "--relevance", "huge"),
            "--relevance",
        ),
        (
            ("hypotheses", "add-item", "e20", "--text", "x", "--source", "essay", "--credibility", "9"),
            "--credibility",
        ),
        (("grade", "informant", "insiders", "Q"), "does not parse"),
        (("grade", "assertion", "qaani-leads-qf", "B9"), "does not parse"),
        (("grade", "source", "nowhere", "B"), "no source 'nowhere'"),
    ],
)
def test_bad_input_one_line_and_store_unchanged(qods_db, orgmap, args, message):
    before = _dump(qods_db)
    assert message in _one_line_error(orgmap(*args, "--db", str(qods_db)))
    assert _dump(qods_db) == before


def test_grade_sets_and_lists_history(qods_db, orgmap):
    db = ("--db", str(qods_db))
    run = orgmap("grade", "informant", "insiders", "D", "--why", "second source", *db)
    assert run.returncode == 0, run.stderr
    hist = json.loads(orgmap("grade", "informant", "insiders", "--history", "--json", *db).stdout)
    assert [(h["who"], h["before"], h["after"]) for h in hist] == [
        ("tester", {"reliability": "E"}, {"reliability": "D"})
    ]
    listing = json.loads(orgmap("grade", "--json", *db).stdout)
    assert {i["key"]: i["reliability"] for i in listing["informants"]}["insiders"] == "D"


def test_corroboration_json(qods_db, orgmap):
    run = orgmap("corroboration", "--json", "--db", str(qods_db))
    assert run.returncode == 0, run.stderr
    rows = json.loads(run.stdout)
    leads = [
        r
        for r in rows
        if r["subject"] == "Esmail Qaani" and r["type"] == "leads" and r["object"] == "Qods Force"
    ]
    # the essay and the analyst's note state it; neither cites the other
    assert leads and leads[0]["documents"] == 2 and leads[0]["independent"] == 2


def test_brief_writes_html(qods_db, orgmap, tmp_path):
    out = tmp_path / "brief.html"
    run = orgmap("brief", "qods-force", "--out", str(out), "--json", "--db", str(qods_db))
    assert run.returncode == 0, run.stderr
    report = json.loads(run.stdout)
    assert report["statements"] > 50 and report["quotes"] > 50
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_fresh_store_loads_the_shipped_case_on_first_use(tmp_path, orgmap):
    run = orgmap("hypotheses", "score", "qods-force", "--sensitivity", "--db", str(tmp_path / "new.db"))
    assert run.returncode == 0, run.stderr
    assert "loaded the case qods-force" in run.stderr
    assert "ACH matrix" in run.stdout and "sensitivity" in run.stdout
    again = orgmap("hypotheses", "score", "qods-force", "--db", str(tmp_path / "new.db"))
    assert again.returncode == 0 and "loaded" not in again.stderr

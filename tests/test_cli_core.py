"""The core commands, end to end through the real entry point."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest


def orgmap(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "orgmap", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=120,
        env={"COLUMNS": "200", "PATH": "/usr/bin:/bin", "ORGMAP_USER": "tester", "ORGMAP_LOCK_WAIT": "1"},
    )


def test_demo_prints_the_summary(tmp_path):
    run = orgmap("demo", "--db", str(tmp_path / "d.db"))
    assert run.returncode == 0, run.stderr
    out = run.stdout
    for heading in (
        "Formal chain of command",
        "Who holds the informal ties",
        "Rivals and opponents",
        "Contested claims",
        "where to go next",
    ):
        assert heading in out
    assert "Qods Force" in out and "Esmail Qaani" in out


def test_demo_json_counts_agree_with_relations_json(tmp_path):
    db = str(tmp_path / "d.db")
    summary = json.loads(orgmap("demo", "--db", db, "--json").stdout)
    rels = json.loads(orgmap("relations", "--db", db, "--json").stdout)
    assert sum(summary["counts"]["relations"].values()) == len(rels)


def test_relations_filters(qods_db):
    db = str(qods_db)
    all_rels = json.loads(orgmap("relations", "--db", db, "--json").stdout)
    formal = json.loads(orgmap("relations", "--db", db, "--json", "--layer", "formal").stdout)
    assert formal and all(r["layer"] == "formal" for r in formal)
    assert len(formal) < len(all_rels)
    good = json.loads(orgmap("relations", "--db", db, "--json", "--min-grade", "B2").stdout)
    assert all(r["grade"][0] in "AB" and r["grade"][1] in "12" for r in good)
    qaani = json.loads(orgmap("relations", "--db", db, "--json", "--entity", "Qaani").stdout)
    assert qaani and all("Esmail Qaani" in (r["source"], r["target"]) for r in qaani)
    early = json.loads(orgmap("relations", "--db", db, "--json", "--as-of", "2019-06-01").stdout)
    assert not any(r["valid_from"] and r["valid_from"] > "2019-06-01" for r in early)


def test_show_resolves_aliases_and_quotes(qods_db):
    run = orgmap("show", "Qaani", "--db", str(qods_db))
    assert run.returncode == 0, run.stderr
    assert "Esmail Qaani" in run.stdout and "“" in run.stdout
    data = json.loads(orgmap("show", "esmail qaani", "--db", str(qods_db), "--json").stdout)
    assert data["name"] == "Esmail Qaani" and data["posts"]


def test_show_unknown_name_suggests(qods_db):
    run = orgmap("show", "Qanni", "--db", str(qods_db))
    assert run.returncode == 1
    assert "no entity called 'Qanni'" in run.stderr and "Qaani" in run.stderr


def test_export_json_is_gold_shaped(qods_db, tmp_path):
    out = tmp_path / "model.json"
    assert orgmap("export", "--json", "--db", str(qods_db), "--out", str(out)).returncode == 0
    doc = json.loads(out.read_text())
    assert {"document", "entities", "relations"} <= set(doc)
    ids = {e["id"] for e in doc["entities"]}
    for r in doc["relations"]:
        assert {"source", "type", "target", "evidence", "modality"} <= set(r)
        assert r["source"] in ids and r["target"] in ids and r["evidence"]
    for e in doc["entities"]:
        assert {"id", "name", "type", "aliases"} <= set(e)


def test_entities_lists_by_type(qods_db):
    people = json.loads(orgmap("entities", "--db", str(qods_db), "--type", "person", "--json").stdout)
    assert people and all(p["type"] == "person" for p in people)
    assert any(p["name"] == "Qasem Soleimani" for p in people)


# -- bad input: one line, non-zero exit, store unchanged -------------------------------


def _one_line_error(run: subprocess.CompletedProcess) -> str:
    assert run.returncode != 0
    lines = [line for line in run.stderr.strip().splitlines() if line.strip()]
    assert len(lines) == 1, run.stderr
    assert lines[0].startswith("error:")
    return lines[0]


def test_missing_case_dir(qods_db, tmp_path, table_counts):
    before = table_counts(qods_db)
    msg = _one_line_error(orgmap("load", str(tmp_path / "nowhere"), "--db", str(qods_db)))
    assert "nowhere" in msg
    assert table_counts(qods_db) == before


def test_bad_quote_names_case_file_line(qods_db, qods_case_dir, tmp_path, table_counts):
    case = tmp_path / "case"
    case.mkdir()
    (case / "source.txt").write_text((qods_case_dir / "source.txt").read_text())
    (case / "case.yaml").write_text(
        "case: qods-force\nsources:\n  essay: {file: source.txt}\nentities:\n"
        "  - id: q\n    type: person\n    name: Esmail Qaani\n"
        "  - id: s\n    type: person\n    name: Qasem Soleimani\nrelations:\n"
        "  - source: q\n    type: succeeded\n    target: s\n    quote: words that are not in the essay\n"
    )
    before = table_counts(qods_db)
    msg = _one_line_error(orgmap("load", str(case), "--db", str(qods_db)))
    assert "case.yaml:12" in msg and "quote not found" in msg
    assert table_counts(qods_db) == before


def test_unknown_relation_type(tmp_path, qods_case_dir):
    case = tmp_path / "case"
    case.mkdir()
    (case / "s.txt").write_text("Ann leads Bob.")
    (case / "case.yaml").write_text(
        "case: t\nsources:\n  d: {file: s.txt}\nentities:\n  - {id: a, type: person, name: Ann}\n"
        "  - {id: b, type: person, name: Bob}\nrelations:\n  - {source: a, type: bosses, target: b, quote: leads}\n"
    )
    msg = _one_line_error(orgmap("load", str(case), "--db", str(tmp_path / "x.db")))
    assert "case.yaml:8" in msg and "unknown relation type 'bosses'" in msg


def test_not_an_orgmap_database(tmp_path):
    other = tmp_path / "other.db"
    con = sqlite3.connect(other)
    con.execute("create table customers (id integer)")
    con.commit()
    con.close()
    msg = _one_line_error(orgmap("entities", "--db", str(other)))
    assert "not an orgmap database" in msg
    text = tmp_path / "notes.db"
    text.write_text("just some text")
    assert "not an orgmap database" in _one_line_error(orgmap("entities", "--db", str(text)))


def test_database_newer_than_the_code(qods_db, table_counts):
    con = sqlite3.connect(qods_db)
    con.execute("update alembic_version set version_num='9999_future'")
    con.commit()
    con.close()
    before = table_counts(qods_db)
    msg = _one_line_error(orgmap("entities", "--db", str(qods_db)))
    assert "newer orgmap" in msg and "9999_future" in msg
    assert table_counts(qods_db) == before


def test_locked_database(qods_db, qods_case_dir):
    con = sqlite3.connect(qods_db, timeout=0)
    con.execute("BEGIN EXCLUSIVE")
    try:
        before_run = orgmap("load", str(qods_case_dir), "--db", str(qods_db))
    finally:
        con.rollback()
        con.close()
    msg = _one_line_error(before_run)
    assert "locked" in msg


def test_missing_store_for_read_commands(tmp_path):
    msg = _one_line_error(orgmap("relations", "--db", str(tmp_path / "none.db")))
    assert "no orgmap store" in msg
    assert not (tmp_path / "none.db").exists()


@pytest.mark.parametrize(
    "args,needle",
    [
        (["relations", "--as-of", "last tuesday"], "--as-of"),
        (["relations", "--min-grade", "Z9"], "does not parse"),
        (["relations", "--layer", "secret"], "unknown layer"),
        (["entities", "--type", "robot"], "unknown entity type"),
    ],
)
def test_bad_options(qods_db, args, needle):
    msg = _one_line_error(orgmap(*args, "--db", str(qods_db)))
    assert needle in msg


def test_reload_keeps_analyst_judgements_unless_told(qods_db, qods_case_dir, table_counts):
    from orgmap.store import Store

    s = Store.open(str(qods_db))
    case = s.default_case()
    rel = s.relations(case)[0]
    s.set_status(rel.assertion.id, "rejected", who="tester", why="test")
    s.close()
    before = table_counts(qods_db)
    msg = _one_line_error(orgmap("load", str(qods_case_dir), "--db", str(qods_db)))
    assert "1 analyst judgement" in msg and "--discard-judgements" in msg
    assert table_counts(qods_db) == before
    run = orgmap("load", str(qods_case_dir), "--db", str(qods_db), "--discard-judgements")
    assert run.returncode == 0, run.stderr

"""The ``export`` formats and the ``import`` command through the CLI."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest


def orgmap(*args, db):
    return subprocess.run(
        [sys.executable, "-c", "from orgmap.cli import main; main()", *args, "--db", str(db)],
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_export_then_import_through_the_cli(qods_db, tmp_path):
    out = tmp_path / "q.graphml"
    r = orgmap("export", "--format", "graphml", "--out", str(out), db=qods_db)
    assert r.returncode == 0, r.stderr
    r = orgmap("import", str(out), "--case", "again", "--json", db=qods_db)
    assert r.returncode == 0, r.stderr
    summary = json.loads(r.stdout)
    assert summary["case"] == "again" and summary["assertions"] > 50


@pytest.mark.parametrize("fmt", ["gexf", "dynetml", "ftm", "neo4j"])
def test_stream_formats_print_to_stdout(qods_db, fmt):
    r = orgmap("export", "--format", fmt, db=qods_db)
    assert r.returncode == 0, r.stderr
    assert "Qaani" in r.stdout


def test_bad_import_is_one_red_line_and_exit_1(qods_db, tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "x", "schema": "Person", "properties": {"shoeSize": ["9"]}}\n')
    r = orgmap("import", str(bad), db=qods_db)
    assert r.returncode == 1
    assert "bad.jsonl: line 1: entity 'x': Person has no property 'shoeSize'" in r.stderr
    assert "Traceback" not in r.stderr


def test_csv_export_needs_out(qods_db):
    r = orgmap("export", "--format", "csv", db=qods_db)
    assert r.returncode == 1 and "--out" in r.stderr

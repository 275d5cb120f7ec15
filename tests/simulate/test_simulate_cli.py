"""`orgmap simulate` end to end."""

import json
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from orgmap.cli import app

ORGMAP = str(Path(sys.executable).parent / "orgmap")


def test_simulate_compare_writes_files_and_prints_summary(tiny_dir, variant):
    other = variant("name: tiny", "name: tiny-cold", "cold.yaml")
    out = tiny_dir / "out"
    res = CliRunner().invoke(
        app,
        ["simulate", str(tiny_dir / "tiny.yaml"), str(other), "--runs", "6", "--out", str(out), "--compare"],
    )
    assert res.exit_code == 0, res.output
    assert "Scenario 'tiny' (6 runs, seed 42" in res.output and "comparison chart" in res.output
    for name in ("tiny", "tiny-cold"):
        for ext in ("csv", "parquet", "png", "txt"):
            assert (out / f"{name}.{ext}").stat().st_size > 0
    assert (out / "compare.png").read_bytes()[:4] == b"\x89PNG"


def test_simulate_json(tiny_dir):
    res = CliRunner().invoke(
        app,
        [
            "simulate",
            str(tiny_dir / "tiny.yaml"),
            "--runs",
            "4",
            "--seed",
            "7",
            "--out",
            str(tiny_dir / "o"),
            "--json",
        ],
    )
    assert res.exit_code == 0, res.output
    data = json.loads(res.stdout)
    assert data["scenarios"][0]["seed"] == 7 and data["scenarios"][0]["runs"] == 4
    assert 0 <= data["scenarios"][0]["final"]["coordination"] <= 1


def test_bad_scenario_is_one_red_line_and_exit_1(tiny_dir, variant):
    bad = variant("horizon: 182", "horizon: 0")
    proc = subprocess.run(
        [ORGMAP, "simulate", str(bad), "--out", str(tiny_dir / "o")],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 1
    assert proc.stderr.strip().count("\n") == 0 and "horizon must be positive" in proc.stderr
    assert not (tiny_dir / "o").exists()


def test_hostile_names_are_printed_and_drawn_literally(tiny_dir):
    text = (tiny_dir / "tiny.yaml").read_text(encoding="utf-8")
    text = text.replace("name: tiny", "name: tiny\ntitle: '[red]x[/red] $\\alpha$'")
    text = text.replace("name: cells", "name: '[b]c$'")
    path = tiny_dir / "hostile.yaml"
    path.write_text(text, encoding="utf-8")
    out = tiny_dir / "out"
    res = CliRunner().invoke(app, ["simulate", str(path), "--runs", "3", "--out", str(out), "--compare"])
    assert res.exit_code == 0, res.output
    assert "[red]x[/red] $\\alpha$" in res.output
    assert (out / "compare.png").read_bytes()[:4] == b"\x89PNG"


def test_a_scenario_name_cannot_escape_the_output_folder(tiny_dir, variant):
    bad = variant("name: tiny", "name: ../../etc/x")
    res = CliRunner().invoke(app, ["simulate", str(bad), "--out", str(tiny_dir / "o")])
    assert res.exit_code != 0 and "must use only letters, digits" in str(res.exception)

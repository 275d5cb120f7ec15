"""`orgmap ingest --workers N / --scheduler ADDRESS`: same store as one process; a dead scheduler fails in one line."""

from __future__ import annotations

import functools
import json

import pytest
import sqlalchemy as sa
from typer.testing import CliRunner

from orgmap.casefile import CASES_DIR
from orgmap.cli import app
from orgmap.store import Store
from orgmap.store import tables as t


def _corpus(folder):
    paras = [p for p in (CASES_DIR / "qods-force" / "source.txt").read_text().split("\n") if p.strip()]
    folder.mkdir()
    for i in range(4):
        (folder / f"doc{i}.txt").write_text("\n".join(paras[i * 2 : i * 2 + 2]) + "\n")
    return folder


def _dump(path):
    store = Store.open(str(path), create=True)
    skip = {"created_at", "added_at", "at"}
    out = {}
    with store.engine.connect() as c:
        for table in (
            t.cases,
            t.sources,
            t.passages,
            t.entities,
            t.aliases,
            t.assertions,
            t.evidence,
            t.judgements,
        ):
            cols = [col for col in table.c if col.name not in skip]
            out[table.name] = [tuple(r) for r in c.execute(sa.select(*cols).order_by(*table.primary_key))]
    store.close()
    return out


@pytest.mark.slow
def test_two_workers_leave_the_same_store_as_one_process(tmp_path):
    corpus = _corpus(tmp_path / "corpus")
    runner = CliRunner()
    one = runner.invoke(app, ["ingest", str(corpus), "--db", str(tmp_path / "one.db"), "--json"])
    two = runner.invoke(
        app, ["ingest", str(corpus), "--workers", "2", "--db", str(tmp_path / "two.db"), "--json"]
    )
    assert one.exit_code == 0 and two.exit_code == 0, (one.output, two.output)
    rows = lambda out: [
        (f["path"], f["status"], f["entities"], f["relations"]) for f in json.loads(out)["files"]
    ]
    assert rows(two.output) == rows(one.output) and json.loads(one.output)["ingested"] == 4
    d1, d2 = _dump(tmp_path / "one.db"), _dump(tmp_path / "two.db")
    assert d1["assertions"] and d1["entities"]
    for table in d1:
        assert d2[table] == d1[table], table


def test_unreachable_scheduler_fails_in_one_line_before_any_work(tmp_path, monkeypatch):
    import orgmap.scale.cluster as cluster
    import orgmap.scale.ingest as scale_ingest

    monkeypatch.setattr(scale_ingest, "open_client", functools.partial(cluster.open_client, timeout=1))
    corpus = _corpus(tmp_path / "corpus")
    db = tmp_path / "s.db"
    result = CliRunner().invoke(
        app, ["ingest", str(corpus), "--scheduler", "tcp://127.0.0.1:9", "--db", str(db)]
    )
    assert result.exit_code == 1
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith(
        "error: cannot reach the Dask scheduler at tcp://127.0.0.1:9"
    )
    store = Store.open(str(db), create=True)
    assert store.cases() == []  # nothing was started


def test_zero_workers_is_refused_by_the_option(tmp_path):
    result = CliRunner().invoke(app, ["ingest", str(tmp_path), "--workers", "0"])
    assert result.exit_code == 2 and "--workers" in result.stderr

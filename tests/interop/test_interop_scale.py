"""Dask fan-out: ordered results, failures per document, and the same store as a single-process ingest."""

from __future__ import annotations

import functools
import operator
import sys

import cloudpickle
import pytest
import sqlalchemy as sa
from standin import standin_extract  # tests/interop/standin.py

from orgmap.casefile import CASES_DIR
from orgmap.ingest import ingest_paths
from orgmap.scale import ScaleError, ingest_distributed, open_client, ordered_map
from orgmap.store import Store
from orgmap.store import tables as t

cloudpickle.register_pickle_by_value(sys.modules[__name__])  # workers cannot import test modules
cloudpickle.register_pickle_by_value(sys.modules[standin_extract.__module__])


@pytest.fixture(scope="module")
def client():
    with open_client(workers=2) as c:
        yield c


def test_ordered_map_keeps_input_order_and_reports_failures(client):
    items = [4, 0, 2, 1, 0, 8] * 5
    out = list(ordered_map(client, functools.partial(operator.truediv, 8), items, window=3))
    assert [o.index for o in out] == list(range(len(items)))
    for o, x in zip(out, items):
        if x == 0:
            assert o.value is None and o.error.startswith("ZeroDivisionError")
        else:
            assert o.error is None and o.value == 8 / x


def test_shared_values_reach_every_task(client):
    def count_known(item, known):
        return item + len(known)

    out = [o.value for o in ordered_map(client, count_known, [1, 2, 3], known=[("a", "person", ())] * 5)]
    assert out == [6, 7, 8]


def _corpus(folder):
    """Eight documents cut from the essay (paragraph groups) plus one duplicate and one empty file."""
    paras = [p for p in (CASES_DIR / "qods-force" / "source.txt").read_text().split("\n") if p.strip()]
    folder.mkdir()
    for i in range(8):
        (folder / f"doc{i:02d}.txt").write_text("\n".join(paras[i * 2 : i * 2 + 2]) + "\n")
    (folder / "doc99.txt").write_text((folder / "doc03.txt").read_text())
    (folder / "empty.txt").write_text("")
    return folder


def _dump(store):
    """Every row of the content tables except timestamps: the whole outcome of an ingest."""
    out = {}
    skip = {"created_at", "added_at", "at"}
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
    return out


def _report(rep):
    return [(r.path.rsplit("/", 1)[-1], r.status, r.entities, r.relations) for r in rep.rows]


@pytest.mark.slow
def test_distributed_ingest_equals_single_process_ingest(tmp_path, client):
    corpus = _corpus(tmp_path / "corpus")
    single = Store.open(str(tmp_path / "single.db"), create=True)
    dist = Store.open(str(tmp_path / "dist.db"), create=True)
    rep1 = ingest_paths(single, "inbox", [corpus], batch=4)
    rep2 = ingest_distributed(dist, "inbox", [corpus], batch=4, client=client)
    assert _report(rep2) == _report(rep1)
    assert [r.status for r in rep1.rows].count("ingested") == 8
    d1, d2 = _dump(single), _dump(dist)
    assert d1["assertions"] and d1["judgements"] is not None
    for table in d1:
        assert d2[table] == d1[table], table


def test_standin_fan_out_equals_serial_and_isolates_a_failing_document(tmp_path, client):
    corpus = tmp_path / "c"
    corpus.mkdir()
    words = [
        "Alpha",
        "Bravo",
        "Charlie",
        "Delta",
        "Echo",
        "Foxtrot",
        "Golf",
        "Hotel",
        "India",
        "Juliett",
        "Kilo",
        "Lima",
    ]
    for i, w in enumerate(words):
        (corpus / f"d{i:02d}.txt").write_text(
            f"Person {w} leads Org Number Group. Ann Lee leads Acme Big Co."
        )

    def flaky(text, *, known_entities=(), doc_date=None):
        if "Hotel" in text:
            raise RuntimeError("worker fell over")
        return standin_extract(text, known_entities=known_entities, doc_date=doc_date)

    dist = Store.open(str(tmp_path / "d.db"), create=True)
    rep = ingest_distributed(dist, "c", [corpus], batch=5, extract=flaky, client=client)
    statuses = {r.path.rsplit("/", 1)[-1]: (r.status, r.detail) for r in rep.rows}
    assert statuses["d07.txt"][0] == "failed" and "worker fell over" in statuses["d07.txt"][1]
    assert sum(s == "ingested" for s, _ in statuses.values()) == 11
    case = dist.case_id("c")
    assert len(dist.sources(case)) == 11
    names = {e.name for e in dist.entities(case)}
    assert {"Ann Lee", "Acme Big Co", "Person Delta"} <= names and "Person Hotel" not in names
    leads = {(r.subject.name, r.object.name) for r in dist.relations(case, status="candidate")}
    assert ("Person Golf", "Org Number Group") in leads and ("Ann Lee", "Acme Big Co") in leads
    # re-running finishes the job without duplicating anything
    again = ingest_distributed(dist, "c", [corpus], batch=5, extract=standin_extract, client=client)
    assert [r.status for r in again.rows].count("skipped") == 11
    assert len(dist.sources(case)) == 12


def test_unreachable_scheduler_is_a_clear_error():
    with pytest.raises(ScaleError, match="cannot reach the Dask scheduler at tcp://127.0.0.1:9"):
        with open_client(scheduler="tcp://127.0.0.1:9", timeout=2):
            pass


def test_zero_workers_is_refused():
    with pytest.raises(ScaleError, match="--workers must be 1 or more"), open_client(workers=0):
        pass

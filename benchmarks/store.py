"""Store at scale: bulk-load synthetic assertions, then time neighbourhood queries.

For each backend (SQLite file; PostgreSQL when ``ORGMAP_TEST_POSTGRES`` or ``--pg-url``
is set) it prints:

- bulk load of ``--assertions`` assertions (each with one evidence span) through
  ``orgmap.store.bulk.bulk_add_assertions`` — goal ≤ 60 s for 1,000,000 on SQLite — and,
  as the peer measured in the same run, ``Store.add_assertions`` on a sample,
  extrapolated (ratio = peer time / bulk time);
- neighbourhood queries ``Store.relations(case, entity=E)`` for random entities —
  p50/p95 (goal p95 ≤ 20 ms) — against the peer: the same rows fetched by one plain
  SQL query on the assertions table (ratio = Store / plain SQL).

    .venv/bin/python benchmarks/store.py [--assertions 1000000] [--entities 20000] [--queries 200]
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import tempfile
import time
import uuid
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import sqlalchemy as sa


def sentences(n: int) -> str:
    return " ".join(f"Person {i} leads Unit {i % 97} and meets Official {i * 7 % 101}." for i in range(n))


@contextmanager
def database(backend: str, pg_url: str | None):
    if backend == "sqlite":
        with tempfile.TemporaryDirectory() as d:
            yield str(Path(d) / "bench.db")
        return
    admin = sa.create_engine(pg_url, isolation_level="AUTOCOMMIT")
    name = f"orgmap_bench_{uuid.uuid4().hex[:8]}"
    with admin.connect() as c:
        c.exec_driver_sql(f'CREATE DATABASE "{name}"')
    try:
        yield admin.url.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as c:
            c.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.dispose()


def synthetic(store, case, sid, text_len, ents, n, rng):
    from orgmap.model import Assertion, Evidence

    types = list(store.schema.relation_types)
    mods = list(store.schema.modalities)
    rels, creds = list(store.schema.reliability), list(store.schema.credibility)
    out = []
    for i in range(n):
        s, o = rng.sample(ents, 2)
        start = rng.randrange(0, text_len - 60)
        out.append(
            Assertion(
                s,
                rng.choice(types),
                o,
                evidence=[Evidence(sid, start, start + rng.randrange(10, 60))],
                modality=rng.choice(mods),
                reliability=rng.choice(rels),
                credibility=rng.choice(creds),
                status="accepted" if i % 3 else "candidate",
                valid_from=date(2000 + i % 24, 1 + i % 12, 1) if i % 4 == 0 else None,
            )
        )
    return out


def run(backend: str, args, pg_url: str | None) -> dict:
    from rich.progress import Progress

    from orgmap.model import Entity, Source
    from orgmap.store import Store
    from orgmap.store.bulk import bulk_add_assertions

    rng = random.Random(args.seed)
    with database(backend, pg_url) as url:
        store = Store.open(url, create=True)
        case = store.ensure_case("bench")
        text = sentences(2000)
        sid = store.add_source(case, Source(text=text))
        with store.transaction():
            ents = [
                store.add_entity(case, Entity("person" if i % 3 else "organization", f"Actor {i}"))
                for i in range(args.entities)
            ]
        data = synthetic(store, case, sid, len(text), ents, args.assertions, rng)
        with Progress(transient=True) as bar:
            task = bar.add_task(f"{backend}: bulk load", total=len(data))
            t0, c0 = time.perf_counter(), time.process_time()
            bulk_add_assertions(store, case, data, progress=lambda k: bar.advance(task, k))
            bulk, bulk_cpu = time.perf_counter() - t0, time.process_time() - c0
        sample = synthetic(store, case, sid, len(text), ents, min(args.peer_sample, args.assertions), rng)
        peer_case = store.ensure_case("peer")
        peer_sid = store.add_source(peer_case, Source(text=text))
        for a in sample:
            a.evidence[0].source_id = peer_sid
        t0 = time.perf_counter()
        store.add_assertions(peer_case, sample)
        peer = (time.perf_counter() - t0) * args.assertions / len(sample)

        probes = rng.sample(ents, min(args.queries, len(ents)))
        store.relations(case, entity=probes[0])  # warm caches
        api, plain = [], []
        a = sa.table(
            "assertions",
            sa.column("id"),
            sa.column("subject_id"),
            sa.column("object_id"),
            sa.column("case_id"),
            sa.column("status"),
            sa.column("predicate"),
        )
        ev = sa.table("evidence", sa.column("assertion_id"), sa.column("quote"))
        for e in probes:
            t0 = time.perf_counter()
            found = store.relations(case, entity=e)
            api.append(time.perf_counter() - t0)
            t0 = time.perf_counter()
            with store.engine.connect() as c:
                rows = c.execute(
                    sa.select(a.c.id, a.c.subject_id, a.c.predicate, a.c.object_id, ev.c.quote)
                    .join(ev, ev.c.assertion_id == a.c.id)
                    .where(
                        a.c.case_id == case,
                        a.c.status == "accepted",
                        sa.or_(a.c.subject_id == e, a.c.object_id == e),
                    )
                ).all()
            plain.append(time.perf_counter() - t0)
            assert len({r.id for r in rows}) == len(found)
        store.close()
    p95 = lambda xs: statistics.quantiles(xs, n=20)[-1] * 1000  # noqa: E731
    return {
        "backend": backend,
        "bulk_s": bulk,
        "bulk_cpu_s": bulk_cpu,
        "rows_per_s": args.assertions / bulk,
        "peer_s": peer,
        "api_p50_ms": statistics.median(api) * 1000,
        "api_p95_ms": p95(api),
        "sql_p50_ms": statistics.median(plain) * 1000,
        "sql_p95_ms": p95(plain),
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--assertions", type=int, default=1_000_000)
    ap.add_argument("--entities", type=int, default=20_000)
    ap.add_argument("--queries", type=int, default=200)
    ap.add_argument("--peer-sample", type=int, default=20_000)
    ap.add_argument("--backend", choices=["sqlite", "postgres", "both"], default="both")
    ap.add_argument("--pg-url", default=os.environ.get("ORGMAP_TEST_POSTGRES"))
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    backends = ["sqlite", "postgres"] if args.backend == "both" else [args.backend]
    if "postgres" in backends and not args.pg_url:
        print("postgres: skipped (set ORGMAP_TEST_POSTGRES or --pg-url)")
        backends.remove("postgres")
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print(
        f"{args.assertions:,} assertions over {args.entities:,} entities; {args.queries} neighbourhood queries"
    )
    for backend in backends:
        r = run(backend, args, args.pg_url)
        print(
            f"{backend:>8}: bulk load {r['bulk_s']:.1f} s wall, {r['bulk_cpu_s']:.1f} s CPU of this process "
            f"({r['rows_per_s']:,.0f} assertions/s; goal <= 60 s for 1M on SQLite); Store.add_assertions extrapolated {r['peer_s']:.1f} s "
            f"= {r['peer_s'] / r['bulk_s']:.1f}x slower"
        )
        print(
            f"{backend:>8}: neighbourhood Store.relations(entity=) p50 {r['api_p50_ms']:.1f} ms, "
            f"p95 {r['api_p95_ms']:.1f} ms (goal <= 20 ms); plain SQL p50 {r['sql_p50_ms']:.1f} ms, "
            f"p95 {r['sql_p95_ms']:.1f} ms; ratio p95 {r['api_p95_ms'] / r['sql_p95_ms']:.1f}x"
        )


if __name__ == "__main__":
    main()

"""Ingest on a Dask LocalCluster: 1 worker against 2 workers and the in-process default, one run.

A synthetic corpus of ``--docs`` short reports (default 2,000) is written to a
temporary folder. First the default path, ``orgmap ingest`` without ``--workers``
(``ingest_paths`` in this process), as the peer. Then for 1 and for 2 workers - each a
separate single-threaded process, pinned to its own core (``--no-pin`` to leave them
free) - it prints:

- extraction alone fanned out (``ordered_map`` of the real ``extract_document``, results
  discarded): the part that parallelises;
- the whole ``ingest_distributed`` into a fresh SQLite store (read, extract on workers,
  one writer): goal ≥ 1.8× faster with 2 workers than with 1; and the CPU time of this
  process (the writer), which the second worker cannot hide: documents of a batch are
  extracted knowing what the previous batch wrote, so writing and extracting alternate.

Documents per second are printed per worker too. Where the single writer becomes the
limit: a batch is extracted (on the workers, in parallel) and then written (here, alone),
so a document costs about ``e / W + w`` seconds - ``e`` the extraction time of one
document on one worker (from the 1-worker fan-out), ``w`` the writer's CPU per document,
``W`` workers. The run prints ``e``, ``w``, the throughput that model predicts for each
``W`` against the measured one, and ``W* = e / w``: past that many workers the writer's
share is the larger, and the ceiling is ``1 / w`` documents per second however many
workers extract (batching writes, or a writer per shard merged after, would raise it).

Workers are started and warmed (spaCy loaded) before timing. The machine's load is
printed too: on a shared 2-core machine the second worker competes with everything else.

    .venv/bin/python benchmarks/ingest_scale.py [--docs 2000] [--batch 16] [--rounds 2] [--sqlite-wal] [--no-pin]
"""

from __future__ import annotations

import argparse
import os
import random
import tempfile
import time
from pathlib import Path

FIRST = [
    "Ali",
    "Hassan",
    "Reza",
    "Mahdi",
    "Karim",
    "Omar",
    "Yusuf",
    "Samir",
    "Nadia",
    "Laila",
    "Farid",
    "Tariq",
]
LAST = ["Haddad", "Karimi", "Nasser", "Rahimi", "Saleh", "Tehrani", "Jaber", "Mansour", "Qasemi", "Darwish"]
ORGS = ["Unit {n}", "the {w} Brigade", "the {w} Council", "the Ministry of {w}", "{w} Holdings"]
WORDS = ["Northern", "Eastern", "Coastal", "Mountain", "Finance", "Defence", "Trade", "Harbour", "Desert"]


def corpus(folder: Path, n: int, seed: int) -> None:
    rng = random.Random(seed)

    def person() -> str:
        return f"{rng.choice(FIRST)} {rng.choice(LAST)}"

    def org() -> str:
        return rng.choice(ORGS).format(n=rng.randrange(100, 999), w=rng.choice(WORDS))

    for i in range(n):
        a, b, o1, o2 = person(), person(), org(), org()
        text = (
            f"{a}, the commander of {o1}, met {b} in Baghdad in March {2015 + i % 9}. "
            f"According to officials, {b} leads {o2} and reportedly opposes {a}. "
            f"{o1} funds {o2}, sources said. Report number {i}.\n"
        )
        (folder / f"r{i:05d}.txt").write_text(text, encoding="utf-8")


def warm(client) -> None:
    from orgmap.scale import default_extract

    n = len(client.scheduler_info()["workers"])
    futures = [
        client.submit(default_extract, f"Ali Haddad leads Unit {k}.", pure=False) for k in range(4 * n)
    ]
    client.gather(futures)


def wal(store) -> None:
    """Put the benchmark's store in WAL mode with synchronous=NORMAL (a proposal for
    ``orgmap.store.engine``: commits then cost no fsync, and readers never block the writer)."""
    from sqlalchemy import event

    @event.listens_for(store.engine, "connect")
    def _on_connect(dbapi_conn, _record):
        dbapi_conn.execute("PRAGMA journal_mode=WAL")
        dbapi_conn.execute("PRAGMA synchronous=NORMAL")

    store.engine.dispose()


def pin(client) -> None:
    """Each worker process on its own core (round robin when there are more workers than cores)."""
    cores = sorted(os.sched_getaffinity(0))
    for i, address in enumerate(sorted(client.scheduler_info()["workers"])):
        core = cores[i % len(cores)]
        client.run(os.sched_setaffinity, 0, {core}, workers=[address])


def in_process(folder: Path, batch: int) -> tuple[float, float]:
    """The default ``orgmap ingest`` path: (wall s, CPU s), extraction and writing in this process."""
    from orgmap.ingest import ingest_paths
    from orgmap.scale import default_extract
    from orgmap.store import Store

    default_extract("Ali Haddad leads Unit 7.")  # spaCy loaded before timing, as the workers are
    with tempfile.TemporaryDirectory() as d:
        store = Store.open(str(Path(d) / "ingest.db"), create=True)
        t0, c0 = time.perf_counter(), time.process_time()
        report = ingest_paths(store, "bench", [folder], batch=batch)
        out = time.perf_counter() - t0, time.process_time() - c0
        assert report.count("failed") == 0, report.to_dict()["failed"]
        store.close()
    return out


def run(
    workers: int, folder: Path, texts: list[str], batch: int, sqlite_wal: bool = False, pinned: bool = True
) -> tuple[float, float, float]:
    from orgmap.scale import default_extract, ingest_distributed, open_client, ordered_map
    from orgmap.store import Store

    with open_client(workers=workers) as client:
        if pinned:
            pin(client)
        warm(client)
        t0 = time.perf_counter()
        for outcome in ordered_map(client, _extract_only, texts):
            assert outcome.error is None, outcome.error
        extract_s = time.perf_counter() - t0
        with tempfile.TemporaryDirectory() as d:
            store = Store.open(str(Path(d) / "ingest.db"), create=True)
            if sqlite_wal:
                wal(store)
            t0, c0 = time.perf_counter(), time.process_time()
            report = ingest_distributed(
                store, "bench", [folder], batch=batch, client=client, extract=default_extract
            )
            ingest_s, writer_cpu = time.perf_counter() - t0, time.process_time() - c0
            assert report.count("ingested") == len(texts), report.to_dict()["failed"]
            store.close()
    print(
        f"  {workers} worker(s): CPU of this process (the one writer and the Dask client) {writer_cpu:.1f} s"
    )
    return extract_s, ingest_s, writer_cpu


def _extract_only(text: str) -> int:
    from orgmap.scale import default_extract

    return len(default_extract(text).relations)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=2000)
    ap.add_argument("--batch", type=int, default=16)
    ap.add_argument("--seed", type=int, default=3)
    ap.add_argument(
        "--rounds",
        type=int,
        default=1,
        help="Alternate 1 and 2 workers this many times; the best time of each counts.",
    )
    ap.add_argument(
        "--sqlite-wal",
        action="store_true",
        help="Store in WAL mode with synchronous=NORMAL (what a WAL default would give).",
    )
    ap.add_argument("--no-pin", action="store_true", help="Leave the worker processes free to share cores.")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as d:
        folder = Path(d) / "corpus"
        folder.mkdir()
        corpus(folder, args.docs, args.seed)
        texts = [p.read_text(encoding="utf-8") for p in sorted(folder.iterdir())]
        print(
            f"{len(texts):,} documents, {sum(len(t.split()) for t in texts):,} words; batch {args.batch}; "
            f"{'store in WAL mode, synchronous=NORMAL; ' if args.sqlite_wal else ''}load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores"
        )
        n = len(texts)
        wall, cpu = in_process(folder, args.batch)
        print(
            f"in process (the default, no --workers): {wall:.1f} s, {n / wall:.1f} docs/s ({cpu:.1f} CPU s)"
        )
        results: dict[int, tuple[float, float, float]] = {}
        for _ in range(args.rounds):  # alternate, so a change in machine load hits both sides
            for workers in (1, 2):
                e, i, w = run(workers, folder, texts, args.batch, args.sqlite_wal, not args.no_pin)
                print(
                    f"{workers} worker(s): extraction fan-out {e:.1f} s ({n / e:.1f} docs/s, "
                    f"{n / e / workers:.1f} per worker); whole ingest {i:.1f} s ({n / i:.1f} docs/s, "
                    f"{n / i / workers:.1f} per worker); load {os.getloadavg()[0]:.1f}"
                )
                best = results.get(workers, (e, i, w))
                results[workers] = (min(best[0], e), min(best[1], i), min(best[2], w))
        (e1, i1, w1), (e2, i2, w2) = results[1], results[2]
        print(
            f"speed-up with 2 workers (best of {args.rounds}): extraction {e1 / e2:.2f}x, "
            f"whole ingest {i1 / i2:.2f}x (goal >= 1.8x); against in process: "
            f"1 worker {wall / i1:.2f}x, 2 workers {wall / i2:.2f}x"
        )
        per_doc, writer = e1 / n, min(w1, w2) / n
        print(
            f"extraction e = {per_doc * 1000:.0f} ms per document on one worker; the writer w = "
            f"{writer * 1000:.0f} ms CPU per document: the writer's ceiling is {1 / writer:.1f} docs/s"
        )
        for workers, (_, i, _) in sorted(results.items()):
            model = 1 / (per_doc / workers + writer)
            print(f"  W = {workers}: model e/W + w gives {model:.1f} docs/s, measured {n / i:.1f}")
        print(
            f"the single writer becomes the limit past W* = e / w = {per_doc / writer:.1f} workers "
            f"(at W*, {1 / (2 * writer):.1f} docs/s; never above {1 / writer:.1f})"
        )


if __name__ == "__main__":
    main()

"""FtM import at scale: an OpenSanctions-style stream read and written by ``orgmap import``.

Writes a synthetic JSON-lines file of ``--groups`` x (Person, Company, Directorship,
Sanction) - 36,000 groups make about 28 MB - then times ``orgmap.imports.import_file``
into a fresh SQLite store and prints wall and CPU time, the counts and the load average.

    .venv/bin/python benchmarks/ftm_import.py [--groups 36000]

Measured 2026-12-04 on the shared 2-core machine (load 6): 29.8 s wall, 14.6 s CPU for
28 MB; the code before ``bulk_add_entities`` took 103.8 s wall, 43.5 s CPU on the same file.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import tempfile
import time
from pathlib import Path


def write_stream(path: Path, groups: int, seed: int = 7) -> None:
    random.seed(seed)
    with path.open("w", encoding="utf-8") as f:
        for i in range(groups):
            for entity in (
                {
                    "id": f"p{i}",
                    "schema": "Person",
                    "properties": {
                        "name": [f"Person Number {i} Ñandú"],
                        "alias": [f"P. {i}"],
                        "birthDate": ["1970-01-01"],
                        "nationality": ["pa"],
                        "topics": ["sanction"],
                        "notes": ["x" * 60],
                        "sourceUrl": [f"https://example.org/p/{i}"],
                    },
                },
                {
                    "id": f"c{i}",
                    "schema": "Company",
                    "properties": {
                        "name": [f"Company {i} Holdings Ltd"],
                        "jurisdiction": ["pa"],
                        "registrationNumber": [str(100000 + i)],
                        "address": ["1 Main Street, Panama City"],
                    },
                },
                {
                    "id": f"d{i}",
                    "schema": "Directorship",
                    "properties": {
                        "director": [f"p{i}"],
                        "organization": [f"c{i}"],
                        "role": ["Director"],
                        "startDate": ["2019-05-01"],
                    },
                },
                {
                    "id": f"s{i}",
                    "schema": "Sanction",
                    "properties": {"entity": [f"p{i}"], "authority": ["OFAC"], "program": ["SDN"]},
                },
            ):
                f.write(json.dumps(entity, ensure_ascii=False) + "\n")


def main() -> None:
    from orgmap.imports import import_file
    from orgmap.store import Store

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--groups", type=int, default=36000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "stream.ftm.jsonl"
        write_stream(path, args.groups)
        store = Store.open(str(Path(tmp) / "bench.db"), create=True)
        wall, cpu = time.perf_counter(), time.process_time()
        summary = import_file(store, path, case="bench")
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        print(
            f"{path.stat().st_size / 1e6:.1f} MB: {wall:.1f} s wall, {cpu:.1f} s CPU, "
            f"load {os.getloadavg()[0]:.1f}; {summary}"
        )
        store.close()


if __name__ == "__main__":
    main()

"""Benchmark: the web Network page at 5,000 entities - first draw and a filter change.

    .venv/bin/python benchmarks/web_scale.py                 # 5,000 entities, 3 rounds
    .venv/bin/python benchmarks/web_scale.py --entities 20000 --rounds 1

A synthetic case of realistic shape goes into a SQLite store: people in organizations of
about 50 (each a ``member_of`` tie), each newcomer tied to five earlier people, four in
five of them in its own organization, by preferential attachment (``personal_tie``,
``reports_to``, ``met_with``: informal, formal and event layers), grades drawn from the
vocabulary. The app runs in a thread of this process; Chromium (Playwright) opens the page.

For each round it prints:

- **server**: the time :func:`orgmap.web.graph.build_elements` takes for the page's
  default query (what the first draw asks for) and for the filter change below, measured
  by calling it directly on the same store;
- **first draw**: from navigation to the graph drawn (the cytoscape instance holds the
  elements the server sent and has rendered a frame) - goal < 3 s;
- **filter change**: unticking the informal layer, from the click to the new graph drawn
  - goal < 1 s;
- how many elements were sent, against the case's size, and the page's own indicator.

As the peer, the elements of the whole case (``GraphQuery(limit=0)``: what the page sent
before it summarised) are built and their JSON size printed; drawing them is not timed
beyond ``--full-draw-timeout`` seconds. Nothing is asserted.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import tempfile
import time
from pathlib import Path

CHROMIUM = os.environ.get("ORGMAP_CHROMIUM", "/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"]
TIES = (("personal_tie", 0.5), ("reports_to", 0.3), ("met_with", 0.2))


def synthetic_store(path: str, n: int, seed: int = 1, group: int = 50) -> tuple[int, int]:
    """A store at ``path`` with ``n`` people in organizations of ``group``; (entities, assertions)."""
    from orgmap.model import Assertion, Entity, Evidence, Source
    from orgmap.store import Store
    from orgmap.store.bulk import bulk_add_assertions, bulk_add_entities

    rng = random.Random(seed)
    store = Store.open(path)
    case = store.ensure_case("synthetic", title=f"synthetic case of {n:,} people")
    text = "Synthetic register of who knows whom. " * 40
    sid = store.add_source(case, Source(text=text, title="register"))
    orgs = max(n // group, 1)
    people = bulk_add_entities(store, case, [Entity("person", f"Person {i}") for i in range(n)])
    units = bulk_add_entities(store, case, [Entity("organization", f"Unit {k}") for k in range(orgs)])
    rels, creds = list(store.schema.reliability)[:4], list(store.schema.credibility)[:4]
    kinds, weights = zip(*TIES)
    ends: dict[int, list[int]] = {}  # per organization: people, once per tie (preferential attachment)
    everyone: list[int] = []
    pairs: list[tuple[str, int, int]] = []
    for i in range(n):
        k = i % orgs
        pairs.append(("member_of", i, -1 - k))
        own = ends.setdefault(k, [])
        chosen: set[int] = set()
        for _ in range(5):
            pool = own if own and rng.random() < 0.8 else everyone
            if pool:
                chosen.add(rng.choice(pool))
        for j in sorted(chosen - {i}):
            pairs.append((rng.choices(kinds, weights)[0], i, j))
            own.append(j)
            everyone.append(j)
        own.append(i)
        everyone.append(i)

    def entity(x: int) -> int:
        return people[x] if x >= 0 else units[-1 - x]

    batch = [
        Assertion(
            entity(a),
            kind,
            entity(b),
            evidence=[Evidence(sid, 0, 37)],
            reliability=rng.choice(rels),
            credibility=rng.choice(creds),
            status="accepted",
            key=f"t{x}",
        )
        for x, (kind, a, b) in enumerate(pairs)
    ]
    bulk_add_assertions(store, case, batch)
    store.close()
    return n + orgs, len(batch)


def _cy_count(page) -> int:
    return page.evaluate(
        """() => { const el = [...document.querySelectorAll('#net-graph, #net-graph div')].find(d => d._cyreg);
        return el ? el._cyreg.cy.elements().length : -1; }"""
    )


def _drawn(page, before: str | None, timeout: float = 60.0) -> str:
    """Wait until the scope line changed from ``before`` and the graph holds elements; returns it."""
    end = time.perf_counter() + timeout
    while time.perf_counter() < end:
        scope = page.evaluate("() => (document.getElementById('net-scope') || {}).textContent || ''")
        if scope and scope != before and _cy_count(page) > 0:
            page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
            return scope
        page.wait_for_timeout(20)
    raise TimeoutError("the graph was not drawn")


def server_times(db: str) -> dict[str, float]:
    from orgmap.store import Store
    from orgmap.web.graph import GraphQuery, build_elements

    store = Store.open(db)
    case = store.default_case()
    layers = list(store.schema.layers)
    out = {}
    for name, q in (
        ("first", GraphQuery(layers=layers)),
        ("filter", GraphQuery(layers=[x for x in layers if x != "informal"])),
        ("whole case", GraphQuery(layers=layers, limit=0)),
    ):
        t = time.perf_counter()
        built = build_elements(store, case, q)
        out[name] = time.perf_counter() - t
        out[name + " elements"] = len(built["elements"])
        out[name + " KB"] = len(json.dumps(built["elements"])) / 1024
    store.close()
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--entities", type=int, default=5000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    from orgmap.web import BackgroundServer, WebConfig, create_app

    print(f"cores: {os.cpu_count()}, load average: {', '.join(f'{x:.1f}' for x in os.getloadavg())}")
    with tempfile.TemporaryDirectory() as tmp:
        db = str(Path(tmp) / "web.db")
        t = time.perf_counter()
        entities, assertions = synthetic_store(db, args.entities, args.seed)
        print(
            f"case: {entities:,} entities, {assertions:,} assertions (built in {time.perf_counter() - t:.1f} s)"
        )
        srv = BackgroundServer(create_app(WebConfig(db=db, who="bench", upload_dir=Path(tmp)))).start()
        try:
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
                for r in range(1, args.rounds + 1):
                    st = server_times(db)
                    page = browser.new_page(viewport={"width": 1440, "height": 900})
                    t = time.perf_counter()
                    page.goto(srv.url + "/")
                    scope = _drawn(page, None)
                    first = time.perf_counter() - t
                    sent = _cy_count(page)
                    t = time.perf_counter()
                    page.locator("#net-layers label", has_text="informal").click()
                    scope2 = _drawn(page, scope)
                    change = time.perf_counter() - t
                    print(
                        f"round {r}: first draw {first:.2f} s (server {st['first']:.2f} s, {sent} elements, "
                        f"{st['first KB']:.0f} KB) | filter change {change:.2f} s (server {st['filter']:.2f} s, "
                        f"{_cy_count(page)} elements) | whole case: server {st['whole case']:.2f} s, "
                        f"{st['whole case elements']:,} elements, {st['whole case KB']:.0f} KB",
                        flush=True,
                    )
                    print(f"         page says: {scope!r} then {scope2!r}")
                    page.close()
                browser.close()
        finally:
            srv.stop()
    print(f"load average at the end: {', '.join(f'{x:.1f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()

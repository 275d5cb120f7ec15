"""Benchmark: the web Network page at 5,000 entities - first draw and a filter change.

    .venv/bin/python benchmarks/web_scale.py                 # 5,000 entities, 3 rounds
    .venv/bin/python benchmarks/web_scale.py --entities 20000 --rounds 1

A synthetic case of realistic shape goes into a SQLite store: people in organizations of
about 50 (each a ``member_of`` tie), each newcomer tied to five earlier people, four in
five of them in its own organization, by preferential attachment (``personal_tie``,
``reports_to``, ``met_with``: informal, formal and event layers), grades drawn from the
vocabulary. The app runs in a thread of this process; Chromium (Playwright) opens the page.

For each round it prints:

- **first draw**: from navigation to the graph drawn (the cytoscape instance holds the
  elements the server sent and has rendered a frame) - goal < 3 s; *new* on a case never
  drawn (the page's caches emptied and the summaries kept in the store forgotten: the
  store read, communities and measure all computed), *fresh* as a new ``orgmap serve``
  process or a second worker finds it (the caches emptied; communities and node sizes
  read back from the store), *warm* when another analyst opens the page afterwards;
- **filter change**: unticking the informal layer after the *new* draw, from the click to
  the new graph drawn (the page's summary line changed and a frame painted) - goal < 1 s;
- **server alone**: :func:`orgmap.web.graph.build_elements` called directly: the first
  query new, the filter change, the first query fresh;
- how many elements were sent, and the page's own line saying what is shown;
- as the peer, the first draw of a 100-entity case of the same shape, drawn whole (what
  the page costs whatever the size: Dash, Chromium, the machine's load).

With ``--stages`` it first prints where the server's time goes (store read, ties, network
views, communities, measure, layout, summaries read and kept, the rest), for the first
query new and fresh and for the filter change.

With ``--peer`` the elements of the whole case (``GraphQuery(limit=0)``: everything, as
the page sent before it summarised) are built once, cold, and their JSON size printed;
they are not drawn (their force layout is most of the time). Nothing is asserted.
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
    store = Store.open(path, create=True)
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


def _first_draw(browser, url: str) -> float:
    """Seconds from opening ``url`` in a new page to its graph drawn."""
    page = browser.new_page(viewport={"width": 1440, "height": 900})
    t = time.perf_counter()
    page.goto(url + "/")
    _drawn(page, None)
    took = time.perf_counter() - t
    page.close()
    return took


def _drawn(page, before: str | None, timeout: float = 60.0) -> tuple[str, str]:
    """Wait until the page's summary changed from ``before`` and the graph holds elements and has
    painted a frame; returns (summary, the line saying what is shown)."""
    end = time.perf_counter() + timeout
    while time.perf_counter() < end:
        summary = page.evaluate("() => (document.getElementById('net-summary') || {}).textContent || ''")
        if summary and summary != before and _cy_count(page) > 0:
            page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
            return summary, page.inner_text("#net-scope")
        page.wait_for_timeout(20)
    raise TimeoutError("the graph was not drawn")


def forget(db: str | None = None) -> None:
    """Empty the page's caches of reads, views, communities and scores: the next draw reads the
    store again. With ``db``, the summaries kept in that store go too: the next draw computes
    communities and node sizes as on a case never drawn."""
    from orgmap.store import Store
    from orgmap.web.graphcache import forget as empty

    if db is None:
        empty()
        return
    store = Store.open(db)
    try:
        empty(store)
    finally:
        store.close()


def server_times(db: str, peer: bool) -> dict[str, float]:
    """build_elements alone: the default query new, the filter change, the default query fresh
    (read back from the store), then the whole case new."""
    from orgmap.store import Store
    from orgmap.web.graph import GraphQuery, build_elements

    store = Store.open(db)
    case = store.default_case()
    layers = list(store.schema.layers)
    out = {}
    forget(db)
    queries = [
        ("first", GraphQuery(layers=layers)),
        ("filter", GraphQuery(layers=[x for x in layers if x != "informal"])),
        ("fresh", GraphQuery(layers=layers)),
    ]
    for name, q in queries + ([("whole case", GraphQuery(layers=layers, limit=0))] if peer else []):
        if name == "fresh":
            forget()
        if name == "whole case":
            forget(db)
        t = time.perf_counter()
        built = build_elements(store, case, q)
        out[name] = time.perf_counter() - t
        out[name + " elements"] = len(built["elements"])
        out[name + " KB"] = len(json.dumps(built["elements"])) / 1024
    store.close()
    forget()
    return out


def stages(db: str) -> None:
    """Print the server's time per stage of :func:`~orgmap.web.graph.build_elements` (see the docstring)."""
    import functools
    import importlib

    from orgmap.store import Store
    from orgmap.web import graph, graphcache
    from orgmap.web.graph import GraphQuery, build_elements

    spent: dict[str, float] = {}
    timed = [
        (Store, "relation_heads", "store read"),
        (graphcache, "_group_ties", "ties grouped"),
        (importlib.import_module("orgmap.network.view"), "view_from_relations", "network views"),
        (
            importlib.import_module("orgmap.network.measures.communities"),
            "communities",
            "communities (Leiden)",
        ),
        (importlib.import_module("orgmap.network"), "analyze", "measure"),
        (Store, "summary", "summaries read"),
        (Store, "keep_summary", "summaries kept"),
        (graph, "positions", "layout"),
    ]

    def timer(fn, label):
        @functools.wraps(fn)
        def run(*args, **kwargs):
            t = time.perf_counter()
            try:
                return fn(*args, **kwargs)
            finally:
                spent[label] = spent.get(label, 0.0) + time.perf_counter() - t

        return run

    originals = [(owner, name, getattr(owner, name)) for owner, name, _ in timed]
    for owner, name, label in timed:
        setattr(owner, name, timer(getattr(owner, name), label))
    store = Store.open(db)
    try:
        case = store.default_case()
        layers = list(store.schema.layers)
        first, change = GraphQuery(layers=layers), GraphQuery(layers=[x for x in layers if x != "informal"])
        runs = (
            ("new", first, "the summaries too"),
            ("filter change", change, ""),
            ("fresh", first, "memory"),
        )
        for name, q, emptied in runs:
            if emptied:  # the filter change follows the new draw, caches as it left them
                forget(db if emptied == "the summaries too" else None)
            spent.clear()
            t = time.perf_counter()
            build_elements(store, case, q)
            total = time.perf_counter() - t
            parts = ", ".join(f"{k} {v:.2f}" for k, v in spent.items())
            print(f"server, {name}: {total:.2f} s = {parts}, the rest {total - sum(spent.values()):.2f}")
    finally:
        store.close()
        for owner, name, fn in originals:
            setattr(owner, name, fn)
        forget()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--entities", type=int, default=5000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--peer", action="store_true", help="also build the whole case's elements (slow)")
    parser.add_argument("--stages", action="store_true", help="first print the server's time per stage")
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
        if args.stages:
            stages(db)
        small = str(Path(tmp) / "small.db")
        synthetic_store(small, 100, args.seed)
        srv = BackgroundServer(create_app(WebConfig(db=db, who="bench", upload_dir=Path(tmp)))).start()
        peer = BackgroundServer(create_app(WebConfig(db=small, who="bench", upload_dir=Path(tmp)))).start()
        try:
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
                for r in range(1, args.rounds + 1):
                    forget(db)
                    page = browser.new_page(viewport={"width": 1440, "height": 900})
                    t = time.perf_counter()
                    page.goto(srv.url + "/")
                    summary, scope = _drawn(page, None)
                    cold = time.perf_counter() - t
                    sent = _cy_count(page)
                    t = time.perf_counter()
                    page.locator("#net-layers label", has_text="informal").click()
                    _, scope2 = _drawn(page, summary)
                    change = time.perf_counter() - t
                    after = _cy_count(page)
                    page.close()
                    forget()
                    fresh = _first_draw(browser, srv.url)
                    warm = _first_draw(browser, srv.url)
                    small_draw = _first_draw(browser, peer.url)
                    st = server_times(db, args.peer and r == 1)
                    print(
                        f"round {r}: first draw {cold:.2f} s new, {fresh:.2f} s fresh, {warm:.2f} s warm "
                        f"({sent} elements) | filter change {change:.2f} s ({after} elements) | server alone: "
                        f"first {st['first']:.2f} s new, {st['fresh']:.2f} s fresh, filter {st['filter']:.2f} s, "
                        f"{st['first KB']:.0f} KB sent | peer: 100 entities drawn whole {small_draw:.2f} s",
                        flush=True,
                    )
                    if "whole case" in st:
                        print(
                            f"         whole case (the peer): server {st['whole case']:.1f} s new, "
                            f"{st['whole case elements']:,} elements, {st['whole case KB']:,.0f} KB"
                        )
                    print(f"         page says: {scope!r}, then {scope2!r}")
                browser.close()
        finally:
            srv.stop()
            peer.stop()
    print(f"load average at the end: {', '.join(f'{x:.1f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()

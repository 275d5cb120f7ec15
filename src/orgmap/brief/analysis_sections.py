"""Briefing sections built on analyses: key actors and brokers, what-if, simulation, ACH.

Network measures, what-if and simulation come from ``orgmap.network`` and
``orgmap.simulate``; a section that has nothing to measure says so (``missing`` in each
result) rather than inventing numbers.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from functools import partial
from typing import Any

from orgmap.brief.evidence import Citations, Statement
from orgmap.network import analyze, build_view, collapse
from orgmap.network.analyze import measure_functions
from orgmap.store import Relation, Store

__all__ = ["ach_section", "actor_refs", "key_actors"]

SAMPLES = 200
#: above this many edges the intervals use fewer samples (the briefing stays quick)
LARGE = 3000


def actor_refs(cite: Citations, relations: list[Relation], entity_id: int, limit: int = 3) -> list[str]:
    """Quotes for an actor: the evidence of its best-graded relations."""
    own = [r for r in relations if entity_id in (r.subject.id, r.object.id)]
    own.sort(key=lambda r: (r.assertion.reliability, r.assertion.credibility, r.assertion.id))
    refs: list[str] = []
    for r in own[:limit]:
        refs.extend(cite.assertion(r.assertion, limit=1))
    return refs


def sampled_medians(
    graph: Any, measures: dict[str, Callable], *, samples: int, seed: int, top_k: int = 3
) -> dict[str, dict[str, dict[str, float]]]:
    """Median, 5-95 % interval and P(top ``top_k``) of each measure per actor over views whose
    edges are kept by credibility (:func:`orgmap.network.uncertainty.sample_graphs`).

    >>> from orgmap.network.edgelist import view_from_rows
    >>> from orgmap.network.measures import degree
    >>> g = view_from_rows([("a", "b"), ("a", "c")])
    >>> g.es["keep"] = [1.0, 0.0]
    >>> sampled_medians(g, {"degree": degree}, samples=9, seed=1)["degree"]["a"]
    {'median': 0.5, 'low': 0.5, 'high': 0.5, 'p_top': 1.0}
    """
    import numpy as np

    from orgmap.network.uncertainty import sample_graphs

    names = graph.vs["name"]
    values = {m: np.full((samples, len(names)), np.nan) for m in measures}
    for s, g in enumerate(sample_graphs(graph, samples, seed)):
        for m, fn in measures.items():
            result = fn(g)
            values[m][s] = [float(result.get(n, np.nan)) for n in names]
    out: dict[str, dict[str, dict[str, float]]] = {}
    for m, data in values.items():
        filled = np.nan_to_num(data, nan=-np.inf)
        cut = np.sort(filled, axis=1)[:, -min(top_k, len(names))][:, None]
        top = ((filled >= cut) & np.isfinite(filled)).mean(axis=0)
        out[m] = {}
        for j, n in enumerate(names):
            col = data[:, j][~np.isnan(data[:, j])]
            if col.size:
                lo, hi = np.quantile(col, (0.05, 0.95))
                out[m][n] = {
                    "median": float(np.median(col)),
                    "low": float(lo),
                    "high": float(hi),
                    "p_top": float(top[j]),
                }
    return out


def key_actors(
    store: Store, case_id: int, cite: Citations, relations: list[Relation], *, seed: int, top: int = 8
) -> dict[str, Any]:
    """Top actors by betweenness (with 5-95 % intervals from edge sampling) and top brokers."""
    if not relations:
        return {"actors": [], "brokers": [], "missing": ["no accepted relations to measure"], "samples": 0}
    graph = build_view(store, case_id)
    values = analyze(graph, ["brokerage", "constraint"], seed=seed)  # whole-view counts, said so
    ids = dict(zip(graph.vs["name"], graph.vs["entity_id"]))
    fns = measure_functions(["betweenness", "degree"], seed=seed)
    samples = SAMPLES if graph.ecount() <= LARGE else SAMPLES // 5
    wrapped = {k: partial(lambda f, g: f(collapse(g)), fn) for k, fn in fns.items()}
    intervals = sampled_medians(graph, wrapped, samples=samples, seed=seed)
    actors: list[Statement] = []
    # headline = the median of the sampled computation, so it always sits inside its interval
    between = {n: est["median"] for n, est in intervals["betweenness"].items()}
    order = sorted(between, key=lambda k: (-between[k], k))[:top]
    for name in order:
        b, d = intervals["betweenness"][name], intervals["degree"][name]
        text = (
            f"{name}: betweenness {b['median']:.3f} (5-95 %: {b['low']:.3f}-{b['high']:.3f}; "
            f"P(top 3) {b['p_top']:.2f}), degree {d['median']:.3f} ({d['low']:.3f}-{d['high']:.3f})"
        )
        actors.append(cite.statement(text, actor_refs(cite, relations, ids[name])))
    brokers: list[Statement] = []
    b = values["brokerage"]
    for name in sorted(b, key=lambda k: (-b[k], k))[:5]:
        if b[name] <= 0:
            continue
        c = values.get("constraint", {}).get(name)
        brokers.append(
            cite.statement(
                f"{name}: brokers {b[name]:.0f} open two-paths (Gould-Fernandez, whole view)"
                + (f", constraint {c:.3f}" if c == c and c is not None else ""),
                actor_refs(cite, relations, ids[name]),
            )
        )
    return {"actors": actors, "brokers": brokers, "missing": [], "samples": samples}


def _item_refs(store: Store, cite: Citations, item: Any) -> list[str]:
    refs: list[str] = []
    if item.assertion_id:
        refs.extend(cite.assertion(store.assertion(item.assertion_id)))
    if not refs:
        refs.extend(cite.span(e.source_id, e.start, e.end) for e in item.evidence)
    if not refs:
        refs.extend(cite.text(item.source_id, item.text))
    return refs


def ach_section(store: Store, case_id: int, cite: Citations) -> dict[str, Any]:
    """The ACH matrix with scores, ranking statements, and the most diagnostic evidence."""
    from orgmap.weigh.ach import ACHError
    from orgmap.weigh.sensitivity import case_ach, drop_groups, run_sensitivity

    hs = store.hypotheses(case_id)
    if not hs:
        return {"missing": ["this case has no hypotheses (add them with `orgmap hypotheses add`)"]}
    try:
        hyps, items, result = case_ach(store, case_id)
    except ACHError as exc:
        return {"missing": [f"ACH cannot be scored: {exc}"]}
    item_refs = {i.key: _item_refs(store, cite, i) for i in items}
    by_key = {i.key: i for i in result.items}
    rows = []
    for i in result.items:
        rows.append({"item": i, "statement": cite.statement(i.text, item_refs[i.key], grade=i.credibility)})
    ranking = []
    for h in result.hypotheses:
        against = [k for k, i in by_key.items() if i.ratings.get(h.key) in ("I", "II")]
        support = [k for k, i in by_key.items() if i.ratings.get(h.key) in ("C", "CC")]
        refs = [r for k in (against or support) for r in item_refs[k]]
        ranking.append(
            {
                "score": h,
                "statement": cite.statement(
                    (
                        f"{h.key} (rank {h.rank})"
                        if h.origin == "source"
                        else f"{h.key} (the analysts' own, argued by no source: ranked apart, {h.rank_label})"
                    )
                    + f": {h.statement} — weighted inconsistency {h.inconsistency:.3f}"
                    + (f", from items {', '.join(against)}" if against else ", no inconsistent evidence"),
                    refs,
                ),
            }
        )
    drops = run_sensitivity(hyps, items, store.schema, drop_groups(store, case_id, items))
    diagnostic = [r for r in rows if r["item"].diagnosticity > 0][:5]
    return {
        "hypotheses": result.hypotheses,
        "rows": rows,
        "ranking": ranking,
        "diagnostic": diagnostic,
        "sensitivity": drops,
        "notes": result.notes,
        "missing": [],
    }


def layer_counts(relations: list[Relation]) -> dict[str, int]:
    out: dict[str, int] = defaultdict(int)
    for r in relations:
        out[r.layer] += 1
    return dict(out)

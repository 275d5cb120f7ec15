"""Benchmark: ``analyze --samples 50`` at 1k / 5k / 20k entities, estimated against exact, one run.

    .venv/bin/python benchmarks/scale.py                       # 1,000 / 5,000 / 20,000 actors
    .venv/bin/python benchmarks/scale.py --sizes 1000 5000 --samples 20 --workers 2

Synthetic cases of realistic shape: preferential attachment with five ties per new actor
(a few hubs, most actors with a handful of ties; about 5n ties), actors in organizations
of 50 (for brokerage), each tie kept with a probability drawn from the grades a case
carries (1.0, 0.72, 0.5, 0.3). The work is what
``orgmap analyze --samples N`` does (the CLI's own functions: the pivot plan, then the
sampled battery without communities, each sample collapsed once, in ``--workers`` processes).

For each size it prints wall seconds and CPU seconds (this process and its workers: on a
loaded shared machine the wall time says more about the neighbours), peak memory (this
process and its largest worker), the pivots chosen and the growth exponent of the CPU time
from the previous size (log t ratio / log n ratio). The exact computation (``--pivots
exact``) is measured in the same run: in full up to ``--exact-full`` actors, and on
``--exact-samples`` samples above that (its per-sample time scaled to ``--samples``), so
the ratio holds on a loaded machine. On the sizes
measured in full it prints the Spearman rank correlation of the mean betweenness, estimated
against exact, over the exact top 50 (goal >= 0.95 at 5,000).

A second table times, on the same cases, the key-player search (``orgmap keyplayers``,
k = 3: fragmentation, every actor a candidate; reach, a shortlist above 2,000 actors) and a
what-if (the top hub removed, its brokerage planned as ``orgmap whatif`` does, then
``--samples`` credibility samples for the intervals), with the choices each printed.
Nothing is asserted.
"""

from __future__ import annotations

import argparse
import math
import os
import resource
import time

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import igraph as ig  # noqa: E402 (after the thread settings)
import numpy as np  # noqa: E402
from scipy.stats import spearmanr  # noqa: E402

from orgmap.network import view_from_rows  # noqa: E402
from orgmap.network.analyze import measure_functions  # noqa: E402
from orgmap.network.measures.pivots import describe, plan_path_measures  # noqa: E402
from orgmap.network.uncertainty import sample_measures  # noqa: E402
from orgmap.network.view import collapse  # noqa: E402

GRADE_KEEP = (1.0, 0.72, 0.5, 0.3)


def synthetic_case(n: int, seed: int):
    """A view of ``n`` actors, about 5n ties, hubs as in real cases, keep probabilities by grade."""
    import random

    random.seed(seed)  # igraph's generators use Python's random
    base = ig.Graph.Barabasi(n, 5)
    nodes = {f"actor {i}": {"group": f"organization {i % max(n // 50, 1)}"} for i in range(n)}
    view = view_from_rows([(f"actor {a}", f"actor {b}") for a, b in base.get_edgelist()], nodes=nodes)
    rng = np.random.default_rng(seed)
    view.es["keep"] = rng.choice(GRADE_KEEP, size=view.ecount()).tolist()
    return view


def cpu_seconds() -> float:
    """CPU time of this process and of its finished workers."""
    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def run(view, samples: int, seed: int, pivots, workers: int):
    """What ``orgmap analyze --samples`` does; returns ((wall, CPU seconds), betweenness means, plan)."""
    t, c = time.perf_counter(), cpu_seconds()
    plan = plan_path_measures(view, ["betweenness", "closeness"], pivots=pivots, samples=samples, seed=seed)
    chosen = {m: (0 if e.exact else e.pivots) for m, e in plan.items()}
    fns = measure_functions(None, seed=seed, pivots=chosen)
    fns.pop("community")  # as the CLI: community numbers do not average
    est = sample_measures(view, fns, samples=samples, seed=seed, workers=workers, prepare=collapse)
    wall = (time.perf_counter() - t, cpu_seconds() - c)
    return wall, {n: e.mean for n, e in est["betweenness"].items()}, plan


def time_keyplayers_and_whatif(view, samples: int, seed: int) -> list[str]:
    """Rows for the second table: what ``orgmap keyplayers`` and ``orgmap whatif`` do on ``view``."""
    from orgmap.network.measures import key_players
    from orgmap.network.whatif import graph_resolver, run_scenario_on_graph
    from orgmap.network.whatif.intervals import sample_scenario
    from orgmap.network.whatif.metrics import brokerage_estimate
    from orgmap.network.whatif.scenario import parse_whatif_scenario

    rows = []
    for goal in ("fragmentation", "reach"):
        t, c = time.perf_counter(), cpu_seconds()
        found = key_players(view, 3, goal=goal, seed=seed)
        rows.append(
            f"{'keyplayers ' + goal:<24} {time.perf_counter() - t:>7.1f} {cpu_seconds() - c:>7.1f}  "
            f"score {found.score:.3f}; swaps among {found.searched}; start {found.start}"
        )
    view.es["layer"] = ["informal"] * view.ecount()
    hub = max(range(view.vcount()), key=view.degree)
    names = view.vs["name"]
    neighbours = sorted(view.neighbors(hub))
    scenario = parse_whatif_scenario(
        {
            "leader": names[neighbours[0]],
            "affiliates": [names[i] for i in range(0, view.vcount(), max(view.vcount() // 50, 1))],
            "operations": [{"remove": names[hub]}],
        }
    )
    t, c = time.perf_counter(), cpu_seconds()
    est = brokerage_estimate(view, ["informal"], None, seed=seed)
    resolve = graph_resolver(view)
    run_scenario_on_graph(view, scenario, resolve, pivots=0 if est.exact else est.pivots, seed=seed)
    first = time.perf_counter() - t
    sample_scenario(view, scenario, resolve, None, samples=samples, seed=seed)
    how = "exact" if est.exact else f"{est.pivots:,} pivots, ±{est.bound:,.0f} pairs"
    rows.append(
        f"{f'whatif --samples {samples}':<24} {time.perf_counter() - t:>7.1f} {cpu_seconds() - c:>7.1f}  "
        f"scenario {first:.1f} s (brokerage {how}), then the samples"
    )
    return rows


def peak_mb() -> tuple[float, float]:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return own, kids


def top_rank_agreement(exact: dict, estimated: dict, k: int = 50) -> float:
    top = sorted(exact, key=exact.get, reverse=True)[:k]
    return float(spearmanr([exact[x] for x in top], [estimated[x] for x in top]).statistic)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000, 20000])
    parser.add_argument("--samples", type=int, default=50)
    parser.add_argument("--workers", type=int, default=0, help="0: one per core")
    parser.add_argument("--exact-full", type=int, default=5000)
    parser.add_argument("--exact-samples", type=int, default=2)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    print(f"cores: {os.cpu_count()}, load average: {', '.join(f'{x:.1f}' for x in os.getloadavg())}")
    print(
        f"{'actors':>7} {'ties':>7} {'est. wall s':>11} {'CPU s':>7} {'exponent':>8} {'exact wall s':>12} "
        f"{'CPU s':>7} {'exact/est CPU':>13} {'peak MB main/worker':>19} {'rho top50':>9}  how"
    )
    previous = None
    second = []
    for n in args.sizes:
        view = synthetic_case(n, args.seed)
        (wall, cpu), means, plan = run(view, args.samples, args.seed, None, args.workers)
        own, kids = peak_mb()
        exponent = f"{math.log(cpu / previous[1]) / math.log(n / previous[0]):.2f}" if previous else "-"
        previous = (n, cpu)
        how = describe(plan["betweenness"], args.samples)
        if n <= args.exact_full:
            (exact_wall, exact_cpu), exact_means, _ = run(view, args.samples, args.seed, 0, args.workers)
            same = plan["betweenness"].exact
            rho = "1 (same)" if same else f"{top_rank_agreement(exact_means, means):.3f}"
            exact_txt = f"{exact_wall:.1f}"
        else:
            (part, part_cpu), _, _ = run(view, args.exact_samples, args.seed, 0, args.workers)
            exact_wall = part * args.samples / args.exact_samples
            exact_cpu = part_cpu * args.samples / args.exact_samples
            rho, exact_txt = "-", f"~{exact_wall:.0f}"
        print(
            f"{n:>7} {view.ecount():>7} {wall:>11.1f} {cpu:>7.1f} {exponent:>8} {exact_txt:>12} "
            f"{exact_cpu:>7.1f} {exact_cpu / cpu:>13.1f} {own:>9.0f}/{kids:<9.0f} {rho:>9}  {how}",
            flush=True,
        )
        second += [f"{n:>7} {row}" for row in time_keyplayers_and_whatif(view, args.samples, args.seed)]
    print(f"\n{'actors':>7} {'work':<24} {'wall s':>7} {'CPU s':>7}  how")
    print("\n".join(second))
    print(f"load average at the end: {', '.join(f'{x:.1f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()

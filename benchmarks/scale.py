"""Benchmark: ``analyze --samples 50`` at 1k / 5k / 20k entities, estimated against exact, one run.

    .venv/bin/python benchmarks/scale.py                       # 1,000 / 5,000 / 20,000 actors
    .venv/bin/python benchmarks/scale.py --sizes 1000 5000 --samples 20 --workers 2

Synthetic cases of realistic shape: preferential attachment with five ties per new actor
(a few hubs, most actors with a handful of ties; about 5n ties), actors in organizations
of 50 (for brokerage), each tie kept with a probability drawn from the grades a case
carries (1.0, 0.72, 0.5, 0.3). The work is what
``orgmap analyze --samples N`` does (the CLI's own functions: the pivot plan, then the
sampled battery without communities, in ``--workers`` processes).

For each size it prints wall seconds and CPU seconds (this process and its workers: on a
loaded shared machine the wall time says more about the neighbours), peak memory (this
process and its largest worker), the pivots chosen and the growth exponent of the CPU time
from the previous size (log t ratio / log n ratio). The exact computation (``--pivots
exact``) is measured in the same run: in full up to ``--exact-full`` actors, and on
``--exact-samples`` samples above that (its per-sample time scaled to ``--samples``), so
the ratio holds on a loaded machine. On the sizes
measured in full it prints the Spearman rank correlation of the mean betweenness, estimated
against exact, over the exact top 50 (goal >= 0.95 at 5,000). Nothing is asserted.
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
    est = sample_measures(view, fns, samples=samples, seed=seed, workers=workers)
    wall = (time.perf_counter() - t, cpu_seconds() - c)
    return wall, {n: e.mean for n, e in est["betweenness"].items()}, plan


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
    print(f"load average at the end: {', '.join(f'{x:.1f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()

"""Benchmark: the vectorised model against a straightforward per-agent Mesa version.

    .venv/bin/python benchmarks/simulate.py                  # 1,000-run succession ensemble
    .venv/bin/python benchmarks/simulate.py --mesa-runs 5 --check-runs 100

The Mesa model below implements the same rules one agent and one tie at a time (written
here only for this comparison). It draws from Python's own random stream, so the two
agree in distribution, not number for number: ``--check`` compares final-step ensemble
distributions on a small hand-made organization (two-sample Kolmogorov-Smirnov and mean
differences). Then it times the Qods Force succession scenario: the vectorised 1,000-run
ensemble in full, Mesa on ``--mesa-runs`` runs scaled to 1,000 (runs are independent, so
the cost is linear), and prints the ratio. Goals: >= 30x faster than Mesa, 1,000 runs
in under 10 s on the 2-core machine. Nothing here is asserted.
"""

from __future__ import annotations

import argparse
import math
import os
import time
from pathlib import Path

import mesa
import numpy as np
from scipy.stats import ks_2samp

from orgmap.simulate import load_simulation_scenario, prepare, run_ensemble, simulate
from orgmap.simulate.events import Event
from orgmap.simulate.network import Network
from orgmap.simulate.params import Params, Style

SCENARIO = Path(__file__).resolve().parent.parent / "src/orgmap/cases/qods-force/scenarios/succession.yaml"


class Principal(mesa.Agent):
    def __init__(self, model, index, role, style, loyalty):
        super().__init__(model)
        self.index, self.role, self.style, self.loyalty = index, role, style, loyalty
        self.alive, self.authority, self.threat = True, 1.0, 0.0


class Affiliate(mesa.Agent):
    def __init__(self, model, index, ties, formal, mass):
        super().__init__(model)
        self.index, self.ties, self.formal, self.mass = index, ties, formal, mass
        self.psi = model.random.random() * 2 * math.pi


class MesaOrganization(mesa.Model):
    """One run of the coordination model, agent by agent."""

    def __init__(self, net: Network, events, params: Params, step_days: float, seed: int):
        super().__init__(seed=seed)
        self.p, self.dt, self.events = params, step_days / 365.25, events
        self.principals = [
            Principal(self, i, net.roles[i], net.styles[i], float(net.loyalty[i]))
            for i in range(net.n_principals)
        ]
        self.affiliates = []
        for a in range(net.n_affiliates):
            ties = [
                float(net.ties[a, j]) if self.random.random() < net.share[a, j] else 0.0
                for j in range(net.n_principals)
            ]
            self.affiliates.append(
                Affiliate(self, a, ties, [bool(x) for x in net.formal[a]], float(net.mass[a]))
            )
        self.edges = [tuple(e) for e in net.aff_edges]
        for members, density in net.random_blocks:
            for x in range(len(members)):
                for y in range(x + 1, len(members)):
                    if self.random.random() < density:
                        self.edges.append((int(members[x]), int(members[y])))
        self.pp_edges = [tuple(e) for e in net.pp_edges]
        self.leader = net.leader
        self.predecessor = None
        self.predecessor_post = None
        # the side each principal's own agenda leans to: a fair coin per run, never its index
        self.side = [1 if self.random.random() < 0.5 else -1 for _ in net.principals]
        self.event_draws = [self.random.random() for _ in events]
        self.t = 0

    # -- events ---------------------------------------------------------------------
    def remove(self, p):
        self.principals[p].alive = False
        for a in self.affiliates:
            a.ties[p] = 0.0

    def apply(self, k, ev):
        P = self.principals
        if ev.kind == "death":
            for p in ev.targets:
                if p == self.leader:
                    self.predecessor = [a.ties[p] for a in self.affiliates]
                    self.predecessor_post = [a.formal[p] for a in self.affiliates]
                self.remove(p)
        elif ev.kind == "succession":
            q, old = ev.targets[0], self.leader
            if old is not None and old != q and P[old].alive:
                self.predecessor = [a.ties[old] for a in self.affiliates]
                self.predecessor_post = [a.formal[old] for a in self.affiliates]
                self.remove(old)
            if self.predecessor is not None:
                for a, w in zip(self.affiliates, self.predecessor):
                    a.ties[q] = max(a.ties[q], self.p.inheritance * w)
            if self.predecessor_post is not None:  # the post, and its formal ties, pass whole
                for a, f in zip(self.affiliates, self.predecessor_post):
                    a.formal[q] = a.formal[q] or f
                    if old is not None and old != q:
                        a.formal[old] = False
            self.leader = q
            P[q].role, P[q].loyalty = "leader", 1.0
            for x in P:
                if x.role == "circle":
                    x.loyalty = self.p.rival_loyalty
            if ev.style is not None:
                P[q].style = ev.style
        elif ev.kind == "strike":
            for p in ev.targets:
                P[p].threat = 1.0
        elif ev.kind == "purge":
            for p in ev.targets:
                if self.event_draws[k] < ev.success:
                    self.remove(p)
                else:
                    P[p].loyalty = max(0.0, P[p].loyalty - self.p.purge_backlash)
        elif ev.kind == "patron_support":
            if self.leader is not None:
                P[self.leader].authority += self.p.patron_authority
            for x in P:
                if x.role == "circle":
                    x.loyalty = min(1.0, x.loyalty + self.p.patron_loyalty)
        elif ev.kind == "style":
            for p in ev.targets:
                P[p].style = ev.style

    # -- one step -------------------------------------------------------------------
    def step(self):
        self.t += 1
        for k, ev in enumerate(self.events):
            if ev.step == self.t:
                self.apply(k, ev)
        p, dt, L, rnd = self.p, self.dt, self.leader, self.random
        for a in self.affiliates:
            for j in range(len(a.ties)):
                a.ties[j] *= math.exp(-p.decay_personal * dt)
            if L is not None and p.competition > 0:
                pull = sum(
                    (1 - x.loyalty) * x.alive * a.ties[x.index] for x in self.principals if x.index != L
                )
                a.ties[L] *= math.exp(-p.competition * dt * pull)
        for x in self.principals:
            s = x.style
            if s.contact_rate <= 0 or not x.alive:
                continue
            rate = s.contact_rate * (1 - s.risk_aversion * x.threat)
            if rate <= 0:
                continue
            reach = [a for a in self.affiliates if x.index == L or a.ties[x.index] > 0 or a.formal[x.index]]
            n = max(len(reach), 1)
            mean_w = sum(a.ties[x.index] for a in reach) / n
            mean_gap = sum(1 - a.ties[x.index] for a in reach) / n
            for a in reach:
                w = a.ties[x.index]
                weak = (1 - w) / (mean_gap if mean_gap > 0 else 1.0)
                strong = w / mean_w if mean_w > 0 else 1.0
                share = s.balancing * weak + (1 - s.balancing) * strong
                if rnd.random() < 1 - math.exp(-rate * dt * share):
                    a.ties[x.index] = w + p.growth * (1 - s.formality) * (1 - w)
        if p.entry_rate > 0:
            p_entry = 1 - math.exp(-p.entry_rate * dt)
            for a in self.affiliates:
                if L is None or not self.principals[L].alive:
                    lapsed = True
                else:
                    lapsed = max(a.ties[L], p.formal_strength * a.formal[L]) < p.lapse_threshold
                for x in self.principals:
                    if (
                        x.role == "outside"
                        and lapsed
                        and x.alive
                        and a.ties[x.index] < p.entry_strength
                        and rnd.random() < p_entry
                    ):
                        a.ties[x.index] = p.entry_strength
        for x in self.principals:
            x.threat *= math.exp(-p.threat_decay * dt)

    # -- measures -------------------------------------------------------------------
    def measure(self):
        p, P = self.p, self.principals
        total = sum(a.mass for a in self.affiliates)
        coord_x = coord_y = control = principals = multi = 0.0
        routing = [0.0] * (len(P) + 1)
        nA = len(self.affiliates)
        parent = list(range(nA + len(P)))

        def find(i):
            while parent[i] != i:
                parent[i] = parent[parent[i]]
                i = parent[i]
            return i

        def union(i, j):
            parent[find(i)] = find(j)

        for a in self.affiliates:
            S = [max(a.ties[x.index], p.formal_strength * a.formal[x.index]) * x.alive for x in P]
            chain = [x.alive and x.loyalty >= p.chain_loyalty for x in P]
            tied = [s >= p.principal_threshold for s in S]
            n = int(any(t and c for t, c in zip(tied, chain))) + sum(t and not c for t, c in zip(tied, chain))
            best = max(range(len(P)), key=lambda j: (S[j] * P[j].authority, -j))
            routing[best if n > 0 else len(P)] += a.mass / total
            if n > 0 and chain[best]:
                control += a.mass
            principals += n * a.mass
            multi += (n >= 2) * a.mass
            dx = p.autonomy * math.cos(a.psi) + sum(
                S[j] * math.cos((1 - P[j].loyalty) * p.divergence * self.side[j]) for j in range(len(P))
            )
            dy = p.autonomy * math.sin(a.psi) + sum(
                S[j] * math.sin((1 - P[j].loyalty) * p.divergence * self.side[j]) for j in range(len(P))
            )
            norm = math.hypot(dx, dy)
            if norm > 0:
                coord_x += a.mass * dx / norm
                coord_y += a.mass * dy / norm
            for j, t in enumerate(tied):
                if t:
                    union(a.index, nA + j)
        for i, j in self.edges:
            union(i, j)
        for i, j in self.pp_edges:
            if P[i].alive and P[j].alive:
                union(nA + i, nA + j)
        present = list(range(nA)) + [nA + x.index for x in P if x.alive]
        sizes: dict[int, int] = {}
        for i in present:
            sizes[find(i)] = sizes.get(find(i), 0) + 1
        n = len(present)
        frag = 1 - sum(s * (s - 1) for s in sizes.values()) / (n * (n - 1)) if n > 1 else 0.0
        return {
            "coordination": math.hypot(coord_x, coord_y) / total,
            "control": control / total,
            "principals": principals / total,
            "multi_principal": multi / total,
            "fragmentation": frag,
            "routing": routing,
        }


def mesa_ensemble(net, events, params, steps, step_days, runs, seed):
    """Per-step metrics of ``runs`` Mesa runs, as arrays (run, time point), like the vectorised model."""
    out: dict[str, list] = {}
    for r in range(runs):
        model = MesaOrganization(net, events, params, step_days, seed=seed * 100_003 + r)
        for ev in events:  # events at step 0 happen before the first measurement
            if ev.step == 0:
                model.apply(events.index(ev), ev)
        track = [model.measure()]
        for _ in range(steps):
            model.step()
            track.append(model.measure())
        for k in track[0]:
            out.setdefault(k, []).append([m[k] for m in track])
    return {k: np.array(v) for k, v in out.items()}


def small_case():
    """Leader, successor, old circle, outside power; 24 affiliates; death and succession."""
    A = 24
    ties = np.zeros((A, 4))
    ties[:, 0] = 0.7
    ties[: A // 2, 2] = 0.5
    styles = [
        Style(24, 0.1, 0.9, 0.0),
        Style(4, 0.8, 0.3, 0.7),
        Style(12, 0.3, 0.5, 0.0),
        Style(6, 0.5, 0.5, 0.0),
    ]
    net = Network.hand_made(
        ["leader", "successor", "circle", "ministry"],
        [f"a{i}" for i in range(A)],
        ties,
        roles=["leader", "successor", "circle", "outside"],
        styles=styles,
        loyalty=[1.0, 1.0, 1.0, 0.3],
        pp_edges=[(0, 2)],
    )
    events = [Event(4, "death", (0,)), Event(5, "succession", (1,)), Event(20, "strike", (1,))]
    return net, events, Params()


def check(runs: int, steps: int = 40) -> bool:
    net, events, params = small_case()
    vec = simulate(net, events, params, steps=steps, step_days=7.0, seed=11, run_ids=range(runs))
    mes = mesa_ensemble(net, events, params, steps, 7.0, runs, seed=11)
    ok = True
    print(f"agreement on a small case ({runs} runs each, final step {steps}):")
    for k in ("coordination", "control", "principals", "multi_principal", "fragmentation"):
        a, b = vec[k][:, -1].round(9), mes[k][:, -1].round(9)  # same shares, summed in another order
        p = ks_2samp(a, b).pvalue
        good = p > 0.01 and abs(a.mean() - b.mean()) < 0.05
        ok &= good
        print(
            f"  {k:16s} numpy {a.mean():.3f}  mesa {b.mean():.3f}  KS p = {p:.2f}  "
            f"{'ok' if good else 'DIFFERENT'}"
        )
    return ok


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=1000)
    ap.add_argument("--mesa-runs", type=int, default=10)
    ap.add_argument("--check-runs", type=int, default=200)
    ap.add_argument("--no-check", action="store_true")
    ap.add_argument("--workers", type=int, default=0, help="also time the ensemble over a local Dask cluster")
    args = ap.parse_args()
    if not args.no_check:
        check(args.check_runs)
    scenario = load_simulation_scenario(SCENARIO)
    prep = prepare(scenario)
    net = prep.network
    print(
        f"\nQods Force succession: {net.n_affiliates} affiliate agents, {net.n_principals} principals, "
        f"{scenario.steps} weekly steps"
    )
    t, c = time.perf_counter(), time.process_time()
    run_ensemble(scenario, runs=args.runs, prepared=prep)
    numpy_s, numpy_cpu = time.perf_counter() - t, time.process_time() - c
    t, c = time.perf_counter(), time.process_time()
    mesa_ensemble(
        net, prep.events, scenario.params, scenario.steps, scenario.step, args.mesa_runs, scenario.seed
    )
    scale = args.runs / args.mesa_runs
    mesa_s, mesa_cpu = (time.perf_counter() - t) * scale, (time.process_time() - c) * scale
    print(
        f"orgmap (numpy, 1 process): {args.runs} runs in {numpy_s:.2f} s wall, "
        f"{numpy_cpu:.2f} s CPU  (goal < 10 s)"
    )
    print(
        f"Mesa per-agent:            {args.runs} runs in {mesa_s:.1f} s wall, {mesa_cpu:.1f} s CPU  "
        f"(measured on {args.mesa_runs} runs, scaled)"
    )
    print(
        f"ratio: orgmap is {mesa_s / numpy_s:.0f}x faster than Mesa by wall clock, "
        f"{mesa_cpu / numpy_cpu:.0f}x by CPU time  (goal >= 30x)"
    )
    if args.workers:
        t = time.perf_counter()
        run_ensemble(scenario, runs=args.runs, prepared=prep, workers=args.workers)
        print(
            f"orgmap over Dask, {args.workers} workers (cluster start included): "
            f"{time.perf_counter() - t:.2f} s wall"
        )
    print(f"load average while measuring: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")


if __name__ == "__main__":
    main()

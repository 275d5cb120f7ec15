"""Global sensitivity of a scenario's conclusions: Morris screening and Sobol indices (SALib).

Every parameter of :data:`orgmap.simulate.params.PARAMETERS` that acts in the dynamics (all but
:data:`NOT_DYNAMIC`) moves over its documented range ``[low, high]``; SALib draws
``trajectories`` one-at-a-time paths through that space
(``trajectories x (k + 1)`` points), each point runs a small seeded ensemble, and the
elementary effects give per outcome mu* (mean absolute effect: how much the parameter
moves it) and sigma (interactions and non-linearity), both in the outcome's own units.

Outcomes: end coordination, end control, days from the first event to the coordination low
point, and the end share of affiliates routed around the leader (the successor, after a
succession). Each comes with a conclusion - e.g. "coordination ends below its level before the first
event" - taken as the base run states it (the statement or its negation) and checked at
every sampled point: the verdict is *robust* when it holds at every point, otherwise
*depends on* the parameters with the largest mu* for that outcome.

Sobol indices (:func:`sobol`) apportion each outcome's variance over the same ranges: S1 is
the share a parameter explains alone, ST its share with all its interactions (Saltelli's
sampling, ``n x (k + 2)`` points, first and total order only); the verdicts rank by ST.
Both return a :class:`ScreenResult`.

>>> conclusion_holds("coordination", 0.6, {"before": 0.9})
True
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

import numpy as np

from orgmap.simulate.ensemble import Prepared
from orgmap.simulate.params import PARAMETERS, Params

__all__ = ["OUTCOMES", "MorrisResult", "ScreenResult", "conclusion_holds", "morris", "outcomes_of", "sobol"]

OUTCOMES: dict[str, str] = {
    "coordination": "coordination ends below its level before the first event",
    "control": "control ends below control_level (the chain has lost the affiliates)",
    "days_to_low": "coordination reaches its low point within a year of the first event",
    "routed_around": "at the end more than control_level of the affiliates are routed around the leader "
    "(the successor)",
}
"""Outcome -> the conclusion whose robustness the verdict reports."""

TOP = 3
"""How many parameters a verdict names."""

NOT_DYNAMIC = ("control_level", "succession_delay")
"""Parameters the screen holds at the scenario's value: control_level only words the report and
the conclusions, succession_delay only dates an undated succession when the file is read."""


def outcomes_of(data: dict[str, np.ndarray], events: list, step_days: float, leader: int) -> dict[str, float]:
    """The four outcomes (and the reference levels their conclusions need) of one ensemble."""
    coord = data["coordination"].mean(axis=0)
    T = len(coord) - 1
    first = min((ev.step for ev in events), default=0)
    low = int(np.argmin(coord[first:]) + first)
    routing = data["routing"][:, T].mean(axis=0)
    return {
        "coordination": float(coord[T]),
        "control": float(data["control"][:, T].mean()),
        "days_to_low": float((low - first) * step_days),
        "routed_around": float(1.0 - routing[leader]),
        "before": float(coord[max(0, first - 1)]),
    }


def conclusion_holds(outcome: str, value: float, ref: dict[str, float], params: Params | None = None) -> bool:
    """Whether the conclusion of ``outcome`` holds for ``value`` (see :data:`OUTCOMES`)."""
    params = params or Params()
    if outcome == "coordination":
        return value < ref["before"]
    if outcome == "control":
        return value < params.control_level
    if outcome == "days_to_low":
        return value <= 365.25
    return value > params.control_level


LABELS = {"morris": ("mu*", "sigma"), "sobol": ("ST", "S1")}
"""Per method: the index that ranks the parameters, and the one shown beside it."""


@dataclass
class ScreenResult:
    """Indices per outcome and parameter, and how often each conclusion held at the sampled points.

    ``primary`` ranks (Morris mu*, Sobol ST), ``secondary`` is shown beside it (Morris sigma,
    Sobol S1), ``conf`` is the 95 % confidence half-width of ``primary``.
    """

    names: list[str]
    primary: dict[str, np.ndarray]  # outcome -> per parameter
    secondary: dict[str, np.ndarray]
    conf: dict[str, np.ndarray]
    holds: dict[str, float]  # outcome -> share of sampled points that agree with the base run's conclusion
    base: dict[str, float]
    base_holds: dict[str, bool]  # whether the conclusion holds in the base run (else its negation is tested)
    points: int
    runs: int
    method: str = "morris"

    @property
    def mu_star(self) -> dict[str, np.ndarray]:
        return self.primary

    @property
    def sigma(self) -> dict[str, np.ndarray]:
        return self.secondary

    @property
    def labels(self) -> tuple[str, str]:
        return LABELS[self.method]

    def ranked(self, outcome: str) -> list[tuple[str, float, float]]:
        """(parameter, primary, secondary), most influential first; ties by name."""
        order = sorted(range(len(self.names)), key=lambda i: (-self.primary[outcome][i], self.names[i]))
        mu, sigma = self.primary[outcome], self.secondary[outcome]
        return [(self.names[i], float(mu[i]), float(sigma[i])) for i in order]

    def conclusion(self, outcome: str) -> str:
        """The base run's conclusion: the statement of :data:`OUTCOMES`, or its negation."""
        return OUTCOMES[outcome] if self.base_holds[outcome] else f"not: {OUTCOMES[outcome]}"

    def verdict(self, outcome: str) -> str:
        """One line: robust across the documented ranges, or dependent on named parameters."""
        share = self.holds[outcome]
        top = ", ".join(n for n, m, _ in self.ranked(outcome)[:TOP] if m > 0) or "none"
        if share == 1.0:
            return (
                f"robust: '{self.conclusion(outcome)}' holds at all {self.points} sampled points "
                f"(most influential: {top})"
            )
        return (
            f"depends on {top}: '{self.conclusion(outcome)}' holds at {100 * share:.0f} % of "
            f"{self.points} sampled points"
        )

    def plot(self, path: Any, title: str = "") -> Any:
        """The ranking index (bars) and the other (ticks) of the six most influential parameters per outcome."""
        from pathlib import Path

        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt

        first, second = self.labels
        fig, axes = plt.subplots(1, len(OUTCOMES), figsize=(16, 4.5))
        for ax, outcome in zip(axes, OUTCOMES):
            rows = self.ranked(outcome)[:6][::-1]
            y = np.arange(len(rows))
            ax.barh(y, [m for _, m, _ in rows], color="#4477aa", label=first)
            ax.plot([s for _, _, s in rows], y, "k|", markersize=12, label=second)
            ax.set_yticks(y, [n for n, _, _ in rows], fontsize=8)
            ax.set_title(f"{outcome}\n{100 * self.holds[outcome]:.0f} % of points hold", fontsize=9)
        axes[0].legend(fontsize=7)
        what = "Morris screening" if self.method == "morris" else "Sobol indices"
        heading = str(title).replace("$", r"\$") + f" - {what}, {self.points} points"
        fig.suptitle(heading, fontsize=10)
        fig.tight_layout()
        out = Path(path)
        out.parent.mkdir(parents=True, exist_ok=True)
        fig.savefig(out, dpi=100)
        plt.close(fig)
        return out

    def to_dict(self) -> dict[str, Any]:
        keys = ("mu_star", "sigma") if self.method == "morris" else ("ST", "S1")
        conf = {o: dict(zip(self.names, self.conf[o])) for o in OUTCOMES}
        return {
            "method": self.method,
            "points": self.points,
            "runs": self.runs,
            "base": self.base,
            "outcomes": {
                o: {
                    "conclusion": self.conclusion(o),
                    "holds": self.holds[o],
                    "verdict": self.verdict(o),
                    "parameters": [
                        {"name": n, keys[0]: m, keys[1]: sg, f"{keys[0]}_conf": float(conf[o][n])}
                        for n, m, sg in self.ranked(o)
                    ],
                }
                for o in OUTCOMES
            },
        }

    def text(self) -> str:
        k = len(self.names)
        if self.method == "morris":
            head = f"Morris screening: {self.points} points ({self.points // (k + 1)} trajectories x {k + 1})"
        else:
            head = f"Sobol indices: {self.points} points (n = {self.points // (k + 2)} x {k + 2}; first and total order)"
        lines = [f"{head}, {self.runs} runs each, every parameter of the dynamics over its documented range."]
        first, second = self.labels
        for outcome in OUTCOMES:
            lines.append(f"{outcome} (base {self.base[outcome]:.3g}): {self.verdict(outcome)}")
            conf = dict(zip(self.names, self.conf[outcome]))
            lines.append(
                "  "
                + "; ".join(
                    f"{n} {first} {m:.3g} (±{conf[n]:.2g}) {second} {s:.3g}"
                    for n, m, s in self.ranked(outcome)[:6]
                )
            )
        return "\n".join(lines)


MorrisResult = ScreenResult  # the name before Sobol joined


def morris(
    prepared: Prepared,
    *,
    trajectories: int = 4,
    runs: int = 10,
    seed: int = 0,
    levels: int = 4,
    progress: Callable[[int, int], None] | None = None,
) -> ScreenResult:
    """Morris screening of every parameter over its documented range (seeded: same numbers)."""
    from SALib.analyze import morris as analyze
    from SALib.sample import morris as sample

    problem = _problem()
    X = sample.sample(problem, N=trajectories, num_levels=levels, seed=seed)
    Y, held, base, base_holds = _evaluate(prepared, problem["names"], X, runs, progress)
    mu, sig, conf = {}, {}, {}
    for o in OUTCOMES:
        Si = analyze.analyze(problem, X, Y[o], num_levels=levels, seed=seed, print_to_console=False)
        mu[o] = np.nan_to_num(np.asarray(Si["mu_star"], dtype=float))
        sig[o] = np.nan_to_num(np.asarray(Si["sigma"], dtype=float))
        conf[o] = np.nan_to_num(np.asarray(Si["mu_star_conf"], dtype=float))
    holds = {o: held[o] / len(X) for o in OUTCOMES}
    return ScreenResult(problem["names"], mu, sig, conf, holds, base, base_holds, len(X), runs, "morris")


def sobol(
    prepared: Prepared,
    *,
    n: int = 8,
    runs: int = 4,
    seed: int = 0,
    progress: Callable[[int, int], None] | None = None,
) -> ScreenResult:
    """First-order (S1) and total (ST) Sobol indices over the documented ranges (seeded).

    ``n`` (a power of two) base samples give ``n x (k + 2)`` points of ``runs`` runs each; the
    confidence half-widths come from SALib's bootstrap (100 resamples). An outcome that does
    not vary at all has no variance to apportion: its indices are 0.
    """
    from SALib.analyze import sobol as analyze
    from SALib.sample import sobol as sample

    if n < 2 or n & (n - 1):
        raise ValueError(f"the Sobol base sample n must be a power of two (2, 4, 8, ...), not {n}")
    problem = _problem()
    X = sample.sample(problem, n, calc_second_order=False, scramble=True, seed=seed)
    Y, held, base, base_holds = _evaluate(prepared, problem["names"], X, runs, progress)
    st, s1, conf = {}, {}, {}
    k = len(problem["names"])
    for o in OUTCOMES:
        if np.ptp(Y[o]) == 0:
            st[o], s1[o], conf[o] = np.zeros(k), np.zeros(k), np.zeros(k)
            continue
        with np.errstate(divide="ignore", invalid="ignore"):
            Si = analyze.analyze(
                problem, Y[o], calc_second_order=False, num_resamples=100, seed=seed, print_to_console=False
            )
        st[o] = np.clip(np.nan_to_num(np.asarray(Si["ST"], dtype=float)), 0.0, None)
        s1[o] = np.nan_to_num(np.asarray(Si["S1"], dtype=float))
        conf[o] = np.nan_to_num(np.asarray(Si["ST_conf"], dtype=float))
    holds = {o: held[o] / len(X) for o in OUTCOMES}
    return ScreenResult(problem["names"], st, s1, conf, holds, base, base_holds, len(X), runs, "sobol")


def _problem() -> dict[str, Any]:
    screened = [p for p in PARAMETERS if p.name not in NOT_DYNAMIC]
    return {
        "num_vars": len(screened),
        "names": [p.name for p in screened],
        "bounds": [[p.low, p.high] for p in screened],
    }


def _evaluate(
    prepared: Prepared,
    names: list[str],
    X: np.ndarray,
    runs: int,
    progress: Callable[[int, int], None] | None,
) -> tuple[dict[str, np.ndarray], dict[str, int], dict[str, float], dict[str, bool]]:
    """Outcomes at every sampled point, how often each base conclusion held, and the base run."""
    from orgmap.simulate.engine import simulate

    s, net, events = prepared.scenario, prepared.network, prepared.events
    leader = _final_leader(net, events)

    def run(params: Params) -> dict[str, float]:
        data = simulate(
            net, events, params, steps=s.steps, step_days=s.step, seed=s.seed, run_ids=range(runs)
        )
        return outcomes_of(data, events, s.step, leader)

    base = run(s.params)
    base_holds = {o: conclusion_holds(o, base[o], base, s.params) for o in OUTCOMES}
    Y = {o: np.empty(len(X)) for o in OUTCOMES}
    held = dict.fromkeys(OUTCOMES, 0)
    for i, row in enumerate(X):
        out = run(replace(s.params, **{n: float(v) for n, v in zip(names, row)}))
        for o in OUTCOMES:
            Y[o][i] = out[o]
            held[o] += conclusion_holds(o, out[o], out, s.params) == base_holds[o]
        if progress:
            progress(i + 1, len(X))
    return Y, held, base, base_holds


def _final_leader(net: Any, events: list) -> int:
    leader = net.leader
    for ev in sorted(events, key=lambda e: e.step):
        if ev.kind == "succession":
            leader = ev.targets[0]
    return leader

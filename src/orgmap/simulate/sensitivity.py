"""Global sensitivity of a scenario's conclusions: Morris elementary-effects screening (SALib).

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

__all__ = ["OUTCOMES", "MorrisResult", "conclusion_holds", "morris", "outcomes_of"]

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


@dataclass
class MorrisResult:
    names: list[str]
    mu_star: dict[str, np.ndarray]  # outcome -> per parameter
    sigma: dict[str, np.ndarray]
    mu_star_conf: dict[str, np.ndarray]
    holds: dict[str, float]  # outcome -> share of sampled points that agree with the base run's conclusion
    base: dict[str, float]
    base_holds: dict[str, bool]  # whether the conclusion holds in the base run (else its negation is tested)
    points: int
    runs: int

    def ranked(self, outcome: str) -> list[tuple[str, float, float]]:
        """(parameter, mu*, sigma), most influential first; ties by name."""
        order = sorted(range(len(self.names)), key=lambda i: (-self.mu_star[outcome][i], self.names[i]))
        mu, sigma = self.mu_star[outcome], self.sigma[outcome]
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
        """mu* (bars) and sigma (ticks) of the six most influential parameters per outcome."""
        from pathlib import Path

        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt

        fig, axes = plt.subplots(1, len(OUTCOMES), figsize=(16, 4.5))
        for ax, outcome in zip(axes, OUTCOMES):
            rows = self.ranked(outcome)[:6][::-1]
            y = np.arange(len(rows))
            ax.barh(y, [m for _, m, _ in rows], color="#4477aa", label="mu*")
            ax.plot([s for _, _, s in rows], y, "k|", markersize=12, label="sigma")
            ax.set_yticks(y, [n for n, _, _ in rows], fontsize=8)
            ax.set_title(f"{outcome}\n{100 * self.holds[outcome]:.0f} % of points hold", fontsize=9)
        axes[0].legend(fontsize=7)
        heading = str(title).replace("$", r"\$") + f" - Morris screening, {self.points} points"
        fig.suptitle(heading, fontsize=10)
        fig.tight_layout()
        out = Path(path)
        out.parent.mkdir(parents=True, exist_ok=True)
        fig.savefig(out, dpi=100)
        plt.close(fig)
        return out

    def to_dict(self) -> dict[str, Any]:
        return {
            "points": self.points,
            "runs": self.runs,
            "base": self.base,
            "outcomes": {
                o: {
                    "conclusion": self.conclusion(o),
                    "holds": self.holds[o],
                    "verdict": self.verdict(o),
                    "parameters": [{"name": n, "mu_star": m, "sigma": sg} for n, m, sg in self.ranked(o)],
                }
                for o in OUTCOMES
            },
        }

    def text(self) -> str:
        paths = self.points // (len(self.names) + 1)
        lines = [
            f"Morris screening: {self.points} points ({paths} trajectories "
            f"x {len(self.names) + 1}), {self.runs} runs each, every parameter of the dynamics over its "
            "documented range."
        ]
        for outcome in OUTCOMES:
            lines.append(f"{outcome} (base {self.base[outcome]:.3g}): {self.verdict(outcome)}")
            lines.append(
                "  " + "; ".join(f"{n} mu* {m:.3g} sigma {s:.3g}" for n, m, s in self.ranked(outcome)[:6])
            )
        return "\n".join(lines)


def morris(
    prepared: Prepared,
    *,
    trajectories: int = 4,
    runs: int = 10,
    seed: int = 0,
    levels: int = 4,
    progress: Callable[[int, int], None] | None = None,
) -> MorrisResult:
    """Morris screening of every parameter over its documented range (seeded: same numbers)."""
    from SALib.analyze import morris as analyze
    from SALib.sample import morris as sample

    from orgmap.simulate.engine import simulate

    screened = [p for p in PARAMETERS if p.name not in NOT_DYNAMIC]
    names = [p.name for p in screened]
    problem = {"num_vars": len(names), "names": names, "bounds": [[p.low, p.high] for p in screened]}
    X = sample.sample(problem, N=trajectories, num_levels=levels, seed=seed)
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
        params = replace(s.params, **{n: float(v) for n, v in zip(names, row)})
        out = run(params)
        for o in OUTCOMES:
            Y[o][i] = out[o]
            held[o] += conclusion_holds(o, out[o], out, s.params) == base_holds[o]
        if progress:
            progress(i + 1, len(X))
    mu, sig, conf = {}, {}, {}
    for o in OUTCOMES:
        Si = analyze.analyze(problem, X, Y[o], num_levels=levels, seed=seed, print_to_console=False)
        mu[o] = np.nan_to_num(np.asarray(Si["mu_star"], dtype=float))
        sig[o] = np.nan_to_num(np.asarray(Si["sigma"], dtype=float))
        conf[o] = np.nan_to_num(np.asarray(Si["mu_star_conf"], dtype=float))
    return MorrisResult(
        names, mu, sig, conf, {o: held[o] / len(X) for o in OUTCOMES}, base, base_holds, len(X), runs
    )


def _final_leader(net: Any, events: list) -> int:
    leader = net.leader
    for ev in sorted(events, key=lambda e: e.step):
        if ev.kind == "succession":
            leader = ev.targets[0]
    return leader

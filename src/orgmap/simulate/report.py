"""Plain-language summary and trajectory charts (matplotlib, Agg) of ensemble results."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from orgmap.simulate.ensemble import EnsembleResult

__all__ = ["plot_results", "summary_text"]

PANELS = (
    ("coordination", "Coordination"),
    ("control", "Control (share via the formal chain)"),
    ("principals", "Principals per affiliate"),
    ("fragmentation", "Fragmentation of the informal layer"),
)


def _pct(x: float) -> str:
    return f"{100 * x:.0f} %"


def _event_text(res: EnsembleResult) -> list[str]:
    names = res.network.principals
    out = []
    for ev in res.events:
        who = ", ".join(names[i] for i in ev.targets) or ", ".join(res.network.patrons)
        what = {
            "death": f"the death of {who}",
            "succession": f"{who} taking over",
            "strike": f"a strike near {who}",
            "purge": f"a purge of {who}"
            + (f" (succeeding in {_pct(ev.success)} of runs)" if ev.success < 1 else ""),
            "patron_support": f"public support from {who}",
            "style": f"{who} changing style",
        }[ev.kind]
        when = res.scenario.start + timedelta(days=ev.day)
        out.append(f"{what} ({when.isoformat()})")
    return out


def _first_crossing(series: np.ndarray, start: int, before: float, level: float) -> int | None:
    """First time point from ``start`` on where ``series`` is on the other side of ``level`` than ``before``.

    >>> _first_crossing(np.array([0.9, 0.8, 0.4, 0.6]), 0, 0.9, 0.5)
    2
    """
    side = before >= level
    later = np.nonzero((series[start:] >= level) != side)[0]
    return int(later[0] + start) if later.size else None


def _at(res: EnsembleResult, metric: str, t: int, pct: bool = False, column: int | None = None) -> str:
    """Median over runs at time point ``t`` with the 5-95 % range of the same runs.

    The median (not the mean) so that the headline always sits inside its interval.
    """
    x = res.data[metric][:, t] if column is None else res.data[metric][:, t, column]
    mid, lo, hi = np.median(x), np.quantile(x, 0.05), np.quantile(x, 0.95)
    if pct:
        return f"{_pct(mid)} ({_pct(lo)}-{_pct(hi)})"
    return f"{mid:.2f} ({lo:.2f}-{hi:.2f})"


def summary_text(res: EnsembleResult) -> str:
    """One paragraph: the state before the first event, the low point, the end, and routing."""
    s = res.scenario
    c_mean = res.band("coordination")[0]
    k_mean = res.band("control")[0]
    f_mean = res.band("fragmentation")[0]
    T = len(c_mean) - 1
    first = min((ev.step for ev in res.events), default=T)
    pre = max(0, first - 1)
    low = int(np.argmin(c_mean[first:]) + first) if first <= T else T
    dates = res.dates
    routes = res.route_names()
    start_share = res.data["routing"][:, max(0, first - 1)].mean(axis=0)
    end_share = res.data["routing"][:, T].mean(axis=0)
    top0, top1 = int(np.argmax(start_share)), int(np.argmax(end_share))
    parts = [
        f"Scenario '{s.name}' ({res.runs} runs, seed {s.seed}, "
        f"{dates[0].isoformat()} to {dates[-1].isoformat()},"
        f" {res.network.n_affiliates} affiliate agents, {res.network.n_principals} principals):"
    ]
    parts.append(
        "just before the first event (medians of runs, 5-95 %), coordination was "
        f"{_at(res, 'coordination', pre)} and control {_at(res, 'control', pre, pct=True)}, with "
        f"{_at(res, 'multi_principal', pre, pct=True)} of affiliates answering to two or more principals."
    )
    ev = _event_text(res)
    if ev:
        parts.append("Events: " + "; ".join(ev) + ".")
        cut = s.params.control_level
        cut_text = "half" if cut == 0.5 else _pct(cut)
        moves: list[str] = []
        at, level = first, k_mean[max(0, first - 1)]
        while len(moves) < 4:
            crossing = _first_crossing(k_mean, at, level, cut)
            if crossing is None:
                break
            at, level = crossing, k_mean[crossing]
            word = "fell below" if level < cut else "rose above"
            said = word if not moves else word.replace(" ", " back ", 1)
            moves.append(f"{said} {cut_text} on {dates[at].isoformat()}")
        if moves:
            parts.append("Control " + ", then ".join(moves) + ".")
        peak = int(np.argmax(f_mean[first:]) + first)
        parts.append(
            f"Coordination reached its lowest point (of the mean path) on {dates[low].isoformat()}: "
            f"{_at(res, 'coordination', low)} (median of runs, 5-95 %), "
            f"{(dates[low] - dates[first]).days} days after the first event;"
            f" fragmentation of the informal layer peaked (mean path) on "
            f"{dates[peak].isoformat()} at {_at(res, 'fragmentation', peak)}."
        )
    parts.append(
        f"At the end (medians of runs, 5-95 %), coordination was {_at(res, 'coordination', T)}, control "
        f"{_at(res, 'control', T, pct=True)}, and {_at(res, 'multi_principal', T, pct=True)} of affiliates "
        f"had two or more principals."
    )
    if top0 != top1:
        parts.append(
            f"Affiliates' routing moved from {routes[top0]} "
            f"({_at(res, 'routing', max(0, first - 1), True, top0)} before the first "
            f"event) to {routes[top1]} ({_at(res, 'routing', T, True, top1)} at the end)."
        )
    else:
        parts.append(
            f"Most affiliates went through {routes[top1]} throughout "
            f"({_at(res, 'routing', T, True, top1)} at the end)."
        )
    if s.weights:
        parts.append(f"Weights: {' '.join(s.weights.split())}")
    if res.network.assumptions:
        parts.append("Assumptions (scenario ties with no quote): " + "; ".join(res.network.assumptions) + ".")
    return " ".join(parts)


def _plain(text: str) -> str:
    """Names as literal text: matplotlib would read $...$ as mathematics."""
    return str(text).replace("$", r"\$")


def plot_results(results: Sequence[EnsembleResult], path: str | Path) -> Path:
    """Trajectories with 5-95 % bands, one line per scenario, event dates marked."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, axes = plt.subplots(len(PANELS) + 1, 1, figsize=(12, 13), sharex=True)
    colours = plt.rcParams["axes.prop_cycle"].by_key()["color"]
    for i, res in enumerate(results):
        colour = colours[i % len(colours)]
        x = np.array(res.dates, dtype="datetime64[D]")
        for ax, (metric, title) in zip(axes, PANELS):
            mean, lo, hi = res.band(metric)
            ax.plot(x, mean, color=colour, label=_plain(res.scenario.name))
            ax.fill_between(x, lo, hi, color=colour, alpha=0.2, linewidth=0)
            ax.set_title(title, fontsize=10)
        routes = res.route_names()
        share = res.data["routing"].mean(axis=0)
        for rank, j in enumerate(np.argsort(-share.max(axis=0))[:3]):
            axes[-1].plot(
                x,
                share[:, j],
                color=colour,
                linestyle=["-", "--", ":"][rank],
                label=_plain(f"{res.scenario.name}: via {routes[j]}"),
            )
        for ev in res.events:
            for ax in axes:
                ax.axvline(
                    np.datetime64(res.scenario.date_of(ev.step), "D"), color=colour, alpha=0.3, linewidth=0.8
                )
    axes[-1].set_title("Routing: share of affiliates going through (top 3 per scenario)", fontsize=10)
    axes[-1].legend(fontsize=7, loc="upper left", bbox_to_anchor=(1.01, 1.0))
    axes[0].legend(fontsize=8, loc="upper left", bbox_to_anchor=(1.01, 1.0))
    for ax in axes:
        ax.grid(alpha=0.3)
    fig.suptitle("Ensemble mean with 5-95 % band; vertical lines mark events", fontsize=10)
    fig.tight_layout()
    out = Path(path)
    out.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(out, dpi=110)
    plt.close(fig)
    return out

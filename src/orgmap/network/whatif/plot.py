"""A PNG chart of a what-if comparison (matplotlib, Agg backend: no display needed)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

__all__ = ["plot_comparison"]

_FIGURES = (
    ("leader's reach", lambda s: s["reach"]),
    ("command-chain coverage", lambda s: s["coverage"]),
)
"""The panels after one fragmentation panel per layer (the command and ties layers come first)."""


def _panels(scenarios: list[dict[str, Any]]) -> list[tuple[str, Any]]:
    layers = list(scenarios[0]["baseline"]["fragmentation"])[:2] if scenarios else []
    frag = [(f"{x} fragmentation", lambda s, x=x: s["fragmentation"].get(x)) for x in layers]
    return [*frag, *_FIGURES]


def plot_comparison(result: dict[str, Any], path: str | Path) -> Path:
    """Draw baseline against scenario for each figure and scenario; returns the path written.

    >>> import pathlib, tempfile
    >>> from orgmap.casefile import CASES_DIR, load_case
    >>> from orgmap.network.whatif import run_scenarios
    >>> from orgmap.store import Store
    >>> store = Store.open(":memory:")
    >>> case = store.case_id(load_case(store, CASES_DIR / "qods-force")["case"])
    >>> result = run_scenarios(store, case, [CASES_DIR / "qods-force" / "whatif" / "remove-qaani.yaml"])
    >>> png = plot_comparison(result, pathlib.Path(tempfile.mkdtemp()) / "whatif.png")
    >>> png.read_bytes()[:8] == b"\\x89PNG\\r\\n\\x1a\\n"
    True
    """
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    scenarios = result["scenarios"]
    labels = [s["name"] for s in scenarios]
    panels = _panels(scenarios)
    fig, axes = plt.subplots(1, len(panels), figsize=(4 * len(panels), 3.6 + 0.15 * len(labels)), sharey=True)
    width = 0.38
    for ax, (title, get) in zip(axes, panels):
        xs = range(len(scenarios))
        before = [get(s["baseline"]) or 0.0 for s in scenarios]
        after = [get(s["after"]) or 0.0 for s in scenarios]
        ax.bar([x - width / 2 for x in xs], before, width, label="before", color="#8da0cb")
        ax.bar([x + width / 2 for x in xs], after, width, label="after", color="#fc8d62")
        ax.set_title(title, fontsize=10)
        ax.set_xticks(list(xs))
        ax.set_xticklabels(labels, rotation=30, ha="right", fontsize=8)
        ax.set_ylim(0, 1.05)
    axes[0].set_ylabel("share (0-1)")
    axes[0].legend(fontsize=8)
    fig.tight_layout()
    out = Path(path)
    fig.savefig(out, dpi=110)
    plt.close(fig)
    return out

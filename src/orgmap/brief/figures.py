"""Pictures for the briefing, as inline base64 PNG (no files, no CDN).

>>> png = network_png([("A", "person"), ("B", "organization")], [(0, 1, "formal")], seed=1)
>>> png.startswith("data:image/png;base64,")
True
"""

from __future__ import annotations

import base64
import io
import random
from collections.abc import Sequence

import igraph as ig
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt

__all__ = ["LAYER_COLOURS", "network_png", "png_data_uri"]

LAYER_COLOURS = {"formal": "#1f4e79", "informal": "#c0504d", "adversarial": "#7f7f7f", "event": "#9bbb59"}
TYPE_COLOURS = {
    "person": "#f2c14e",
    "organization": "#5b8bd0",
    "place": "#8fbf8f",
    "event": "#c9a0dc",
    "community": "#dfe6ee",
}


def png_data_uri(fig) -> str:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=110, bbox_inches="tight", metadata={"Software": None})
    plt.close(fig)
    return "data:image/png;base64," + base64.b64encode(buf.getvalue()).decode("ascii")


def network_png(
    nodes: Sequence[tuple[str, str]],
    edges: Sequence[tuple[int, int, str]],
    *,
    seed: int,
    title: str = "",
    sizes: Sequence[float] | None = None,
) -> str:
    """Draw actors (name, type) and typed ties (i, j, layer) with a seeded layout.

    ``sizes`` (optional, one per node) scales the markers' areas, largest to 40 times the usual.
    """
    g = ig.Graph(n=len(nodes), edges=[(i, j) for i, j, _ in edges])
    random.seed(seed)  # python-igraph draws layout randomness from Python's random module
    rng = random.Random(seed)
    start = [[rng.random(), rng.random()] for _ in nodes]
    coords = (
        g.layout_fruchterman_reingold(seed=start, niter=800).coords
        if len(nodes) > 1
        else [[0, 0]] * len(nodes)
    )
    fig, ax = plt.subplots(figsize=(10, 7.5))
    for i, j, layer in edges:
        (x1, y1), (x2, y2) = coords[i], coords[j]
        ax.plot([x1, x2], [y1, y2], color=LAYER_COLOURS.get(layer, "#999999"), lw=1.1, alpha=0.7, zorder=1)
    top = max(sizes or [1.0]) or 1.0
    areas = [90 + 3500 * v / top for v in sizes] if sizes else [90] * len(nodes)
    for (name, etype), (x, y), area in zip(nodes, coords, areas):
        ax.scatter(
            [x],
            [y],
            s=area,
            color=TYPE_COLOURS.get(etype, "#dddddd"),
            edgecolors="#333333",
            zorder=2,
            alpha=0.85 if sizes else None,
        )
        ax.text(x, y, " " + name, fontsize=7, zorder=3, parse_math=False, va="center")
    for layer, colour in LAYER_COLOURS.items():
        ax.plot([], [], color=colour, label=f"{layer} tie")
    ax.legend(loc="lower left", fontsize=7, frameon=False)
    ax.set_axis_off()
    if title:
        ax.set_title(title, fontsize=10)
    return png_data_uri(fig)

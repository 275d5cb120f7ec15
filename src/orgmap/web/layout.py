"""Node positions for the Network page, computed here so the same graph and seed give the same picture.

Two layouts: a seeded force-directed one (igraph's Kamada-Kawai from seeded starting points,
Fruchterman-Reingold above 500 nodes, with igraph's random numbers drawn from
``random.Random(seed)``; then nodes closer than a minimum distance are pushed apart so
labels have room), and an organigram of the formal layer
(igraph's Sugiyama layering; the vocabulary's ``above`` says which end of a formal tie
ranks higher). Positions the analyst pinned by dragging a node win over both.

>>> pos = positions(["e1", "e2", "e3"], [("e1", "e2"), ("e2", "e3")], kind="organigram",
...                 ranked=[("e1", "e2"), ("e2", "e3")])
>>> [pos[n]["y"] for n in ("e1", "e2", "e3")]
[0.0, 130.0, 260.0]
>>> positions(["a", "b"], [("a", "b")], seed=3) == positions(["a", "b"], [("a", "b")], seed=3)
True
"""

from __future__ import annotations

import contextlib
import math
import random
from collections.abc import Sequence

import igraph as ig

__all__ = ["LAYOUTS", "SPACING", "positions"]

LAYOUTS = {"force": "force-directed (seeded)", "organigram": "organigram (formal layer, top down)"}
SPACING = 88.0  # model units between neighbours: at the default fit, labels stay apart
_WIDE = 1.25  # the force layout is stretched sideways to fill the page's landscape canvas
_ROW, _COLUMN = 130.0, 150.0  # organigram: between ranks, between nodes of a rank
_WIDEST = 7  # nodes on one organigram row
_PAIRWISE_UP_TO = 150  # drawings up to this size are spread pair by pair (see _spread)


def _spread(coords: list[list[float]], rounds: int = 60) -> list[list[float]]:
    """Push apart nodes closer than 0.8 × (extent / √n), pair by pair, until none is (or ``rounds``)."""
    n = len(coords)
    xs, ys = [c[0] for c in coords], [c[1] for c in coords]
    least = 0.8 * (max(max(xs) - min(xs), max(ys) - min(ys)) or 1.0) / math.sqrt(n)
    for _ in range(rounds):
        moved = False
        for i in range(n):
            for j in range(i + 1, n):
                dx, dy = coords[j][0] - coords[i][0], coords[j][1] - coords[i][1]
                d = math.hypot(dx, dy)
                if d < least:
                    if d == 0:
                        dx, dy, d = 1.0, 0.0, 1.0
                    push = (least - d) / 2 / d
                    coords[i][0] -= dx * push
                    coords[i][1] -= dy * push
                    coords[j][0] += dx * push
                    coords[j][1] += dy * push
                    moved = True
        if not moved:
            break
    return coords


def _spread_at_once(coords: list[list[float]], rounds: int = 30) -> list[list[float]]:
    """:func:`_spread` with every close pair pushed apart at once per round (numpy), for larger drawings."""
    import numpy as np

    xy = np.asarray(coords, dtype=float)
    n = len(xy)
    least = 0.8 * (float(np.ptp(xy, axis=0).max()) or 1.0) / math.sqrt(n)
    for _ in range(rounds):
        delta = xy[None, :, :] - xy[:, None, :]  # delta[i, j] = xy[j] - xy[i]
        d = np.hypot(delta[..., 0], delta[..., 1])
        np.fill_diagonal(d, np.inf)
        close = d < least
        if not close.any():
            break
        d = np.where(close & (d == 0), 1.0, np.where(close, d, 1.0))
        push = np.where(close, (least - d) / 2 / d, 0.0)
        xy -= (delta * push[..., None]).sum(axis=1)
    return xy.tolist()


def _force(ids: Sequence[str], edges: Sequence[tuple[str, str]], seed: int) -> dict[str, tuple[float, float]]:
    if len(ids) == 1:
        return {ids[0]: (0.0, 0.0)}
    index = {n: i for i, n in enumerate(ids)}
    g = ig.Graph(n=len(ids), edges=sorted({(index[a], index[b]) for a, b in edges if a != b}))
    rng = random.Random(seed)
    start = [[rng.uniform(-1, 1), rng.uniform(-1, 1)] for _ in ids]
    ig.set_random_number_generator(rng)
    try:
        if len(ids) <= 500:
            layout = g.layout_kamada_kawai(seed=start, maxiter=min(50 * len(ids), 10000))
        else:
            layout = g.layout_fruchterman_reingold(seed=start, niter=1000, grid=False)
    finally:
        ig.set_random_number_generator(random)
    coords = [list(c) for c in layout.coords]
    if len(ids) <= _PAIRWISE_UP_TO:
        coords = _spread(coords)
    elif len(ids) <= 2000:  # larger graphs are read by zooming anyway
        coords = _spread_at_once(coords)
    xs, ys = [c[0] for c in coords], [c[1] for c in coords]
    extent = max(max(xs) - min(xs), max(ys) - min(ys)) or 1.0
    scale = SPACING * math.sqrt(len(ids)) / extent
    cx, cy = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
    return {n: ((x - cx) * scale * _WIDE, (y - cy) * scale) for n, (x, y) in zip(ids, coords)}


def _organigram(ids: Sequence[str], ranked: Sequence[tuple[str, str]]) -> dict[str, tuple[float, float]]:
    """Ranked nodes in Sugiyama layers (upper end above); a layer wider than ``_WIDEST`` wraps onto
    several rows; the unranked sit in rows underneath."""
    in_hierarchy = sorted({n for pair in ranked for n in pair if n in ids}, key=list(ids).index)
    index = {n: i for i, n in enumerate(in_hierarchy)}
    layers: dict[int, list[tuple[float, str]]] = {}
    if in_hierarchy:
        pairs = sorted({(index[a], index[b]) for a, b in ranked if a in index and b in index and a != b})
        coords = ig.Graph(n=len(in_hierarchy), directed=True, edges=pairs).layout_sugiyama(maxiter=200).coords
        for n, (x, y) in zip(in_hierarchy, coords[: len(in_hierarchy)]):
            layers.setdefault(round(y), []).append((x, n))
    rows = [[n for _, n in sorted(layers[k])] for k in sorted(layers)]
    rest = [n for n in ids if n not in index]
    out: dict[str, tuple[float, float]] = {}
    y = 0.0
    for group, gap in [*((row, _ROW) for row in rows), *([(rest, 1.5 * _ROW)] if rest else [])]:
        if group is rest and rows:
            y += gap - _ROW
        for start in range(0, len(group), _WIDEST):
            line = group[start : start + _WIDEST]
            shift = 0.5 if (start // _WIDEST) % 2 else 0.0  # stagger wrapped rows so ties stay visible
            for k, n in enumerate(line):
                out[n] = ((k - (len(line) - 1) / 2 + shift) * _COLUMN, y)
            y += _ROW * (0.6 if start + _WIDEST < len(group) else 1.0)
    return out


def positions(
    ids: Sequence[str],
    edges: Sequence[tuple[str, str]],
    *,
    kind: str = "force",
    seed: int = 1,
    ranked: Sequence[tuple[str, str]] = (),
    pinned: dict[str, dict] | None = None,
) -> dict[str, dict[str, float]]:
    """``{node: {"x": .., "y": ..}}`` for every node in ``ids``.

    ``edges`` are (a, b) pairs drawn on the page; ``ranked`` are (upper, lower) pairs of the
    formal layer for the organigram; ``pinned`` holds positions the analyst dragged nodes to.
    """
    if kind not in LAYOUTS:
        raise ValueError(f"unknown layout {kind!r}; known: {', '.join(LAYOUTS)}")
    if not ids:
        return {}
    placed = _organigram(ids, ranked) if kind == "organigram" else _force(ids, edges, seed)
    pinned = pinned or {}
    out = {}
    for n in ids:
        x, y = placed[n]
        if isinstance(pinned.get(n), dict):
            with contextlib.suppress(KeyError, TypeError, ValueError):
                x, y = float(pinned[n]["x"]), float(pinned[n]["y"])
        out[n] = {"x": round(x, 1), "y": round(y, 1)}
    return out

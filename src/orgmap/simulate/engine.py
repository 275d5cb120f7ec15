"""The vectorised model: one step for all runs and agents at once (numpy).

State per run r, affiliate a, principal p: tie strength ``W[r, a, p]`` in [0, 1], whether
the principal is present, its loyalty to the current leader, its authority and threat.
A step of ``dt`` years does, in order: scheduled events; decay (rate ``decay_personal``,
plus ``competition`` x rival ties on the leader's ties); contacts (Poisson rate from the
principal's style, spread by balancing; a contact closes ``growth x (1 - formality)`` of
the gap); outside power centres stepping into lapsed portfolios; then the metrics.
Each run draws from its own stream, in the same order whatever the chunk it is in.

>>> from orgmap.simulate.network import Network
>>> net = Network.hand_made(["boss"], ["a"], ties=[[0.8]])
>>> out = simulate(net, [], Params(), steps=2, step_days=365.25, seeds=[0])
>>> bool(np.isclose(out["tie_strength"][0, 2, 0], 0.8 * np.exp(-2 * 2.3)))
True
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from orgmap.simulate.events import Event
from orgmap.simulate.fragmentation import BipartiteFragmentation
from orgmap.simulate.network import Network
from orgmap.simulate.params import Params

__all__ = ["METRICS", "bytes_per_run", "run_streams", "simulate"]

METRICS = ("coordination", "control", "principals", "multi_principal", "fragmentation")


def run_streams(seed: int, run_ids: Sequence[int]) -> list[np.random.Generator]:
    """Generator of run ``i``: child ``i`` of ``SeedSequence(seed).spawn(...)``."""
    return [np.random.default_rng(np.random.SeedSequence(seed, spawn_key=(int(i),))) for i in run_ids]


def bytes_per_run(net: Network, steps: int) -> int:
    """Rough peak memory of one run: state and temporaries plus the recorded outputs."""
    A, P = net.n_affiliates, net.n_principals
    state = 24 * A * P * 8 + 4 * A * 16
    edges = (
        A * P * 3 * 8 + len(net.aff_edges) * 16 + sum(len(m) ** 2 // 2 * d for m, d in net.random_blocks) * 24
    )
    outputs = (steps + 1) * (len(METRICS) + 2 * P + 1) * 8
    return int(state + edges + outputs)


class _State:
    """Arrays laid out (principal, run, affiliate) so per-principal work is contiguous."""

    def __init__(self, net: Network, params: Params, gens: list[np.random.Generator], n_events: int):
        R, A, P = len(gens), net.n_affiliates, net.n_principals
        self.R, self.A, self.P = R, A, P
        W = np.empty((R, A, P))
        self.psi = np.empty((R, A))
        self.event_draws = np.empty((R, max(n_events, 1)))
        self.sides = np.empty((P, R))  # the side each principal's own agenda leans to, per run
        edges: list[np.ndarray] = []
        for r, g in enumerate(gens):  # per-run initial draws, in a fixed order
            present = g.random((A, P)) < net.share
            W[r] = net.ties * present
            self.psi[r] = g.random(A) * 2 * np.pi
            self.sides[:, r] = np.where(g.random(P) < 0.5, 1.0, -1.0)
            g.random(out=self.event_draws[r])
            for members, density in net.random_blocks:
                iu, ju = np.triu_indices(len(members), 1)
                keep = g.random(iu.size) < density
                e = np.column_stack([members[iu[keep]], members[ju[keep]]])
                edges.append(np.column_stack([np.full(len(e), r), e]))
        fixed = net.aff_edges
        edges.append(np.column_stack([np.repeat(np.arange(R), len(fixed)), np.tile(fixed, (R, 1))]))
        self.aff_edges = np.vstack(edges).astype(np.int64).reshape(-1, 3)
        self.W = np.ascontiguousarray(W.transpose(2, 0, 1))
        self.cos_psi, self.sin_psi = np.cos(self.psi), np.sin(self.psi)
        self.formal = net.formal.T.copy()  # (P, A)
        self.alive = np.ones((P, R), dtype=bool)
        self.loyalty = np.repeat(net.loyalty[:, None], R, axis=1)
        self.authority = np.ones((P, R))
        self.threat = np.zeros((P, R))
        self.leader: int | None = net.leader
        self.styles = list(net.styles)
        self.roles = list(net.roles)
        self.predecessor_ties: np.ndarray | None = None
        self.predecessor_formal: np.ndarray | None = None
        self.frag = BipartiteFragmentation(R, A, self.aff_edges)
        self.embedded_gone = False
        self.gone: set[int] = set()  # principals removed in every run (deaths): no draws, no work


def _apply(ev: Event, st: _State, params: Params, k: int) -> None:
    if ev.kind == "death":
        for p in ev.targets:
            if p == st.leader:
                st.predecessor_ties = st.W[p].copy()
                st.predecessor_formal = st.formal[p].copy()
            st.alive[p] = False
            st.W[p] = 0.0
            st.gone.add(p)
    elif ev.kind == "succession":
        q = ev.targets[0]
        old = st.leader
        if old is not None and old != q and st.alive[old].any():
            st.predecessor_ties = st.W[old].copy()
            st.predecessor_formal = st.formal[old].copy()
            st.alive[old] = False
            st.W[old] = 0.0
            st.gone.add(old)
        if st.predecessor_ties is not None:
            np.maximum(st.W[q], params.inheritance * st.predecessor_ties, out=st.W[q])
        if st.predecessor_formal is not None:  # the post passes: its formal ties are the holder's
            st.formal[q] |= st.predecessor_formal
            if old is not None and old != q:
                st.formal[old] = False
        st.leader = q
        st.roles[q] = "leader"
        st.loyalty[q] = 1.0
        for p, role in enumerate(st.roles):
            if role == "circle":
                st.loyalty[p] = params.rival_loyalty
        if ev.style is not None:
            st.styles[q] = ev.style
    elif ev.kind == "strike":
        st.threat[list(ev.targets)] = 1.0
    elif ev.kind == "purge":
        ok = st.event_draws[:, k] < ev.success
        for p in ev.targets:
            st.alive[p, ok] = False
            st.W[p, ok] = 0.0
            st.loyalty[p, ~ok] = np.maximum(0.0, st.loyalty[p, ~ok] - params.purge_backlash)
    elif ev.kind == "patron_support":
        if st.leader is not None:
            st.authority[st.leader] += params.patron_authority
        for p, role in enumerate(st.roles):
            if role == "circle":
                st.loyalty[p] = np.minimum(1.0, st.loyalty[p] + params.patron_loyalty)
    elif ev.kind == "style" and ev.style is not None:  # a style event always names its style
        for p in ev.targets:
            st.styles[p] = ev.style


def _draws(st: _State, gens: list[np.random.Generator], k: int) -> np.ndarray:
    """(k, R, A) standard exponential variates; run r's come from its own stream, k x A per step.

    An event of probability ``1 - exp(-x)`` happens when the variate is below ``x``.
    """
    buf = np.empty((st.R, k, st.A), dtype=np.float32)
    if k:
        for r, g in enumerate(gens):
            g.standard_exponential(dtype=np.float32, out=buf[r])
    return buf.transpose(1, 0, 2)


def _step(st: _State, params: Params, dt: float, gens: list[np.random.Generator]) -> None:
    W, L = st.W, st.leader
    active = [p for p, s in enumerate(st.styles) if s.contact_rate > 0 and p not in st.gone]
    outside = (
        [p for p, role in enumerate(st.roles) if role == "outside" and p not in st.gone]
        if params.entry_rate > 0
        else []
    )
    noise = _draws(st, gens, len(active) + len(outside))
    W *= np.exp(-params.decay_personal * dt)
    if L is not None and params.competition > 0:
        pull = np.zeros((st.R, st.A))
        for q in range(st.P):
            if q != L and q not in st.gone:
                c = (1.0 - st.loyalty[q]) * st.alive[q]
                if c.any():
                    pull += c[:, None] * W[q]
        W[L] *= np.exp(-params.competition * dt * pull)
    for i, p in enumerate(active):
        style = st.styles[p]
        rate = style.contact_rate * (1.0 - style.risk_aversion * st.threat[p]) * st.alive[p] * dt  # (R,)
        if not rate.any():
            continue
        w = W[p]
        if p == L:
            reach, n, total = None, st.A, w.sum(axis=1)
        else:
            reach = (w > 0) | st.formal[p][None, :]
            n = np.maximum(reach.sum(axis=1), 1)
            total = w.sum(axis=1)  # w is 0 outside the reach
        mean_w = total / n
        mean_gap = 1.0 - mean_w
        # allocation s = b (1 - w)/mean_gap + (1 - b) w/mean_w is linear in w: s = alpha + beta w
        b = style.balancing
        inv_gap = np.where(mean_gap > 0, b / np.where(mean_gap > 0, mean_gap, 1.0), 0.0)
        inv_w = np.where(mean_w > 0, (1.0 - b) / np.where(mean_w > 0, mean_w, 1.0), 0.0)
        alpha = np.where(mean_gap > 0, inv_gap, b) + np.where(mean_w > 0, 0.0, 1.0 - b)
        beta = inv_w - inv_gap
        expected = (rate * alpha)[:, None] + (rate * beta)[:, None] * w
        if reach is not None:
            expected *= reach
        contact = noise[i] < expected
        w += contact * (params.growth * (1.0 - style.formality)) * (1.0 - w)
    if outside:
        if L is None:
            lapsed = np.ones((st.R, st.A), dtype=bool)
        else:
            lead = np.maximum(W[L], params.formal_strength * st.formal[L][None, :])
            lapsed = (lead < params.lapse_threshold) | ~st.alive[L][:, None]
        hazard = params.entry_rate * dt
        for i, p in enumerate(outside, start=len(active)):
            enter = lapsed & st.alive[p][:, None] & (W[p] < params.entry_strength) & (noise[i] < hazard)
            W[p][enter] = params.entry_strength
    if params.threat_decay > 0:
        st.threat *= np.exp(-params.threat_decay * dt)


def _wmean(x: np.ndarray, m: np.ndarray) -> np.ndarray:
    """Row-wise weighted sum, row by row (never BLAS), so results never depend on the chunk."""
    return np.einsum("ra,a->r", x, m) if x.dtype == m.dtype else np.einsum("ra,a->r", x.astype(m.dtype), m)


def _measure(
    st: _State, net: Network, params: Params, out: dict[str, np.ndarray], t: int, years: float
) -> None:
    P, R, A = st.P, st.R, st.A
    chain = st.alive & (st.loyalty >= params.chain_loyalty)  # (P, R)
    tied = np.zeros((P, R, A), dtype=bool)
    in_chain = np.zeros((R, A), dtype=bool)
    n_principals = np.zeros((R, A))
    best = np.zeros((R, A), dtype=np.int64)
    best_u = np.full((R, A), -1.0)
    phi = (1.0 - st.loyalty) * params.divergence * st.sides  # (P, R)
    dx = params.autonomy * st.cos_psi
    dy = params.autonomy * st.sin_psi
    m = net.mass / net.mass.sum()
    for p in range(P):
        out["tie_strength"][:, t, p] = _wmean(st.W[p], m)
        if p in st.gone:
            continue
        S = np.maximum(st.W[p], params.formal_strength * st.formal[p]) if st.formal[p].any() else st.W[p]
        if not st.alive[p].all():
            S = S * st.alive[p][:, None]
        tied[p] = params.principal_threshold <= S
        c = chain[p][:, None]
        in_chain |= tied[p] & c
        n_principals += tied[p] & ~c
        u = S if (st.authority[p] == 1.0).all() else S * st.authority[p][:, None]
        better = u > best_u
        best[better] = p
        np.maximum(best_u, u, out=best_u)
        dx = dx + S * np.cos(phi[p])[:, None]
        dy = dy + S * np.sin(phi[p])[:, None]
    n_principals += in_chain
    has = n_principals > 0
    route = np.where(has, best, P)
    idx = (np.arange(R)[:, None] * (P + 1) + route).ravel()
    out["routing"][:, t, :] = np.bincount(
        idx, weights=np.broadcast_to(m, (R, A)).ravel(), minlength=R * (P + 1)
    ).reshape(R, P + 1)
    out["control"][:, t] = _wmean(has & chain.T[np.arange(R)[:, None], best], m)
    norm = np.hypot(dx, dy)
    np.maximum(norm, 1e-300, out=norm)
    out["coordination"][:, t] = np.hypot(_wmean(dx / norm, m), _wmean(dy / norm, m))
    out["principals"][:, t] = _wmean(n_principals, m)
    out["multi_principal"][:, t] = _wmean(n_principals >= 2, m)
    if (
        not st.embedded_gone
        and params.decay_embedded > 0
        and np.exp(-params.decay_embedded * years) < params.principal_threshold
    ):
        st.frag = BipartiteFragmentation(R, A, st.aff_edges[:0])  # embedded ties have decayed away
        st.embedded_gone = True
    out["fragmentation"][:, t] = st.frag(tied, st.alive, net.pp_edges)


def simulate(
    net: Network,
    events: Sequence[Event],
    params: Params,
    *,
    steps: int,
    step_days: float,
    seeds: Sequence[int] | None = None,
    seed: int = 0,
    run_ids: Sequence[int] | None = None,
) -> dict[str, np.ndarray]:
    """Run the model for the runs ``run_ids`` of an ensemble seeded with ``seed``.

    Returns arrays over (run, time point): the :data:`METRICS`, ``routing`` (run, t, P + 1;
    the last column is "no principal") and ``tie_strength`` (run, t, P); time point 0 is the
    initial state, point k the state after k steps. ``seeds=[s]`` is a shortcut for one run
    with seed ``s``.
    """
    if seeds is not None:
        gens = [np.random.default_rng(np.random.SeedSequence(s, spawn_key=(0,))) for s in seeds]
    else:
        gens = run_streams(seed, run_ids if run_ids is not None else [0])
    R, P = len(gens), net.n_principals
    st = _State(net, params, gens, len(events))
    out = {name: np.zeros((R, steps + 1)) for name in METRICS}
    out["routing"] = np.zeros((R, steps + 1, P + 1))
    out["tie_strength"] = np.zeros((R, steps + 1, P))
    dt = step_days / 365.25
    by_step: dict[int, list[tuple[int, Event]]] = {}
    for k, ev in enumerate(events):
        by_step.setdefault(ev.step, []).append((k, ev))
    for k, ev in by_step.get(0, []):
        _apply(ev, st, params, k)
    _measure(st, net, params, out, 0, 0.0)
    for t in range(1, steps + 1):
        for k, ev in by_step.get(t, []):
            _apply(ev, st, params, k)
        _step(st, params, dt, gens)
        _measure(st, net, params, out, t, t * dt)
    return out

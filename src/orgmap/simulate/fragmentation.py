"""The simulation's fast fragmentation: many runs of affiliates tied to a few principals.

The formula is :mod:`orgmap.network.measures.fragmentation`'s; this only finds the
component sizes faster for the simulation's bipartite shape.
"""

from __future__ import annotations

import numpy as np
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components

from orgmap.network.measures.fragmentation import fragmentation_from_reach

__all__ = ["BipartiteFragmentation"]


class BipartiteFragmentation:
    """Fast fragmentation of R graphs made of fixed affiliate-affiliate ties plus
    changing affiliate-principal ties (few principals), without a graph search per step.

    Fixed ties are reduced once to components; each step, principals that share a
    component are joined (a P x P boolean closure per run) and component sizes are added
    up. Agrees exactly with :func:`~orgmap.network.measures.fragmentation.batch_fragmentation` (tested).

    One run, three affiliates and one principal (four nodes, 12 ordered pairs): all tied to
    the principal, nobody is cut off; only a0-a1 tied, 2 of 12 pairs reach each other.

    >>> import numpy as np
    >>> none = np.zeros((0, 2), dtype=int)
    >>> BipartiteFragmentation(1, 3, np.zeros((0, 3), dtype=int))(np.ones((1, 1, 3), bool), np.ones((1, 1), bool), none)
    array([0.])
    >>> pair = BipartiteFragmentation(1, 3, np.array([[0, 0, 1]]))
    >>> pair(np.zeros((1, 1, 3), bool), np.ones((1, 1), bool), none).round(4)  # 1 - 2/12
    array([0.8333])
    """

    def __init__(self, R: int, A: int, aff_edges: np.ndarray):
        """``aff_edges`` is (E, 3): run, affiliate i, affiliate j."""
        self.R, self.A = R, A
        rows = aff_edges[:, 0] * A + aff_edges[:, 1]
        cols = aff_edges[:, 0] * A + aff_edges[:, 2]
        graph = coo_matrix((np.ones(rows.size, dtype=np.int8), (rows, cols)), shape=(R * A, R * A)).tocsr()
        _, labels = connected_components(graph, directed=False)
        # local component slot: the smallest affiliate index of the component within its run
        first = np.full(labels.max() + 1 if labels.size else 0, R * A, dtype=np.int64)
        np.minimum.at(first, labels, np.arange(R * A))
        self.slot = (first[labels] % A).reshape(R, A) if A else np.zeros((R, 0), dtype=np.int64)
        self.flat = (np.arange(R)[:, None] * A + self.slot).ravel()
        self.size = np.bincount(self.flat, minlength=R * A).reshape(R, A).astype(float)
        self.own = self.size * (self.size - 1)
        self.moved = np.nonzero(self.flat != np.arange(R * A))[0]  # affiliates whose slot is another's
        self.target = self.flat[self.moved]

    def __call__(self, tied: np.ndarray, alive: np.ndarray, pp_edges: np.ndarray) -> np.ndarray:
        """``tied`` (P, R, A) bool, ``alive`` (P, R) bool, ``pp_edges`` (F, 2) principal pairs."""
        P, R, A = tied.shape
        touched = tied.copy()
        if self.moved.size:
            flat = touched.reshape(P, R * A)
            src = tied.reshape(P, R * A)[:, self.moved]
            for p in range(P):
                np.logical_or.at(flat[p], self.target, src[p])
        tf = touched.astype(np.float32)
        adj = np.einsum("pra,qra->rpq", tf, tf) > 0
        for p, q in pp_edges:
            both = alive[p] & alive[q]
            adj[both, p, q] = adj[both, q, p] = True
        adj |= np.eye(P, dtype=bool)[None]
        for _ in range(int(np.ceil(np.log2(max(P, 2))))):
            adj = (adj.astype(np.float32) @ adj.astype(np.float32)) > 0
        glab = np.argmax(adj, axis=2)  # smallest principal each principal can reach: its group
        any_t = touched.any(axis=0)
        grp = np.zeros((R, A), dtype=np.int64)
        for p in reversed(range(P)):  # the group of the first principal touching each slot
            grp = np.where(touched[p], glab[:, p][:, None], grp)
        idx = (np.arange(R)[:, None] * P + grp)[any_t]
        sizes = np.bincount(idx, weights=self.size[any_t], minlength=R * P).astype(float)
        sizes += np.bincount(
            (np.arange(R)[:, None] * P + glab).ravel(), weights=alive.T.ravel().astype(float), minlength=R * P
        )
        sizes = sizes.reshape(R, P)
        reach = (sizes * (sizes - 1)).sum(axis=1) + (self.own * ~any_t).sum(axis=1)
        return fragmentation_from_reach(reach, A + alive.sum(axis=0))

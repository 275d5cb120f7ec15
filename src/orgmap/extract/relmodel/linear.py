"""A one-vs-rest logistic model over named features, saved as a plain ``.npz`` (no pickle).

Labels name a relation type and a direction relative to the candidate's mentions in text
order: ``leads>`` (first leads second), ``leads<`` (second leads first), ``allied_with=``
(symmetric).

>>> import numpy as np
>>> m = LinearModel(labels=["leads>"], features={"bw=leader": 0}, coef=np.array([[4.0]]),
...                 intercept=np.array([-2.0]), threshold=0.5)
>>> [round(float(p), 3) for p in m.probabilities([{"bw=leader": 1.0}, {}])[:, 0]]
[0.881, 0.119]
>>> m.decide([{"bw=leader": 1.0}, {"bw=other": 1.0}])
[[('leads>', 0.881)], []]
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

__all__ = ["LinearModel", "split_label"]


def split_label(label: str) -> tuple[str, str]:
    """``"leads>"`` -> ``("leads", ">")``."""
    return label[:-1], label[-1]


@dataclass
class LinearModel:
    """Weights of one logistic classifier per label; ``threshold`` decides a label."""

    labels: list[str]
    features: dict[str, int]
    coef: np.ndarray
    intercept: np.ndarray
    threshold: float = 0.5
    meta: dict[str, Any] = field(default_factory=dict)

    def matrix(self, rows: Iterable[Mapping[str, float]]):
        from scipy.sparse import csr_matrix

        data, cols, ptr = [], [], [0]
        for row in rows:
            for name, value in row.items():
                j = self.features.get(name)
                if j is not None:
                    cols.append(j)
                    data.append(value)
            ptr.append(len(cols))
        return csr_matrix(
            (np.asarray(data, dtype=np.float64), np.asarray(cols, dtype=np.int64), ptr),
            shape=(len(ptr) - 1, len(self.features)),
        )

    def probabilities(self, rows: Iterable[Mapping[str, float]]) -> np.ndarray:
        """(rows x labels) probabilities."""
        x = self.matrix(rows)
        z = x @ self.coef.astype(np.float64).T + self.intercept.astype(np.float64)
        return 1.0 / (1.0 + np.exp(-np.asarray(z)))

    def decide(self, rows: list[Mapping[str, float]]) -> list[list[tuple[str, float]]]:
        """For each row, the labels at or above the threshold with their probability, best first."""
        if not rows:
            return []
        probs = self.probabilities(rows)
        out = []
        for p in probs:
            chosen = [(self.labels[k], round(float(p[k]), 3)) for k in np.flatnonzero(p >= self.threshold)]
            out.append(sorted(chosen, key=lambda x: (-x[1], x[0])))
        return out

    def save(self, path: Path | str) -> None:
        """Write the model to ``path`` (``.npz``; float16 weights, names as JSON)."""
        names = sorted(self.features, key=self.features.__getitem__)
        np.savez_compressed(
            path,
            coef=self.coef.astype(np.float16),
            intercept=self.intercept.astype(np.float32),
            header=np.frombuffer(
                json.dumps(
                    {
                        "labels": self.labels,
                        "features": names,
                        "threshold": self.threshold,
                        "meta": self.meta,
                    },
                    sort_keys=True,
                ).encode(),
                dtype=np.uint8,
            ),
        )

    @classmethod
    def load(cls, path: Path | str) -> LinearModel:
        """Read a model written by :meth:`save` (never unpickles); ``ValueError`` names a bad file."""
        try:
            with np.load(path, allow_pickle=False) as z:
                header = json.loads(bytes(z["header"]).decode())
                model = cls(
                    labels=list(header["labels"]),
                    features={n: i for i, n in enumerate(header["features"])},
                    coef=z["coef"].astype(np.float32),
                    intercept=z["intercept"].astype(np.float32),
                    threshold=float(header["threshold"]),
                    meta=dict(header.get("meta") or {}),
                )
        except (OSError, ValueError, KeyError, TypeError) as exc:
            why = f"{exc.__class__.__name__}: {exc}"
            raise ValueError(f"{path}: not an orgmap relation model ({why})") from None
        if model.coef.shape != (len(model.labels), len(model.features)):
            raise ValueError(f"{path}: not an orgmap relation model (weights do not match the feature list)")
        return model

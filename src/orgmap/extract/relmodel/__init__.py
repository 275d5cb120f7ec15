"""The learned relation model: candidate pairs, features, a linear classifier, training.

The weights trained on the annotated corpus ship as ``relations.npz`` beside this file
(``orgmap train-relations`` rebuilds them). The model decides each pair of entities named
in one sentence; the hand-written patterns vote as its features, and their hits are kept
beside the model's (cross-validation on the corpus favoured the union; docs/extraction.md).
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

from orgmap.extract.relmodel.decide import ModelDecider, Recorder
from orgmap.extract.relmodel.linear import LinearModel

__all__ = [
    "MODEL_ENV",
    "MODEL_PATH",
    "LinearModel",
    "ModelDecider",
    "Recorder",
    "default_decider",
    "model_path",
]

MODEL_PATH = Path(__file__).with_name("relations.npz")
MODEL_ENV = "ORGMAP_RELATION_MODEL"  # a model of your own (orgmap train-relations --out), or "none"


def model_path() -> Path | None:
    """The weights extraction uses: ``$ORGMAP_RELATION_MODEL`` if set ("none": patterns only), else
    the shipped file when present."""
    chosen = os.environ.get(MODEL_ENV, "").strip()
    if chosen.lower() == "none":
        return None
    if chosen:
        return Path(chosen)
    return MODEL_PATH if MODEL_PATH.exists() else None


@lru_cache(maxsize=4)
def _decider(path: str) -> ModelDecider:
    return ModelDecider(LinearModel.load(path))


def default_decider() -> ModelDecider | None:
    """The decider of :func:`model_path`'s model, or ``None`` (the patterns alone)."""
    path = model_path()
    return _decider(str(path)) if path is not None else None

"""The learned relation model: candidate pairs, features, a linear classifier, training.

The weights trained on the annotated corpus ship as ``relations.npz`` beside this file
(``orgmap train-relations`` rebuilds them); without that file extraction falls back to
the hand-written patterns alone.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from orgmap.extract.relmodel.decide import ModelDecider, Recorder
from orgmap.extract.relmodel.linear import LinearModel

__all__ = ["MODEL_PATH", "default_decider", "ModelDecider", "Recorder", "LinearModel"]

MODEL_PATH = Path(__file__).with_name("relations.npz")


@lru_cache(maxsize=1)
def default_decider() -> ModelDecider | None:
    """The shipped model's decider, or ``None`` (patterns alone) when no weights are installed."""
    if not MODEL_PATH.exists():
        return None
    return ModelDecider(LinearModel.load(MODEL_PATH))

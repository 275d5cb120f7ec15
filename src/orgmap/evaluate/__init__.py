"""Evaluation against gold files (docs/gold-format.md): pure scoring functions.

>>> from orgmap.evaluate import score_document, micro_average
"""

from orgmap.evaluate.score import (
    Accuracy,
    DocumentScore,
    Score,
    match_entities,
    micro_average,
    score_document,
)

__all__ = ["Accuracy", "DocumentScore", "Score", "match_entities", "micro_average", "score_document"]

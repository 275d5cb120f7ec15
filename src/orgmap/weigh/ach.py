"""Analysis of Competing Hypotheses, scored as PARC ACH does (rule in docs/weighing.md).

Weighted inconsistency of a hypothesis = sum over its rated items of
``rating weight × reliability weight × credibility weight × relevance weight``, where

- rating weight: II = 2, I = 1, and N, C, CC, NA = 0 (only inconsistency counts);
- reliability weight: the Admiralty weight of the item's informant's grade (A → 1.0 … E → 0.15,
  F → 0.5), when the item carries one (:func:`orgmap.weigh.sensitivity.case_ach` fills it in);
- credibility weight: the Admiralty credibility weight from the vocabulary (1 → 1.0 … 6 → 0.5);
- relevance weight: low = 1/√2, medium = 1, high = √2 (PARC ACH's weights).

Least inconsistent first; equal scores (to 1e-9) share a rank ("1, 1, 3"). Hypotheses
the analysts added themselves (``origin="analyst"``: no source argues them) are scored
the same way but ranked apart, after the sources' ones, so that they are never ranked
as if a source had argued them (their ``rank`` counts among themselves; labelled "own").
An item's diagnosticity is the spread of its ratings over the hypotheses it is rated
against (CC = 2, C = 1, N = 0, I = -1, II = -2; NA left out): max − min, 0 … 4; its
weighted diagnosticity multiplies that by the item's weight.

>>> from orgmap.model import Hypothesis, HypothesisItem
>>> from orgmap.schema import load_schema
>>> hs = [Hypothesis("a", "h1"), Hypothesis("b", "h2")]
>>> items = [HypothesisItem("x", credibility="1", ratings={"h1": "C", "h2": "II"}, key="e1")]
>>> r = score(hs, items, load_schema())
>>> [(h.key, h.inconsistency, h.rank) for h in r.hypotheses]
[('h1', 0.0, 1), ('h2', 2.0, 2)]
>>> r.items[0].diagnosticity
3
>>> own = [*hs, Hypothesis("c", "h3", origin="analyst")]
>>> r = score(own, [HypothesisItem("x", credibility="1", ratings={"h1": "I", "h2": "II", "h3": "C"}, key="e1")],
...           load_schema())
>>> [(h.key, h.rank_label) for h in r.hypotheses], r.ranking
([('h1', '1'), ('h2', '2'), ('h3', 'own 1')], [['h1'], ['h2'], ['h3']])
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

from orgmap.model import Hypothesis, HypothesisItem
from orgmap.schema import Schema

__all__ = [
    "INCONSISTENCY",
    "RATINGS",
    "RATING_VALUE",
    "RELEVANCE_WEIGHT",
    "ACHError",
    "ACHResult",
    "HypothesisScore",
    "ItemScore",
    "item_weight",
    "ranking",
    "score",
]

RATINGS = ("CC", "C", "N", "I", "II", "NA")
INCONSISTENCY = {"CC": 0, "C": 0, "N": 0, "I": 1, "II": 2, "NA": 0}
CONSISTENCY = {"CC": 2, "C": 1, "N": 0, "I": 0, "II": 0, "NA": 0}
RATING_VALUE = {"CC": 2, "C": 1, "N": 0, "I": -1, "II": -2}  # NA has no value
RELEVANCE_WEIGHT = {"low": 1 / math.sqrt(2), "medium": 1.0, "high": math.sqrt(2)}
TIE = 1e-9


class ACHError(ValueError):
    """Input that cannot be scored; the message names the item or hypothesis."""


@dataclass
class HypothesisScore:
    key: str
    statement: str
    inconsistency: float  # weighted
    raw_inconsistency: int  # I = 1, II = 2, unweighted
    consistency: float  # weighted C = 1, CC = 2 (shown, not ranked on)
    rated: int  # items rated against it (NA and unrated left out)
    rank: int = 0  # among hypotheses of the same origin
    origin: str = "source"  # "analyst": the analysts' own, ranked apart

    @property
    def rank_label(self) -> str:
        """``"1"`` for a source's hypothesis, ``"own 1"`` for one of the analysts' own."""
        return str(self.rank) if self.origin == "source" else f"own {self.rank}"


@dataclass
class ItemScore:
    key: str
    text: str
    credibility: str
    relevance: str
    weight: float
    ratings: dict[str, str]
    diagnosticity: int
    weighted_diagnosticity: float
    assertion_id: int | None = None
    source_id: int | None = None
    informant_id: int | None = None


@dataclass
class ACHResult:
    hypotheses: list[HypothesisScore]  # ranked, least inconsistent first
    items: list[ItemScore]  # most diagnostic first
    notes: list[str] = field(default_factory=list)

    @property
    def ranking(self) -> list[list[str]]:
        return ranking(self.hypotheses)


def item_weight(item: HypothesisItem, schema: Schema) -> float:
    """reliability weight × credibility weight × relevance weight of one item.

    >>> from orgmap.schema import load_schema
    >>> round(item_weight(HypothesisItem("x", credibility="2", reliability="D"), load_schema()), 3)
    0.34
    """
    reliability = 1.0
    if item.reliability:
        if item.reliability not in schema.reliability:
            raise ACHError(
                f"item {item.key!r}: informant reliability {item.reliability!r} is not one of "
                f"{', '.join(schema.reliability)}"
            )
        reliability = schema.reliability[item.reliability].weight
    if item.credibility not in schema.credibility:
        raise ACHError(
            f"item {item.key!r}: credibility {item.credibility!r} is not one of "
            f"{', '.join(schema.credibility)}"
        )
    relevance = (item.relevance or "medium").strip().lower()
    if relevance not in RELEVANCE_WEIGHT:
        raise ACHError(
            f"item {item.key!r}: relevance {item.relevance!r} is not one of {', '.join(RELEVANCE_WEIGHT)}"
        )
    return reliability * schema.credibility[item.credibility].weight * RELEVANCE_WEIGHT[relevance]


def ranking(scores: Sequence[HypothesisScore]) -> list[list[str]]:
    """Hypothesis keys grouped by rank: ``[["h2"], ["h1", "h3"]]`` when h1 and h3 tie.

    The sources' hypotheses come first; the analysts' own follow, ranked among themselves.

    >>> from orgmap.schema import load_schema
    >>> hs = [Hypothesis("a", "h1"), Hypothesis("b", "h2"), Hypothesis("c", "h3")]
    >>> items = [HypothesisItem("x", ratings={"h1": "I", "h2": "C", "h3": "I"}, key="e1")]
    >>> ranking(score(hs, items, load_schema()).hypotheses)
    [['h2'], ['h1', 'h3']]
    """
    out: dict[tuple[bool, int], list[str]] = {}
    for h in scores:
        out.setdefault((h.origin != "source", h.rank), []).append(h.key)
    return [sorted(out[r]) for r in sorted(out)]


def _check(hypotheses: Sequence[Hypothesis], items: Sequence[HypothesisItem]) -> None:
    if not hypotheses:
        raise ACHError("no hypotheses to score; add some with `orgmap hypotheses add`")
    keys = {h.key for h in hypotheses}
    for item in items:
        for hkey, rating in item.ratings.items():
            if hkey not in keys:
                raise ACHError(
                    f"item {item.key!r} is rated against unknown hypothesis {hkey!r} "
                    f"(known: {', '.join(sorted(keys))})"
                )
            if rating not in RATINGS:
                raise ACHError(
                    f"item {item.key!r}: rating {rating!r} against {hkey!r} is not one of "
                    f"{', '.join(RATINGS)}"
                )


def score(
    hypotheses: Sequence[Hypothesis],
    items: Sequence[HypothesisItem],
    schema: Schema,
    *,
    require_evidence: bool = True,
) -> ACHResult:
    """Score, rank and measure diagnosticity. Pure: same input, same output.

    With ``require_evidence`` a hypothesis that no item is rated against (NA aside) is an
    :class:`ACHError`; without, it is scored 0 and named in ``notes``.
    """
    _check(hypotheses, items)
    weights = {item.key: item_weight(item, schema) for item in items}
    scores = []
    notes = []
    for h in hypotheses:
        rated = [i for i in items if i.ratings.get(h.key, "NA") != "NA"]
        if not rated:
            message = f"hypothesis {h.key!r} has no evidence rated against it"
            if require_evidence:
                raise ACHError(message + f"; rate items with `orgmap hypotheses rate ITEM {h.key} RATING`")
            notes.append(message)
        scores.append(
            HypothesisScore(
                h.key,
                h.statement,
                inconsistency=round(sum(INCONSISTENCY[i.ratings[h.key]] * weights[i.key] for i in rated), 9),
                raw_inconsistency=sum(INCONSISTENCY[i.ratings[h.key]] for i in rated),
                consistency=round(sum(CONSISTENCY[i.ratings[h.key]] * weights[i.key] for i in rated), 9),
                rated=len(rated),
                origin=getattr(h, "origin", "source"),
            )
        )
    scores.sort(key=lambda s: (s.origin != "source", s.inconsistency, s.key))
    for origin in {s.origin for s in scores}:
        rank, previous = 0, None
        for position, s in enumerate((s for s in scores if s.origin == origin), 1):
            if previous is None or s.inconsistency - previous > TIE:
                rank, previous = position, s.inconsistency
            s.rank = rank
    item_scores = []
    for item in items:
        values = [RATING_VALUE[r] for hk, r in item.ratings.items() if r != "NA"]
        spread = max(values) - min(values) if len(values) > 1 else 0
        item_scores.append(
            ItemScore(
                item.key,
                item.text,
                item.credibility,
                (item.relevance or "medium").lower(),
                round(weights[item.key], 9),
                {h.key: item.ratings.get(h.key, "NA") for h in hypotheses},
                spread,
                round(spread * weights[item.key], 9),
                item.assertion_id,
                item.source_id,
                item.informant_id,
            )
        )
    item_scores.sort(key=lambda i: (-i.weighted_diagnosticity, -i.diagnosticity, i.key))
    return ACHResult(scores, item_scores, notes)

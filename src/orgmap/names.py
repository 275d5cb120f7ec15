"""Name normalisation shared by alias look-up, entity resolution and gold scoring.

Names compare case-folded, with punctuation, a leading article and possessives removed
(the rule of docs/gold-format.md).

>>> normalize_name("The Qods Force’s")
'qods force'
>>> normalize_name("Asaib Ahl al-Haq")
'asaib ahl al haq'
>>> normalize_name("Units 400, 340")
'units 400 340'
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["normalize_name"]

_POSSESSIVE = re.compile(r"['’‘`]s\b|(?<=s)['’](?=\s|$)", re.IGNORECASE)
_PUNCT = re.compile(r"[^\w\s]|_", re.UNICODE)
_ARTICLE = re.compile(r"^(the|a|an)\s+")
_SPACE = re.compile(r"\s+")


def normalize_name(name: str) -> str:
    """Return the comparison key of a name (see the module docstring)."""
    text = unicodedata.normalize("NFKC", name).strip()
    text = _POSSESSIVE.sub("", text)
    text = _PUNCT.sub(" ", text.casefold())
    text = _SPACE.sub(" ", text).strip()
    return _ARTICLE.sub("", text)

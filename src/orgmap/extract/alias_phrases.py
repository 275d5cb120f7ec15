"""Names the text itself declares the same: "X, also known as Y", "Y was designated as an alias of X".

Sanctions releases and indictments name a designee's other names in running text, not only in
identifier blocks: "Ostia Trading, also known as Norvik Exports", "Aman Holding, which was
formerly known as the Aman Group", "Jamaat-ud-Dawa (JUD) was designated as an alias of LET".
The second name is another name of the first (``same_as``), so both become one entity.

>>> from orgmap.extract import extract_document
>>> r = extract_document("Ostia Trading, also known as Norvik Exports Ltd, moved funds for Lars Holm.")
>>> [(e.name, e.aliases) for e in r.entities if e.type == "organization"]
[('Ostia Trading', ['Norvik Exports Ltd', 'Norvik Exports'])]
"""

from __future__ import annotations

import re

from orgmap.extract.mention_span import Mention

__all__ = ["link_alias_phrases"]

_QUOTE = r"[“\"‘']?"
_KNOWN_AS = re.compile(
    r"\s*[,(]?\s*(?:which\s+(?:is|was|has\s+been)\s+)?(?:also\s+|formerly\s+|previously\s+|commonly\s+)?"
    r"(?:known\s+as|a\.k\.a\.?|aka|f\.k\.a\.?|operating\s+as|doing\s+business\s+as|d/b/a)\s+(?:the\s+)?"
    + _QUOTE,
    re.IGNORECASE,
)
_ALIAS_OF = re.compile(
    r"\s*(?:\([^()\n]{1,40}\)\s*)?,?\s*(?:(?:is|was|has\s+been|were)\s+)?(?:(?:designated|listed|named)\s+as\s+)?"
    r"(?:an?\s+)?(?:other\s+)?alias\s+(?:of|for)\s+(?:the\s+)?" + _QUOTE + r"$",
    re.IGNORECASE,
)
_NAMED = {"name", "acronym"}


def link_alias_phrases(text: str, mentions: list[Mention]) -> None:
    """Point each name the text declares another name of an earlier one at it (in place)."""
    names = sorted((m for m in mentions if m.kind in _NAMED), key=lambda m: m.start)
    by_start = {m.start: m for m in names}
    for k, m in enumerate(names):
        hit = _KNOWN_AS.match(text, m.end)
        other = by_start.get(hit.end()) if hit else None
        if other is not None and other is not m and other.same_as is None:
            other.same_as = m  # "Ostia Trading, also known as Norvik Exports"
            continue
        if m.acronym_of is not None:
            continue  # its long form speaks for it
        later = [n for n in names[k + 1 : k + 3] if n.acronym_of is not m]
        if (
            later
            and m.same_as is None
            and "\n" not in text[m.end : later[0].start]
            and _ALIAS_OF.match(text[m.end : later[0].start])
        ):
            m.same_as = later[0]  # "Jamaat-ud-Dawa (JUD) was designated as an alias of LET"

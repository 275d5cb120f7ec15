"""Source text as Dash components: sentences around spans, spans highlighted, all as text.

Nothing here produces HTML from source text: every piece of text becomes a plain string
child of a component, which React renders as a text node (a ``<script>`` stays visible
text and never runs).

>>> sentence_bounds("One. Two three. Four.", 5, 8)
(5, 15)
>>> [type(p).__name__ for p in highlight("abcdef", [(2, 4, "quote")])]
['str', 'Mark', 'str']
>>> selection_span("Ali 🙂 met Ali.", 11, 14, "Ali")  # the browser counts 🙂 as two units
(10, 13)
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Sequence

from dash import html

__all__ = ["Span", "highlight", "quote_in_sentence", "selection_span", "sentence_bounds", "utf16_index"]

Span = tuple  # (start, end, CSS class) or (start, end, CSS class, tooltip)

_ASTRAL = re.compile("[\U00010000-\U0010ffff]")
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)\]]*\s+|\n\s*\n")


def sentence_bounds(
    text: str, start: int, end: int, passages: Sequence[tuple[int, int]] = ()
) -> tuple[int, int]:
    """The (start, end) of the sentence(s) holding ``text[start:end]``.

    Stored passages win; otherwise sentence ends are found by punctuation and blank lines.
    """
    covering = [(s, e) for s, e in passages if s < end and e > start]
    if covering:
        return min(s for s, _ in covering), max(e for _, e in covering)
    left = 0
    for m in _SENTENCE_END.finditer(text, 0, start):
        left = m.end()
    m = _SENTENCE_END.search(text, end)
    right = m.start() if m else len(text)
    if left > start:
        left = start
    return left, max(right, end)


def highlight(text: str, spans: Iterable[Span], *, offset: int = 0, ids: bool = False) -> list:
    """``text`` split into strings and ``html.Mark`` pieces, one per highlighted stretch.

    ``spans`` are (start, end, class[, tooltip]) in the coordinates of the whole source; ``offset``
    is where ``text`` starts in it. Overlaps take the class of the innermost span.
    With ``ids``, each mark gets ``id="span-<start>"`` so links can jump to it.
    """
    clipped = []
    for span in spans:
        s, e, cls = span[:3]
        tip = span[3] if len(span) > 3 else cls.replace("-", " ")
        s, e = max(s - offset, 0), min(e - offset, len(text))
        if s < e:
            clipped.append((s, e, cls, tip))
    cuts = sorted({0, len(text), *(c[0] for c in clipped), *(c[1] for c in clipped)})
    parts: list = []
    for a, b in itertools.pairwise(cuts):
        covering = [c for c in clipped if c[0] <= a and c[1] >= b]
        piece = text[a:b]
        if not covering:
            parts.append(piece)
            continue
        inner = min(covering, key=lambda c: c[1] - c[0])
        props = {"className": f"span {inner[2]}", "title": inner[3]}
        if ids:
            props["id"] = f"span-{inner[0] + offset}"
        parts.append(html.Mark(piece, **props))
    return parts


def quote_in_sentence(
    text: str, start: int, end: int, passages: Sequence[tuple[int, int]] = (), cls: str = "quote"
) -> html.Span:
    """The sentence around a quote, the quote marked: what the evidence panel shows."""
    s, e = sentence_bounds(text, start, end, passages)
    prefix = "… " if s > 0 else ""
    suffix = " …" if e < len(text) else ""
    body = highlight(text[s:e], [(start, end, cls)], offset=s)
    return html.Span([prefix, *body, suffix], className="sentence")


def utf16_index(text: str, units: int) -> int:
    """The index into ``text`` that lies ``units`` UTF-16 code units from its start.

    Browsers count offsets in UTF-16 units, Python in code points: they differ after any
    character outside the Basic Multilingual Plane (emoji, some CJK), which takes two units.
    Raises ValueError when ``units`` falls outside the text or inside such a character.

    >>> utf16_index("a😀b", 3), utf16_index("naïve", 3)
    (2, 3)
    """
    if units < 0:
        raise ValueError(f"offset {units} is negative")
    if not _ASTRAL.search(text):
        if units > len(text):
            raise ValueError(f"offset {units} is past the end of the text ({len(text)})")
        return units
    count = 0
    for i, ch in enumerate(text):
        if count == units:
            return i
        count += 2 if ord(ch) > 0xFFFF else 1
        if count > units:
            raise ValueError(f"offset {units} falls inside a character")
    if count == units:
        return len(text)
    raise ValueError(f"offset {units} is past the end of the text")


def selection_span(text: str, start16: int, end16: int, selected: str) -> tuple[int, int]:
    """``text[start:end]`` of a browser selection (UTF-16 offsets), trimmed of surrounding white space.

    ``selected`` is what the browser read between those offsets; when it is not exactly the
    stored text there, the page is stale or the offsets wrong, and ValueError says so.
    """
    start, end = utf16_index(text, start16), utf16_index(text, end16)
    if start >= end or text[start:end] != selected:
        raise ValueError("the selection does not match the stored text; reload the page and select again")
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start == end:
        raise ValueError("the selection holds only white space; select the words that state the claim")
    return start, end

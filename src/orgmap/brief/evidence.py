"""The briefing's evidence registry: every statement cites quotes; every quote its source.

A :class:`Citations` collects exact spans (source id, start, end) and gives each an anchor
``q<n>``; statements carry the anchors they cite. The source appendix shows each source's
text with the cited spans marked (anchor ``s<source>-<start>-<end>``), so a reader goes
statement → quote → sentence in its document.

>>> from orgmap.model import Evidence, Source
>>> c = Citations({1: Source(text="Ali leads the Unit.", id=1, key="a")})
>>> c.span(1, 0, 3)
'q1'
>>> c.span(1, 0, 3), c.quotes[0].text
('q1', 'Ali')
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from orgmap.casefile.spans import find_span
from orgmap.model import Assertion, Source

__all__ = ["Citations", "Quote", "Segment", "Statement", "marked_segments"]


@dataclass
class Quote:
    anchor: str
    source_id: int
    start: int
    end: int
    text: str
    cited_by: list[str] = field(default_factory=list)  # statement anchors

    @property
    def target(self) -> str:
        return f"s{self.source_id}-{self.start}-{self.end}"


@dataclass
class Statement:
    """One claim the briefing makes, with the quote anchors that support it."""

    text: str
    refs: list[str]
    grade: str = ""
    modality: str = ""
    anchor: str = ""
    extra: dict = field(default_factory=dict)


@dataclass
class Segment:
    text: str
    marked: bool
    anchors: list[str]  # span anchors that start here


class Citations:
    """Registry of cited spans, shared by every section of one briefing."""

    def __init__(self, sources: dict[int, Source]):
        self.sources = sources
        self.quotes: list[Quote] = []
        self._by_span: dict[tuple[int, int, int], Quote] = {}
        self._by_anchor: dict[str, Quote] = {}
        self.statements = 0

    def span(self, source_id: int, start: int, end: int) -> str:
        """The anchor of one exact span (registered once)."""
        key = (source_id, start, end)
        if key not in self._by_span:
            text = self.sources[source_id].text
            if not 0 <= start < end <= len(text):
                raise ValueError(f"span {start}:{end} lies outside source {source_id}")
            q = Quote(f"q{len(self.quotes) + 1}", source_id, start, end, text[start:end])
            self.quotes.append(q)
            self._by_span[key] = q
            self._by_anchor[q.anchor] = q
        return self._by_span[key].anchor

    def assertion(self, a: Assertion, limit: int = 4) -> list[str]:
        """Anchors of an assertion's evidence spans."""
        return [self.span(e.source_id, e.start, e.end) for e in a.evidence[:limit]]

    def text(self, source_id: int | None, text: str) -> list[str]:
        """Anchors for free text found in a source (pieces joined by " … " located one by one)."""
        if source_id is None or source_id not in self.sources:
            return []
        out = []
        for piece in text.split(" … "):
            hit = find_span(self.sources[source_id].text, piece.strip()) if piece.strip() else None
            if hit is not None:
                out.append(self.span(source_id, *hit))
        return out

    def statement(self, text: str, refs: Iterable[str], **kw) -> Statement:
        """A statement citing ``refs`` (duplicates dropped, order kept)."""
        self.statements += 1
        anchor = f"st{self.statements}"
        unique = list(dict.fromkeys(refs))
        for r in unique:
            self._by_anchor[r].cited_by.append(anchor)
        return Statement(text, unique, anchor=anchor, **kw)

    def for_source(self, source_id: int) -> list[Quote]:
        return sorted((q for q in self.quotes if q.source_id == source_id), key=lambda q: (q.start, q.end))


def marked_segments(text: str, spans: Sequence[Quote], *, context: int | None = None) -> list[Segment]:
    """Split ``text`` at span edges; segments inside any span are marked.

    With ``context``, only the quoted passages and ``context`` characters around them are
    kept; a gap becomes a segment " … " (for long documents).

    >>> [(s.text, s.marked) for s in marked_segments("abcdef", [Quote("q1", 1, 1, 3, "bc")])]
    [('a', False), ('bc', True), ('def', False)]
    >>> [s.text for s in marked_segments("abcdefghij", [Quote("q1", 1, 5, 6, "f")], context=1)]
    [' … ', 'e', 'f', 'g', ' … ']
    """
    keep = [(0, len(text))]
    if context is not None:
        windows = sorted((max(0, q.start - context), min(len(text), q.end + context)) for q in spans)
        keep = []
        for a, b in windows:
            if keep and a <= keep[-1][1]:
                keep[-1] = (keep[-1][0], max(keep[-1][1], b))
            else:
                keep.append((a, b))
    edges = sorted({*(x for w in keep for x in w), *(q.start for q in spans), *(q.end for q in spans)})
    starts: dict[int, list[str]] = {}
    depth_change: dict[int, int] = {}
    for q in spans:
        starts.setdefault(q.start, []).append(q.target)
        depth_change[q.start] = depth_change.get(q.start, 0) + 1
        depth_change[q.end] = depth_change.get(q.end, 0) - 1
    inside_keep = {x for a, b in keep for x in edges if a <= x < b}
    out: list[Segment] = []
    depth = 0
    for a, b in itertools.pairwise(edges):
        depth += depth_change.get(a, 0)
        if a in inside_keep:
            out.append(Segment(text[a:b], depth > 0, list(dict.fromkeys(starts.get(a, [])))))
        elif not out or out[-1].text != " … ":
            out.append(Segment(" … ", False, []))
    if keep and keep[0][0] > 0:
        out.insert(0, Segment(" … ", False, []))
    if keep and keep[-1][1] < len(text) and (not out or out[-1].text != " … "):
        out.append(Segment(" … ", False, []))
    return out

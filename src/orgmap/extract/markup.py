"""Markdown-ish markup removed before parsing, with an offset map back to the original text.

Press releases arrive as raw markdown: ``**WASHINGTON –**``, ``Irish national**Daniel
Kinahan**(Daniel)``, ``### THE FAMILY`` headings, ``[text](https://…)`` links, and
identifier blocks whose field labels are glued to the value before them
(``RUI COSTAAlias: Rui da CostaBorn: 1970``). :func:`strip_markup` returns the text the
parser sees plus, for every character of it, the offset of the character it came from,
so every span found in the clean text maps back into the original
(:meth:`CleanText.to_original`). It also records heading lines (never entities), labelled
fields (an ``Alias:`` field names the block's subject again) and emphasised runs (a name set
in bold is one name: :mod:`orgmap.extract.emphasis_names`).

>>> c = strip_markup("**WASHINGTON –** Irish national**Daniel Kinahan**(Daniel) met [Omar Saleh](https://x.org/a_b).")
>>> c.text
'WASHINGTON – Irish national Daniel Kinahan (Daniel) met Omar Saleh.'
>>> s = c.text.index("Omar Saleh"); o = c.to_original(s, s + 10)
>>> "**WASHINGTON –** Irish national**Daniel Kinahan**(Daniel) met [Omar Saleh](https://x.org/a_b)."[o[0]:o[1]]
'Omar Saleh'
>>> c = strip_markup("Full name: RUI COSTAAlias: Rui da CostaBorn: 1970")
>>> c.text
'Full name: Rui Costa\\nAlias: Rui da Costa\\nBorn: 1970'
>>> [(label, c.text[s:e]) for label, s, e in c.fields]  # capitals recased for the parser, same offsets
[('full name', 'Rui Costa'), ('alias', 'Rui da Costa'), ('born', '1970')]
"""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass, field

from orgmap.extract.lexicon import load_lexicon
from orgmap.extract.truecase import recase_capital_runs

__all__ = ["CleanText", "strip_markup"]


@dataclass
class CleanText:
    """The parser's text, the original offset of each of its characters, headings and fields."""

    text: str
    original: str
    origin: list[int] = field(default_factory=list)  # origin[k]: original offset of text[k]
    headings: list[tuple[int, int]] = field(default_factory=list)  # clean (start, end) of heading lines
    fields: list[tuple[str, int, int]] = field(
        default_factory=list
    )  # (label, clean start, clean end) of values
    items: list[tuple[int, int]] = field(default_factory=list)  # clean (start, end) of bulleted lines
    emphasis: list[tuple[int, int]] = field(
        default_factory=list
    )  # clean (start, end) of **bold**, *italic* runs

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """The original span of clean span ``[start, end)`` (identity when nothing was stripped)."""
        if not self.origin:
            return start, end
        if start >= end:
            o = self.origin[start] if start < len(self.origin) else len(self.original)
            return o, o
        return self.origin[start], self.origin[end - 1] + 1


_LINK = r"\[(?P<link>[^\]\n]{1,300})\]\((?:[^)\s]{0,500})\)"
_URL = r"(?P<url>https?://[^\s)\]]+)"
_HEADING = r"(?P<heading>^[ \t]{0,3}#{1,6}[ \t]+)"
_STARS = r"(?P<stars>\*+)"
_UNDERSCORE = r"(?P<under>(?<![\w])_+(?=\w)|(?<=\w)_+(?!\w))"
_BULLET = r"(?P<bullet>^[ \t]*[-*+][ \t]+)"


_MARKUP = re.compile("|".join([_LINK, _URL, _HEADING, _BULLET, _STARS, _UNDERSCORE]), re.MULTILINE)


def _lines_from(starts: list[int], origin: list[int], clean: str) -> list[tuple[int, int]]:
    """Clean (start, end) of the line running from each original offset in ``starts``."""
    out = []
    for at in starts:
        start = bisect.bisect_left(origin, at)
        end = clean.find("\n", start)
        out.append((start, len(clean) if end < 0 else end))
    return out


def _runs_from(runs: list[tuple[int, int]], origin: list[int], clean: str) -> list[tuple[int, int]]:
    """Clean (start, end) of each original (first, last) run on one line, without its edge spaces."""
    out = []
    for first, last in runs:
        start, end = bisect.bisect_left(origin, first), bisect.bisect_right(origin, last)
        while start < end and clean[start].isspace():
            start += 1
        while end > start and clean[end - 1].isspace():
            end -= 1
        if start < end and "\n" not in clean[start:end]:
            out.append((start, end))
    return out


@functools.lru_cache(maxsize=8)
def _label_pattern(labels: tuple[str, ...]) -> re.Pattern:
    alts = "|".join(re.escape(lab).replace(r"\ ", r"\s+") for lab in sorted(labels, key=len, reverse=True))
    return re.compile(rf"(?P<label>{alts})[ \t]*:", re.IGNORECASE)


def strip_markup(text: str, labels: list[str] | None = None) -> CleanText:
    """Remove emphasis, heading marks, bullets, link targets and bare URLs; split glued field labels."""
    labels = labels if labels is not None else load_lexicon().field_labels
    pattern = _MARKUP
    out: list[str] = []
    origin: list[int] = []
    heading_starts: list[int] = []
    item_starts: list[int] = []
    bold: list[tuple[int, int]] = []  # original (first, last) offsets of emphasised text
    opened: tuple[str, int] | None = None  # the open emphasis marker and where its text starts

    def emit(chars: str, at: int | list[int]) -> None:
        out.extend(chars)
        origin.extend(at if isinstance(at, list) else [at] * len(chars))

    pos = 0
    for m in pattern.finditer(text):
        emit(text[pos : m.start()], list(range(pos, m.start())))
        pos = m.end()
        if m.group("link") is not None:
            emit(m.group("link"), list(range(m.start("link"), m.end("link"))))
        elif m.group("heading") is not None:
            heading_starts.append(m.end())
        elif m.group("bullet") is not None:
            item_starts.append(m.end())
        elif m.group("stars") is not None or m.group("under") is not None:
            marker = m.group("stars") or m.group("under")
            if opened is not None and opened[0] == marker:
                if len(out) > opened[1]:
                    bold.append((origin[opened[1]], origin[-1]))
                opened = None
            elif opened is None:
                opened = (marker, len(out))
            before = out[-1] if out else " "
            after = text[pos] if pos < len(text) else " "
            if (
                not before.isspace()
                and not after.isspace()
                and after not in ",.;:)]’'\"”"
                and before not in '([‘“"'
            ):
                emit(" ", m.start())  # "national**Daniel" -> "national Daniel"
                if opened is not None and opened[1] == len(out) - 1:
                    opened = (opened[0], len(out))
    emit(text[pos:], list(range(pos, len(text))))
    clean = "".join(out)
    clean, origin = _split_labels(clean, origin, labels)
    result = CleanText(clean, text, origin)
    result.headings = _lines_from(heading_starts, origin, clean)
    result.items = _lines_from(item_starts, origin, clean)
    result.emphasis = _runs_from(bold, origin, clean)
    recased = recase_capital_runs(clean)  # same length: the offset map stays true
    for start, end in result.headings:  # a heading in capitals is a heading, not a name
        recased = recased[:start] + clean[start:end] + recased[end:]
    result.text = clean = recased
    result.fields = _fields(clean, labels)
    return result


def _split_labels(clean: str, origin: list[int], labels: list[str]) -> tuple[str, list[int]]:
    """A field label glued to the value before it starts a new line: "COSTAAlias:" -> "COSTA\\nAlias:"."""
    if not labels:
        return clean, origin
    out, at, pos = [], [], 0
    for m in _label_pattern(tuple(labels)).finditer(clean):
        k = m.start()
        if k == 0 or not m.group("label")[0].isupper() or clean[k - 1] in "\n":
            continue
        prev = clean[k - 1]
        glued = not prev.isspace()
        out.append(clean[pos:k])
        at.extend(origin[pos:k])
        if glued:
            out.append("\n")
            at.append(origin[k])
        else:
            out[-1] = out[-1][:-1] + "\n"
        pos = k
    out.append(clean[pos:])
    at.extend(origin[pos:])
    return "".join(out), at


def _fields(clean: str, labels: list[str]) -> list[tuple[str, int, int]]:
    """(label, start, end) of each labelled value: from after the colon to the line's end."""
    found = []
    for m in _label_pattern(tuple(labels)).finditer(clean):
        if m.start() and clean[m.start() - 1] != "\n":
            continue
        start = m.end()
        while start < len(clean) and clean[start] in " \t":
            start += 1
        end = clean.find("\n", start)
        end = len(clean) if end < 0 else end
        value_end = end
        while value_end > start and clean[value_end - 1] in " \t;,.":
            value_end -= 1
        if value_end > start:
            found.append((" ".join(m.group("label").lower().split()), start, value_end))
    return found

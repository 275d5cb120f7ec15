"""Find a quote in a text, allowing only whitespace and typographic-quote differences.

>>> find_span("He said  ‘retire’ sixty", "said 'retire' sixty")
(3, 23)
>>> find_span("abc", "x") is None
True
"""

from __future__ import annotations

import re

__all__ = ["find_all_spans", "find_span", "parse_period"]

_EQUIV = {
    "'": "['’‘`]",
    "’": "['’‘`]",
    "‘": "['’‘`]",
    '"': '["“”]',
    "“": '["“”]',
    "”": '["“”]',
    "-": "[-‐‑–—]",
    "—": "[-‐‑–—]",
    "–": "[-‐‑–—]",
}


def _pattern(quote: str) -> re.Pattern[str]:
    parts = []
    for token in quote.split():
        parts.append("".join(_EQUIV.get(ch, re.escape(ch)) for ch in token))
    return re.compile(r"\s+".join(parts))


def find_all_spans(text: str, quote: str) -> list[tuple[int, int]]:
    """Every (start, end) where ``quote`` occurs in ``text``.

    >>> find_all_spans("Ali met Ali’s deputy", "Ali")
    [(0, 3), (8, 11)]
    """
    if not quote.strip():
        return []
    return [(m.start(), m.end()) for m in _pattern(quote).finditer(text)]


def find_span(text: str, quote: str, start: int = 0) -> tuple[int, int] | None:
    """The first (start, end) of ``quote`` in ``text`` at or after ``start``, or None.

    >>> find_span("Ali met Ali’s deputy", "Ali", 1), find_span("Ali", "  ")
    ((8, 11), None)
    """
    if not quote.strip():
        return None
    m = _pattern(quote).search(text, start)
    return (m.start(), m.end()) if m else None


_PERIOD = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def parse_period(text: str):
    """The first and last day of ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``.

    >>> parse_period("2023-02")
    (datetime.date(2023, 2, 1), datetime.date(2023, 2, 28))
    """
    import calendar
    from datetime import date

    m = _PERIOD.match(str(text).strip())
    if not m:
        raise ValueError(f"{text!r} is not a date (use YYYY, YYYY-MM or YYYY-MM-DD)")
    y, mo, d = int(m[1]), m[2], m[3]
    if mo and not 1 <= int(mo) <= 12:
        raise ValueError(f"{text!r} is not a date: month {mo} does not exist")
    if d:
        try:
            day = date(y, int(mo), int(d))
        except ValueError as exc:
            raise ValueError(f"{text!r} is not a date: {exc}") from None
        return day, day
    if mo:
        last = calendar.monthrange(y, int(mo))[1]
        return date(y, int(mo), 1), date(y, int(mo), last)
    return date(y, 1, 1), date(y, 12, 31)

"""Valid time with open bounds: "after X" / "before Y" without inventing a date.

A bound is a date and a qualifier: ``""`` (on that day), ``"after"`` or ``"before"``.
``from: after 2020-01-03`` says a tie began some time after the succession, not on its day;
``to: before 2024-12-31`` says a post had ended by then. A period written as ``YYYY`` or
``YYYY-MM`` stands for its days: "after 2020" is after its last day, "before 2024" before
its first, a plain "from" its first and a plain "to" its last.

As-of views (:func:`holds_on`, and the store's SQL filter that mirrors it) read an open
bound as exclusive: a tie that began "after X" is not yet known to hold on X, a post that
ended "before Y" no longer holds on Y. "before" on a start and "after" on an end only widen
the period beyond a day on which it is known to hold, so they count from that day.

>>> parse_bound("after 2020-01-03", "from")
(datetime.date(2020, 1, 3), 'after')
>>> parse_bound("before 2024", "to")
(datetime.date(2024, 1, 1), 'before')
>>> parse_bound("2023-12", "to")
(datetime.date(2023, 12, 31), '')
>>> from datetime import date
>>> holds_on(date(2020, 1, 3), start=date(2020, 1, 3), start_bound="after")
False
>>> holds_on(date(2020, 1, 4), start=date(2020, 1, 3), start_bound="after")
True
>>> period_words(date(2020, 1, 3), "after", None, "")
'after 2020-01-03'
"""

from __future__ import annotations

from datetime import date

__all__ = [
    "BOUNDS",
    "bound_text",
    "holds_on",
    "open_end",
    "open_start",
    "parse_bound",
    "period_words",
    "span_text",
]

BOUNDS = ("", "after", "before")  # "": on that day


def parse_bound(text: str, end: str) -> tuple[date, str]:
    """``(day, qualifier)`` of a ``from`` or ``to`` bound written ``[after|before] YYYY[-MM[-DD]]``.

    >>> parse_bound("sometime 2020", "from")
    Traceback (most recent call last):
    ...
    ValueError: 'sometime 2020' is not a date (use YYYY, YYYY-MM or YYYY-MM-DD, optionally after "after " or "before ")
    """
    from orgmap.casefile.spans import parse_period

    if end not in ("from", "to"):
        raise ValueError(f"end {end!r} is not 'from' or 'to'")
    words = str(text).strip().split(None, 1)
    qualifier = words[0].lower() if len(words) == 2 and words[0].lower() in ("after", "before") else ""
    day_text = words[1] if qualifier else str(text).strip()
    try:
        first, last = parse_period(day_text)
    except ValueError as exc:
        hint = '(use YYYY, YYYY-MM or YYYY-MM-DD, optionally after "after " or "before ")'
        raise ValueError(str(exc).replace("(use YYYY, YYYY-MM or YYYY-MM-DD)", hint)) from None
    if qualifier == "after":
        return last, qualifier
    if qualifier == "before":
        return first, qualifier
    return (first if end == "from" else last), qualifier


def bound_text(day: date | None, qualifier: str) -> str:
    """A bound as written: ``"after 2020-01-03"``, ``"2020-01-03"``, or ``""`` when there is none."""
    if day is None:
        return ""
    return f"{qualifier} {day.isoformat()}" if qualifier else day.isoformat()


def holds_on(
    day: date,
    *,
    start: date | None = None,
    start_bound: str = "",
    end: date | None = None,
    end_bound: str = "",
) -> bool:
    """Whether a period counts as holding on ``day`` in as-of views (open bounds exclusive).

    >>> holds_on(date(2024, 12, 31), end=date(2024, 12, 31), end_bound="before")
    False
    >>> holds_on(date(2019, 6, 1), start=date(2020, 1, 1), start_bound="before")
    False
    """
    if start is not None and (day <= start if start_bound == "after" else day < start):
        return False
    return not (end is not None and (day >= end if end_bound == "before" else day > end))


def open_start(start: date | None, start_bound: str) -> bool:
    """The true start lies off the stated day (or is unknown): draw the bar's left end open."""
    return start is None or start_bound != ""


def open_end(end: date | None, end_bound: str) -> bool:
    """The true end lies off the stated day (or is unknown): draw the bar's right end open."""
    return end is None or end_bound != ""


def span_text(a: object) -> str:
    """An assertion's valid time compactly, for tables: ``"after 2020-01-03–"``, ``"–before 2024-12-31"``.

    >>> from orgmap.model import Assertion
    >>> span_text(Assertion(1, valid_from=date(2020, 1, 3), valid_from_bound="after"))
    'after 2020-01-03–'
    """
    first = bound_text(getattr(a, "valid_from", None), getattr(a, "valid_from_bound", ""))
    last = bound_text(getattr(a, "valid_to", None), getattr(a, "valid_to_bound", ""))
    return f"{first}–{last}" if first or last else ""


def period_words(start: date | None, start_bound: str, end: date | None, end_bound: str) -> str:
    """When a period held, in words.

    >>> period_words(date(2019, 1, 1), "", date(2024, 12, 31), "before")
    '2019-01-01 to before 2024-12-31'
    >>> period_words(None, "", date(2024, 12, 31), "before")
    'until before 2024-12-31'
    >>> period_words(date(2020, 1, 3), "", None, "")
    'from 2020-01-03'
    """
    first, last = bound_text(start, start_bound), bound_text(end, end_bound)
    if first and last:
        return f"{first} to {last}"
    if first:
        return first if start_bound == "after" else f"from {first}"
    if last:
        return f"until {last}"
    return ""

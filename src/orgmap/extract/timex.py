"""Turn date phrases into ISO dates as precise as the text allows.

>>> parse_date_text("December 2023"), parse_date_text("October 14", "2023-11-02"), parse_date_text("2019")
('2023-12', '2023-10-14', '2019')
>>> parse_date_text("the preceding months") is None
True
"""

from __future__ import annotations

import re

__all__ = ["parse_date_text"]

_MONTHS = {m: i + 1 for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
     "november", "december"])}
_MONTHS.update({m[:3]: i for m, i in list(_MONTHS.items())})
_MONTHS["sept"] = 9


def parse_date_text(text: str | None, doc_date: str | None = None) -> str | None:
    """"YYYY", "YYYY-MM" or "YYYY-MM-DD" for a date phrase; the year defaults to ``doc_date``'s."""
    if not text:
        return None
    low = text.lower()
    year = re.search(r"\b(1[89]\d\d|20\d\d)\b", low)
    y = year.group(1) if year else (doc_date[:4] if doc_date and re.match(r"\d{4}", doc_date) else None)
    iso = re.search(r"\b(\d{4})-(\d{2})(?:-(\d{2}))?\b", low)
    if iso:
        return iso.group(0)
    month = next((n for w, n in _MONTHS.items() if re.search(rf"\b{w}\b\.?", low)), None)
    if month is None:
        return year.group(1) if year else None
    if y is None:
        return None
    day = re.search(r"\b([0-3]?\d)(?:st|nd|rd|th)?\b", re.sub(r"\b(1[89]|20)\d\d\b", "", low))
    if day and 1 <= int(day.group(1)) <= 31:
        return f"{y}-{month:02d}-{int(day.group(1)):02d}"
    return f"{y}-{month:02d}"

"""Turn date phrases into ISO dates as precise as the text allows.

>>> parse_date_text("December 2023"), parse_date_text("October 14", "2023-11-02"), parse_date_text("2019")
('2023-12', '2023-10-14', '2019')
>>> parse_date_text("the preceding months") is None
True
>>> valid_time("He has led the company since 2016.", ["2016"])
('2016', None, 'since 2016')
>>> valid_time("She ran it from 2012 to 2019.", ["2012", "2019"])
('2012', '2019', 'from 2012 to 2019')
"""

from __future__ import annotations

import re

__all__ = ["parse_date_text", "valid_time"]

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


def valid_time(sentence: str, dates: list[str], doc_date: str | None = None
               ) -> tuple[str | None, str | None, str]:
    """(valid_from, valid_to, text) from a sentence and the date phrases found in it.

    "since X"/"from X" start a period, "until X"/"to X" end it, "between X and Y" and
    "from X to Y" give both; a bare date is when the relation held (its start).
    """
    if not dates:
        return None, None, ""
    low = sentence.lower()
    parts = re.split(r"\s+(?:to|until|till|through|and)\s+|\s*[–-]\s*(?=\d|[A-Z])", dates[0])
    if len(parts) == 2 and all(parse_date_text(x, doc_date) or parse_date_text(x, "2000") for x in parts):
        # one date phrase holding a period: "2012 to 2019", "March 2012 - 2019"
        at = low.find(dates[0].lower())
        lead = re.search(r"(from|between)\s+$", low[max(0, at - 12):at])
        text = (f"{lead.group(1)} " if lead else "") + dates[0]
        return parse_date_text(parts[0], doc_date), parse_date_text(parts[1], doc_date), text
    first = dates[0]
    at = low.find(first.lower())
    before = low[max(0, at - 12):at]
    if len(dates) >= 2:
        second = dates[1]
        mid = low[at + len(first):low.find(second.lower(), at + len(first))]
        if re.search(r"\b(from|between)\s+$", before) and re.fullmatch(r"\s*(to|until|till|and|-|–)\s*", mid):
            word = re.search(r"(from|between)\s+$", before).group(1)
            text = sentence[at - len(word) - 1:low.find(second.lower(), at + len(first)) + len(second)]
            return parse_date_text(first, doc_date), parse_date_text(second, doc_date), text.strip()
    if re.search(r"\b(until|till|to|through)\s+$", before):
        word = re.search(r"(until|till|to|through)\s+$", before).group(1)
        return None, parse_date_text(first, doc_date), f"{word} {first}"
    if re.search(r"\b(since|from)\s+$", before):
        word = re.search(r"(since|from)\s+$", before).group(1)
        return parse_date_text(first, doc_date), None, f"{word} {first}"
    return parse_date_text(first, doc_date), None, first

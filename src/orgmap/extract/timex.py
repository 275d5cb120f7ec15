"""Turn date phrases into ISO dates as precise as the text allows.

>>> parse_date_text("December 2023"), parse_date_text("October 14", "2023-11-02"), parse_date_text("2019")
('2023-12', '2023-10-14', '2019')
>>> parse_date_text("the preceding months") is None
True
>>> valid_time("He has led the company since 2016.", ["2016"])
('2016', None, 'since 2016')
>>> valid_time("She ran it from 2012 to 2019.", ["2012", "2019"])
('2012', '2019', 'from 2012 to 2019')
>>> valid_time("He has led it since last year.", ["last year"], "2022-04-11")
('2021', None, 'since 2021')
>>> valid_time("He has worked for them for several years.", ["several years"], "2022-04-11")
(None, None, '')
"""

from __future__ import annotations

import re

__all__ = ["dates_agree", "only_a_date", "parse_date_text", "relative_date", "valid_time"]

_MONTHS = {
    m: i + 1
    for i, m in enumerate(
        [
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ]
    )
}
_MONTHS.update({m[:3]: i for m, i in list(_MONTHS.items())})
_MONTHS["sept"] = 9


def only_a_date(text: str) -> bool:
    """True when ``text`` is a date and nothing else: month names, numbers and punctuation.

    >>> [only_a_date(t) for t in ("the November 8, 2020", "February 1", "2021 coup", "May Day")]
    [True, True, False, False]
    """
    words = re.findall(r"[^\W\d_]+|\d+", text.lower())
    words = [w for w in words if w != "the"]
    return bool(words) and any(w.isdigit() for w in words) and all(w.isdigit() or w in _MONTHS for w in words)


def dates_agree(a: str, b: str) -> bool:
    """True when two date phrases can name the same day: one is the other made more precise.

    >>> [dates_agree("2021", "February 1, 2021"), dates_agree("February 1", "February 1, 2021"), dates_agree("2020", "2021")]
    [True, True, False]
    """
    pa, pb = parse_date_text(a), parse_date_text(b)
    if pa and pb:
        return pa.startswith(pb) or pb.startswith(pa)
    wa, wb = set(re.findall(r"\w+", a.lower())), set(re.findall(r"\w+", b.lower()))
    return bool(wa and wb) and (wa <= wb or wb <= wa)


def parse_date_text(text: str | None, doc_date: str | None = None) -> str | None:
    """ "YYYY", "YYYY-MM" or "YYYY-MM-DD" for a date phrase; the year defaults to ``doc_date``'s."""
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


# words that name a time only relative to when the document was written: (unit, offset)
_RELATIVE = {
    "today": ("day", 0),
    "yesterday": ("day", -1),
    "this year": ("year", 0),
    "last year": ("year", -1),
    "next year": ("year", 1),
    "this month": ("month", 0),
    "last month": ("month", -1),
}
_VAGUE = re.compile(
    r"\b(several|recent|past|last|coming|few|many|some|next|previous|earlier|later|decades?|"
    r"years?|months?|weeks?|days?|now|currently|recently|today|tonight|ago)\b",
    re.IGNORECASE,
)


def relative_date(text: str, doc_date: str | None) -> str | None:
    """The date a relative phrase names, from the document's date: "last year" -> "2021".

    None when the phrase is not relative, or names no date that can be given ("several
    years", "recent months") or the document has no date.

    >>> relative_date("today", "2022-04-11"), relative_date("last month", "2022-01-15")
    ('2022-04-11', '2021-12')
    >>> relative_date("several years", "2022-04-11") is None, relative_date("today", None) is None
    (True, True)
    """
    from datetime import date, timedelta

    key = re.sub(r"\s+", " ", text.strip().lower())
    m = re.match(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$", (doc_date or "").strip())
    if key not in _RELATIVE or not m:
        return None
    unit, offset = _RELATIVE[key]
    y, mo, d = int(m[1]), m[2], m[3]
    if unit == "year":
        return str(y + offset)
    if unit == "month" and mo:
        total = y * 12 + int(mo) - 1 + offset
        return f"{total // 12}-{total % 12 + 1:02d}"
    if unit == "day" and mo and d:
        return (date(y, int(mo), int(d)) + timedelta(days=offset)).isoformat()
    return None


def _absolute(sentence: str, dates: list[str], doc_date: str | None) -> tuple[str, list[str]]:
    """The sentence and date phrases with relative phrases resolved ("last year" -> "2021") or dropped.

    "Today", "this year" are dropped too: the document's own date is already the assertion's
    reported date, and it does not say when a tie began.
    """
    kept = []
    for phrase in dates:
        key = re.sub(r"\s+", " ", phrase.strip().lower())
        if key in _RELATIVE and _RELATIVE[key][1] == 0:
            continue  # "today": when the source reports it (reported_on), not when the tie began
        resolved = relative_date(phrase, doc_date)
        if resolved is not None:
            sentence = sentence.replace(phrase, resolved, 1)
            kept.append(resolved)
        elif parse_date_text(phrase) is not None or not _VAGUE.search(phrase):
            kept.append(phrase)
    return sentence, kept


def valid_time(
    sentence: str, dates: list[str], doc_date: str | None = None
) -> tuple[str | None, str | None, str]:
    """(valid_from, valid_to, text) from a sentence and the date phrases found in it.

    "since X"/"from X" start a period, "until X"/"to X" end it, "between X and Y" and
    "from X to Y" give both; a bare date is when the relation held (its start). Relative
    words ("last year", "last month") are resolved against ``doc_date``; "today" and words
    that name no date ("several years") are left out.
    """
    sentence, dates = _absolute(sentence, dates, doc_date)
    if not dates:
        return None, None, ""
    low = sentence.lower()
    parts = re.split(r"\s+(?:to|until|till|through|and)\s+|\s*[–-]\s*(?=\d|[A-Z])", dates[0])
    if len(parts) == 2 and all(parse_date_text(x, doc_date) or parse_date_text(x, "2000") for x in parts):
        # one date phrase holding a period: "2012 to 2019", "March 2012 - 2019"
        at = low.find(dates[0].lower())
        lead = re.search(r"(from|between)\s+$", low[max(0, at - 12) : at])
        text = (f"{lead.group(1)} " if lead else "") + dates[0]
        return parse_date_text(parts[0], doc_date), parse_date_text(parts[1], doc_date), text
    first = dates[0]
    at = low.find(first.lower())
    before = low[max(0, at - 12) : at]
    if len(dates) >= 2:
        second = dates[1]
        mid = low[at + len(first) : low.find(second.lower(), at + len(first))]
        if re.search(r"\b(from|between)\s+$", before) and re.fullmatch(r"\s*(to|until|till|and|-|–)\s*", mid):
            word = re.search(r"(from|between)\s+$", before).group(1)
            text = sentence[at - len(word) - 1 : low.find(second.lower(), at + len(first)) + len(second)]
            return parse_date_text(first, doc_date), parse_date_text(second, doc_date), text.strip()
    if re.search(r"\b(until|till|to|through)\s+$", before):
        word = re.search(r"(until|till|to|through)\s+$", before).group(1)
        return None, parse_date_text(first, doc_date), f"{word} {first}"
    if re.search(r"\b(since|from)\s+$", before):
        word = re.search(r"(since|from)\s+$", before).group(1)
        return parse_date_text(first, doc_date), None, f"{word} {first}"
    return parse_date_text(first, doc_date), None, first

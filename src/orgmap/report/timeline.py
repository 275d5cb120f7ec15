"""The timeline's rows and its text drawing: who held which tie when, and dated events.

One implementation for the CLI (``orgmap timeline``) and the web Timeline page. Each bar
shows how its ends are known (:mod:`orgmap.validtime`):

- ``●`` the day itself ("from 2020-01-03");
- ``○`` an open bound: the tie began *after* that day or ended *before* it;
- ``◀`` / ``▶`` the tie reaches beyond the bar: no date is known on that side, or it
  began *before* / ended *after* the day shown.

>>> from datetime import date
>>> row = {"from": "2020-01-03", "from_bound": "after", "to": "", "to_bound": ""}
>>> bar(row, date(2019, 1, 1), date(2025, 1, 1), 24)
'    ○━━━━━━━━━━━━━━━━━━▶'
"""

from __future__ import annotations

from datetime import date
from typing import Any

__all__ = ["DATE_KEYS", "LEGEND", "bar", "end_marks", "event_date", "timeline_rows"]

DATE_KEYS = ("date", "on", "when", "start")
LEGEND = (
    "● on that day   ○ open bound: began after / ended before that day   "
    "◀ ▶ reaches beyond: no date known, or began before / ended after that day   ┄ denied"
)


def event_date(entity: Any) -> date | None:
    """An event entity's date from its attributes (the first day of a period), or None."""
    from orgmap.casefile.spans import parse_period

    for key in DATE_KEYS:
        value = entity.attributes.get(key)
        if value:
            try:
                return parse_period(str(value))[0]
            except ValueError:
                continue
    return None


def timeline_rows(
    s: Any, case_id: int, statuses: list[str]
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(tenures, events): relation assertions with a valid time, and dated events."""
    tenures = []
    for r in s.relations(case_id, status=statuses or None):
        a = r.assertion
        if a.valid_from or a.valid_to:
            tenures.append(
                {
                    "id": a.id,
                    "who": r.subject.name,
                    "relation": r.type,
                    "what": r.object.name,
                    "layer": r.layer,
                    "modality": a.modality,
                    "from": a.valid_from.isoformat() if a.valid_from else "",
                    "from_bound": a.valid_from_bound,
                    "to": a.valid_to.isoformat() if a.valid_to else "",
                    "to_bound": a.valid_to_bound,
                    "valid": a.period,
                    "grade": a.grade,
                    "quote": a.evidence[0].quote[:200] if a.evidence else "",
                }
            )
    events = []
    for e in s.entities(case_id, type="event") if "event" in s.schema.entity_types else []:
        when = event_date(e)
        if when is None:
            dated = [
                a.valid_from
                for a in s.assertions(case_id, entity=e.id, status=statuses or None)
                if a.valid_from
            ]
            when = min(dated) if dated else None
        if when:
            events.append({"event": e.name, "date": when.isoformat()})
    return tenures, events


def end_marks(row: dict[str, Any]) -> tuple[str, str]:
    """The marks of a bar's two ends: ``●`` (that day), ``○`` (open bound) or ``◀``/``▶`` (reaches beyond).

    >>> end_marks({"from": "2019-01-01", "from_bound": "", "to": "2024-12-31", "to_bound": "before"})
    ('●', '○')
    >>> end_marks({"from": "", "to": "2020-01-03", "to_bound": "after"})
    ('◀', '▶')
    """
    start_bound, end_bound = row.get("from_bound", ""), row.get("to_bound", "")
    left = "◀" if not row.get("from") or start_bound == "before" else ("○" if start_bound == "after" else "●")
    right = "▶" if not row.get("to") or end_bound == "after" else ("○" if end_bound == "before" else "●")
    return left, right


def bar(row: dict[str, Any], lo: date, hi: date, width: int) -> str:
    """One tenure as a text bar on the axis ``lo``..``hi`` of ``width`` characters."""
    span = max((hi - lo).days, 1)

    def col(day: str, default: int) -> int:
        if not day:
            return default
        return min(width - 1, max(0, round((date.fromisoformat(day) - lo).days / span * (width - 1))))

    left, right = end_marks(row)
    a = 0 if left == "◀" and row.get("from_bound") != "before" else col(row.get("from", ""), 0)
    b = width - 1 if right == "▶" and row.get("to_bound") != "after" else col(row.get("to", ""), width - 1)
    fill = "┄" if row.get("modality") == "denied" else "━"
    cells = [" "] * width
    for i in range(a, b + 1):
        cells[i] = fill
    if row.get("from_bound") == "before":  # known from the day shown, reaching further back
        for i in range(0, a):
            cells[i] = "╌"
    if row.get("to_bound") == "after":
        for i in range(b + 1, width):
            cells[i] = "╌"
    cells[0 if left == "◀" else a] = left
    cells[width - 1 if right == "▶" else b] = right
    return "".join(cells).rstrip()

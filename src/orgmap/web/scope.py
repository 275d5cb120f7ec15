"""What of a large graph the Network page draws: a bounded selection, and a line saying so.

A case of a few hundred actors is drawn whole. Above ``limit`` actors the page draws at
most ``limit`` of them, chosen by one of three rules:

* ``communities``: each community (Leiden, from :mod:`orgmap.network`) collapsed into one
  meta-node, sized by its members; the communities the analyst opened show their
  members (the highest-scored first, within the budget);
* ``top``: the ``limit`` highest-scored actors by the chosen measure;
* ``neighbourhood``: the focus actor and the actors nearest to it, ring by ring (in a
  ring that does not fit whole, the highest-scored).

Ties between a drawn actor and a collapsed community, or between two collapsed
communities, become one meta-tie carrying how many ties it stands for.

>>> nodes = ["a", "b", "c", "d"]
>>> links = [("a", "b"), ("b", "c"), ("c", "d")]
>>> scores = {"a": 1, "b": 2, "c": 2, "d": 1}
>>> pick = select(nodes, links, scores, Scope("top", limit=2))
>>> pick.shown, pick.note
(['b', 'c'], 'showing 2 of 4 entities: the top 2 by score')
>>> groups = {"a": "g1", "b": "g1", "c": "g2", "d": "g2"}
>>> pick = select(nodes, links, scores, Scope("communities", limit=6), groups=groups)
>>> pick.shown, sorted(pick.groups), pick.note
([], ['g1', 'g2'], 'showing 0 of 4 entities; 2 communities collapsed (click one to open it)')
>>> select(nodes, links, scores, Scope("communities", limit=6, opened=["g2"]), groups=groups).shown
['c', 'd']
>>> select(nodes, links, scores, Scope("neighbourhood", limit=3, focus="a")).shown
['a', 'b', 'c']
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

__all__ = ["DEFAULT_LIMIT", "MODES", "Scope", "Selection", "select"]

#: Most actors the page draws by default; cases up to this size are drawn whole.
DEFAULT_LIMIT = 300
MODES = {
    "auto": "whole case when small, else communities",
    "communities": "communities collapsed",
    "top": "top entities by the measure",
    "neighbourhood": "neighbourhood of an entity",
}
REST = "rest"  # the key of the community that gathers the smallest ones


@dataclass(frozen=True)
class Scope:
    """How to choose: ``mode`` (see :data:`MODES`), at most ``limit`` actors (0: no limit),
    the ``focus`` actor of a neighbourhood, the communities ``opened``."""

    mode: str = "auto"
    limit: int = DEFAULT_LIMIT
    focus: str | None = None
    opened: Sequence[str] = ()
    measure: str = "score"


@dataclass
class Selection:
    """Actors drawn as themselves (``shown``), collapsed communities (``groups``: key ->
    members not shown), the community of each hidden actor (``hidden``) and the line for
    the analyst (``note``)."""

    shown: list[str]
    groups: dict[str, list[str]] = field(default_factory=dict)
    hidden: dict[str, str] = field(default_factory=dict)
    note: str = ""


def _count(n: int) -> str:
    return f"{n:,} entit{'y' if n == 1 else 'ies'}"


def _top(ids: Sequence[str], scores: Mapping[str, float], k: int) -> list[str]:
    rank = {n: i for i, n in enumerate(ids)}
    return sorted(ids, key=lambda n: (-scores.get(n, 0.0), rank[n]))[: max(k, 0)]


def select(
    nodes: Sequence[str],
    links: Sequence[tuple[str, str]] | Callable[[], Sequence[tuple[str, str]]],
    scores: Mapping[str, float],
    scope: Scope,
    *,
    groups: Mapping[str, str] | Callable[[], Mapping[str, str]] | None = None,
) -> Selection:
    """Choose what to draw of ``nodes`` (ordered ids) tied by ``links``.

    ``groups`` maps each node to its community key (or is a function computing it, called
    only when communities are drawn); ``links`` likewise may be a function, called only
    for a neighbourhood.
    """
    n = len(nodes)
    limit = scope.limit if scope.limit and scope.limit > 0 else n
    mode = scope.mode if scope.mode in MODES else "auto"
    if mode == "auto":
        if n <= limit:
            return Selection(list(nodes), note=f"showing all {_count(n)}")
        mode = "communities"
    if mode == "neighbourhood" and scope.focus not in set(nodes):
        top = _top(nodes, scores, limit)
        return Selection(
            [x for x in nodes if x in set(top)],
            note=f"showing {len(top):,} of {_count(n)}: choose an entity (search or click) to see its neighbourhood",
        )
    if mode == "top":
        chosen = set(_top(nodes, scores, limit))
        shown = [x for x in nodes if x in chosen]
        return Selection(
            shown, note=f"showing {len(shown):,} of {_count(n)}: the top {len(shown):,} by {scope.measure}"
        )
    if mode == "neighbourhood":
        ties = links() if callable(links) else links
        return _neighbourhood(nodes, ties, scores, scope.focus, limit)  # type: ignore[arg-type]
    membership = groups() if callable(groups) else (groups or {})
    return _communities(nodes, scores, membership, limit, set(scope.opened))


def _neighbourhood(
    nodes: Sequence[str],
    links: Sequence[tuple[str, str]],
    scores: Mapping[str, float],
    focus: str,
    limit: int,
) -> Selection:
    around: dict[str, set[str]] = defaultdict(set)
    for a, b in links:
        if a != b:
            around[a].add(b)
            around[b].add(a)
    chosen, ring, steps = {focus}, [focus], 0
    while ring and len(chosen) < limit:
        nxt = sorted({b for a in ring for b in around[a]} - chosen)
        if not nxt:
            break
        steps += 1
        take = _top(nxt, scores, limit - len(chosen))
        chosen.update(take)
        ring = take
    shown = [x for x in nodes if x in chosen]
    return Selection(
        shown,
        note=(
            f"showing {len(shown):,} of {_count(len(nodes))}: the neighbourhood of the chosen entity "
            f"({steps} step{'' if steps == 1 else 's'})"
        ),
    )


def _communities(
    nodes: Sequence[str],
    scores: Mapping[str, float],
    membership: Mapping[str, str],
    limit: int,
    opened: set[str],
) -> Selection:
    rank = {x: i for i, x in enumerate(nodes)}
    members: dict[str, list[str]] = defaultdict(list)
    for x in nodes:
        members[membership.get(x, f"alone {x}")].append(x)
    order = sorted(members, key=lambda k: (-len(members[k]), rank[members[k][0]]))
    most = max(limit // 3, 1)  # meta-nodes leave room for the members of open communities
    if len(order) > most:  # the smallest communities are gathered into one
        rest = [x for k in order[most - 1 :] for x in members[k]]
        order = [*order[: most - 1], REST]
        members[REST] = sorted(rest, key=rank.__getitem__)
    budget = limit - len(order)
    shown: set[str] = set()
    for key in order:
        if key not in opened or budget <= 0:
            continue
        if len(members[key]) <= budget + 1:  # opened whole: its meta-node makes room
            shown.update(members[key])
            budget -= len(members[key]) - 1
        else:
            shown.update(_top(members[key], scores, budget))
            budget = 0
    collapsed = {k: [x for x in members[k] if x not in shown] for k in order}
    collapsed = {k: v for k, v in collapsed.items() if v}
    hidden = {x: k for k, v in collapsed.items() for x in v}
    word = "community" if len(collapsed) == 1 else "communities"
    note = f"showing {len(shown):,} of {_count(len(nodes))}; {len(collapsed):,} {word} collapsed"
    if opened & set(order):
        note += f", {len(opened & set(order)):,} open"
    note += " (click one to open it)"
    return Selection([x for x in nodes if x in shown], collapsed, hidden, note)

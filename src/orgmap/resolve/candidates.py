"""Propose merges among a case's entities, each with its reason and score; merging stays a judgement.

Reasons, best first: ``declared`` (the text gives the short form: "Daniel Joseph Kinahan
(Daniel Kinahan)", "(the Group)"; 95), ``accents`` (the same name but for accents; 95),
``company suffix`` ("Nero Drinks Company Limited" / "Nero Drinks"; 90), ``variant``
(transliteration and spelling variants, :mod:`orgmap.resolve.variants`; 90+),
``middle name`` ("Daniel Joseph Kinahan" / "Daniel Kinahan"; 85), ``acronym`` (85),
``initials`` ("D. J. Kinahan"; 80), ``surname`` (a bare surname and one full name; 80).
A name that fits two others by a middle name or initials ("Christopher Kinahan" beside
Senior and Junior) is proposed for neither; generations (Senior/Junior) never merge.

>>> from orgmap.store import Store
>>> from orgmap.model import Assertion, Entity, Evidence, Source
>>> store = Store.open(":memory:")
>>> case = store.ensure_case("demo")
>>> text = "Daniel Joseph Kinahan (Daniel) runs Nero Drinks Company Limited. Daniel sells Nero Drinks."
>>> doc = store.add_source(case, Source(text=text))
>>> ids = [store.add_entity(case, Entity(t, n)) for t, n in [
...     ("person", "Daniel Joseph Kinahan"), ("person", "Daniel"),
...     ("organization", "Nero Drinks Company Limited"), ("organization", "Nero Drinks")]]
>>> for c in merge_candidates(store, case):
...     print(c.absorbed_name, "->", c.into_name, c.score, c.reason.split(":")[0])
Daniel -> Daniel Joseph Kinahan 95.0 declared short form
Nero Drinks -> Nero Drinks Company Limited 90.0 company suffix
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from orgmap.extract.cluster import initials
from orgmap.names import normalize_name
from orgmap.resolve.name_forms import company_core, fold_accents, person_parts
from orgmap.resolve.variants import variant_score

__all__ = ["MergeCandidate", "accept_candidates", "declared_short_forms", "merge_candidates", "pair_reason"]

# "Full Name (Short)", "**Full Name**(Short)", "Full Name (the Group)": the text declares a short form
_DECLARED = re.compile(r"\(\s*[*_\"“‘']*\s*(?:the\s+)?([^()\n]{1,60}?)\s*[*_\"”’']*\s*\)", re.IGNORECASE)
_TRAIL = " \t\n*_\"”’'"
_LAST_WORD = re.compile(r"([\w’'.-]+)$")
_ONE_WAY = ("middle name", "initials", "surname", "acronym")  # reasons that say which name is the short form


@dataclass
class MergeCandidate:
    absorbed: int
    into: int
    absorbed_name: str
    into_name: str
    type: str
    score: float
    reason: str


def _middle_name(short: list[str], full: list[str]) -> bool:
    """``short`` is ``full`` without middle names: same first and last word, fewer words, in order."""
    if len(short) < 2 or len(full) <= len(short) or short[0] != full[0] or short[-1] != full[-1]:
        return False
    rest = iter(full[1:-1])
    return all(any(w == f for f in rest) for w in short[1:-1])


def _initials(short: list[str], full: list[str]) -> bool:
    """``short`` gives some of ``full``'s first names as initials ("d j kinahan", "daniel joseph kinahan")."""
    if len(short) < 2 or short[-1] != full[-1] or not any(len(w) == 1 for w in short[:-1]):
        return False
    rest = iter(full[:-1])
    return all(any(f == w or (len(w) == 1 and f[0] == w) for f in rest) for w in short[:-1])


def pair_reason(a_names: list[str], b_names: list[str], etype: str) -> tuple[float, str] | None:
    """(score, reason) when an entity with ``a_names`` (its name first) is probably one with ``b_names``.

    Spelling variants, accents and company suffixes may join any names; a surname, acronym,
    middle-name or initials form only when it is the first entity's own name (a bare
    "Haddad" entity), not merely one of its aliases.

    >>> pair_reason(["Daniel Kinahan"], ["Daniel Joseph Kinahan"], "person")
    (85.0, "middle name: 'Daniel Kinahan' is 'Daniel Joseph Kinahan' without one")
    >>> pair_reason(["Christopher Kinahan Senior"], ["Christopher Vincent Kinahan Junior"], "person") is None
    True
    """
    best: tuple[float, str] | None = None

    def offer(score: float, reason: str) -> None:
        nonlocal best
        if best is None or score > best[0]:
            best = (score, reason)

    for a in a_names:
        for b in b_names:
            if normalize_name(a) != normalize_name(b) and normalize_name(fold_accents(a)) == normalize_name(
                fold_accents(b)
            ):
                offer(95.0, f"accents: {a!r} = {b!r}")
            if (
                etype == "organization"
                and company_core(a)
                and company_core(a) == company_core(b)
                and normalize_name(a) != normalize_name(b)
            ):
                offer(90.0, f"company suffix: {a!r} = {b!r} but for the legal form")
            s = variant_score(a, b)
            if s >= 90:
                offer(s, f"spelling variant: {a!r} ~ {b!r}")
    a = a_names[0]
    na = normalize_name(a).split()
    for b in b_names:
        nb = normalize_name(b).split()
        if etype == "person":
            (pa, ga), (pb, gb) = person_parts(a), person_parts(b)
            if ga == gb and _middle_name(pa, pb):
                offer(85.0, f"middle name: {a!r} is {b!r} without one")
            if ga == gb and _initials(pa, pb):
                offer(80.0, f"initials: {a!r} = {b!r}")
            if len(na) == 1 and len(nb) > 1 and nb[-1] == na[0]:
                offer(80.0, f"surname: {a!r} ends {b!r}")
        if etype != "person" and len(na) == 1 and a.isupper() and len(a) >= 2 and initials(b) == a:
            offer(85.0, f"acronym: {a!r} = initials of {b!r}")
    return best


def declared_short_forms(text: str, names: dict[str, int]) -> Iterable[tuple[int, int, str, str]]:
    """(full entity id, short entity id, full name, short form) for each "Full (Short)" in ``text``.

    ``names`` maps every name and alias (as written) to its entity; the full name must end
    just before the parenthesis (bold marks and spaces between are allowed).

    >>> list(declared_short_forms("**Ann Lee**(Ann) said", {"Ann Lee": 1, "Ann": 2}))
    [(1, 2, 'Ann Lee', 'Ann')]
    """
    by_last: dict[str, list[tuple[str, int]]] = {}
    for name, eid in names.items():
        m = _LAST_WORD.search(name.rstrip(_TRAIL))
        if m:
            by_last.setdefault(m.group(1).casefold(), []).append((name.rstrip(_TRAIL), eid))
    by_norm = {normalize_name(n): eid for n, eid in names.items() if normalize_name(n)}
    for m in _DECLARED.finditer(text):
        short = m.group(1).strip(_TRAIL)
        short_id = by_norm.get(normalize_name(short))
        if short_id is None:
            continue
        before = text[max(0, m.start() - 200) : m.start()].rstrip(_TRAIL)
        last = _LAST_WORD.search(before)
        if not last:
            continue
        fits = [
            (n, eid)
            for n, eid in by_last.get(last.group(1).casefold(), [])
            if before.endswith(n) and (len(before) == len(n) or not before[-len(n) - 1].isalnum())
        ]
        if fits:
            name, full_id = max(fits, key=lambda f: len(f[0]))
            if full_id != short_id:
                yield full_id, short_id, name, short


def merge_candidates(store: Any, case_id: int, *, min_score: float = 80.0) -> list[MergeCandidate]:
    """Pairs of canonical entities of one type that are probably one, best first.

    The short form (a declared one, else the entity with the shorter name) is proposed for
    absorption into the fuller one.
    """
    ents = store.entities(case_id)
    by_id = {e.id: e for e in ents}
    found: dict[tuple[int, int], MergeCandidate] = {}

    def propose(short, full, score: float, reason: str) -> None:
        key = (min(short.id, full.id), max(short.id, full.id))
        if (
            short.id != full.id
            and short.type == full.type
            and score >= min_score
            and (key not in found or found[key].score < score)
        ):
            found[key] = MergeCandidate(short.id, full.id, short.name, full.name, short.type, score, reason)

    names = {n: e.id for e in ents for n in (e.name, *e.aliases)}
    for src in store.sources(case_id):
        for full_id, short_id, full, short in declared_short_forms(src.text, names):
            propose(
                by_id[short_id],
                by_id[full_id],
                95.0,
                f"declared short form: {full!r} ({short!r}) in document #{src.id}",
            )
    by_type: dict[str, list] = {}
    for e in ents:
        by_type.setdefault(e.type, []).append(e)
    for etype, group in by_type.items():
        for i, a in enumerate(group):
            for b in group[i + 1 :]:
                names_a, names_b = [a.name, *a.aliases], [b.name, *b.aliases]
                short, full = (a, b) if len(a.name) <= len(b.name) else (b, a)
                for x, y, hit in (
                    (a, b, pair_reason(names_a, names_b, etype)),
                    (b, a, pair_reason(names_b, names_a, etype)),
                ):
                    if hit is not None:  # a form of one name is absorbed; two spellings: the shorter
                        propose(*((x, y) if hit[1].startswith(_ONE_WAY) else (short, full)), *hit)
    # a middle-name, initials or surname form that fits two entities names neither for sure
    loose = _ONE_WAY[:3]
    fits: dict[int, set[int]] = {}
    for c in found.values():
        if c.reason.startswith(loose):
            fits.setdefault(c.absorbed, set()).add(c.into)
    out = [c for c in found.values() if not (c.reason.startswith(loose) and len(fits[c.absorbed]) > 1)]
    return sorted(out, key=lambda c: (-c.score, c.absorbed, c.into))


def accept_candidates(
    store: Any, case_id: int, candidates: list[MergeCandidate], *, above: float, who: str, why: str = ""
) -> list[dict[str, Any]]:
    """Merge every candidate scoring ``above`` or more, each a judgement with its reason, in one transaction.

    Candidate relations between the two (now one) entities are rejected: an alias pair is
    no ``part_of`` tie. Returns what was done per candidate (merged, or skipped and why).

    >>> from orgmap.store import Store
    >>> from orgmap.model import Entity, Source
    >>> store = Store.open(":memory:"); case = store.ensure_case("demo")
    >>> _ = store.add_source(case, Source(text="Nero Drinks Company Limited, or Nero Drinks."))
    >>> _ = [store.add_entity(case, Entity("organization", n)) for n in ("Nero Drinks Company Limited", "Nero Drinks")]
    >>> done = accept_candidates(store, case, merge_candidates(store, case), above=90, who="ann")
    >>> [d["result"] for d in done], [e.name for e in store.entities(case)]
    (['merged'], ['Nero Drinks Company Limited'])
    >>> accept_candidates(store, case, merge_candidates(store, case), above=90, who="ann")  # nothing left
    []
    """
    done = []
    with store.transaction():
        for c in candidates:
            if c.score < above:
                continue
            absorbed, into = store.canonical_id(c.absorbed), store.canonical_id(c.into)
            if absorbed == into:
                done.append({"absorbed": c.absorbed, "into": c.into, "result": "already one"})
                continue
            jid = store.merge(
                absorbed, into, who=who, why=why or f"bulk: score {c.score:.0f} >= {above:g}; {c.reason}"
            )
            ties = store.assertions(case_id, status="candidate", kind="relation", entity=into)
            canon = store.canonical_id
            dropped = [a.id for a in ties if canon(a.subject_id) == canon(a.object_id)]
            for aid in dropped:
                store.set_status(
                    aid,
                    "rejected",
                    who=who,
                    why=f"alias pair: {c.absorbed_name!r} and {c.into_name!r} are one entity",
                )
            done.append(
                {
                    "absorbed": c.absorbed,
                    "into": c.into,
                    "result": "merged",
                    "judgement": jid,
                    "rejected": dropped,
                }
            )
    return done

"""The simulated organization: principals, affiliates and their ties, built from a case.

:class:`Network` is plain arrays, so tests can hand-make tiny organizations;
:func:`build_network` makes one from a scenario and the store (formal and informal layers
as of the scenario's view date, plus the scenario's populations and named affiliates).

>>> net = Network.hand_made(["boss"], ["a", "b"], ties=[[0.5], [0.5]])
>>> net.n_affiliates, net.n_principals, float(net.ties[1, 0])
(2, 1, 0.5)
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from orgmap.casefile.spans import find_span
from orgmap.simulate.params import Style
from orgmap.simulate.scenario import ROLES, SimulationScenario, SimulationScenarioError, TieSpec

__all__ = ["Network", "actor_types", "build_network"]


@dataclass
class Network:
    """Principals (who gives direction) and affiliates (who takes it), with ties.

    ``ties[a, p]`` is the initial personal tie strength, present in a run with probability
    ``share[a, p]``; ``formal[a, p]`` marks a formal (non-decaying) tie; ``mass[a]`` is how many
    members agent ``a`` stands for; ``aff_edges`` are fixed affiliate-affiliate ties and
    ``random_blocks`` groups of affiliates whose mutual ties are drawn per run with a density.
    """

    principals: list[str]
    roles: list[str]
    styles: list[Style]
    loyalty: np.ndarray
    affiliates: list[str]
    groups: list[str]
    mass: np.ndarray
    ties: np.ndarray
    share: np.ndarray
    formal: np.ndarray
    aff_edges: np.ndarray = field(default_factory=lambda: np.zeros((0, 2), dtype=np.int64))
    pp_edges: np.ndarray = field(default_factory=lambda: np.zeros((0, 2), dtype=np.int64))
    random_blocks: list[tuple[np.ndarray, float]] = field(default_factory=list)
    patrons: list[str] = field(default_factory=list)
    assumptions: list[str] = field(default_factory=list)

    @property
    def n_principals(self) -> int:
        return len(self.principals)

    @property
    def n_affiliates(self) -> int:
        return len(self.affiliates)

    @property
    def leader(self) -> int:
        return self.roles.index("leader")

    def index(self, name: str) -> int:
        return self.principals.index(name)

    def canonical(self) -> Network:
        """The same organization with principals (by role, then name) and affiliates (by group,
        then name) in a fixed order and every edge list sorted, whatever order built it.

        >>> net = Network.hand_made(["boss", "b", "a"], ["y", "x"], ties=[[1, 2, 3], [4, 5, 6]])
        >>> c = net.canonical()
        >>> c.principals, c.affiliates, c.ties.tolist()
        (['boss', 'a', 'b'], ['x', 'y'], [[4.0, 6.0, 5.0], [1.0, 3.0, 2.0]])
        """
        rank = {r: i for i, r in enumerate(ROLES)}
        pi = sorted(range(self.n_principals), key=lambda p: (rank[self.roles[p]], self.principals[p]))
        ai = sorted(range(self.n_affiliates), key=lambda a: (self.groups[a], _natural(self.affiliates[a])))
        p_new = {old: new for new, old in enumerate(pi)}
        a_new = {old: new for new, old in enumerate(ai)}

        def edges(e: np.ndarray, where: dict[int, int]) -> np.ndarray:
            pairs = sorted({tuple(sorted((where[int(i)], where[int(j)]))) for i, j in e})
            return np.asarray(pairs, dtype=np.int64).reshape(-1, 2)

        blocks = sorted(
            (
                (np.asarray(sorted(a_new[int(m)] for m in members), dtype=np.int64), d)
                for members, d in self.random_blocks
            ),
            key=lambda b: (b[0].tolist(), b[1]),
        )
        return Network(
            principals=[self.principals[p] for p in pi],
            roles=[self.roles[p] for p in pi],
            styles=[self.styles[p] for p in pi],
            loyalty=self.loyalty[pi],
            affiliates=[self.affiliates[a] for a in ai],
            groups=[self.groups[a] for a in ai],
            mass=self.mass[ai],
            ties=self.ties[np.ix_(ai, pi)],
            share=self.share[np.ix_(ai, pi)],
            formal=self.formal[np.ix_(ai, pi)],
            aff_edges=edges(self.aff_edges, a_new),
            pp_edges=edges(self.pp_edges, p_new),
            random_blocks=blocks,
            patrons=sorted(self.patrons),
            assumptions=sorted(self.assumptions),
        )

    @classmethod
    def hand_made(
        cls,
        principals: Sequence[str],
        affiliates: Sequence[str],
        ties: Any,
        *,
        roles: Sequence[str] | None = None,
        styles: Sequence[Style] | None = None,
        loyalty: Sequence[float] | None = None,
        formal: Any = None,
        mass: Any = None,
        aff_edges: Any = (),
        pp_edges: Any = (),
    ) -> Network:
        """A small organization given directly as arrays (first principal leads by default)."""
        P, A = len(principals), len(affiliates)
        roles = list(roles or ["leader"] + ["circle"] * (P - 1))
        ties_arr = np.asarray(ties, dtype=float).reshape(A, P)
        return cls(
            principals=list(principals),
            roles=roles,
            styles=list(styles or [Style(contact_rate=0.0) for _ in range(P)]),
            loyalty=np.asarray(loyalty if loyalty is not None else [1.0] * P, dtype=float),
            affiliates=list(affiliates),
            groups=["named"] * A,
            mass=np.asarray(mass if mass is not None else np.ones(A), dtype=float),
            ties=ties_arr,
            share=np.ones((A, P)),
            formal=np.asarray(formal, dtype=bool) if formal is not None else np.zeros((A, P), dtype=bool),
            aff_edges=np.asarray(list(aff_edges), dtype=np.int64).reshape(-1, 2),
            pp_edges=np.asarray(list(pp_edges), dtype=np.int64).reshape(-1, 2),
        )


def _natural(name: str) -> tuple:
    """Sort key reading digit runs as numbers ("x #2" before "x #10")."""
    return tuple(int(t) if t.isdigit() else t for t in re.split(r"(\d+)", name))


def actor_types(schema: Any) -> set[str]:
    """Entity types that can hold a symmetric tie of the vocabulary's ties layer."""
    out: set[str] = set()
    for name in schema.relations_in(schema.roles.ties_layer):
        rt = schema.relation(name)
        if rt.symmetric:
            out |= set(rt.source_types) | set(rt.target_types)
    return out


def _resolve(store: Any, case_id: int, name: str, path: str, line: int, what: str) -> Any:
    from orgmap.store.reads import UnknownName

    try:
        return store.find_entity(case_id, name)
    except UnknownName as exc:
        hint = f"; did you mean {', '.join(repr(s) for s in exc.suggestions)}?" if exc.suggestions else ""
        raise SimulationScenarioError(
            path, line or None, f"{what}: no entity called {name!r} in case{hint}"
        ) from None


class _Builder:
    def __init__(self, scenario: SimulationScenario, P: int):
        self.s, self.P = scenario, P
        self.names: list[str] = []
        self.groups: list[str] = []
        self.mass: list[float] = []
        self.ties: list[np.ndarray] = []
        self.share: list[np.ndarray] = []
        self.formal: list[np.ndarray] = []
        self.by_entity: dict[int, int] = {}
        self.populations: dict[int, list[int]] = {}

    def agents_of(self, entity: Any) -> list[int]:
        """The agents standing for a case entity: its population's, or one named agent."""
        if entity.id in self.populations:
            return self.populations[entity.id]
        return [self.add(entity.name, "named", 1.0, entity.id)]

    def add(self, name: str, group: str, mass: float, entity_id: int | None = None) -> int:
        if entity_id is not None and entity_id in self.by_entity:
            return self.by_entity[entity_id]
        self.names.append(name)
        self.groups.append(group)
        self.mass.append(mass)
        self.ties.append(np.zeros(self.P))
        self.share.append(np.ones(self.P))
        self.formal.append(np.zeros(self.P, dtype=bool))
        if entity_id is not None:
            self.by_entity[entity_id] = len(self.names) - 1
        return len(self.names) - 1


def build_network(scenario: SimulationScenario, store: Any) -> Network:
    """Resolve the scenario's names in the store and assemble the :class:`Network`."""
    s, path = scenario, scenario.path
    case_id = store.case_id(s.case)
    schema = store.schema
    acting = [p for p in s.principals if p.role != "patron"]
    ids: dict[int, int] = {}
    names: list[str] = []
    for p in acting:
        ent = _resolve(store, case_id, p.name, path, p.line, f"principal {p.name!r}")
        if ent.id in ids:
            raise SimulationScenarioError(
                path, p.line or None, f"principal {p.name!r} is listed twice (as {ent.name!r})"
            )
        ids[ent.id] = len(names)
        names.append(ent.name)
    patrons = [
        _resolve(store, case_id, p.name, path, p.line, f"patron {p.name!r}").name
        for p in s.principals
        if p.role == "patron"
    ]
    alias_of = {p.name: names[i] for i, p in enumerate(acting)}
    P = len(names)
    b = _Builder(s, P)

    def tie_index(tie: TieSpec, line: int, what: str) -> int:
        if tie.principal in alias_of:
            return names.index(alias_of[tie.principal])
        ent = _resolve(store, case_id, tie.principal, path, line, what)
        if ent.id not in ids:
            raise SimulationScenarioError(
                path,
                line or None,
                f"{what}: {ent.name!r} is not one of the scenario's principals ({', '.join(names)})",
            )
        return ids[ent.id]

    texts = [src.text for src in store.sources(case_id)]
    rng_blocks: list[tuple[np.ndarray, float]] = []
    fixed_edges: list[tuple[int, int]] = []
    for pop in s.populations:
        what = f"population {pop.name!r}"
        if not any(find_span(t, pop.quote) for t in texts):
            raise SimulationScenarioError(
                path, pop.line or None, f"{what}: quote {pop.quote[:60]!r} is not in the case's sources"
            )
        first = len(b.names)
        if pop.entity:
            ent = _resolve(store, case_id, pop.entity, path, pop.line, what)
            if ent.id in ids or ent.id in b.populations:
                raise SimulationScenarioError(
                    path, pop.line or None, f"{what}: {ent.name!r} is already a principal or population"
                )
            b.populations[ent.id] = list(range(first, first + pop.agents))
        for k in range(pop.agents):
            a = b.add(f"{pop.name} #{k + 1}", pop.name, pop.weight / pop.agents)
            for tie in pop.ties:
                j = tie_index(tie, pop.line, what)
                b.ties[a][j], b.share[a][j] = tie.strength, tie.share
        members = np.arange(first, len(b.names))
        if pop.pattern == "clique":
            fixed_edges += [(int(i), int(j)) for i in members for j in members if i < j]
        elif pop.pattern == "random" and pop.density > 0:
            rng_blocks.append((members, pop.density))

    actors = actor_types(schema)
    assumptions: list[str] = []
    for aff in s.affiliates:
        what = f"affiliate {aff.name!r}"
        ent = _resolve(store, case_id, aff.name, path, aff.line, what)
        if ent.id in ids:
            raise SimulationScenarioError(path, aff.line or None, f"{what} is also a principal")
        if aff.quote and not any(find_span(t, aff.quote) for t in texts):
            raise SimulationScenarioError(
                path, aff.line or None, f"{what}: quote {aff.quote[:60]!r} is not in the case's sources"
            )
        if ent.id in b.populations and aff.weight != 1.0:
            raise SimulationScenarioError(
                path, aff.line or None, f"{what} is a population: give the population its weight"
            )
        if not aff.quote:
            ties_by_name = sorted(aff.ties, key=lambda t: t.principal)
            tied = ", ".join(f"{t.principal} {t.strength:g}" for t in ties_by_name)
            assumptions.append(f"{ent.name} (weight {aff.weight:g}; ties {tied}): no quote")
        agents = b.agents_of(ent)
        if ent.id not in b.populations:
            b.mass[agents[0]] = aff.weight
        for a in agents:
            for tie in aff.ties:
                j = tie_index(tie, aff.line, what)
                b.ties[a][j] = max(b.ties[a][j], tie.strength)

    pp_edges: list[tuple[int, int]] = []
    roles = schema.roles
    if s.include_case_ties:
        for t in s.formal_types:
            if schema.relation(t).layer != roles.command_layer:
                raise SimulationScenarioError(
                    path, None, f"formal_types: {t!r} is not a formal-layer relation type"
                )
        patron_ids = {store.find_entity(case_id, n).id for n in patrons}
        holders = dict(ids.items())  # a principal holds its own formal ties ...
        for p in acting:  # ... and those of its post (which pass to a successor with it)
            if p.post:
                post = _resolve(store, case_id, p.post, path, p.line, f"principal {p.name!r}: post")
                holders[post.id] = ids[_resolve(store, case_id, p.name, path, p.line, "principal").id]
        rels = store.relations(case_id, layer=[roles.ties_layer, roles.command_layer], as_of=s.view)
        for r in rels:
            subj, obj = r.subject, r.object
            if subj.id in patron_ids or obj.id in patron_ids:
                continue
            if r.layer == roles.ties_layer:
                weight = s.tie_strength * schema.modality(r.assertion.modality).weight
                if weight <= 0:
                    continue  # a denied tie is no tie
                if subj.id in ids and obj.id in ids:
                    pp_edges.append((ids[subj.id], ids[obj.id]))
                elif (subj.id in ids) != (obj.id in ids):
                    p_ent, other = (subj, obj) if subj.id in ids else (obj, subj)
                    if other.type in actors:
                        j = ids[p_ent.id]
                        for a in b.agents_of(other):
                            b.ties[a][j] = max(b.ties[a][j], weight)
                elif subj.id in b.by_entity and obj.id in b.by_entity:
                    fixed_edges.append((b.by_entity[subj.id], b.by_entity[obj.id]))
            elif r.type in s.formal_types:
                # authority runs from the subject (X manages Y), or from the object of a
                # membership (the vocabulary's membership role: a member takes direction)
                if r.type not in roles.membership and subj.id in holders:
                    holder, other = holders[subj.id], obj
                elif r.type in roles.membership and obj.id in holders:
                    holder, other = holders[obj.id], subj
                else:
                    continue
                if other.id in ids or other.id in patron_ids or other.type not in actors:
                    continue
                for a in b.agents_of(other):
                    b.formal[a][holder] = True

    if not b.names:
        raise SimulationScenarioError(
            path,
            None,
            "no affiliates: declare populations or affiliates, or add informal ties "
            "to the principals in the case",
        )
    loyalty = []
    for p in acting:
        if p.loyalty is not None:
            loyalty.append(p.loyalty)
        else:
            loyalty.append(s.params.outside_loyalty if p.role == "outside" else 1.0)
    return Network(
        principals=names,
        roles=[p.role for p in acting],
        styles=[s.styles[p.style] if p.style else Style() for p in acting],
        loyalty=np.asarray(loyalty, dtype=float),
        affiliates=b.names,
        groups=b.groups,
        mass=np.asarray(b.mass, dtype=float),
        ties=np.vstack(b.ties),
        share=np.vstack(b.share),
        formal=np.vstack(b.formal),
        aff_edges=np.asarray(fixed_edges, dtype=np.int64).reshape(-1, 2),
        pp_edges=np.asarray(pp_edges, dtype=np.int64).reshape(-1, 2),
        random_blocks=rng_blocks,
        patrons=patrons,
        assumptions=assumptions,
    ).canonical()

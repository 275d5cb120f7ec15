"""Gould-Fernandez roles: a brute-force count from the definitions, and hand-made groups."""

from __future__ import annotations

import itertools
import random

import networkx as nx
import pytest

from orgmap.network import view_from_rows
from orgmap.network.measures import ROLES, brokerage_roles


def brute_force(nodes: dict[str, str], arcs: set[tuple[str, str]]) -> dict[str, dict[str, int]]:
    """Every ordered triple (a, b, c) of distinct actors with a->b, b->c and no a->c, classified
    by writing the five definitions out literally."""
    out = {n: dict.fromkeys(ROLES, 0) for n in nodes}
    for a, b, c in itertools.permutations(nodes, 3):
        if (a, b) in arcs and (b, c) in arcs and (a, c) not in arcs:
            ga, gb, gc = nodes[a], nodes[b], nodes[c]
            if ga == gb and gb == gc:
                role = "coordinator"
            elif ga == gc and gb != ga:
                role = "itinerant"
            elif ga == gb and gc != gb:
                role = "representative"
            elif gb == gc and ga != gb:
                role = "gatekeeper"
            else:
                assert len({ga, gb, gc}) == 3
                role = "liaison"
            out[b][role] += 1
    return out


@pytest.mark.parametrize("seed", range(6))
def test_directed_counts_match_brute_force(seed):
    rng = random.Random(seed)
    nodes = {f"v{i}": rng.choice("XYZ") for i in range(9)}
    arcs = {(a, b) for a in nodes for b in nodes if a != b and rng.random() < 0.3}
    g = view_from_rows(sorted(arcs), directed=True, nodes={n: {"group": grp} for n, grp in nodes.items()})
    got = brokerage_roles(g, directed=True)
    expected = brute_force(nodes, arcs)
    for n in nodes:
        assert {r: got[n][r] for r in ROLES} == expected[n], n
        assert got[n]["total"] == sum(expected[n].values())


def test_undirected_counts_each_open_pair_both_ways():
    rng = random.Random(42)
    nodes = {f"v{i}": rng.choice("XY") for i in range(8)}
    ties = {(a, b) for a, b in itertools.combinations(nodes, 2) if rng.random() < 0.35}
    g = view_from_rows(sorted(ties), nodes={n: {"group": grp} for n, grp in nodes.items()})
    arcs = ties | {(b, a) for a, b in ties}
    got = brokerage_roles(g)
    expected = brute_force(nodes, arcs)
    for n in nodes:
        assert {r: got[n][r] for r in ROLES} == expected[n]
        assert got[n]["representative"] == got[n]["gatekeeper"]


def test_star_hub_is_a_liaison_between_different_groups():
    # Hub in its own group, four leaves each in another: 4*3 ordered open pairs, all liaison.
    g = view_from_rows(
        [("hub", f"leaf{i}") for i in range(4)],
        nodes={"hub": {"group": "H"}, **{f"leaf{i}": {"group": f"G{i}"} for i in range(4)}},
    )
    hub = brokerage_roles(g)["hub"]
    assert hub["liaison"] == 12 and hub["total"] == 12


def test_clique_has_no_brokers():
    g = view_from_rows(
        [(a, b) for a, b in itertools.combinations("abcde", 2)], nodes={x: {"group": "one"} for x in "abcde"}
    )
    assert all(r["total"] == 0 for r in brokerage_roles(g).values())


def test_two_cliques_broker_roles():
    # b (group B) between clique L (group L) and clique R (group R): only L0<->R0 pass through b,
    # as liaison both ways. L0 (group L) brokers b and R-members? No: L0 links b to L1..L3.
    rows = [(f"L{i}", f"L{j}") for i in range(3) for j in range(i + 1, 3)]
    rows += [(f"R{i}", f"R{j}") for i in range(3) for j in range(i + 1, 3)]
    rows += [("L0", "b"), ("b", "R0")]
    groups = {
        **{f"L{i}": {"group": "L"} for i in range(3)},
        **{f"R{i}": {"group": "R"} for i in range(3)},
        "b": {"group": "B"},
    }
    roles = brokerage_roles(view_from_rows(rows, nodes=groups))
    assert roles["b"]["liaison"] == 2 and roles["b"]["total"] == 2
    # L0 stands between b (outside) and L1, L2 (its own group): gatekeeper one way, representative back.
    assert roles["L0"]["gatekeeper"] == 2 and roles["L0"]["representative"] == 2 and roles["L0"]["total"] == 4


def test_actors_without_a_group_broker_nothing():
    g = view_from_rows([("a", "b"), ("b", "c")], nodes={"a": {"group": "X"}, "c": {"group": "Y"}})
    assert brokerage_roles(g)["b"]["total"] == 0


def test_missing_group_attribute_is_a_clear_error():
    with pytest.raises(KeyError, match="no vertex attribute 'team'"):
        brokerage_roles(view_from_rows([("a", "b")]), group_attr="team")


def test_undirected_counts_match_enumerating_every_open_two_path():
    # Brute force on a larger graph with actors outside any group: every ordered pair of a
    # broker's neighbours with no tie between them.
    from orgmap.network.measures.brokerage import role_of

    G = nx.gnp_random_graph(60, 0.12, seed=4)
    rng = random.Random(4)
    group = {v: rng.choice(["x", "y", "z", None]) for v in G}
    nodes = {f"v{v}": {"group": group[v]} for v in G}
    view = view_from_rows([(f"v{u}", f"v{v}") for u, v in G.edges()], nodes=nodes)
    got = brokerage_roles(view)
    for b in G:
        want = dict.fromkeys(ROLES, 0)
        if group[b] is not None:
            for a in G[b]:
                for c in G[b]:
                    if a != c and not G.has_edge(a, c) and group[a] is not None and group[c] is not None:
                        want[role_of(group[a], group[b], group[c])] += 1
        want["total"] = sum(want.values())
        assert got[f"v{b}"] == want

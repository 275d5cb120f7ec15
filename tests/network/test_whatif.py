"""Succession what-if: operations on hand-made organizations, bad scenarios, and the
structural story of the Qods Force essay told in numbers."""

from __future__ import annotations

import sqlite3

import pytest

from orgmap.casefile import CASES_DIR
from orgmap.network import view_from_rows
from orgmap.network.whatif import (
    WhatIfScenarioError,
    find_scenarios,
    load_whatif_scenario,
    parse_whatif_scenario,
    run_scenario_on_graph,
    run_scenarios,
)
from orgmap.store import StoreError


def org():
    """boss leads org; org manages p1..p3; boss has personal ties to p1, p2; aide to p3."""
    rows = [("boss", "org", 1, "formal"), ("aide", "org", 1, "formal")]
    rows += [("org", f"p{i}", 1, "formal") for i in (1, 2, 3)]
    rows += [
        ("boss", "p1", 1, "informal"),
        ("boss", "p2", 1, "informal"),
        ("aide", "p3", 1, "informal"),
        ("aide", "boss", 1, "informal"),
    ]
    g = view_from_rows(rows, directed=True)
    g.es["type"] = ["leads", "member_of", "manages", "manages", "manages"] + ["personal_tie"] * 4
    g.vs["type"] = ["person" if n in ("boss", "aide", "heir") else "organization" for n in g.vs["name"]]
    return g


def run(ops, **extra):
    return run_scenario_on_graph(
        org(), parse_whatif_scenario({"organization": "org", "operations": ops, **extra})
    )


def test_baseline_figures_are_hand_worked():
    out = run([{"remove": "p3"}])
    base = out["baseline"]
    assert out["affiliates"] == ["p1", "p2", "p3"]  # org manages them; aide is a person, not an affiliate
    assert base["leader"] == "boss"
    assert base["reach"] == 1.0  # p1, p2 at 1 step; p3 via aide at 2
    assert base["coverage"] == 1.0
    assert base["fragmentation"]["informal"] == 0.0


def test_replace_with_formal_ties_only_loses_the_web():
    out = run([{"replace": "boss", "by": {"new": "heir"}, "inherit": "formal"}])
    after = out["after"]
    assert after["leader"] == "heir"
    assert after["coverage"] == 1.0 and after["reach"] == 0.0
    # informal actors: heir (in boss's place, no ties), aide-p3, p1, p2 isolated -> F = 1 - 2/20
    assert after["fragmentation"]["informal"] == pytest.approx(1 - 2 / 20)
    assert [g["name"] for g in out["losses"]] == ["boss", "aide"]


def test_replace_with_all_ties_restores_reach_and_none_keeps_nothing():
    assert run([{"replace": "boss", "by": {"new": "heir"}, "inherit": "all"}])["after"]["reach"] == 1.0
    none = run([{"replace": "boss", "by": {"new": "heir"}, "inherit": "none"}])["after"]
    assert none["reach"] == 0.0 and none["coverage"] == 0.0


def test_purge_counts_the_purged_as_cut_off():
    out = run([{"purge": ["aide", "p3"]}])
    # informal actors before: boss, aide, p1, p2, p3; after: boss-p1-p2 plus two lost -> 1 - 6/20
    assert out["after"]["fragmentation"]["informal"] == pytest.approx(1 - 6 / 20)
    assert out["after"]["reach"] == pytest.approx(2 / 3)


def test_add_and_cut_ties():
    out = run(
        [
            {"cut": {"source": "boss", "target": "p1"}},
            {"add": {"source": "aide", "target": "p1", "type": "personal_tie"}},
        ]
    )
    assert out["after"]["reach"] == 1.0  # p1 now through aide at 2 steps
    assert out["emergent_brokers"][0]["name"] == "aide"
    note = run([{"cut": {"source": "p1", "target": "p2"}}])["notes"]
    assert any("no such tie" in n for n in note)


@pytest.mark.parametrize(
    "ops, message",
    [
        ([{"remove": "bos"}], r"no actor called 'bos' in the network; did you mean 'boss'"),
        (
            [{"replace": "boss", "by": "aide"}, {"replace": "aide", "by": "boss"}],
            r"cyclic replacement boss -> aide -> boss",
        ),
        ([{"replace": "boss", "by": "boss"}], "the same person"),
        ([{"remove": "boss"}, {"remove": "boss"}], r"boss was already removed by operations\[1\]"),
        ([{"replace": "boss", "by": "aide", "inherit": "some"}], "'some' is not one of formal, all, none"),
        ([{"add": {"source": "boss", "target": "p1"}}], "needs a relation type"),
        ([{"add": {"source": "boss", "target": "p1", "type": "likes"}}], "unknown relation type 'likes'"),
        ([{"fire": "boss"}], "name exactly one of remove, purge, replace, add, cut"),
        ([], "operations: expected a non-empty list"),
    ],
)
def test_bad_scenarios_give_one_clear_error(ops, message):
    with pytest.raises(WhatIfScenarioError, match=message):
        run(ops)


def test_bad_scenario_files(tmp_path):
    path = tmp_path / "s.yaml"
    path.write_text("operations: [remove: x]\nspeed: 3\n")
    with pytest.raises(WhatIfScenarioError, match=r"s.yaml: unknown key speed"):
        load_whatif_scenario(path)
    path.write_text("operations: [remove: x\n")
    with pytest.raises(WhatIfScenarioError, match="not valid YAML"):
        load_whatif_scenario(path)
    with pytest.raises(WhatIfScenarioError, match="no such scenario file"):
        load_whatif_scenario(tmp_path / "missing.yaml")


# --- the Qods Force case -------------------------------------------------------------------


@pytest.fixture
def qods_results(qods_store):
    paths = {p.stem: p for p in find_scenarios(CASES_DIR / "qods-force")}
    assert {
        "as-it-happened",
        "inherited-ties",
        "purge-old-circle",
        "remove-soleimani",
        "remove-qaani",
    } <= set(paths)
    out = run_scenarios(qods_store, qods_store.default_case(), list(paths.values()))
    return dict(zip(paths, out["scenarios"]))


def _delta(result, layer="informal"):
    return result["after"]["fragmentation"][layer] - result["baseline"]["fragmentation"][layer]


def test_removing_soleimani_fragments_the_informal_layer_far_more_than_removing_qaani(qods_results):
    sol, qaani = qods_results["remove-soleimani"], qods_results["remove-qaani"]
    assert sol["baseline"]["leader"] == "Qasem Soleimani"
    assert _delta(sol) > 0.3
    assert _delta(sol) > 5 * max(_delta(qaani), 0.01)


def test_successor_with_formal_ties_only_reaches_few_affiliates(qods_results):
    happened, inherited = qods_results["as-it-happened"], qods_results["inherited-ties"]
    assert happened["after"]["leader"] == "Esmail Qaani"
    assert happened["after"]["reach"] < happened["baseline"]["reach"]
    assert happened["after"]["reach"] <= 1 / len(happened["affiliates"])
    assert happened["after"]["coverage"] == happened["baseline"]["coverage"]  # the formal chain is intact
    assert inherited["after"]["reach"] >= inherited["baseline"]["reach"]
    assert inherited["after"]["fragmentation"]["informal"] < happened["after"]["fragmentation"]["informal"]


def test_purging_the_old_circle_fragments_further(qods_results):
    purge = qods_results["purge-old-circle"]
    assert _delta(purge) > 0
    assert purge["after"]["coverage"] < purge["baseline"]["coverage"]
    assert "Soleimani’s circle" in [m["name"] for m in purge["losses"]]


def test_unknown_person_gets_close_names(qods_store, tmp_path):
    path = tmp_path / "typo.yaml"
    path.write_text("operations:\n  - remove: Soleimany\n")
    with pytest.raises(StoreError, match=r"no entity called 'Soleimany'; did you mean 'Soleimani'"):
        run_scenarios(qods_store, qods_store.default_case(), [path])


def test_a_successor_from_outside_the_view_is_brought_in(qods_store):
    sc = parse_whatif_scenario(
        {
            "as_of": "2019-12",
            "organization": "Qods Force",
            "operations": [{"replace": "Soleimani", "by": "Raisi", "inherit": "all"}],
        }
    )
    out = run_scenarios(qods_store, qods_store.default_case(), [sc])["scenarios"][0]
    assert out["after"]["leader"] == "Ibrahim Raisi"
    assert out["after"]["reach"] == out["baseline"]["reach"]


def test_an_organization_outside_the_view_is_a_note_not_a_crash(qods_store):
    sc = parse_whatif_scenario(
        {
            "as_of": "2019-12",
            "organization": "Hamas",
            "layers": ["formal"],
            "operations": [{"remove": "Soleimani"}],
        }
    )
    out = run_scenarios(qods_store, qods_store.default_case(), [sc])["scenarios"][0]
    assert out["affiliates"] == [] and out["baseline"]["leader"] is None
    assert any("nobody leads Hamas" in n for n in out["notes"])


def test_whatif_leaves_the_store_unchanged(qods_store, qods_db):
    def dump():
        con = sqlite3.connect(qods_db)
        try:
            return [
                con.execute(f"select count(*) from {t}").fetchone()
                for t in ("assertions", "entities", "judgements", "evidence")
            ]
        finally:
            con.close()

    before = dump()
    run_scenarios(qods_store, qods_store.default_case(), find_scenarios(CASES_DIR / "qods-force"))
    assert dump() == before


# --- intervals (issue 14 item 6) -------------------------------------------------------------


def test_sampled_intervals_collapse_to_the_point_when_every_edge_is_certain():
    from orgmap.network.whatif.apply import graph_resolver
    from orgmap.network.whatif.intervals import sample_scenario

    g = org()
    g.es["keep"] = [1.0] * g.ecount()
    s = parse_whatif_scenario({"organization": "org", "operations": [{"remove": "boss"}]})
    point = run_scenario_on_graph(g, s)
    iv = sample_scenario(g, s, graph_resolver(g), None, samples=5, seed=3)
    for state in ("baseline", "after"):
        assert iv[state]["reach"] == {"median": point[state]["reach"]} | {
            "low": point[state]["reach"],
            "high": point[state]["reach"],
        }
        assert iv[state]["fragmentation:informal"]["median"] == point[state]["fragmentation"]["informal"]


def test_an_uncertain_tie_widens_the_interval_and_every_median_sits_inside_it():
    from orgmap.network.whatif.apply import graph_resolver
    from orgmap.network.whatif.intervals import sample_scenario

    g = org()
    g.es["keep"] = [1.0 if t != "personal_tie" else 0.5 for t in g.es["type"]]  # believed personal ties
    s = parse_whatif_scenario({"organization": "org", "operations": [{"remove": "p3"}]})
    iv = sample_scenario(g, s, graph_resolver(g), None, samples=60, seed=1)
    reach = iv["baseline"]["reach"]
    assert reach["low"] < reach["high"]  # boss reaches p1, p2 only when the coin keeps their ties
    for state in ("baseline", "after"):
        for est in iv[state].values():
            if est is not None:
                assert est["low"] <= est["median"] <= est["high"]
    assert sample_scenario(g, s, graph_resolver(g), None, samples=60, seed=1) == iv  # seeded


def test_qods_whatif_with_samples_reports_intervals_in_the_rows(qods_store):
    from orgmap.network.report import whatif_rows

    path = CASES_DIR / "qods-force" / "whatif" / "as-it-happened.yaml"
    out = run_scenarios(qods_store, qods_store.default_case(), [path], samples=12, seed=0)
    (s,) = out["scenarios"]
    assert s["intervals"]["samples"] == 12 and "credibility" in s["intervals"]["counts"]
    _, rows = whatif_rows(out)
    reach = s["intervals"]["after"]["reach"]
    assert f"{reach['median']:.2f} [{reach['low']:.2f}-{reach['high']:.2f}]" in rows[0][-2]


def test_as_it_happened_is_held_against_the_2024_web(qods_store):
    """The observed row is the 2024 view measured as it stands; agreement is interval overlap."""
    from datetime import date

    from orgmap.casefile import CASES_DIR
    from orgmap.network.view import build_view
    from orgmap.network.whatif import run_scenarios
    from orgmap.network.whatif.metrics import leaders_of, reach

    case = qods_store.case_id("qods-force")
    path = CASES_DIR / "qods-force" / "whatif" / "as-it-happened.yaml"
    r = run_scenarios(qods_store, case, [path], samples=20, seed=1)["scenarios"][0]
    obs = r["observed"]
    assert obs["day"] == "2024-12-31" and obs["state"]["leader"] == "Esmail Qaani"
    # independent of the scenario machinery: the 2024 view, its leader, the scenario's affiliates
    g = build_view(qods_store, case, as_of=date(2024, 12, 31))
    assert leaders_of(g, "Qods Force", qods_store.schema.roles)[0] == "Esmail Qaani"
    assert obs["state"]["reach"] == reach(
        g, "Esmail Qaani", r["affiliates"], r["k"], (qods_store.schema.roles.ties_layer,)
    )
    for key, iv in obs["intervals"].items():
        if iv:
            assert iv["low"] <= iv["median"] <= iv["high"]
            after = r["intervals"]["after"][key]
            overlap = after["low"] <= iv["high"] and iv["low"] <= after["high"]
            assert obs["agrees"][key] is overlap


def test_observed_must_follow_as_of(qods_store):
    from orgmap.network.whatif import WhatIfScenarioError, parse_whatif_scenario

    raw = {"as_of": "2024", "observed": "2019", "operations": [{"remove": "x"}]}
    with pytest.raises(WhatIfScenarioError, match="observed .2019. must come after as_of .2024."):
        parse_whatif_scenario(raw, "s.yaml")
    with pytest.raises(WhatIfScenarioError, match="observed: 'soon' is not a date"):
        parse_whatif_scenario({**raw, "observed": "soon"}, "s.yaml")


def _informal_hubs(n: int = 400, seed: int = 5):
    import networkx as nx

    G = nx.barabasi_albert_graph(n, 2, seed=seed)
    return G, view_from_rows([(f"a{u}", f"a{v}", 1, "informal") for u, v in G.edges()])


def test_whatif_brokerage_exact_and_pivot_estimate_agree_where_they_should():
    import networkx as nx

    from orgmap.network.whatif.metrics import brokerage_estimate

    G, g = _informal_hubs()
    scenario = parse_whatif_scenario({"operations": [{"remove": "a0"}]})
    exact = run_scenario_on_graph(g, scenario, pivots=0)
    every = run_scenario_on_graph(g, scenario, pivots=400)  # as many pivots as actors: exact
    assert every == exact
    assert brokerage_estimate(g, ["informal"]).exact  # auto: 400 actors are computed exactly
    est = brokerage_estimate(g, ["informal"], 200, seed=2)
    assert not est.exact and est.pivots == 200 and est.bound > 0
    sampled = run_scenario_on_graph(g, scenario, pivots=200, seed=2)
    # figures that do not depend on brokerage are the same; brokerage within its bound of NetworkX's
    assert sampled["after"]["fragmentation"] == exact["after"]["fragmentation"]
    reference = nx.betweenness_centrality(G, normalized=False)
    before = {m["name"]: m["before"] for m in sampled["gains"] + sampled["losses"]}
    assert before and all(abs(v - reference[int(k[1:])]) <= est.bound for k, v in before.items())
    assert sampled["losses"][0]["name"] == exact["losses"][0]["name"]  # the biggest loser of brokerage


def test_whatif_reports_how_brokerage_was_computed(qods_store):
    path = CASES_DIR / "qods-force" / "whatif" / "remove-soleimani.yaml"
    out = run_scenarios(qods_store, qods_store.default_case(), [path])
    assert out["scenarios"][0]["brokerage_estimate"]["how"] == "exact"
    forced = run_scenarios(qods_store, qods_store.default_case(), [path], pivots=5)
    how = forced["scenarios"][0]["brokerage_estimate"]["how"]
    assert how.startswith("estimated from 5 pivots, ±") and how.endswith("pairs (95 %, all actors jointly)")

"""Another vocabulary, with every type and layer renamed, still drives the summary, the
profile, the network view and the what-if: they read the roles, not orgmap's type names.

The expected figures are worked out by hand from the small organization below.
"""

from __future__ import annotations

import pytest
import yaml

from orgmap.model import Assertion, Entity, Evidence, Source
from orgmap.network import build_view
from orgmap.network.whatif import parse_whatif_scenario, run_scenarios
from orgmap.report.profile import entity_profile
from orgmap.report.summary import case_summary
from orgmap.schema import DEFAULT_PATH, SchemaError, load_schema
from orgmap.store import Store

EXPORTS = {"ftm": "UnknownLink", "dynetml": "Agent x Agent"}


def _relation(layer, source, target, **extra):
    return {
        "layer": layer,
        "definition": "d",
        "example": "e",
        "source_types": source,
        "target_types": target,
        "exports": EXPORTS,
        **extra,
    }


def _vocabulary() -> dict:
    raw = yaml.safe_load(DEFAULT_PATH.read_text(encoding="utf-8"))
    raw["layers"] = {n: {"definition": n} for n in ("hierarchy", "web", "feud", "happening")}
    raw["entity_types"] = {
        "human": {"definition": "A human.", "exports": {"ftm": "Person", "dynetml": "Agent"}},
        "outfit": {"definition": "A body.", "exports": {"ftm": "Organization", "dynetml": "Organization"}},
    }
    h, o, ho = ["human"], ["outfit"], ["human", "outfit"]
    raw["relation_types"] = {
        "commands": _relation("hierarchy", h, o, above="source"),
        "seconds": _relation("hierarchy", h, o, above="target"),
        "seat_in": _relation("hierarchy", ho, o, above="target"),
        "branch_of": _relation("hierarchy", o, o, above="target"),
        "sponsors": _relation("hierarchy", ho, o),
        "bankrolls": _relation("web", ho, ho),
        "friend_of": _relation("web", ho, ho, symmetric=True),
        "feuds_with": _relation("feud", ho, ho),
        "attended": _relation("happening", ho, o),
    }
    raw["roles"] = {
        "command_layer": "hierarchy",
        "ties_layer": "web",
        "conflict_layer": "feud",
        "event_layer": "happening",
        "individual": "human",
        "body": "outfit",
        "heads": ["commands"],
        "deputies": ["seconds"],
        "unit_of": ["branch_of"],
        "membership": ["seat_in"],
        "posts": ["commands", "seconds", "seat_in"],
        "affiliation": ["sponsors", "bankrolls"],
        "rivalry": ["feuds_with"],
        "backing": ["bankrolls"],
    }
    return raw


TIES = [  # (subject, relation, object)
    ("Boss", "commands", "HQ"),
    ("Second", "seconds", "HQ"),
    ("Ann", "seat_in", "HQ"),
    ("Ops", "branch_of", "HQ"),
    ("Ops", "sponsors", "Proxy A"),
    ("HQ", "sponsors", "Proxy B"),
    ("Boss", "friend_of", "Fixer"),
    ("Fixer", "friend_of", "Proxy A"),
    ("Second", "friend_of", "Proxy B"),
    ("Rival", "feuds_with", "Boss"),
]
OUTFITS = {"HQ", "Ops", "Proxy A", "Proxy B"}


@pytest.fixture
def renamed(tmp_path):
    path = tmp_path / "vocabulary.yaml"
    path.write_text(yaml.safe_dump(_vocabulary()), encoding="utf-8")
    schema = load_schema(path)
    store = Store.open(":memory:", schema=schema)
    case = store.ensure_case("renamed")
    text = ". ".join(f"{s} {r} {o}" for s, r, o in TIES) + "."
    src = store.add_source(case, Source(text=text, title="notes"))
    names = sorted({n for s, _, o in TIES for n in (s, o)})
    ids = {n: store.add_entity(case, Entity("outfit" if n in OUTFITS else "human", n)) for n in names}
    for s, r, o in TIES:
        start = text.index(f"{s} {r} {o}")
        evidence = [Evidence(src, start, start + len(f"{s} {r} {o}"))]
        store.add_assertion(case, Assertion(ids[s], r, ids[o], status="accepted", evidence=evidence))
    return store, case


def test_the_summary_reads_the_chain_of_command_and_the_ties_from_the_roles(renamed):
    store, case = renamed
    s = case_summary(store, case)
    chain = [
        (n["organization"], n["depth"], sorted(h["who"] for h in n["holders"])) for n in s["formal_chain"]
    ]
    assert ("HQ", 0, ["Ann", "Boss", "Second"]) in chain and ("Ops", 1, []) in chain
    holders = {h["who"]: h["ties"] for h in s["informal_holders"]}
    assert holders == {"Fixer": 2, "Boss": 1, "Proxy A": 1, "Second": 1, "Proxy B": 1}
    assert [(r["who"], r["against"]) for r in s["rivals"]] == [("Rival", "Boss")]
    assert s["counts"]["relations"] == {"hierarchy": 6, "web": 3, "feud": 1}


def test_the_profile_groups_by_roles(renamed):
    store, case = renamed
    boss = entity_profile(store, case, "Boss")
    assert [p["relation"] for p in boss["posts"]] == ["Boss commands HQ"]
    assert [x["other"] for x in boss["sections"]["rivals and opponents"]] == ["Rival"]
    assert [x["other"] for x in boss["sections"]["informal ties"]] == ["Fixer"]


def test_the_view_groups_actors_by_the_roles(renamed):
    store, case = renamed
    g = build_view(store, case)
    groups = dict(zip(g.vs["name"], g.vs["group"]))
    assert groups["Boss"] == groups["Second"] == groups["Ann"] == groups["Ops"] == "HQ"
    assert groups["Fixer"] is None and groups["Proxy B"] == "Proxy B"


def test_the_what_if_finds_leader_affiliates_reach_and_coverage_from_the_roles(renamed):
    store, case = renamed
    raw = {
        "name": "the deputy takes over",
        "organization": "HQ",
        "k": 2,
        "operations": [{"replace": "Boss", "by": "Second", "inherit": "formal"}],
    }
    [out] = run_scenarios(store, case, [parse_whatif_scenario(raw, "test", store.schema)])["scenarios"]
    assert out["affiliates"] == ["Proxy A", "Proxy B"]  # sponsored by HQ and by its branch Ops
    assert out["baseline"]["leader"] == "Boss" and out["after"]["leader"] == "Second"
    # Boss reaches Proxy A through Fixer (2 steps) but not Proxy B; Second reaches only Proxy B
    assert out["baseline"]["reach"] == 0.5 and out["after"]["reach"] == 0.5
    # the command chain (any steps): HQ sponsors Proxy B, its branch Ops sponsors Proxy A
    assert out["baseline"]["coverage"] == 1.0 and out["after"]["coverage"] == 1.0
    # the web before: {Boss, Fixer, Proxy A} and {Second, Proxy B}: F = 1 - (6 + 2) / (5 * 4);
    # after, Second stands in Boss's place without his web tie: {Second, Proxy B}, {Fixer, Proxy A}
    assert out["baseline"]["fragmentation"]["web"] == pytest.approx(1 - (6 + 2) / 20)
    assert out["after"]["fragmentation"]["web"] == pytest.approx(1 - (2 + 2) / 12)
    raw["operations"][0]["inherit"] = "all"  # now the web tie to Fixer passes to Second too
    [out] = run_scenarios(store, case, [parse_whatif_scenario(raw, "test", store.schema)])["scenarios"]
    assert out["after"]["reach"] == 1.0
    assert "notes" in out and not any("nobody leads" in n for n in out["notes"])


def test_roles_that_name_no_type_of_the_vocabulary_are_refused(tmp_path):
    raw = _vocabulary()
    raw["roles"]["heads"] = ["leads"]  # orgmap's name, not this vocabulary's
    path = tmp_path / "bad.yaml"
    path.write_text(yaml.safe_dump(raw), encoding="utf-8")
    with pytest.raises(SchemaError) as info:
        load_schema(path)
    assert info.value.key == "roles.heads" and "leads" in str(info.value)

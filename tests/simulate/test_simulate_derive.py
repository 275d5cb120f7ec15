"""A first scenario derived from a case's model, and scenarios kept with any case for the briefing."""

from __future__ import annotations

from datetime import date

import pytest
from typer.testing import CliRunner

from orgmap.casefile import load_case
from orgmap.simulate.derive import DeriveError, simulation_yaml, succession_facts, whatif_yaml
from orgmap.store import Store

USER_CASE = """\
case: harbour-union
title: A user's case, not shipped with orgmap
defaults: {doc: text, informant: author, modality: asserted, credibility: 2, status: accepted}
sources:
  text: {file: source.txt, title: Notes, kind: document, reliability: B}
informants:
  author: {name: the author, kind: author, reliability: B}
entities:
  - {id: old, type: person, name: Olga Old}
  - {id: new, type: person, name: Nils New}
  - {id: union, type: organization, name: Harbour Union}
  - {id: dockers, type: organization, name: dock crews}
  - {id: friend, type: person, name: Fred Friend}
relations:
  - {id: l1, source: old, type: leads, target: union, to: "2021-03-01", quote: Olga Old led the Harbour Union}
  - {id: l2, source: new, type: leads, target: union, from: "2021-03-01", quote: Nils New leads it now}
  - {id: m1, source: union, type: manages, target: dockers, quote: the union runs the dock crews}
  - {id: p1, source: old, type: personal_tie, target: friend, quote: Fred Friend was her confidant}
  - {id: p2, source: old, type: personal_tie, target: dockers, quote: she knew every dock crew}
"""
SOURCE = (
    "Olga Old led the Harbour Union. Nils New leads it now. Today the union runs the dock crews. "
    "Fred Friend was her confidant; she knew every dock crew.\n"
)
WHATIF = "name: Keep the old circle\norganization: Harbour Union\noperations:\n  - remove: Fred Friend\n"


@pytest.fixture
def user_case(tmp_path):
    case = tmp_path / "harbour"
    (case / "whatif").mkdir(parents=True)
    (case / "case.yaml").write_text(USER_CASE, encoding="utf-8")
    (case / "source.txt").write_text(SOURCE, encoding="utf-8")
    (case / "whatif" / "keep-circle.yaml").write_text(WHATIF, encoding="utf-8")
    store = Store.open(str(tmp_path / "user.db"), create=True)
    load_case(store, case)
    yield store, store.case_id("harbour-union"), tmp_path
    store.close()


def test_the_seed_case_derives_the_essays_succession(qods_store):
    f = succession_facts(qods_store, qods_store.case_id("qods-force"))
    # as case.yaml states them: qaani-succeeded-soleimani (2020-01-03), soleimani-leads-qf,
    # Soleimani's personal ties before the succession, and what the Qods Force (or Unit 400) manages
    assert (f.leader, f.successor, f.organization, f.day) == (
        "Qasem Soleimani",
        "Esmail Qaani",
        "Qods Force",
        date(2020, 1, 3),
    )
    assert {p.name for p in f.circle} == {
        "Soleimani’s circle",
        "Unit 400",
        "proxy leaderships",
        "Soleimani’s secret networks",
    }
    assert {a.name for a in f.affiliates} == {"proxy groups", "Iraqi groups"}
    assert all(a.quote for a in f.affiliates)


def test_a_user_case_without_succeeded_derives_from_the_dated_handover(user_case, tmp_path):
    store, case, _ = user_case
    f = succession_facts(store, case)
    assert (f.leader, f.successor, f.organization, f.day) == (
        "Olga Old",
        "Nils New",
        "Harbour Union",
        date(2021, 3, 1),
    )
    assert [p.name for p in f.circle] == ["Fred Friend"]  # dock crews are managed: an affiliate
    assert [a.name for a in f.affiliates] == ["dock crews"]
    from orgmap.network.whatif import run_scenarios
    from orgmap.simulate.ensemble import run_ensemble
    from orgmap.simulate.scenario import load_simulation_scenario

    sim, wi = tmp_path / "sim.yaml", tmp_path / "wi.yaml"
    sim.write_text(simulation_yaml(f), encoding="utf-8")
    wi.write_text(whatif_yaml(f), encoding="utf-8")
    scenario = load_simulation_scenario(sim)
    assert [(p.name, p.role) for p in scenario.principals] == [
        ("Olga Old", "leader"),
        ("Nils New", "successor"),
        ("Fred Friend", "circle"),
    ]
    result = run_ensemble(scenario, store=store, runs=3, seed=1)
    assert "Nils New" in result.summary_text()
    out = run_scenarios(store, case, [wi])["scenarios"][0]
    assert out["operations"] == ["replace Olga Old by Nils New (formal ties)"]


def test_no_succession_is_a_clear_error(tmp_path):
    store = Store.open(":memory:")
    case = store.ensure_case("flat")
    with pytest.raises(DeriveError, match="no succession in this case"):
        succession_facts(store, case)


def test_brief_runs_the_scenarios_kept_with_a_user_case(user_case):
    from orgmap.brief.evidence import Citations
    from orgmap.brief.external import whatif_section

    store, case, _ = user_case
    assert [n for n, _ in store.kept_scenarios(case, "whatif")] == ["keep-circle"]  # kept on load
    cite = Citations({src.id: src for src in store.sources(case)})
    section = whatif_section(store, case, cite, store.relations(case), seed=1)
    assert not section["missing"], section["missing"]
    assert [r["cells"][0] for r in section["rows"]] == ["Keep the old circle"]


def test_cli_derives_runs_and_keeps_a_scenario(user_case, monkeypatch):
    from orgmap.cli import app
    from orgmap.cli.common import console

    store, case, tmp = user_case
    monkeypatch.setenv("COLUMNS", "200")
    monkeypatch.setattr(console, "width", 200)  # the console may have been made before COLUMNS was set
    db = str(tmp / "user.db")
    out = tmp / "mine.yaml"
    run = CliRunner().invoke(app, ["whatif", "--derive-scenario", str(out), "--db", db])
    assert run.exit_code == 0, run.output
    assert "Nils New after Olga Old in Harbour Union" in " ".join(run.output.split())
    again = CliRunner().invoke(app, ["whatif", "--derive-scenario", str(out), "--db", db])
    assert again.exit_code == 2 and "exists" in again.output  # never overwrites
    run = CliRunner().invoke(app, ["whatif", str(out), "--db", db, "--samples", "0", "--keep"])
    assert run.exit_code == 0, run.output
    assert [n for n, _ in Store.open(db).kept_scenarios(case, "whatif")] == ["keep-circle", "mine"]
    sim = tmp / "mine-sim.yaml"
    run = CliRunner().invoke(app, ["simulate", "--derive-scenario", str(sim), "--db", db])
    assert run.exit_code == 0, run.output
    assert "role: successor" in sim.read_text(encoding="utf-8")


def test_case_export_writes_the_kept_scenarios_back(user_case):
    from orgmap.casefile.export import write_case_dir

    store, case, tmp = user_case
    store.keep_scenario(case, "simulate", "mine", "name: mine\n")
    write_case_dir(store, case, tmp / "out")
    assert (tmp / "out" / "whatif" / "keep-circle.yaml").read_text(encoding="utf-8") == WHATIF
    assert (tmp / "out" / "scenarios" / "mine.yaml").read_text(encoding="utf-8") == "name: mine\n"
    again = Store.open(":memory:")
    load_case(again, tmp / "out")
    back = again.case_id("harbour-union")
    assert again.kept_scenarios(back, "whatif") == [("keep-circle", WHATIF)]
    handover = {a.key: a for a in again.assertions(back)}
    assert handover["l2"].valid_from == date(2021, 3, 1)

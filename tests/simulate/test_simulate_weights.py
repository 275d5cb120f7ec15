"""Affiliate weights are the scenario's documented choice; unquoted ties show as assumptions."""

import pytest

from orgmap.casefile import CASES_DIR
from orgmap.simulate import load_simulation_scenario, prepare, run_ensemble
from orgmap.simulate.scenario import SimulationScenarioError

SCENARIO = CASES_DIR / "qods-force" / "scenarios" / "succession.yaml"
QUOTE = "    quote: Asaib Ahl al-Haq and the Badr Organization’s private attacks on him\n    weight: 3\n"


def _variant(tmp_path, old: str, new: str):
    text = SCENARIO.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "succession.yaml"
    path.write_text(
        text.replace(old, new, 1).replace("case_dir: ..", f"case_dir: {CASES_DIR / 'qods-force'}"),
        encoding="utf-8",
    )
    return load_simulation_scenario(path)


def test_lebanese_hezbollah_weighs_by_influence_not_head_count():
    net = prepare(load_simulation_scenario(SCENARIO)).network
    share = net.mass / net.mass.sum()
    lh = net.affiliates.index("Lebanese Hezbollah")
    assert share[lh] > 0.1  # head count made it 1 of 124 (< 1 %)
    assert "Influence, not head count" in load_simulation_scenario(SCENARIO).weights


def test_lebanese_hezbollah_is_held_by_the_post_and_follows_the_successor():
    s = load_simulation_scenario(SCENARIO)
    res = run_ensemble(s, runs=4, prepared=prepare(s))
    net = res.network
    lh = net.affiliates.index("Lebanese Hezbollah")
    assert net.formal[lh, net.index("Qasem Soleimani")]  # "all its leaders are members of the Qods Force"
    assert not net.formal[lh, net.index("Esmail Qaani")]  # before the succession


def test_an_affiliate_without_a_quote_is_listed_as_an_assumption(tmp_path):
    s = _variant(tmp_path, "  - name: Badr Organization\n" + QUOTE, "  - name: Badr Organization\n")
    res = run_ensemble(s, runs=2, prepared=prepare(s))
    text = res.summary_text()
    assert "Assumptions (scenario ties with no quote): Badr Organization (weight 1; ties " in text
    assert "Asaib Ahl al-Haq (" not in text.split("Assumptions")[1]


def test_an_affiliate_quote_not_in_the_text_is_an_error(tmp_path):
    s = _variant(tmp_path, "private attacks on him\n    weight: 3", "friendly visits\n    weight: 3")
    message = r"affiliate 'Asaib Ahl al-Haq': quote .*friendly visits' is not in the case's sources"
    with pytest.raises(SimulationScenarioError, match=message):
        prepare(s)

"""Listing order never changes a result: every list and mapping of a scenario and of its case
file is shuffled, and the summary and the per-step table come out byte for byte the same."""

import random
import shutil

import pytest
import yaml

from orgmap.casefile import CASES_DIR
from orgmap.simulate import load_simulation_scenario, prepare, run_ensemble

SCENARIOS = CASES_DIR / "qods-force" / "scenarios"
RUNS = 6


def shuffled(node, rng: random.Random):
    """The same document with every list and every mapping's keys in a random order."""
    if isinstance(node, dict):
        items = [(k, shuffled(v, rng)) for k, v in node.items()]
        rng.shuffle(items)
        return dict(items)
    if isinstance(node, list):
        out = [shuffled(v, rng) for v in node]
        rng.shuffle(out)
        return out
    return node


def _outputs(scenario_path) -> tuple[str, str]:
    s = load_simulation_scenario(scenario_path)
    res = run_ensemble(s, runs=RUNS, prepared=prepare(s))
    return res.summary_text(), res.to_frame().to_csv(index=False)


@pytest.mark.parametrize("name", ["succession", "purge"])
def test_shuffling_every_list_of_scenario_and_case_leaves_output_identical(tmp_path, name):
    case = tmp_path / "qods-force"
    shutil.copytree(CASES_DIR / "qods-force", case)
    scen_dir = case / "scenarios"
    reference = _outputs(scen_dir / f"{name}.yaml")
    rng = random.Random(14)
    doc = yaml.safe_load((case / "case.yaml").read_text(encoding="utf-8"))
    (case / "case.yaml").write_text(yaml.safe_dump(shuffled(doc, rng), allow_unicode=True), encoding="utf-8")
    scen = yaml.safe_load((scen_dir / f"{name}.yaml").read_text(encoding="utf-8"))
    again = shuffled(scen, rng)
    assert [p["name"] for p in again["principals"]] != [p["name"] for p in scen["principals"]]
    (scen_dir / f"{name}.yaml").write_text(yaml.safe_dump(again, allow_unicode=True), encoding="utf-8")
    summary, table = _outputs(scen_dir / f"{name}.yaml")
    assert summary == reference[0]
    assert table == reference[1]


def test_swapping_two_principals_used_to_move_the_result_and_now_does_not(tmp_path):
    """The case of issue 14: Unit 400 and Soleimani's circle swapped in succession.yaml."""
    text = (SCENARIOS / "succession.yaml").read_text(encoding="utf-8")
    a = "  - {name: Unit 400, role: circle, style: circle}\n"
    b = "  - {name: Soleimani’s circle, role: circle, style: circle}\n"
    assert a + b in text
    swapped = tmp_path / "succession.yaml"
    swapped.write_text(
        text.replace(a + b, b + a).replace("case_dir: ..", f"case_dir: {CASES_DIR / 'qods-force'}"),
        encoding="utf-8",
    )
    assert _outputs(swapped) == _outputs(SCENARIOS / "succession.yaml")

"""Morris screening (SALib) of the simulation: which parameters move which outcome, and verdicts."""

import json
from datetime import date

from typer.testing import CliRunner

from orgmap.cli import app
from orgmap.simulate.ensemble import Prepared
from orgmap.simulate.network import Network
from orgmap.simulate.params import Params, Style
from orgmap.simulate.scenario_spec import SimulationScenario
from orgmap.simulate.sensitivity import NOT_DYNAMIC, OUTCOMES, morris


def test_only_the_two_parameters_that_decide_a_formal_tie_move_control():
    # one leader, one affiliate held by a formal tie only, no contacts, no events: the affiliate is
    # under control exactly when formal_strength >= principal_threshold - nothing else can matter
    net = Network.hand_made(["boss"], ["a"], ties=[[0.0]], formal=[[True]], styles=[Style(contact_rate=0.0)])
    s = SimulationScenario("x.yaml", "x", "", "c", date(2020, 1, 1), 28, 7, 2, 5, [], {}, params=Params())
    res = morris(Prepared(s, net, []), trajectories=6, runs=2, seed=3)
    moving = {n for n, mu, _ in res.ranked("control") if mu > 0}
    assert moving == {"formal_strength", "principal_threshold"}
    assert not set(NOT_DYNAMIC) & set(res.names)
    assert res.points == 6 * (len(res.names) + 1)
    assert morris(Prepared(s, net, []), trajectories=6, runs=2, seed=3).to_dict() == res.to_dict()  # seeded


def test_simulate_sensitivity_prints_indices_and_a_verdict_per_conclusion(tiny_dir):
    out = tiny_dir / "out"
    res = CliRunner().invoke(
        app,
        [
            "simulate",
            str(tiny_dir / "tiny.yaml"),
            "--runs",
            "4",
            "--out",
            str(out),
            "--sensitivity",
            "--trajectories",
            "1",
            "--point-runs",
            "2",
        ],
    )
    assert res.exit_code == 0, res.output
    text = (out / "tiny.sensitivity.txt").read_text(encoding="utf-8")
    for outcome in OUTCOMES:
        line = next(x for x in text.splitlines() if x.startswith(f"{outcome} (base "))
        assert any(v in line for v in ("robust:", "depends on"))
    assert "mu*" in text and "sigma" in text
    assert (out / "tiny.sensitivity.png").read_bytes()[:4] == b"\x89PNG"
    js = CliRunner().invoke(
        app,
        [
            "simulate",
            str(tiny_dir / "tiny.yaml"),
            "--runs",
            "4",
            "--out",
            str(out),
            "--sensitivity",
            "--trajectories",
            "1",
            "--point-runs",
            "2",
            "--json",
        ],
    )
    data = json.loads(js.output)["scenarios"][0]["sensitivity"]
    assert (
        set(data["outcomes"]) == set(OUTCOMES)
        and data["points"] == len(data["outcomes"]["control"]["parameters"]) + 1
    )

"""Morris screening (SALib) of the simulation: which parameters move which outcome, and verdicts."""

import json
from datetime import date

import pytest
from typer.testing import CliRunner

from orgmap.cli import app
from orgmap.simulate.ensemble import Prepared
from orgmap.simulate.network import Network
from orgmap.simulate.params import Params, Style
from orgmap.simulate.scenario_spec import SimulationScenario
from orgmap.simulate.sensitivity import NOT_DYNAMIC, OUTCOMES, morris, sobol


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
            "morris",
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
            "morris",
            "--trajectories",
            "1",
            "--point-runs",
            "2",
            "--json",
        ],
    )
    data = json.loads(js.output)["scenarios"][0]["sensitivity"]["morris"]
    assert (
        set(data["outcomes"]) == set(OUTCOMES)
        and data["points"] == len(data["outcomes"]["control"]["parameters"]) + 1
    )


def test_sobol_indices_match_the_analytic_ones_for_a_formal_tie():
    """Control is 1 exactly when formal_strength X >= principal_threshold Z, X ~ U(0, 1), Z ~ U(a, 1), a = 0.01.

    Worked by hand: p = P(X >= Z) = (1 - a) / 2 = 0.495, Var Y = p (1 - p) = 0.249975.
    ST_X = E_Z[Z (1 - Z)] / Var Y = 0.16833 / 0.249975 = 0.673; ST_Z = E_X[q (1 - q)] / Var Y with
    q(x) = (x - a) / (1 - a) on [a, 1]: (1 - a) / 6 / Var Y = 0.660. S1_X = Var q(X) / Var Y =
    ((1 - a) / 3 - p^2) / Var Y = 0.340; S1_Z = Var(1 - Z) / Var Y = (1 - a)^2 / 12 / Var Y = 0.327.
    Every other parameter leaves control unchanged: its indices are exactly 0.
    """
    net = Network.hand_made(["boss"], ["a"], ties=[[0.0]], formal=[[True]], styles=[Style(contact_rate=0.0)])
    s = SimulationScenario("x.yaml", "x", "", "c", date(2020, 1, 1), 14, 7, 1, 5, [], {}, params=Params())
    res = sobol(Prepared(s, net, []), n=128, runs=1, seed=3)
    got = {name: (st, s1) for name, st, s1 in res.ranked("control")}
    assert got["formal_strength"][0] == pytest.approx(0.673, abs=0.15)
    assert got["principal_threshold"][0] == pytest.approx(0.660, abs=0.15)
    assert got["formal_strength"][1] == pytest.approx(0.340, abs=0.1)
    assert got["principal_threshold"][1] == pytest.approx(0.327, abs=0.1)
    assert {n for n, (st, _) in got.items() if st != 0} == {"formal_strength", "principal_threshold"}
    assert res.points == 128 * (len(res.names) + 2) and res.method == "sobol"
    assert "depends on" in res.verdict("control") and "formal_strength" in res.verdict("control")
    with pytest.raises(ValueError, match="power of two"):
        sobol(Prepared(s, net, []), n=6)


def test_simulate_sensitivity_sobol_prints_and_plots_indices(tiny_dir):
    out = tiny_dir / "out"
    args = ["simulate", str(tiny_dir / "tiny.yaml"), "--runs", "2", "--out", str(out), "--point-runs", "1"]
    res = CliRunner().invoke(app, [*args, "--sensitivity", "sobol", "--sobol-n", "2"])
    assert res.exit_code == 0, res.output
    text = (out / "tiny.sensitivity.sobol.txt").read_text(encoding="utf-8")
    assert text.startswith("Sobol indices:") and " ST " in text and " S1 " in text
    for outcome in OUTCOMES:
        line = next(x for x in text.splitlines() if x.startswith(f"{outcome} (base "))
        assert any(v in line for v in ("robust:", "depends on"))
    assert (out / "tiny.sensitivity.sobol.png").read_bytes()[:4] == b"\x89PNG"
    bad = CliRunner().invoke(app, [*args, "--sensitivity", "sobol", "--sobol-n", "6"])
    assert bad.exit_code == 2 and "power of two" in bad.output
    bad = CliRunner().invoke(app, [*args, "--sensitivity", "fast"])
    assert bad.exit_code == 2 and "morris, sobol or both" in bad.output

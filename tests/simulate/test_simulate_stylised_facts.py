"""The stylised facts of docs/simulation.md on ensemble statistics of the Qods Force scenarios.

Tolerances are stated in each assertion; 100 runs per ensemble keep the 5-95 % bands of
the compared means far narrower than the margins asserted.
"""

from datetime import date

import numpy as np
import pytest

from orgmap.casefile import CASES_DIR
from orgmap.simulate import load_simulation_scenario, prepare, run_ensemble

SCENARIOS = CASES_DIR / "qods-force" / "scenarios"
RUNS = 100
pytestmark = pytest.mark.slow  # five ensembles of 100 runs: about 10 s


@pytest.fixture(scope="module")
def results():
    out = {}
    for name in ("predecessor", "succession", "personal-successor", "purge", "patron"):
        s = load_simulation_scenario(SCENARIOS / f"{name}.yaml")
        out[name] = run_ensemble(s, runs=RUNS, prepared=prepare(s))
    return out


def _at(res, when: date) -> int:
    return int(np.searchsorted(np.array(res.dates, dtype="datetime64[D]"), np.datetime64(when)))


def _mean(res, metric):
    return res.band(metric)[0]


def test_predecessor_era_is_stable(results):
    r = results["predecessor"]
    assert _mean(r, "coordination").min() > 0.9  # high coordination throughout
    assert _mean(r, "control").min() > 0.95  # nearly every affiliate via the formal chain
    assert _mean(r, "principals").max() < 1.05  # one principal per affiliate
    assert np.ptp(_mean(r, "coordination")) < 0.02  # and it stays there


def test_succession_brings_decline_and_rerouting(results):
    r = results["succession"]
    before, year = _at(r, date(2019, 12, 30)), _at(r, date(2021, 1, 4))
    coord, ctrl, multi = _mean(r, "coordination"), _mean(r, "control"), _mean(r, "multi_principal")
    assert coord[year] < coord[before] - 0.25  # coordination falls by more than a quarter
    assert ctrl[year] < 0.2 < 0.95 < ctrl[before]  # control collapses
    months = _at(r, date(2020, 4, 6))
    assert ctrl[months] > ctrl[year]  # over months, not at once
    assert multi[year] > multi[before] + 0.4  # many more affiliates answer to two or more
    names = r.route_names()
    circle = [names.index("Unit 400"), names.index("Soleimani’s circle")]
    via_circle = r.data["routing"][:, :, circle].sum(axis=2).mean(axis=0)
    assert via_circle[year] > 0.3 > 0.05 > via_circle[before]  # routing shifts to the old circle


def test_personal_successor_recovers_most_of_the_loss(results):
    base, alt = results["succession"], results["personal-successor"]
    before, year = _at(base, date(2019, 12, 30)), _at(base, date(2021, 1, 4))
    lost = _mean(base, "coordination")[before] - _mean(base, "coordination")[year]
    regained = _mean(alt, "coordination")[year] - _mean(base, "coordination")[year]
    assert regained > 0.6 * lost  # most of it, within a year of taking over
    assert _mean(alt, "control")[year] > 0.8


def test_purge_deepens_short_term_fragmentation(results):
    base, purge = results["succession"], results["purge"]
    start, end = _at(base, date(2020, 3, 1)), _at(base, date(2021, 3, 1))
    f_base = _mean(base, "fragmentation")[start:end].max()
    f_purge = _mean(purge, "fragmentation")[start:end].max()
    assert f_purge > f_base + 0.2  # nobody holds the ties for a while
    late = _at(base, date(2023, 12, 25))
    assert _mean(purge, "fragmentation")[late] < f_purge / 2  # and the network heals


def test_patrons_support_restores_some_control(results):
    base, patron = results["succession"], results["patron"]
    before, after = _at(patron, date(2023, 11, 27)), _at(patron, date(2023, 12, 25))
    assert _mean(patron, "control")[after] > _mean(patron, "control")[before] + 0.1
    assert _mean(patron, "coordination")[after] > _mean(base, "coordination")[after] + 0.05

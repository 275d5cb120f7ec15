"""Dynamics: simulate coordination and control of an organization under a change of leader.

Scenarios are YAML files (:func:`load_simulation_scenario`); :func:`run_ensemble` runs N independent
runs (numpy, optionally over Dask) and returns an :class:`EnsembleResult` with
``to_frame()``, ``summary_text()``, ``plot(path)`` and ``write(dir)``. The model and every
parameter are documented in ``docs/simulation-model.md`` and :mod:`orgmap.simulate.params`.

>>> from orgmap.casefile import CASES_DIR
>>> scenario = load_simulation_scenario(CASES_DIR / "qods-force" / "scenarios" / "succession.yaml")
>>> scenario.name, scenario.runs, scenario.steps
('succession', 200, 235)
>>> result = run_ensemble(scenario, runs=20)  # the scenario's case_dir is loaded into a scratch store
>>> frame = result.to_frame()
>>> len(frame), str(frame["date"].iloc[-1].date())
(236, '2024-01-01')
>>> result.summary_text().startswith("Scenario 'succession' (20 runs, seed 20200103")
True
"""

from orgmap.simulate.engine import METRICS, simulate
from orgmap.simulate.ensemble import EnsembleResult, SimulationError, prepare, run_ensemble, run_many
from orgmap.simulate.network import Network, build_network
from orgmap.simulate.params import PARAMETERS, STYLE_PARAMETERS, ParamError, Params, Style
from orgmap.simulate.report import plot_results, summary_text
from orgmap.simulate.scenario import (
    SimulationScenario,
    SimulationScenarioError,
    load_simulation_scenario,
    parse_simulation_scenario,
)

__all__ = [
    "METRICS",
    "PARAMETERS",
    "STYLE_PARAMETERS",
    "EnsembleResult",
    "Network",
    "ParamError",
    "Params",
    "SimulationError",
    "SimulationScenario",
    "SimulationScenarioError",
    "Style",
    "build_network",
    "load_simulation_scenario",
    "parse_simulation_scenario",
    "plot_results",
    "prepare",
    "run_ensemble",
    "run_many",
    "simulate",
    "summary_text",
]

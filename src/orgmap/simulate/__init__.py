"""Dynamics: simulate coordination and control of an organization under a change of leader.

Scenarios are YAML files (:func:`load_simulation_scenario`); :func:`run_ensemble` runs N independent
runs (numpy, optionally over Dask) and returns an :class:`EnsembleResult` with
``to_frame()``, ``summary_text()``, ``plot(path)`` and ``write(dir)``. The model and every
parameter are documented in ``docs/simulation-model.md`` and :mod:`orgmap.simulate.params`.
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

"""Bad input: a clear one-line error before any work starts."""

import time

import pytest

from orgmap.simulate import (
    SimulationError,
    SimulationScenarioError,
    load_simulation_scenario,
    prepare,
    run_ensemble,
)


def _error(variant, old, new):
    path = variant(old, new)
    with pytest.raises((SimulationScenarioError, SimulationError)) as info:
        run_ensemble(load_simulation_scenario(path))
    message = str(info.value)
    assert "\n" not in message
    return message


def test_unknown_agent_gets_suggestions(variant):
    msg = _error(variant, "{name: Deputy, role: successor", "{name: Deputty, role: successor")
    assert "variant.yaml" in msg and "'Deputty'" in msg and "did you mean 'Deputy'" in msg


def test_unknown_event_type_names_the_line(variant):
    msg = _error(variant, "{type: death,", "{type: coup,")
    assert "variant.yaml:" in msg and "unknown event type 'coup'" in msg and "death" in msg


def test_event_on_someone_who_is_not_a_principal(variant):
    msg = _error(variant, "who: Deputy}", "who: The Clan}")
    assert "'The Clan' is not one of the principals" in msg


def test_parameter_out_of_range(variant):
    msg = _error(variant, "formality: 0.9", "formality: 1.5")
    assert "formality = 1.5 is out of range [0, 1]" in msg
    msg = _error(variant, "seed: 42", "seed: 42\nparams: {decay_personl: 2}")
    assert "unknown parameter 'decay_personl'" in msg


def test_horizon_of_zero(variant):
    assert "horizon must be positive" in _error(variant, "horizon: 182", "horizon: 0")


def test_event_outside_the_period(variant):
    assert "outside the simulated period" in _error(variant, "day: 28", "day: 400")


def test_population_quote_must_be_in_the_source(variant):
    msg = _error(variant, "quote: dozens of street cells", "quote: hundreds of street cells")
    assert "is not in the case's sources" in msg


def test_more_runs_than_memory_allows_is_refused_before_starting(tiny_dir):
    s = load_simulation_scenario(tiny_dir / "tiny.yaml")
    started = time.perf_counter()
    with pytest.raises(SimulationError, match=r"need about .* GB, more than the .* available; use --runs"):
        run_ensemble(s, runs=10**6, memory_limit=10**8)
    assert time.perf_counter() - started < 5


def test_unreachable_scheduler_is_an_error_before_any_work(tiny_dir):
    s = load_simulation_scenario(tiny_dir / "tiny.yaml")
    prep = prepare(s)
    with pytest.raises(SimulationError, match="cannot reach the Dask scheduler at 'tcp://127.0.0.1:9'"):
        run_ensemble(s, scheduler="tcp://127.0.0.1:9", prepared=prep)


def test_missing_file_and_bad_yaml(tiny_dir):
    with pytest.raises(SimulationScenarioError, match="no such scenario file"):
        load_simulation_scenario(tiny_dir / "nope.yaml")
    bad = tiny_dir / "bad.yaml"
    bad.write_text("case: [unclosed\n", encoding="utf-8")
    with pytest.raises(SimulationScenarioError, match="not valid YAML"):
        load_simulation_scenario(bad)

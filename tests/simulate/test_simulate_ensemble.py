"""Reproducibility, building from the store, outputs, and the Dask path."""

import numpy as np
import pandas as pd
import pytest

from orgmap.simulate import ensemble, load_simulation_scenario, prepare, run_ensemble


def _same(a, b):
    return all(np.array_equal(a.data[k], b.data[k]) for k in a.data)


def test_network_comes_from_the_case_and_the_population(tiny_dir):
    prep = prepare(load_simulation_scenario(tiny_dir / "tiny.yaml"))
    net = prep.network
    assert net.principals == ["Anna Boss", "Ben Deputy"]
    assert net.n_affiliates == 13  # 12 cell agents + The Clan from the case's tie
    clan = net.affiliates.index("The Clan")
    assert net.ties[clan, 0] == pytest.approx(0.6)  # tie_strength x modality weight (asserted = 1)
    assert len(net.pp_edges) == 1  # Boss - Deputy personal tie
    assert [e.kind for e in prep.events] == ["death", "succession"]
    assert prep.events[1].step == 5  # a week after the death (day 35 / 7)


def test_same_seed_same_numbers_different_seed_different_runs(tiny_dir):
    s = load_simulation_scenario(tiny_dir / "tiny.yaml")
    a, b = run_ensemble(s), run_ensemble(s)
    assert _same(a, b)
    c = run_ensemble(s, seed=43)
    assert not np.array_equal(a.data["coordination"], c.data["coordination"])
    runs = a.data["coordination"]
    assert not np.array_equal(runs[0], runs[1])  # runs differ from one another


def test_chunking_does_not_change_results(tiny_dir, monkeypatch):
    s = load_simulation_scenario(tiny_dir / "tiny.yaml")
    whole = run_ensemble(s)
    monkeypatch.setattr(ensemble, "CHUNK_RUNS", 3)
    assert _same(whole, run_ensemble(s))
    first = run_ensemble(s, runs=7)  # run i is the same whatever the ensemble size
    assert np.array_equal(first.data["coordination"], whole.data["coordination"][:7])


def test_outputs_frame_files_and_summary(tiny_dir):
    res = run_ensemble(load_simulation_scenario(tiny_dir / "tiny.yaml"))
    frame = res.to_frame()
    assert len(frame) == 27 and frame["date"].iloc[1] == pd.Timestamp("2020-01-08")
    assert frame["events"].iloc[4] == "death" and frame["events"].iloc[5] == "succession"
    assert (frame["events"].iloc[6:] == "").all()
    for m in ("coordination", "control", "principals", "multi_principal", "fragmentation"):
        assert (frame[f"{m}_p05"] <= frame[f"{m}_mean"] + 1e-12).all()
        assert (frame[f"{m}_mean"] <= frame[f"{m}_p95"] + 1e-12).all()
    routing = frame[[c for c in frame if c.startswith("routing[") and c.endswith("_mean")]].sum(axis=1)
    np.testing.assert_allclose(routing, 1.0)
    paths = res.write(tiny_dir / "out")
    assert pd.read_parquet(paths["parquet"]).shape == frame.shape
    assert pd.read_csv(paths["csv"]).shape == frame.shape
    assert paths["png"].read_bytes()[:4] == b"\x89PNG"
    text = res.summary_text()
    assert "the death of Anna Boss (2020-01-29)" in text and "Ben Deputy taking over (2020-02-05)" in text
    control = res.band("control")[0]
    fell = res.dates[int(np.argmax(control < 0.5))].isoformat()  # the first time point below half
    assert f"Control fell below half on {fell}" in text


@pytest.mark.slow  # starting a local cluster takes seconds
def test_dask_with_two_workers_equals_one_process(tiny_dir):
    s = load_simulation_scenario(tiny_dir / "tiny.yaml")
    assert _same(run_ensemble(s, runs=8), run_ensemble(s, runs=8, workers=2))

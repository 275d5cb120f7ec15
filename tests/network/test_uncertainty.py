"""Edge sampling: certain edges give exact answers; uncertain ones follow their probability."""

from __future__ import annotations

import math

import pytest

from orgmap.network import view_from_rows
from orgmap.network.analyze import measure_functions
from orgmap.network.measures import betweenness, degree
from orgmap.network.uncertainty import sample_graphs, sample_measures

from .graphs import as_view, florentine


def test_certain_edges_reproduce_the_exact_measure():
    g = as_view(florentine())
    est = sample_measures(g, {"betweenness": betweenness}, samples=5, seed=1, top_k=1)["betweenness"]
    exact = betweenness(g)
    for name, e in est.items():
        assert e.mean == pytest.approx(exact[name]) and e.low == pytest.approx(e.high)
    assert est["Medici"].p_top == 1.0 and est["Strozzi"].p_top == 0.0


def test_keep_probability_is_respected():
    g = view_from_rows([("a", "b"), ("a", "c")])
    g.es["keep"] = [1.0, 0.3]
    n = 2000
    est = sample_measures(g, {"degree": degree}, samples=n, seed=4, top_k=1)["degree"]
    # c has a tie in a sample with probability 0.3: mean degree 0.3 * 1/2, binomial sd ~ 0.005.
    assert est["c"].mean == pytest.approx(0.15, abs=4 * 0.5 * math.sqrt(0.3 * 0.7 / n))
    assert est["c"].low == 0.0 and est["c"].high == 0.5
    assert est["a"].p_top == 1.0


def test_two_sources_make_a_tie_more_likely():
    g = view_from_rows([("a", "b"), ("a", "b")])
    g.es["keep"] = [0.5, 0.5]
    kept = sum(s.ecount() > 0 for s in sample_graphs(g, 4000, seed=2))
    assert kept / 4000 == pytest.approx(0.75, abs=0.03)


def test_same_seed_same_numbers_and_different_seed_differs():
    g = as_view(florentine())
    g.es["keep"] = [0.6] * g.ecount()
    fns = measure_functions(["betweenness", "degree"])
    a = sample_measures(g, fns, samples=30, seed=9)
    assert a == sample_measures(g, fns, samples=30, seed=9)
    assert a != sample_measures(g, fns, samples=30, seed=10)


def test_samples_must_be_positive():
    with pytest.raises(ValueError, match="--samples must be at least 1"):
        list(sample_graphs(view_from_rows([("a", "b")]), 0, seed=1))


def test_sampling_stops_once_the_intervals_are_stable_and_matches_a_fixed_count():
    from orgmap.network.uncertainty import sample_until_stable

    certain = as_view(florentine())  # every edge kept: the second round changes nothing
    _, used = sample_until_stable(certain, {"degree": degree}, samples=100, tolerance=0.01, seed=1)
    assert used == 20
    g = as_view(florentine())
    g.es["keep"] = [0.5] * g.ecount()
    fns = {"betweenness": betweenness}
    est, used = sample_until_stable(g, fns, samples=200, tolerance=0.05, round_size=10, seed=3)
    assert 20 <= used < 200
    assert est == sample_measures(g, fns, samples=used, seed=3)
    _, all_of_them = sample_until_stable(g, fns, samples=40, tolerance=1e-9, round_size=10, seed=3)
    assert all_of_them == 40


def test_interval_ends_are_numpys_quantiles_over_the_measured_samples():
    import warnings

    import numpy as np

    from orgmap.network.uncertainty import _column_quantile

    rng = np.random.default_rng(0)
    v = rng.random((50, 300))
    v[rng.random(v.shape) < 0.1] = np.nan
    v[:, 5] = np.nan
    count = (~np.isnan(v)).sum(axis=0)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        for q in (0.05, 0.5, 0.95):
            np.testing.assert_allclose(
                _column_quantile(v, count, q), np.nanquantile(v, q, axis=0), rtol=0, atol=1e-12
            )

"""The model page documents every parameter; the Mesa peer of the benchmark agrees in distribution."""

import importlib.util
from pathlib import Path

from orgmap.simulate.params import PARAMETERS, STYLE_PARAMETERS

ROOT = Path(__file__).resolve().parents[2]


def test_every_parameter_is_documented_with_default_bounds_and_basis():
    page = (ROOT / "docs" / "simulation-model.md").read_text(encoding="utf-8")
    for p in PARAMETERS + STYLE_PARAMETERS:
        row = next((line for line in page.splitlines() if line.startswith(f"| `{p.name}` |")), None)
        assert row is not None, f"{p.name} missing from docs/simulation-model.md"
        assert f"| {p.default:.4g} |" in row and f"[{p.low:g}, {p.high:g}]" in row and p.basis[:30] in row


def test_mesa_peer_agrees_in_distribution_on_a_small_case():
    spec = importlib.util.spec_from_file_location("bench_simulate", ROOT / "benchmarks" / "simulate.py")
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    assert bench.check(runs=120, steps=30)

"""Ensembles: N independent runs of a scenario, in one process or over Dask.

Run ``i`` always draws from child ``i`` of ``SeedSequence(seed)``, so the runs can be cut
into chunks and spread over workers without changing a single number.

>>> from orgmap.simulate import Network, Params, load_simulation_scenario
>>> net = Network.hand_made(["boss"], ["a", "b"], ties=[[0.5], [0.5]])
>>> check_memory(net, runs=1000, steps=100) > check_memory(net, runs=10, steps=100)
True
>>> check_memory(net, runs=10**9, steps=10**4, limit=2**30)
Traceback (most recent call last):
...
orgmap.simulate.ensemble.SimulationError: 1,000,000,000 runs of 2 affiliates x 10000 steps need about ... GB, more than the 1.1 GB available; use --runs ... or fewer, or a shorter horizon
>>> from orgmap.casefile import CASES_DIR                                     # a whole ensemble:
>>> result = run_ensemble(load_simulation_scenario(CASES_DIR / "qods-force" / "scenarios" / "succession.yaml"))  # doctest: +SKIP
>>> result.to_frame()[["date", "coordination_mean"]].tail(1)                  # doctest: +SKIP
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from orgmap.simulate.engine import METRICS, bytes_per_run, simulate
from orgmap.simulate.events import Event, compile_events
from orgmap.simulate.network import Network, build_network
from orgmap.simulate.scenario import SimulationScenario

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["CHUNK_RUNS", "EnsembleResult", "SimulationError", "available_memory", "prepare", "run_ensemble"]

CHUNK_RUNS = 1000
"""Most runs simulated together in one vectorised chunk (the chunking never changes results)."""


class SimulationError(ValueError):
    """An ensemble that cannot start: too big for memory, unreachable scheduler, no case."""


def available_memory() -> int:
    """Bytes of memory available now (``MemAvailable``), or 4 GiB when unknown."""
    try:
        with open("/proc/meminfo", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("MemAvailable:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 4 * 1024**3


@dataclass
class Prepared:
    scenario: SimulationScenario
    network: Network
    events: list[Event]


def _scratch_store(case_dir: str) -> Any:
    from orgmap.casefile import load_case
    from orgmap.store import Store

    store = Store.open(":memory:")
    load_case(store, case_dir)
    return store


def prepare(scenario: SimulationScenario, store: Any = None) -> Prepared:
    """Resolve the scenario against a store (or a scratch store holding its ``case_dir``)."""
    own = None
    if store is None or (scenario.case_dir and store.case_id(scenario.case, missing_ok=True) is None):
        if not scenario.case_dir:
            raise SimulationError(
                f"{scenario.path}: no store given and the scenario names no case_dir to load"
            )
        store = own = _scratch_store(scenario.case_dir)
    try:
        net = build_network(scenario, store)
        return Prepared(scenario, net, compile_events(scenario, net, store))
    finally:
        if own is not None:
            own.close()


def check_memory(net: Network, runs: int, steps: int, limit: int | None = None, workers: int = 1) -> int:
    """Estimated peak bytes; :class:`SimulationError` before any work when over ``limit``."""
    per_run = bytes_per_run(net, steps)
    outputs = (steps + 1) * (len(METRICS) + 2 * net.n_principals + 1) * 8
    need = per_run * min(runs, CHUNK_RUNS) * max(1, workers) + outputs * runs * 2
    limit = int(limit if limit is not None else available_memory() * 0.6)
    if need > limit:
        fit = max(0, (limit - per_run * CHUNK_RUNS * max(1, workers)) // (outputs * 2))
        raise SimulationError(
            f"{runs:,} runs of {net.n_affiliates} affiliates x {steps} steps need about {need / 1e9:.1f} GB, "
            f"more than the {limit / 1e9:.1f} GB available; use --runs {fit:,} or fewer, or a shorter horizon"
        )
    return need


def _chunks(runs: int, parts: int = 1) -> list[list[int]]:
    """Consecutive run indices in chunks of at most CHUNK_RUNS, at least ``parts`` chunks when possible."""
    size = max(1, min(CHUNK_RUNS, -(-runs // max(1, parts))))
    return [list(range(i, min(i + size, runs))) for i in range(0, runs, size)]


def _client(workers: int | None, scheduler: str | None) -> tuple[Any, Any]:
    from distributed import Client, LocalCluster

    if scheduler:
        try:
            return Client(scheduler, timeout="3s"), None
        except (OSError, TimeoutError, ValueError) as exc:
            raise SimulationError(
                f"cannot reach the Dask scheduler at {scheduler!r}: {exc}; "
                "check the address or drop --scheduler"
            ) from None
    cluster = LocalCluster(
        n_workers=int(workers or 1),
        threads_per_worker=1,
        processes=True,
        dashboard_address=None,
        silence_logs=logging.CRITICAL,  # no heartbeat tracebacks when the cluster shuts down
    )
    return Client(cluster), cluster


def run_ensemble(
    scenario: SimulationScenario,
    store: Any = None,
    runs: int | None = None,
    seed: int | None = None,
    workers: int | None = None,
    scheduler: str | None = None,
    *,
    memory_limit: int | None = None,
    progress: Callable[[int, int], None] | None = None,
    prepared: Prepared | None = None,
) -> EnsembleResult:
    """Run ``runs`` (default: the scenario's) simulations with ``seed`` (default: the scenario's).

    ``workers`` > 1 spreads chunks of runs over a local Dask cluster; ``scheduler`` uses an
    existing one. Results are identical either way.
    """
    if runs is not None and runs < 1:
        raise SimulationError(f"runs must be at least 1, not {runs}")
    if workers is not None and workers < 1:
        raise SimulationError(f"workers must be at least 1, not {workers}")
    scenario = replace(
        scenario, runs=runs or scenario.runs, seed=scenario.seed if seed is None else int(seed)
    )
    prep = prepared or prepare(scenario, store)
    net, events, n = prep.network, prep.events, scenario.runs
    check_memory(net, n, scenario.steps, memory_limit, workers or 1)
    kwargs: dict[str, Any] = dict(steps=scenario.steps, step_days=scenario.step, seed=scenario.seed)
    parts: list[dict[str, np.ndarray]] = []
    if (workers and workers > 1) or scheduler:
        client, cluster = _client(workers, scheduler)
        try:
            n_workers = max(1, len(client.scheduler_info().get("workers", {})))
            chunks = _chunks(n, 2 * n_workers)
            futures = [
                client.submit(simulate, net, events, scenario.params, run_ids=c, pure=False, **kwargs)
                for c in chunks
            ]
            for c, fut in zip(chunks, futures):
                parts.append(fut.result())
                if progress:
                    progress(c[-1] + 1, n)
        finally:
            client.close()
            if cluster is not None:
                cluster.close()
    else:
        for c in _chunks(n):
            parts.append(simulate(net, events, scenario.params, run_ids=c, **kwargs))
            if progress:
                progress(c[-1] + 1, n)
    data = {k: np.concatenate([p[k] for p in parts]) for k in parts[0]}
    return EnsembleResult(scenario, net, events, data)


@dataclass
class EnsembleResult:
    """Per-run trajectories, with ``to_frame()``, ``summary_text()``, ``plot(path)`` and ``write(dir)``."""

    scenario: SimulationScenario
    network: Network
    events: list[Event]
    data: dict[str, np.ndarray]

    @property
    def runs(self) -> int:
        return int(self.data["coordination"].shape[0])

    @property
    def dates(self) -> list:
        return [self.scenario.date_of(k) for k in range(self.data["coordination"].shape[1])]

    def band(self, metric: str, column: int | None = None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Mean and the 5 % and 95 % quantiles over runs, per time point."""
        x = self.data[metric] if column is None else self.data[metric][:, :, column]
        return x.mean(axis=0), np.quantile(x, 0.05, axis=0), np.quantile(x, 0.95, axis=0)

    def event_labels(self) -> list[str]:
        """Per time point, the labels of the events applied at it ("" when none)."""
        labels: list[list[str]] = [[] for _ in self.dates]
        for ev in self.events:
            labels[ev.step].append(ev.label)
        return ["; ".join(x) for x in labels]

    def route_names(self) -> list[str]:
        return [*self.network.principals, "no principal"]

    def to_frame(self) -> pd.DataFrame:
        """One row per time point: its events, and mean, p05, p95 of every metric, routing share and tie."""
        import pandas as pd

        cols: dict[str, Any] = {
            "scenario": self.scenario.name,
            "step": np.arange(len(self.dates)),
            "day": np.arange(len(self.dates)) * self.scenario.step,
            "date": pd.to_datetime(self.dates),
            "events": self.event_labels(),
        }
        series: list[tuple[str, str, int | None]] = [(m, m, None) for m in METRICS]
        series += [(f"routing[{n}]", "routing", i) for i, n in enumerate(self.route_names())]
        series += [(f"tie[{n}]", "tie_strength", i) for i, n in enumerate(self.network.principals)]
        for label, metric, col in series:
            mean, lo, hi = self.band(metric, col)
            cols[f"{label}_mean"], cols[f"{label}_p05"], cols[f"{label}_p95"] = mean, lo, hi
        return pd.DataFrame(cols)

    def summary_text(self) -> str:
        from orgmap.simulate.report import summary_text

        return summary_text(self)

    def plot(self, path: str | Path) -> Path:
        from orgmap.simulate.report import plot_results

        return plot_results([self], path)

    def write(self, out_dir: str | Path) -> dict[str, Path]:
        """Write ``NAME.csv``, ``NAME.parquet``, ``NAME.png`` and ``NAME.txt`` into ``out_dir``."""
        out = Path(out_dir)
        out.mkdir(parents=True, exist_ok=True)
        frame = self.to_frame()
        paths = {k: out / f"{self.scenario.name}.{k}" for k in ("csv", "parquet", "png", "txt")}
        frame.to_csv(paths["csv"], index=False)
        frame.to_parquet(paths["parquet"], index=False)
        self.plot(paths["png"])
        paths["txt"].write_text(self.summary_text() + "\n", encoding="utf-8")
        return paths


def run_many(scenarios: Sequence[SimulationScenario], **kwargs: Any) -> list[EnsembleResult]:
    """Run several scenarios with the same options (for ``--compare``)."""
    return [run_ensemble(s, **kwargs) for s in scenarios]

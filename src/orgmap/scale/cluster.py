"""A Dask client: a LocalCluster of N worker processes, or an existing scheduler's address.

>>> with open_client(workers=1) as client:
...     client.submit(sum, [1, 2, 3]).result()
6
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterator

__all__ = ["ScaleError", "open_client"]


class ScaleError(ValueError):
    """A cluster that cannot be used as asked; the message says what to do."""


@contextlib.contextmanager
def open_client(
    workers: int | None = None, scheduler: str | None = None, *, timeout: float = 10.0
) -> Iterator[distributed.Client]:  # noqa: F821
    """Yield a connected client, and close what this call started.

    ``scheduler`` ("tcp://host:8786") joins a running cluster (its workers need orgmap
    installed and see no files: documents are read here and sent as text). Otherwise a
    ``LocalCluster`` of ``workers`` single-threaded processes is started (no dashboard).
    """
    from distributed import Client, LocalCluster

    if workers is not None and workers < 1:
        raise ScaleError(f"--workers must be 1 or more (got {workers})")
    if scheduler:
        try:
            client = Client(scheduler, timeout=f"{timeout}s")
        except (OSError, TimeoutError) as exc:
            raise ScaleError(
                f"cannot reach the Dask scheduler at {scheduler}: {exc}; start it with "
                "`dask scheduler` and workers with `dask worker ADDRESS`, or drop --scheduler "
                "to use local workers"
            ) from None
        try:
            yield client
        finally:
            client.close()
        return
    cluster = LocalCluster(
        n_workers=workers or 2,
        threads_per_worker=1,
        processes=True,
        dashboard_address=None,
        silence_logs=logging.ERROR,
    )
    client = Client(cluster)
    try:
        yield client
    finally:
        client.close()
        cluster.close()

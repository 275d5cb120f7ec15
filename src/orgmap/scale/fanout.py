"""Fan a pure function out over a Dask client and take the results back in input order.

Results come back in the order of the inputs (not of completion), so whatever the
caller writes is written in the same order as a single-process loop would write it;
a bounded window keeps at most ``window`` tasks in flight.

>>> from orgmap.scale.cluster import open_client
>>> with open_client(workers=2) as client:
...     [r.value for r in ordered_map(client, abs, [-3, 2, -1])]
[3, 2, 1]
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

__all__ = ["Outcome", "ordered_map"]


@dataclass
class Outcome:
    """One input's result, or the error its task raised (``error`` is the message)."""

    index: int
    value: Any = None
    error: str | None = None


def ordered_map(
    client: Any, fn: Callable[..., Any], items: Iterable[Any], *, window: int | None = None, **shared: Any
) -> Iterator[Outcome]:
    """Yield ``fn(item, **shared)`` for each item, in input order, computed on the cluster.

    ``shared`` keyword values (e.g. known entities) are scattered once to every worker.
    A task that raises yields an :class:`Outcome` with ``error`` set; the others go on.
    """
    window = window or max(4, 4 * max(1, len(client.scheduler_info().get("workers", {}))))
    # wrapped in a list: scatter would otherwise spread a list value item by item
    scattered = {k: client.scatter([v], broadcast=True)[0] for k, v in shared.items()}
    pending: deque[tuple[int, Any]] = deque()
    source = iter(enumerate(items))
    exhausted = False

    def fill() -> None:
        nonlocal exhausted
        while not exhausted and len(pending) < window:
            try:
                i, item = next(source)
            except StopIteration:
                exhausted = True
                return
            pending.append((i, client.submit(fn, item, pure=False, **scattered)))

    fill()
    while pending:
        i, future = pending.popleft()
        try:
            yield Outcome(i, future.result())
        except Exception as exc:  # the task's own error, re-raised here by Dask
            yield Outcome(i, error=f"{type(exc).__name__}: {exc}")
        finally:
            future.release()
        fill()

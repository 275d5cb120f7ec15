"""Long work off the request thread: a job runs in a thread, the page polls its progress.

>>> jobs = Jobs()
>>> jid = jobs.start(lambda progress: (progress(1, 2), progress(2, 2), 42)[-1])
>>> jobs.wait(jid).result, jobs.get(jid).done
(42, True)
"""

from __future__ import annotations

import threading
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

__all__ = ["Job", "Jobs"]


@dataclass
class Job:
    done_steps: int = 0
    total: int = 0
    done: bool = False
    result: Any = None
    error: str | None = None
    event: threading.Event = field(default_factory=threading.Event)

    @property
    def fraction(self) -> float:
        return self.done_steps / self.total if self.total else 0.0


class Jobs:
    """A small registry of background jobs (kept until the app stops; the last 20)."""

    def __init__(self, keep: int = 20):
        self._jobs: dict[str, Job] = {}
        self._keep = keep
        self._lock = threading.Lock()

    def start(self, work: Callable[[Callable[[int, int], None]], Any]) -> str:
        """Run ``work(progress)`` in a thread; ``progress(done, total)`` reports; returns the job id."""
        job, jid = Job(), uuid.uuid4().hex
        with self._lock:
            self._jobs[jid] = job
            while len(self._jobs) > self._keep:
                self._jobs.pop(next(iter(self._jobs)))

        def progress(done: int, total: int) -> None:
            job.done_steps, job.total = done, total

        def run() -> None:
            try:
                job.result = work(progress)
            except Exception as exc:  # reported to the page, one line
                job.error = f"{type(exc).__name__}: {exc}" if not isinstance(exc, ValueError) else str(exc)
            finally:
                job.done = True
                job.event.set()

        threading.Thread(target=run, daemon=True, name=f"orgmap-job-{jid[:8]}").start()
        return jid

    def get(self, jid: str | None) -> Job | None:
        return self._jobs.get(jid or "")

    def wait(self, jid: str, timeout: float | None = 60) -> Job:
        job = self._jobs[jid]
        job.event.wait(timeout)
        return job

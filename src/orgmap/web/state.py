"""What every callback needs: the store (behind one lock), the case, who acts, the settings.

The store object is not meant for concurrent use from several threads, so every page
takes it through :func:`store`, which serialises access.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import flask

from orgmap.store import Store
from orgmap.web.jobs import Jobs

__all__ = ["AppState", "WebConfig", "current", "store"]


@dataclass
class WebConfig:
    """How ``orgmap serve`` runs: the store, the case, the bind and the token."""

    db: str = "orgmap.db"
    case: str | None = None
    host: str = "127.0.0.1"
    port: int = 8050
    token: str | None = None
    who: str = ""
    analysts: dict[str, str] = field(default_factory=dict)  # per-person token -> analyst name
    upload_dir: Path | None = None
    data_dir: Path | None = None
    max_upload: int = 20 * 1024 * 1024
    warm: bool = False  # prepare the Network page's default view in the background at start


@dataclass
class AppState:
    config: WebConfig
    store: Store
    case_id: int
    server_who: str  # recorded when the request names no analyst (no per-person token)
    lock: threading.RLock = field(default_factory=threading.RLock)
    jobs: Jobs = field(default_factory=Jobs)

    @property
    def who(self) -> str:
        """Who the current request acts as: the analyst of its per-person token, else the server's ``who``."""
        return (flask.g.get("orgmap_who") if flask.has_request_context() else None) or self.server_who

    @property
    def data_dir(self) -> Path:
        """Where the app keeps files: ``config.data_dir``, else ``orgmap-web/`` beside the store."""
        if self.config.data_dir is not None:
            return self.config.data_dir
        base = Path(self.config.db).parent if "://" not in self.config.db else Path.cwd()
        return base / "orgmap-web"

    @property
    def upload_dir(self) -> Path:
        return self.config.upload_dir or self.data_dir / "uploads"


def current() -> AppState:
    """The state of the app serving the current request."""
    return flask.current_app.config["ORGMAP"]


@contextlib.contextmanager
def store() -> Iterator[tuple[Store, int]]:
    """``with store() as (s, case_id):`` - exclusive use of the store for one callback."""
    state = current()
    with state.lock:
        yield state.store, state.case_id

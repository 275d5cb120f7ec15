"""Running the app: in the foreground for ``orgmap serve``, or in a thread for tests.

>>> srv = BackgroundServer(_hello(), port=0).start()    # doctest: +SKIP
>>> srv.url                                              # doctest: +SKIP
'http://127.0.0.1:40123'
"""

from __future__ import annotations

import logging
import threading

from werkzeug.serving import make_server

__all__ = ["BackgroundServer", "serve"]


def serve(app, host: str, port: int) -> None:
    """Serve until interrupted (threaded werkzeug server; no debugger, no reloader)."""
    server = make_server(host, port, app.server, threaded=True)
    try:
        server.serve_forever()
    finally:
        server.server_close()


def quiet() -> None:
    """Keep werkzeug's per-request log lines out of the terminal and test reports."""
    logging.getLogger("werkzeug").setLevel(logging.WARNING)


class BackgroundServer:
    """The app on ``host:port`` (``port=0``: a free one) in a daemon thread."""

    def __init__(self, app, host: str = "127.0.0.1", port: int = 0):
        quiet()
        self._server = make_server(host, port, app.server, threaded=True)
        self.host, self.port = host, self._server.server_port
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def start(self) -> BackgroundServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)

"""``orgmap serve`` through the real entry point."""

from __future__ import annotations

import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

ENV = {"COLUMNS": "200", "PATH": "/usr/bin:/bin", "ORGMAP_USER": "tester"}


def orgmap(*args: str):
    """Run the CLI in-process (the entry point's error handling included)."""
    from typer.testing import CliRunner

    from orgmap.cli import app

    return CliRunner().invoke(app, list(args), env=ENV)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_help_names_every_option():
    run = orgmap("serve", "--help")
    assert run.exit_code == 0
    for option in ("--db", "--port", "--host", "--token", "--case", "--who"):
        assert option in run.output


def test_missing_store_is_one_clear_line(tmp_path):
    run = orgmap("serve", "--db", str(tmp_path / "none.db"))
    assert run.exit_code == 1
    assert "no store at" in run.output and "orgmap demo" in run.output
    assert not (tmp_path / "none.db").exists()


def test_short_token_refused(qods_db):
    run = orgmap("serve", "--db", str(qods_db), "--host", "0.0.0.0", "--token", "short")
    assert run.exit_code == 2 and "at least 16 characters" in run.output


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def _get(url: str, headers: dict | None = None) -> int:
    opener = urllib.request.build_opener(_NoRedirect)
    try:
        with opener.open(urllib.request.Request(url, headers=headers or {}), timeout=5) as r:
            return r.status
    except urllib.error.HTTPError as exc:
        return exc.code


def test_non_local_serve_prints_a_token_and_requires_it(qods_db):
    port = _free_port()
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "orgmap",
            "serve",
            "--db",
            str(qods_db),
            "--host",
            "0.0.0.0",
            "--port",
            str(port),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=ENV,
    )
    try:
        line = proc.stdout.readline()
        token = re.search(r"\?token=([\w-]+)", line).group(1)
        assert len(token) >= 24
        base = f"http://127.0.0.1:{port}/"
        for _ in range(50):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.1)
        assert _get(base) == 403
        assert _get(base + "_dash-layout") == 403
        assert _get(base, {"X-Orgmap-Token": token}) == 200
        assert _get(base + f"?token={token}") == 303  # sets the cookie, then the same URL without the token
    finally:
        proc.terminate()
        proc.wait(timeout=10)

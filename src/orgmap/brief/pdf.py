"""Print the HTML briefing to PDF with headless Chromium (clear error when it is absent).

>>> find_chromium(["/nonexistent/chromium"]) is None
True
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from pathlib import Path

__all__ = ["ChromiumMissing", "find_chromium", "html_to_pdf"]

CANDIDATES = (
    "/usr/bin/chromium",
    "/usr/bin/chromium-browser",
    "chromium",
    "chromium-browser",
    "google-chrome",
    "google-chrome-stable",
)


class ChromiumMissing(FileNotFoundError):
    """No Chromium to print with."""


def find_chromium(candidates: Sequence[str] = CANDIDATES) -> str | None:
    for c in candidates:
        found = c if Path(c).is_file() else shutil.which(c) if "/" not in c else None
        if found:
            return found
    return None


def html_to_pdf(html_path: Path, pdf_path: Path, *, chromium: str | None = None, timeout: int = 120) -> Path:
    """Render ``html_path`` to ``pdf_path``; raises :class:`ChromiumMissing` or ``RuntimeError``."""
    exe = chromium or find_chromium()
    if exe is None:
        raise ChromiumMissing(
            "cannot write a PDF: Chromium is not installed "
            "(apt-get install -y chromium), or open the HTML and print it"
        )
    pdf_path = Path(pdf_path).resolve()
    with tempfile.TemporaryDirectory(prefix="orgmap-chromium-") as profile:
        cmd = [
            exe,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            f"--user-data-dir={profile}",
            "--no-pdf-header-footer",
            f"--print-to-pdf={pdf_path}",
            Path(html_path).resolve().as_uri(),
        ]
        try:
            done = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
        except subprocess.TimeoutExpired:
            raise RuntimeError(f"Chromium took more than {timeout} s to print {html_path}") from None
    if not pdf_path.is_file() or pdf_path.stat().st_size == 0:
        tail = (done.stderr or "").strip().splitlines()[-1:] or ["no output"]
        raise RuntimeError(f"Chromium did not write {pdf_path}: {tail[0]}")
    return pdf_path

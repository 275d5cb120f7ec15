"""Capabilities other parts of orgmap provide, and the panel shown while one is missing.

>>> capability("orgmap.store") is not None
True
>>> capability("orgmap.no_such_module") is None
True
"""

from __future__ import annotations

import importlib
import importlib.util
import logging
from types import ModuleType

from dash import html

__all__ = ["capability", "needs_panel"]

log = logging.getLogger(__name__)


def capability(module: str, *names: str) -> ModuleType | None:
    """The module when it can be imported and defines ``names``; otherwise None."""
    try:
        if importlib.util.find_spec(module) is None:
            return None
        found = importlib.import_module(module)
    except Exception as exc:  # a broken install must not take the page down
        log.warning("orgmap web: %s cannot be imported (%s: %s)", module, type(exc).__name__, exc)
        return None
    if any(not hasattr(found, n) for n in names):
        return None
    return found


def needs_panel(page: str, module: str, what: str) -> html.Div:
    """A clear notice instead of a broken page."""
    return html.Div(
        className="needs",
        children=[
            html.H3(f"{page} needs {module}"),
            html.P(what),
            html.P(
                [
                    "This page lights up as soon as ",
                    html.Code(module),
                    " is installed with orgmap; nothing else is required.",
                ]
            ),
        ],
    )

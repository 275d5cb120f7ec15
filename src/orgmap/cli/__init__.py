"""The ``orgmap`` command line: thin Typer commands over the library.

Each family of commands lives in a module of this package with a ``register(app)``
function; :data:`COMMAND_MODULES` lists them in help order.
"""

from __future__ import annotations

import importlib
import os

# igraph's OpenMP threads fight each other on a loaded machine (one PageRank call went from
# 1 ms to 2 s): one thread unless the user says otherwise. Set before igraph is imported.
os.environ.setdefault("OMP_NUM_THREADS", "1")

import typer

from orgmap.cli.common import run_app

__all__ = ["app", "main"]

app = typer.Typer(
    name="orgmap",
    help="Model how an organization is really run, from what is written about it.\n\n"
    "Start with `orgmap demo`, then `orgmap show Qaani` or `orgmap relations --layer informal`.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="rich",
    pretty_exceptions_enable=False,
)

COMMAND_MODULES = ("core", "textcmds", "modelcmds", "edit", "network", "simulate", "weigh", "web", "interop")

# help panels in the order of the analyst's loop
PANELS = ("Model", "Build from text", "Analyse", "Simulate", "Weigh", "Show", "Share")

for _name in COMMAND_MODULES:
    importlib.import_module(f"orgmap.cli.{_name}").register(app)

app.registered_commands.sort(
    key=lambda c: PANELS.index(c.rich_help_panel) if c.rich_help_panel in PANELS else len(PANELS)
)


def main() -> None:
    """Entry point of the ``orgmap`` script."""
    run_app(app)

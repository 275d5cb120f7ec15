"""What every command shares: the options several commands take, output helpers, one-line errors.

An option that means the same in several commands is declared here once, with one help text.
"""

from __future__ import annotations

import json
import os
import sys
from datetime import date
from pathlib import Path
from typing import Any

import typer
from rich.console import Console
from rich.markup import escape

from orgmap.model import default_who
from orgmap.termsafe import json_terminal_safe, terminal_safe

__all__ = [
    "AsOfOption",
    "CaseOption",
    "DbOption",
    "GradeOption",
    "JsonOption",
    "LayerOption",
    "StatusOption",
    "WhoOption",
    "WhyOption",
    "console",
    "default_who",
    "err_console",
    "esc",
    "fail",
    "get_case",
    "open_store",
    "parse_date",
    "print_json",
    "run_app",
    "statuses",
]

console = Console(highlight=False)
err_console = Console(stderr=True, highlight=False, soft_wrap=True)

DEFAULT_DB = "orgmap.db"

DbOption = typer.Option(
    None,
    "--db",
    help="Store: a SQLite file path or a database URL. [default: $ORGMAP_DB or ./orgmap.db]",
    show_default=False,
)
CaseOption = typer.Option(None, "--case", "-c", help="Case name (default: the first case in the store).")
JsonOption = typer.Option(False, "--json", help="Print JSON for scripts instead of tables.")
LayerOption = typer.Option(
    None,
    "--layer",
    "-l",
    help="Layer of the vocabulary to keep, e.g. formal or informal (repeatable; default: all).",
)
AsOfOption = typer.Option(None, "--as-of", help="Only what held on this date (YYYY, YYYY-MM or YYYY-MM-DD).")
GradeOption = typer.Option(None, "--min-grade", help="Minimum Admiralty grade, e.g. C or B2.")
StatusOption = typer.Option(
    "accepted",
    "--status",
    help="accepted, candidate, rejected, superseded or all (comma-separated for several).",
)
WhoOption = typer.Option(
    None, "--who", help="Who the judgements are recorded as \\[default: $ORGMAP_USER or your login]."
)
WhyOption = typer.Option("", "--why", help="Why: kept with the judgement in the log.")


def statuses(status: str) -> list[str] | None:
    """The ``--status`` value as a list of statuses, None for ``all``.

    >>> statuses("accepted, candidate"), statuses("all")
    (['accepted', 'candidate'], None)
    """
    return None if status == "all" else [s.strip() for s in status.split(",")]


def esc(text: Any) -> str:
    """Text for Rich markup, safe for the terminal: never interpreted as markup, and stripped of
    escape sequences and control characters a document could hide in it (``orgmap.termsafe``).

    >>> print(esc("[bold]Ali\\x1b[2J[/]"))
    \\[bold]Ali\\[/]
    """
    return escape(terminal_safe(str(text)))


def fail(message: str, code: int = 1) -> typer.Exit:
    err_console.print(f"[bold red]error:[/] {esc(message)}")
    raise typer.Exit(code)


def open_store(db: str | None, *, create: bool = False):
    from orgmap.store import Store

    return Store.open(db or os.environ.get("ORGMAP_DB") or DEFAULT_DB, create=create)


def get_case(db: str | None, name: str | None):
    """The API's case (:class:`orgmap.Case`) named ``--case`` (default: the first) in ``--db``."""
    from orgmap.api.case import Case

    store = open_store(db)
    return Case(store, store.find_case(name))


def parse_date(value: str | None, option: str = "--as-of") -> date | None:
    """Parse YYYY, YYYY-MM or YYYY-MM-DD; a period means its last day (so as-of covers it)."""
    if not value:
        return None
    from orgmap.casefile.spans import parse_period

    try:
        return parse_period(value)[1]
    except ValueError as exc:
        fail(f"{option}: {exc}", 2)
    return None


def _default(obj: Any) -> Any:
    if isinstance(obj, date):
        return obj.isoformat()
    if isinstance(obj, Path):
        return str(obj)
    if hasattr(obj, "__dataclass_fields__"):
        return vars(obj)
    raise TypeError(f"cannot serialise {type(obj).__name__}")


def print_json(data: Any) -> None:
    sys.stdout.write(
        json_terminal_safe(json.dumps(data, ensure_ascii=False, indent=2, default=_default)) + "\n"
    )


def run_app(app: typer.Typer) -> None:
    """Run the app, turning known errors into one red line and a non-zero exit."""
    from orgmap.casefile.yamlines import CaseError
    from orgmap.ingest.decode import UnreadableDocument
    from orgmap.schema import SchemaError
    from orgmap.store import StoreError

    try:
        code = app(standalone_mode=False)
        if isinstance(code, int) and code:
            sys.exit(code)
    except typer.Exit as exc:
        sys.exit(exc.exit_code)
    except (StoreError, CaseError, SchemaError, UnreadableDocument) as exc:
        err_console.print(f"[bold red]error:[/] {esc(exc)}")
        sys.exit(1)
    except (KeyError, ValueError, FileNotFoundError, PermissionError, IsADirectoryError) as exc:
        text = exc.args[0] if isinstance(exc, KeyError) and exc.args else exc
        err_console.print(f"[bold red]error:[/] {esc(text)}")
        sys.exit(1)
    except KeyboardInterrupt:
        err_console.print("[yellow]interrupted[/]: nothing half-written was kept")
        sys.exit(130)
    except Exception as exc:  # click usage errors and the like (Typer may bring its own copy of click)
        import click

        usage, abort = [click.ClickException], [click.exceptions.Abort]
        try:
            from typer import exceptions as typer_exceptions
            from typer._click import exceptions as typer_click
        except ImportError:
            pass
        else:
            usage.append(typer_click.ClickException)
            abort.append(typer_exceptions.Abort)
        if isinstance(exc, tuple(usage)):
            exc.show()
            sys.exit(exc.exit_code)
        if isinstance(exc, tuple(abort)):
            sys.exit(1)
        raise

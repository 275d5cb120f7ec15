"""``orgmap serve``: the analyst's web app over the store."""

from __future__ import annotations

import typer

from orgmap.cli.common import CaseOption, DbOption, WhoOption, console, default_who, esc, fail

HostOption = typer.Option(
    "127.0.0.1",
    "--host",
    help="Address to bind. Anything but loopback needs a token, "
    "generated and printed unless --token gives one.",
)
PortOption = typer.Option(8050, "--port", "-p", help="Port to listen on.")
TokenOption = typer.Option(
    None,
    "--token",
    envvar="ORGMAP_TOKEN",
    help="Access token required on every request (or $ORGMAP_TOKEN); 16+ characters.",
)
AnalystOption = typer.Option(
    None,
    "--analyst",
    metavar="NAME=TOKEN",
    help="A per-person token (repeatable, 16+ characters): requests carrying it are recorded as NAME "
    "on every judgement and upload. Without any, the app records --who.",
)


def serve(
    db: str | None = DbOption,
    case: str | None = CaseOption,
    host: str = HostOption,
    port: int = PortOption,
    token: str | None = TokenOption,
    who: str | None = WhoOption,
    analyst: list[str] | None = AnalystOption,
) -> None:
    """Open the web app: network, sources, review, timeline, what-if, simulation, hypotheses.

    Binds to 127.0.0.1 unless --host says otherwise; every change is a judgement (docs/web.md).
    """
    import os

    from orgmap.web import WebConfig, create_app
    from orgmap.web import serve as run
    from orgmap.web.security import is_loopback, new_token

    if token is not None and len(token) < 16:
        fail("--token must be at least 16 characters (or leave it out to get a random one)", 2)
    analysts = {}
    for item in analyst or []:
        name, _, secret = item.partition("=")
        if not name.strip() or len(secret) < 16:
            fail(f"--analyst {name.strip() or '?'}=...: give NAME=TOKEN with a token of 16+ characters", 2)
        analysts[secret] = name.strip()
    if not is_loopback(host) and not token and not analysts:
        token = new_token()
    config = WebConfig(
        db=db or os.environ.get("ORGMAP_DB") or "orgmap.db",
        case=case,
        host=host,
        port=port,
        token=token,
        who=who or default_who(),
        analysts=analysts,
        warm=True,
    )
    if "://" not in config.db and not os.path.exists(config.db):
        fail(f"no store at {config.db}: run `orgmap demo` first or give --db")
    app = create_app(config)
    shown = "127.0.0.1" if host in ("0.0.0.0", "::") else host
    url = f"http://{shown}:{port}/" + (f"?token={token}" if token else "")
    console.print(f"orgmap web app on [bold]{esc(url)}[/]", soft_wrap=True)
    if analysts:
        console.print(
            f"{len(analysts)} analyst token(s): each analyst's judgements are recorded under their name"
        )
    console.print(
        f"judgements recorded as {esc(config.who)} unless an analyst token names someone; Ctrl+C stops"
    )
    if token:
        console.print("[yellow]token required[/]: share the URL only with people who may edit this store")
    try:
        run(app, host, port)
    except OSError as exc:
        fail(f"cannot listen on {host}:{port}: {exc.strerror or exc}; choose another --port")
    except KeyboardInterrupt:
        console.print("stopped")


def register(app: typer.Typer) -> None:
    app.command(rich_help_panel="Show")(serve)

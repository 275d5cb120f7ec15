"""An option that means the same in several commands is declared once (``orgmap.cli.common``)."""

from __future__ import annotations

import typer.main

from orgmap.cli import app, common

SHARED = {
    "--db": common.DbOption,
    "--case": common.CaseOption,
    "--json": common.JsonOption,
    "--layer": common.LayerOption,
    "--as-of": common.AsOfOption,
    "--min-grade": common.GradeOption,
    "--status": common.StatusOption,
    "--who": common.WhoOption,
    "--why": common.WhyOption,
}

# commands where the flag means something else, with their own help on purpose
OWN_MEANING = {
    ("--case", "ingest"),  # created if new, defaults to inbox
    ("--case", "import"),  # defaults to the file's own case
    ("--db", "simulate"),  # optional: a scratch store from the scenario's case
    ("--json", "export"),  # same as --format json
    ("--status", "import"),  # one status given to every imported assertion
    ("--why", "merge"),  # required, and says what to explain
    ("--why", "unmerge"),
}


def _options():
    def walk(command, path):
        if hasattr(command, "commands"):
            for name, sub in command.commands.items():
                yield from walk(sub, [*path, name])
        else:
            for p in command.params:
                if p.param_type_name == "option":
                    yield " ".join(path), p

    return list(walk(typer.main.get_command(app), []))


def test_shared_options_read_the_same_everywhere():
    seen = dict.fromkeys(SHARED, 0)
    for command, param in _options():
        for flag, shared in SHARED.items():
            if flag in param.opts and (flag, command) not in OWN_MEANING:
                assert param.help == shared.help, f"orgmap {command} {flag}: its own help text"
                seen[flag] += 1
    assert all(n >= 2 for n in seen.values()), seen  # each is really shared


def test_statuses_parses_the_status_option():
    assert common.statuses("accepted,candidate") == ["accepted", "candidate"]
    assert common.statuses("all") is None

"""Escape sequences hidden in documents never reach the terminal (issue 16, item 6).

Names, aliases, attributions and quotes carry clear-screen, colour, hyperlink (OSC 8),
8-bit CSI, carriage-return and bidi-override sequences; ``entities``, ``relations``,
``show`` and ``review`` must print the words without any of them.
"""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from orgmap.cli import app
from orgmap.model import Assertion, Entity, Evidence, Source
from orgmap.store import Store

CLEAR, RED, LINK, LINK_END = "\x1b[2J\x1b[H", "\x1b[31m", "\x1b]8;;http://evil.example\x07", "\x1b]8;;\x07"
NAME = f"Ali{CLEAR} Reza{RED}"
TEXT = f"Ali Reza{CLEAR} leads {LINK}the Unit{LINK_END}, said\r\x9b2J the \u202espokesman."
FORBIDDEN = ("\x1b", "\x9b", "\r", "\x07", "\u202e")


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "hostile.db"
    store = Store.open(str(path), create=True)
    case = store.ensure_case("c")
    sid = store.add_source(case, Source(text=TEXT, title=f"report{RED}"))
    ali = store.add_entity(case, Entity("person", NAME, aliases=[f"A.{LINK}R.{LINK_END}"]))
    unit = store.add_entity(case, Entity("organization", f"{LINK}the Unit{LINK_END}"))
    store.add_assertion(
        case,
        Assertion(
            ali,
            "leads",
            unit,
            attribution=f"the{CLEAR} spokesman",
            score=0.9,
            evidence=[Evidence(sid, 0, len(TEXT))],
        ),
    )
    store.close()
    return str(path)


@pytest.mark.parametrize(
    "args",
    [
        ["entities"],
        ["relations", "--status", "candidate"],
        ["show", "#1"],
        ["review"],
        ["entities", "--json"],
        ["relations", "--status", "candidate", "--json"],
    ],
)
def test_no_escape_sequence_reaches_the_terminal(db, args):
    result = CliRunner().invoke(app, [*args, "--db", db], input="s\n", env={"COLUMNS": "300"})
    assert result.exit_code == 0, result.output
    out = result.output
    assert not [c for c in FORBIDDEN if c in out], repr(out)
    assert "Ali" in out and "Reza" in out  # the words themselves are still shown
    if "--json" in args:
        json.loads(out)  # still valid JSON, with the same characters as \\u escapes

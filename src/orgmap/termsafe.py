"""Text a document supplied, made safe to print in a terminal.

A document can hide escape sequences in a name or a quote: clear the screen, recolour
the prompt, plant a hyperlink, or rewrite the line above with a carriage return. Before
anything a document supplied is printed, :func:`terminal_safe` removes escape sequences
(CSI, OSC, and the rest), C0 and C1 control characters (keeping newline and tab), and the
Unicode bidirectional overrides that can make text read differently from what it is.

>>> terminal_safe("Ali\\x1b[2J\\x1b]8;;http://evil.example\\x07Reza\\x1b]8;;\\x07 leads\\r\\x9b31m the Unit")
'AliReza leads the Unit'
>>> terminal_safe("line one\\nline\\ttwo \\u202eevil")
'line one\\nline\\ttwo evil'
>>> json_terminal_safe('{"name": "A\\x9b2JB"}')
'{"name": "A\\\\u009b2JB"}'
"""

from __future__ import annotations

import re

__all__ = ["json_terminal_safe", "terminal_safe"]

_SEQUENCES = re.compile(
    r"\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?"  # OSC ... BEL or ST (titles, hyperlinks)
    r"|\x1b[P^_X][^\x1b]*(?:\x1b\\)?"  # DCS, PM, APC, SOS strings
    r"|\x1b\[[0-?]*[ -/]*[@-~]?"  # CSI (colours, cursor moves, clear screen)
    r"|\x9b[0-?]*[ -/]*[@-~]?"  # 8-bit CSI
    r"|\x1b[ -/]*[0-~]?"  # other ESC sequences
)
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_JSON_UNSAFE = re.compile(r"[\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def terminal_safe(text: str) -> str:
    """``text`` without escape sequences, control characters (but newline and tab) or bidi overrides."""
    return _CONTROLS.sub("", _SEQUENCES.sub("", text))


def json_terminal_safe(text: str) -> str:
    """JSON text with the characters a terminal could act on written as ``\\uXXXX`` (same JSON value).

    ``json.dumps`` already escapes C0 controls (ESC included); this adds DEL, the C1
    controls and the bidi overrides, which it leaves raw with ``ensure_ascii=False``.
    """
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)

"""Write a set of named CSV tables to a folder or a ``.zip``, safe to open in a spreadsheet.

Only a cell a spreadsheet would run as a formula gets a leading ``'``: one starting
(after any blanks) with ``=`` or ``@``, or with ``+``/``-`` directly followed by something
a spreadsheet evaluates (a digit, an operator or parenthesis, a function call or DDE link,
a cell reference: ``-2+3``, ``+cmd|'/C calc'!A0``, ``-SUM(A1)``, ``+A1``). Numbers
(``-0.25``) and plain text (``-The Unit``) are written as they are, so pandas, R and
Gephi read the values unchanged. A cell that starts with ``'`` is guarded only when what
follows would be, and :func:`unguard` takes exactly one ``'`` off such cells, so the
round trip is exact.

>>> guard("=HYPERLINK(1)"), guard("-0.25"), guard("-The Unit"), guard("-2+3"), guard("@SUM(A1)")
("'=HYPERLINK(1)", '-0.25', '-The Unit', "'-2+3", "'@SUM(A1)")
>>> unguard(guard("=HYPERLINK(1)")), guard("'=x"), unguard(guard("'=x")), guard("'til"), unguard("'til")
('=HYPERLINK(1)', "''=x", "'=x", "'til", "'til")
"""

from __future__ import annotations

import csv
import io
import re
import shutil
import zipfile
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

__all__ = ["guard", "read_tables", "unguard", "write_tables"]

_NUMBER = re.compile(r"[+-]?(\d+([.,]\d*)?|[.,]\d+)([eE][+-]?\d+)?%?")
# after a sign: a number, an operator or parenthesis, a function call or DDE link (``SUM(``,
# ``cmd|``, ``Sheet!``) or a cell reference (``A1``) - what a spreadsheet goes on to evaluate
_EVALUATED = re.compile(r"\s*(?:[\d.(=+\-@\"']|[A-Za-z_][\w.]*\s*[(!|]|[A-Za-z]{1,3}\$?\d+\b)")
FIELD_LIMIT = 2**31 - 1  # the csv module's default (131,072) is smaller than many source texts


def _formula(text: str) -> bool:
    """Whether a spreadsheet would evaluate ``text`` as a formula."""
    body = text.lstrip(" \t\r\n")
    if not body or _NUMBER.fullmatch(body):
        return False
    if body[0] in "=@":
        return True
    return body[0] in "+-" and bool(_EVALUATED.match(body[1:]))


def _needs_guard(text: str) -> bool:
    return _formula(text) or (text.startswith("'") and _needs_guard(text[1:]))


def guard(value: Any) -> str:
    """A cell as text, quoted with ``'`` when a spreadsheet would evaluate it as a formula.

    >>> guard("=HYPERLINK(1)"), guard("plain"), guard("-3.5"), guard(None)
    ("'=HYPERLINK(1)", 'plain', '-3.5', '')
    """
    text = "" if value is None else str(value)
    return "'" + text if _needs_guard(text) else text


def unguard(text: str) -> str:
    """A guarded cell back as it was written (a quote that guards nothing stays).

    >>> unguard(guard("=HYPERLINK(1)")), unguard("'quoted on purpose")
    ('=HYPERLINK(1)', "'quoted on purpose")
    """
    return text[1:] if text.startswith("'") and _needs_guard(text[1:]) else text


def _csv_text(header: list[str], rows: Iterable[dict[str, Any]], guarded: bool = True) -> str:
    buf = io.StringIO(newline="")
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        cell = guard if guarded else (lambda v: "" if v is None else str(v))
        writer.writerow([cell(row.get(col, "")) for col in header])
    return buf.getvalue()


def write_tables(
    tables: Mapping[str, tuple[list[str], Iterable[dict[str, Any]]]],
    out: Path | None,
    extra: dict[str, str] | None = None,
    *,
    guarded: bool = True,
) -> None:
    """Write ``{name: (header, rows)}`` as ``name.csv`` files into folder ``out`` or zip ``out``.

    ``guarded=False`` writes cells verbatim (for machine readers such as neo4j-admin).
    """
    if out is None:
        raise ValueError("this format writes several files: pass --out FOLDER or --out FILE.zip")
    out = Path(out)
    files = {f"{name}.csv": _csv_text(header, rows, guarded) for name, (header, rows) in tables.items()}
    files.update(extra or {})
    if out.suffix.lower() == ".zip":
        tmp = out.with_name(out.name + ".part")
        with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as zf:
            for name, text in files.items():
                zf.writestr(name, text.encode("utf-8"))
        tmp.replace(out)
        return
    tmp = out.with_name(out.name + ".part")
    if tmp.exists():
        shutil.rmtree(tmp)
    tmp.mkdir(parents=True)
    for name, text in files.items():
        (tmp / name).write_bytes(text.encode("utf-8"))
    if out.exists():
        if not out.is_dir() or any(p.name not in files for p in out.iterdir()):
            shutil.rmtree(tmp)
            raise ValueError(f"{out} exists and holds other files; choose a new or empty folder")
        shutil.rmtree(out)
    tmp.replace(out)


def read_tables(path: Path, names: Iterable[str]) -> dict[str, list[tuple[int, dict[str, str]]] | None]:
    """Read ``name.csv`` tables from a folder or zip: ``{name: [(line, row), ...]}``, cells unguarded.

    A table the folder or zip does not hold reads as ``None``.
    """
    path = Path(path)
    out: dict[str, list[tuple[int, dict[str, str]]] | None] = {}
    zf = zipfile.ZipFile(path) if path.suffix.lower() == ".zip" else None
    try:
        for name in names:
            file = f"{name}.csv"
            if not zf and (path / file).exists() and not (path / file).is_file():
                raise ValueError(f"{file}: not a regular file")  # a FIFO would block the read forever
            try:
                data = zf.read(file) if zf else (path / file).read_bytes()
            except (KeyError, FileNotFoundError):
                out[name] = None
                continue
            if csv.field_size_limit() < FIELD_LIMIT:
                csv.field_size_limit(FIELD_LIMIT)
            reader = csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline=""))
            rows = []
            for row in reader:
                if None in row:
                    raise ValueError(f"{file}: line {reader.line_num}: more cells than the header has")
                rows.append((reader.line_num, {k: unguard(v or "") for k, v in row.items()}))
            out[name] = rows
    finally:
        if zf:
            zf.close()
    return out

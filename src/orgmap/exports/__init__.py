"""Exports of the model to formats other tools read (one module per format).

:data:`FORMATS` maps a format name to ``write(store, case_id, out_path_or_None, status=...)``.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any, Callable

__all__ = ["FORMATS", "write_text"]


def write_text(text: str, out: Path | None) -> None:
    """Write to ``out`` atomically (temp file + rename), or to stdout."""
    if out is None:
        sys.stdout.write(text)
        return
    out = Path(out)
    tmp = out.with_name(out.name + ".part")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(out)


def _json(store: Any, case_id: int, out: Path | None, status: str | None = "accepted") -> None:
    from orgmap.exports.model_json import model_document

    doc = model_document(store, case_id, status=status)
    write_text(json.dumps(doc, ensure_ascii=False, indent=2, default=str) + "\n", out)


FORMATS: dict[str, Callable[..., None]] = {"json": _json}

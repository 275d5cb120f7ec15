"""Run extraction on the documents of gold files and score it (rules: docs/gold-format.md).

>>> from orgmap.casefile import CASES_DIR
>>> s = evaluate_gold(CASES_DIR / "qods-force" / "gold.json")
>>> s.entities.f1 > 0.5
True
"""

from __future__ import annotations

import json
from pathlib import Path

from orgmap.evaluate.score import DocumentScore, score_document
from orgmap.extract import extract_document
from orgmap.ingest.decode import read_text_file
from orgmap.ingest.readers import read_sidecar

__all__ = ["evaluate_gold", "load_gold", "predict_gold"]


def load_gold(path: Path | str) -> tuple[dict, Path]:
    """The gold dict and the path of its document; one-line errors name the file.

    >>> import json, pathlib, tempfile
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "memo.txt").write_text("Ali leads the Unit.")
    >>> _ = (folder / "memo.gold.json").write_text(json.dumps({"document": "memo.txt", "entities": []}))
    >>> gold, doc = load_gold(folder / "memo.gold.json")
    >>> doc.name, gold["entities"]
    ('memo.txt', [])
    >>> _ = (folder / "memo.gold.json").write_text("{}")
    >>> load_gold(folder / "memo.gold.json")
    Traceback (most recent call last):
    ...
    ValueError: ...memo.gold.json: a gold file needs a 'document' (path of the text, relative to the gold file)
    """
    p = Path(path)
    try:
        gold = json.loads(p.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ValueError(f"{p}: no such gold file") from None
    except json.JSONDecodeError as exc:
        raise ValueError(f"{p}: not JSON (line {exc.lineno}: {exc.msg})") from None
    if not isinstance(gold, dict) or "document" not in gold:
        raise ValueError(f"{p}: a gold file needs a 'document' (path of the text, relative to the gold file)")
    doc = (p.parent / str(gold["document"])).resolve()
    if not doc.exists():
        raise ValueError(f"{p}: its document {gold['document']!r} is not at {doc}")
    return gold, doc


def predict_gold(document: Path | str, *, name: str | None = None) -> dict:
    """Extraction of one text file, in gold format; a sidecar ``FILE.meta.json`` with
    ``published`` gives the document date that dates "the March ceasefire" (as ingest does)."""
    p = Path(document)
    doc_date = read_sidecar(p).get("published") or None
    return extract_document(read_text_file(p), doc_date=doc_date).to_gold(name or p.name)


def evaluate_gold(path: Path | str) -> DocumentScore:
    """Score extraction against one gold file."""
    gold, doc = load_gold(path)
    score = score_document(gold, predict_gold(doc, name=str(gold["document"])))
    score.document = str(path)
    return score

"""`orgmap extract` and `orgmap eval`: gold-format output and scores with known answers."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from orgmap.casefile import CASES_DIR
from orgmap.cli import app
from orgmap.evaluate import score_document


def _json(*args):
    result = CliRunner().invoke(app, list(args))
    assert result.exit_code == 0, result.output + repr(result.exception)
    return json.loads(result.output)


def test_extract_json_is_gold_format_and_leaves_no_store(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    text = "Laila Haddad, the commander of the Northern Brigade, met Omar Saleh."
    (tmp_path / "d.txt").write_text(text, encoding="utf-8")
    out = _json("extract", "d.txt", "--json")
    assert out["document"] == "d.txt"
    ids = {e["id"] for e in out["entities"]}
    for r in out["relations"]:
        assert r["source"] in ids and r["target"] in ids and r["evidence"] in text
    assert score_document(out, out).strict.f1 == 1.0  # the scorer accepts it as gold
    assert not list(tmp_path.glob("*.db"))


def test_eval_known_answer(tmp_path):
    (tmp_path / "d.txt").write_text(
        "Laila Haddad, the commander of the Northern Brigade, met Omar Saleh.", encoding="utf-8"
    )
    gold = {
        "document": "d.txt",
        "entities": [
            {"id": "l", "name": "Laila Haddad", "type": "person"},
            {"id": "b", "name": "Northern Brigade", "type": "organization"},
            {"id": "o", "name": "Omar Saleh", "type": "person"},
            {"id": "x", "name": "Damascus", "type": "place"},
        ],
        "relations": [
            {"source": "l", "type": "leads", "target": "b", "evidence": "commander of the Northern Brigade"},
            {
                "source": "o",
                "type": "met_with",
                "target": "l",
                "evidence": "met Omar Saleh",
                "modality": "asserted",
            },
            {"source": "o", "type": "funds", "target": "b", "evidence": "Omar Saleh"},
        ],
    }
    g = tmp_path / "d.gold.json"
    g.write_text(json.dumps(gold), encoding="utf-8")
    out = _json("eval", str(g), "--json")
    micro = out["micro"]
    # three of four gold entities exist in the text; extraction finds exactly those three
    assert (micro["entities"]["tp"], micro["entities"]["fp"], micro["entities"]["fn"]) == (3, 0, 1)
    # two of the three gold relations are stated; met_with is symmetric so direction does not matter
    assert (micro["relations_strict"]["tp"], micro["relations_strict"]["fn"]) == (2, 1)
    assert micro["modality"] == {"accuracy": 1.0, "correct": 1, "total": 1}
    assert out["files"][0]["by_type"]["funds"]["fn"] == 1


def test_eval_reports_a_missing_document_clearly(tmp_path):
    g = tmp_path / "g.json"
    g.write_text(json.dumps({"document": "nowhere.txt", "entities": [], "relations": []}))
    result = CliRunner().invoke(app, ["eval", str(g)])
    assert result.exit_code == 1 and "nowhere.txt" in result.output + result.stderr
    assert result.exception is None or isinstance(result.exception, SystemExit)  # a message, no traceback


def test_dev_set_targets_are_met():
    """The targets of the issue: entity F1 >= 0.85, strict relation F1 >= 0.55 on the essay."""
    out = _json("eval", str(CASES_DIR / "qods-force" / "gold.json"), "--json")
    micro = out["micro"]
    assert micro["entities"]["f1"] >= 0.85, micro["entities"]
    assert micro["relations_strict"]["f1"] >= 0.55, micro["relations_strict"]


def test_eval_dates_events_from_the_documents_sidecar(tmp_path):
    (tmp_path / "d.txt").write_text(
        "The March ceasefire between Norland and Sudmark collapsed.", encoding="utf-8"
    )
    (tmp_path / "d.txt.meta.json").write_text(json.dumps({"published": "2024-06-01"}), encoding="utf-8")
    gold = {
        "document": "d.txt",
        "entities": [{"id": "c", "name": "March ceasefire", "type": "event", "date": "2024-03"}],
        "relations": [],
    }
    g = tmp_path / "d.gold.json"
    g.write_text(json.dumps(gold), encoding="utf-8")
    micro = _json("eval", str(g), "--json")["micro"]
    assert micro["entities"]["tp"] == 1 and micro["dates"] == {"accuracy": 1.0, "correct": 1, "total": 1}

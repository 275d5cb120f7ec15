"""Review, merge and unmerge through the CLI: every decision is a judgement with who and why."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from orgmap.cli import app
from orgmap.ingest import ingest_paths
from orgmap.store import Store

TEXT = (
    "Laila Haddad, the commander of the Northern Brigade, met Omar Saleh. "
    "Omar Saleh funds the Northern Brigade. Rana Aziz is a member of the Northern Brigade."
)


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "r.db"
    f = tmp_path / "doc.txt"
    f.write_text(TEXT, encoding="utf-8")
    s = Store.open(str(path), create=True)
    ingest_paths(s, "t", [f])
    s.close()
    return str(path)


def _run(*args, input=None):
    result = CliRunner().invoke(app, list(args), input=input, env={"ORGMAP_USER": "tester"})
    assert result.exit_code == 0, result.output + repr(result.exception)
    return result


def _cands(db):
    s = Store.open(db, create=True)
    cid = s.case_id("t")
    out = sorted(
        s.assertions(cid, kind="relation", status="candidate"), key=lambda a: (-(a.score or 0), a.id)
    )
    return s, cid, out


def test_bulk_accept_above_score(db):
    s, cid, cands = _cands(db)
    cut = sorted(a.score for a in cands)[len(cands) // 2]
    want = {a.id for a in cands if a.score >= cut}
    out = json.loads(_run("review", "--db", db, "--accept-above", str(cut), "--json").output)
    assert {d["id"] for d in out["decisions"]} == want
    accepted = {a.id for a in s.assertions(cid, status="accepted")}
    assert accepted == want
    js = [j for a in want for j in s.judgements("assertion", a)]
    assert len(js) == len(want) and all(j.who == "tester" and j.action == "accept" for j in js)


def test_decisions_file_accept_reject_edit(db, tmp_path):
    s, cid, cands = _cands(db)
    a, b, c = cands[:3]
    decisions = tmp_path / "d.json"
    decisions.write_text(
        json.dumps(
            [
                {"id": a.id, "action": "accept", "why": "clear"},
                {"id": b.id, "action": "reject", "why": "misread"},
                {"id": c.id, "action": "edit", "type": "opposes", "why": "it is hostile"},
            ]
        ),
        encoding="utf-8",
    )
    _run("review", "--db", db, "--decisions", str(decisions))
    assert s.assertion(a.id).status == "accepted" and s.assertion(b.id).status == "rejected"
    assert s.assertion(c.id).status == "superseded"
    [edit] = [j for j in s.judgements("assertion", c.id) if j.action == "edit"]
    new = s.assertion(edit.payload["superseded_by"])
    assert (new.predicate, new.status, new.supersedes, new.origin) == ("opposes", "accepted", c.id, "edited")
    assert [e.quote for e in new.evidence] == [e.quote for e in c.evidence]
    assert s.judgements("assertion", b.id)[0].why == "misread"


def test_bad_decision_leaves_store_unchanged(db, tmp_path):
    s, cid, cands = _cands(db)
    decisions = tmp_path / "d.json"
    decisions.write_text(
        json.dumps([{"id": cands[0].id, "action": "accept"}, {"id": 999999, "action": "accept"}])
    )
    result = CliRunner().invoke(app, ["review", "--db", db, "--decisions", str(decisions)])
    assert result.exit_code != 0
    assert not s.assertions(cid, status="accepted") and not s.judgements("assertion")


def test_interactive_review_from_stdin(db):
    s, cid, cands = _cands(db)
    result = _run("review", "--db", db, input="a\nr\ns\nq\n")
    assert "[reverse]" not in result.output  # markup rendered, never printed raw
    assert s.assertion(cands[0].id).status == "accepted"
    assert s.assertion(cands[1].id).status == "rejected"
    assert s.assertion(cands[2].id).status == "candidate"


def test_review_escapes_hostile_source_text(tmp_path):
    path, f = tmp_path / "h.db", tmp_path / "h.txt"
    f.write_text(
        "Laila Haddad, the commander of the Northern Brigade, met Omar Saleh [bold red]today[/].",
        encoding="utf-8",
    )
    s = Store.open(str(path), create=True)
    ingest_paths(s, "t", [f])
    result = _run("review", "--db", str(path), input="q\n")
    assert "[bold red]today[/]" in " ".join(result.output.split())
    assert "[a]ccept" in result.output


def test_merge_unmerge_and_candidates(tmp_path):
    path = tmp_path / "m.db"
    (tmp_path / "a.txt").write_text("Esmail Qaani leads the Qods Force.", encoding="utf-8")
    (tmp_path / "b.txt").write_text(
        "Ismail Ghaani visited the Quds Force base. Hezbollah cheered.", encoding="utf-8"
    )
    s = Store.open(str(path), create=True)
    ingest_paths(s, "t", [tmp_path / "a.txt"])
    ingest_paths(s, "t", [tmp_path / "b.txt"])
    cid = s.case_id("t")
    merged = {e.name: e for e in s.entities(cid, include_merged=True) if e.merged_into}
    assert {"Ismail Ghaani", "Quds Force"} <= set(merged)  # variant spellings, merged by judgement
    j = next(x for x in s.judgements("entity", merged["Quds Force"].id) if x.action == "merge")
    assert j.who == "orgmap-resolve" and "spelling variant" in j.why
    listed = json.loads(_run("candidates", "--db", str(path), "--merged", "--json").output)
    assert {r["name"] for r in listed} >= {"Quds Force"}
    out = _run("unmerge", f"#{merged['Quds Force'].id}", "--why", "different unit", "--db", str(path))
    assert "unmerged" in out.output
    assert s.entity(merged["Quds Force"].id).merged_into is None
    props = json.loads(_run("candidates", "--db", str(path), "--json").output)
    assert any({p["absorbed_name"], p["into_name"]} == {"Quds Force", "Qods Force"} for p in props)
    _run("merge", "Quds Force", "Qods Force", "--why", "same force after all", "--db", str(path))
    assert s.canonical_id(merged["Quds Force"].id) == s.find_entities(cid, "Qods Force")[0].id
    kinds = [x.action for x in s.judgements("entity", merged["Quds Force"].id)]
    assert kinds == ["merge", "unmerge", "merge"]

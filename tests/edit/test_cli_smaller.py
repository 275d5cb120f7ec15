"""The smaller things a first session hit: --case everywhere, show prints text, the review
prompt says layer, grade and document, the README says how to reach the installed command."""

from __future__ import annotations

from pathlib import Path

from orgmap.model import Assertion, Entity, Evidence, Source

ROOT = Path(__file__).resolve().parents[2]


def test_show_prints_lists_as_text(cli, tmp_path):
    from orgmap.store import Store

    db = tmp_path / "s.db"
    store = Store.open(str(db), create=True)
    case = store.ensure_case("c")
    doc = store.add_source(case, Source(text="Jane Doe, the chief executive and founder, runs Acme."))
    jane = store.add_entity(
        case, Entity("person", "Jane Doe", attributes={"titles": ["chief executive", "founder"]})
    )
    store.add_assertion(case, Assertion(jane, evidence=[Evidence(doc, 0, 8)], status="accepted"))
    store.close()
    code, out, err = cli("show", "Jane Doe", "--db", str(db))
    assert code == 0, err
    assert "titles: chief executive, founder" in out and "['" not in out


def test_review_prompt_shows_layer_grade_and_document(small):
    from orgmap.cli.textcmds import _describe

    store, case, doc = small
    omar = store.add_entity(case, Entity("person", "Omar Haddad"))
    sami = store.add_entity(case, Entity("person", "Sami Haddad"))
    tie = Assertion(
        sami, "reports_to", omar, reliability="B", credibility="2", evidence=[Evidence(doc, 51, 85)]
    )
    a = store.assertion(store.add_assertion(case, tie))
    text = _describe(store, a)
    assert "formal layer" in text and "grade B2" in text and "Small report" in text


def test_case_is_an_option_everywhere_and_the_positional_form_is_noted(cli, qods_db):
    code, out, err = cli("hypotheses", "score", "--case", "qods-force", "--json", "--db", str(qods_db))
    assert code == 0, err
    assert "deprecated" not in err
    code2, out2, err2 = cli("hypotheses", "score", "qods-force", "--json", "--db", str(qods_db))
    assert code2 == 0 and out2 == out and "deprecated; use --case qods-force" in err2
    code3, _, err3 = cli("hypotheses", "score", "qods-force", "--case", "other", "--db", str(qods_db))
    assert code3 == 2 and "give only --case" in err3


def test_readme_tour_says_how_to_reach_the_command_and_uses_case_options():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    tour = readme.split("## A tour", 1)[1].split("## ", 1)[0]
    assert ".venv/bin/orgmap" in tour and "source .venv/bin/activate" in tour
    assert "brief --case qods-force" in tour and "score --case qods-force" in tour


def test_make_demo_shows_install_progress():
    lines = (ROOT / "Makefile").read_text().splitlines()
    install = [line for line in lines if "pip install" in line and "-e" in line]
    assert install and all("--quiet" not in line for line in install)

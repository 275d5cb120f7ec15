"""The case loader on bad input: one-line CaseError naming file and line; the store is untouched."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from orgmap.casefile import CaseError, load_case, read_case

TEXT = "Alice Smith runs Acme Corp since 2021. Bob Jones opposes her.\n"

CASE = """\
case: tiny
title: A tiny case
sources:
  doc:
    file: text.txt
    reliability: C
informants:
  me:
    name: the writer
    reliability: B
defaults:
  informant: me
  credibility: 2
entities:
  - id: alice
    type: person
    name: Alice Smith
    aliases: Alice
  - id: acme
    type: organization
    name: Acme Corp
  - id: bob
    type: person
    name: Bob Jones
relations:
  - id: alice-leads-acme
    source: alice
    type: leads
    target: acme
    quote: Alice Smith runs   Acme Corp
    from: "2021"
  - id: bob-opposes-alice
    source: bob
    type: opposes
    target: alice
    modality: asserted
    quote: Bob Jones opposes her
hypotheses:
  - id: h1
    statement: Alice runs Acme.
evidence_items:
  - id: e1
    relation: alice-leads-acme
    credibility: "2"
    ratings: {h1: C}
"""


def write_case(root: Path, text: str = CASE, name: str = "case") -> Path:
    folder = root / name
    folder.mkdir()
    (folder / "case.yaml").write_text(text, encoding="utf-8")
    (folder / "text.txt").write_text(TEXT, encoding="utf-8")
    return folder


def snapshot(store):
    out = []
    for case in store.cases():
        out.append(
            (
                case.name,
                sorted(e.name for e in store.entities(case.id)),
                sorted(
                    (r.subject.name, r.type, r.object.name, r.assertion.modality)
                    for r in store.relations(case.id)
                ),
                [h.key for h in store.hypotheses(case.id)],
                len(store.items(case.id)),
            )
        )
    return out


def test_the_valid_case_loads(store, tmp_path):
    summary = load_case(store, write_case(tmp_path))
    assert summary["entities"] == 3 and summary["relations"] == 2 and summary["items"] == 1
    case = store.default_case("tiny")
    alice = store.find_entity(case, "Alice")  # a single alias given as text, not as a list
    assert alice.aliases == ["Alice"]
    leads = store.relations(case, types=["leads"])[0]
    assert leads.assertion.valid_from == date(2021, 1, 1)
    assert leads.assertion.grade == "B2"  # the informant's reliability, the default credibility
    ev = leads.assertion.evidence[0]
    assert TEXT[ev.start : ev.end] == "Alice Smith runs Acme Corp"


# (what is wrong, text replaced, replacement, expected problem, text on the line the error names)
BAD = [
    ("malformed YAML", "    name: Acme Corp\n", "    name: [Acme Corp\n", "not valid YAML", None),
    (
        "unknown relation type",
        "type: leads",
        "type: runs",
        "unknown relation type 'runs'",
        "- id: alice-leads-acme",
    ),
    (
        "unknown entity type",
        "type: organization",
        "type: company",
        "unknown entity type 'company'",
        "- id: acme",
    ),
    (
        "unknown entity reference",
        "target: acme",
        "target: acme-inc",
        "target 'acme-inc' is not an entity id",
        "- id: alice-leads-acme",
    ),
    (
        "quote not in the text",
        "quote: Bob Jones opposes her",
        "quote: Bob Jones admires her",
        "quote not found in 'doc': 'Bob Jones admires her'",
        "- id: bob-opposes-alice",
    ),
    (
        "unknown modality",
        "modality: asserted",
        "modality: rumoured",
        "unknown modality 'rumoured'",
        "- id: bob-opposes-alice",
    ),
    (
        "bad reliability grade",
        "    reliability: C\n",
        "    reliability: Z\n",
        "reliability 'Z' is not one of",
        "file: text.txt",
    ),
    (
        "bad credibility grade",
        'credibility: "2"\n    ratings',
        'credibility: "9"\n    ratings',
        "credibility '9' is not one of",
        "- id: e1",
    ),
    (
        "bad date",
        'from: "2021"',
        'from: "2021-02-30"',
        "from: '2021-02-30' is not a date",
        "- id: alice-leads-acme",
    ),
    (
        "not a date at all",
        'from: "2021"',
        "from: last spring",
        "from: 'last spring' is not a date",
        "- id: alice-leads-acme",
    ),
    (
        "from after to",
        'from: "2021"',
        'from: "2021"\n    to: "2020"',
        "'from' is after 'to'",
        "- id: alice-leads-acme",
    ),
    (
        "duplicate entity id",
        "id: bob\n",
        "id: acme\n",
        "entity id 'acme' used twice",
        "- id: acme\n    type: person",
    ),
    (
        "duplicate relation id",
        "id: bob-opposes-alice",
        "id: alice-leads-acme",
        "relation id 'alice-leads-acme' used twice",
        "- id: alice-leads-acme\n    source: bob",
    ),
    (
        "duplicate hypothesis id",
        "hypotheses:\n",
        "hypotheses:\n  - id: h1\n    statement: Twice.\n",
        "hypothesis id 'h1' used twice",
        "- id: h1\n    statement: Alice",
    ),
    (
        "duplicate key",
        "    type: leads\n",
        "    type: leads\n    type: member_of\n",
        "key 'type' appears twice",
        "    type: member_of",
    ),
    (
        "source file outside the case dir",
        "file: text.txt",
        "file: ../outside.txt",
        "source file '../outside.txt' lies outside the case directory",
        "file: ../outside.txt",
    ),
    (
        "missing source file",
        "file: text.txt",
        "file: missing.txt",
        "source file 'missing.txt' not found",
        "file: missing.txt",
    ),
    (
        "rating against an unknown hypothesis",
        "ratings: {h1: C}",
        "ratings: {h1: C, h9: I}",
        "item 'e1' is rated against unknown hypothesis 'h9'",
        "- id: e1",
    ),
    (
        "unknown rating",
        "ratings: {h1: C}",
        "ratings: {h1: maybe}",
        "rating 'maybe' is not one of",
        "- id: e1",
    ),
    (
        "evidence item on an unknown relation",
        "relation: alice-leads-acme\n    credibility",
        "relation: nobody\n    credibility",
        "evidence item 'e1' names unknown relation 'nobody'",
        "- id: e1",
    ),
    (
        "unknown informant",
        "  informant: me\n",
        "  informant: you\n",
        "unknown informant 'you'",
        "- id: alice\n",
    ),
    (
        "misspelt key",
        'from: "2021"',
        'form: "2021"',
        "unknown key 'form' in a relation; known:",
        "- id: alice-leads-acme",
    ),
    (
        "misspelt default",
        "  informant: me\n",
        "  informer: me\n",
        "unknown key 'informer' in defaults",
        "  informer: me",
    ),
    (
        "unknown top-level key",
        "title: A tiny case",
        "title: A tiny case\nauthor: me",
        "unknown top-level key",
        None,
    ),
]


@pytest.mark.parametrize("what, old, new, problem, marker", BAD, ids=[b[0] for b in BAD])
def test_bad_case_fails_on_one_line_and_leaves_the_store_unchanged(
    store, tmp_path, what, old, new, problem, marker
):
    load_case(
        store, write_case(tmp_path, name="good")
    )  # the same case name: a failed reload must not harm it
    before = snapshot(store)
    assert CASE.count(old) >= 1, what
    text = CASE.replace(old, new, 1)
    (tmp_path / "outside.txt").write_text(TEXT)
    folder = write_case(tmp_path, text)
    with pytest.raises(CaseError) as info:
        load_case(store, folder)
    message = str(info.value)
    assert "\n" not in message
    assert problem in message
    assert message.startswith(str(folder / "case.yaml"))
    if marker is not None:
        line = text[: text.index(marker)].count("\n") + 1
        assert info.value.line == line, message
        assert message.startswith(f"{folder / 'case.yaml'}:{line}: ")
    else:
        assert info.value.line is not None, message
    assert snapshot(store) == before


def test_missing_case_file_names_the_directory(store, tmp_path):
    with pytest.raises(CaseError, match=r"no case\.yaml in .*is this a case directory"):
        load_case(store, tmp_path)
    with pytest.raises(CaseError, match="no such case directory"):
        read_case(tmp_path / "nowhere")
    assert snapshot(store) == []


def test_quotes_are_literal_text_not_patterns(tmp_path):
    text = CASE.replace("quote: Bob Jones opposes her", "quote: Bob.*her")
    with pytest.raises(CaseError, match="quote not found"):
        read_case(write_case(tmp_path, text))


def test_quotes_from_a_second_source_and_typographic_quotes(tmp_path):
    text = CASE.replace(
        "  doc:\n    file: text.txt\n",
        "  doc:\n    file: text.txt\n"
        "  note:\n    kind: analyst_note\n    text: “Acme’s” founder took over in 2021.\n",
    )
    text = text.replace(
        '    from: "2021"\n',
        '    from: "2021"\n    quotes:\n      - Alice Smith runs Acme Corp\n'
        '      - {doc: note, quote: "\\"Acme\'s\\" founder took over in 2021"}\n',
    )
    text = text.replace("    quote: Alice Smith runs   Acme Corp\n", "")
    spec = read_case(write_case(tmp_path, text))
    leads = next(r for r in spec.relations if r["key"] == "alice-leads-acme")
    assert [e.doc for e in leads["evidence"]] == ["doc", "note"]
    note = spec.sources["note"]["text"]
    span = leads["evidence"][1]
    assert note[span.start : span.end] == "“Acme’s” founder took over in 2021"


def test_the_documented_example_loads(store, tmp_path):
    """The first YAML block of docs/case-format.md is a working case."""
    doc = (Path(__file__).resolve().parent.parent / "docs" / "case-format.md").read_text(encoding="utf-8")
    example = doc.split("```yaml\n", 1)[1].split("```", 1)[0]
    folder = tmp_path / "acme"
    folder.mkdir()
    (folder / "case.yaml").write_text(example, encoding="utf-8")
    (folder / "report.txt").write_text(
        "After the board vote, Jane Doe now runs Acme. Ms Doe faces the founder's old guard: "
        "staff believe the founder's old guard is working against her, although the board backed her "
        "unanimously.\n",
        encoding="utf-8",
    )
    summary = load_case(store, folder)
    assert (summary["entities"], summary["relations"], summary["hypotheses"], summary["items"]) == (
        4,
        2,
        2,
        2,
    )
    case = store.default_case("acme-board")
    leads = store.relations(case, types=["leads"])[0].assertion
    assert leads.valid_from == date(2023, 3, 1) and len(leads.evidence) == 2
    opposes = store.relations(case, types=["opposes"])[0].assertion
    assert (opposes.grade, opposes.modality, opposes.attribution) == (
        "E4",
        "believed",
        "employees speaking anonymously",
    )

"""Attribution, modality and valid time on sentences written for the test."""

from __future__ import annotations

import pytest
from textkit import relation

from orgmap.extract.timex import parse_date_text


@pytest.mark.parametrize(
    "text, source, rtype, target, modality, who",
    [
        (
            "Diplomats believe that Nora Vance leads the Silver Circle.",
            "Nora Vance",
            "leads",
            "Silver Circle",
            "believed",
            "Diplomats",
        ),
        (
            "Sources close to the family stated that Nora Vance leads the Silver Circle.",
            "Nora Vance",
            "leads",
            "Silver Circle",
            "reported",
            "Sources close to the family",
        ),
        (
            "Nora Vance reportedly leads the Silver Circle.",
            "Nora Vance",
            "leads",
            "Silver Circle",
            "hedged",
            "",
        ),
        (
            "According to police officials, Nora Vance leads the Silver Circle.",
            "Nora Vance",
            "leads",
            "Silver Circle",
            "reported",
            "police officials",
        ),
        (
            "Nora Vance denied that she funds the Silver Circle.",
            "Nora Vance",
            "funds",
            "Silver Circle",
            "denied",
            "",
        ),
        ("Nora Vance leads the Silver Circle.", "Nora Vance", "leads", "Silver Circle", "asserted", ""),
    ],
)
def test_modality_and_attribution(text, source, rtype, target, modality, who):
    _, rel = relation(text, source, rtype, target)
    assert rel.modality == modality
    if who:
        assert rel.attribution == who


def test_negation_is_a_denial():
    _, rel = relation("Nora Vance did not fund the Silver Circle.", "Nora Vance", "funds", "Silver Circle")
    assert rel.modality == "denied"


def test_valid_time_from_sentence_and_document_date():
    from orgmap.extract import extract_document

    r = extract_document("On March 3 Sara Klein replaced Tom Weber.", doc_date="2022-05-01")
    rel = next(x for x in r.relations if x.type == "succeeded")
    assert (rel.valid_text, rel.valid_from) == ("March 3", "2022-03-03")


def test_periods_become_valid_from_and_to():
    from orgmap.extract import extract_document

    r = extract_document(
        "Ann Berg has led Nordic Steel since 2016. Ola Nord ran Fjord Bank from 2012 to 2019."
    )
    got = {(x.type, x.valid_from, x.valid_to, x.valid_text) for x in r.relations}
    assert ("leads", "2016", None, "since 2016") in got
    assert ("leads", "2012", "2019", "from 2012 to 2019") in got


def test_stored_valid_time_covers_the_whole_period(store, tmp_path):
    from datetime import date

    from orgmap.ingest import ingest_paths

    f = tmp_path / "a.txt"
    f.write_text("Ola Nord ran Fjord Bank from March 2012 to 2019.", encoding="utf-8")
    ingest_paths(store, "t", [f])
    [a] = [a for a in store.assertions(store.case_id("t"), kind="relation") if a.predicate == "leads"]
    assert (a.valid_from, a.valid_to) == (date(2012, 3, 1), date(2019, 12, 31))


@pytest.mark.parametrize(
    "text, doc_date, want",
    [
        ("December 2023", None, "2023-12"),
        ("14 October 2023", None, "2023-10-14"),
        ("2019", None, "2019"),
        ("October 7", "2023-11-01", "2023-10-07"),
        ("October 7", None, None),
        ("last week", "2023-11-01", None),
        ("2024-02-29", None, "2024-02-29"),
    ],
)
def test_parse_date_text(text, doc_date, want):
    assert parse_date_text(text, doc_date) == want

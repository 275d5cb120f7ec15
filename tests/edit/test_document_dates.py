"""Dates that exist: a document's own date (front matter, a head line, HTML meta) dates its
relative words; words that name no date are left out; a failed ingest creates no case."""

from __future__ import annotations

import pytest

from orgmap.extract.timex import relative_date, valid_time
from orgmap.ingest import ingest_paths, read_document
from orgmap.ingest.readers import iso_date


@pytest.mark.parametrize(
    "name, text, published, starts",
    [
        (
            "a.md",
            "---\ntitle: Haddad report\ndate: 2022-04-11\nauthor: A. Writer\n---\n# Heading\n\nOmar leads.",
            "2022-04-11",
            "# Heading",
        ),
        ("b.md", "---\ndate: April 2021\n---\nOmar leads.", "2021-04", "Omar leads."),
        ("c.txt", "Treasury press release\nApril 11, 2022\n\nOmar leads.", "2022-04-11", "Treasury press"),
        ("d.txt", "Date: 11 April 2022\nOmar leads.", "2022-04-11", "Date: 11 April 2022"),
        ("e.txt", "Omar leads.\n\nIn 2019 he left.", "", "Omar leads."),  # a year in prose: no document date
        (
            "f.html",
            '<html><head><meta property="article:published_time" content="2022-04-11T09:30:00Z">'
            "</head><body><p>Omar Haddad leads the Nero Group in Dublin.</p></body></html>",
            "2022-04-11",
            "Omar Haddad",
        ),
        (
            "g.html",
            '<html><body><article><time datetime="2020-02-03">3 Feb</time><p>Omar Haddad leads the Nero '
            "Group in Dublin.</p></article></body></html>",
            "2020-02-03",
            "Omar Haddad",
        ),
    ],
)
def test_the_document_date_comes_from_the_document(tmp_path, name, text, published, starts):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    doc = read_document(path)
    assert doc.published == published
    assert doc.text.startswith(starts)
    if name == "a.md":
        assert (doc.title, doc.author) == ("Haddad report", "A. Writer")


def test_bad_front_matter_is_one_line(tmp_path):
    from orgmap.ingest.decode import UnreadableDocument

    path = tmp_path / "bad.md"
    path.write_text("---\ndate: [2022\n---\ntext", encoding="utf-8")
    with pytest.raises(UnreadableDocument, match="front matter is not valid YAML"):
        read_document(path)


@pytest.mark.parametrize(
    "phrase, doc_date, want",
    [
        ("today", "2022-04-11", "2022-04-11"),
        ("yesterday", "2022-03-01", "2022-02-28"),
        ("last year", "2022-04-11", "2021"),
        ("this year", "2022", "2022"),
        ("last month", "2022-01-15", "2021-12"),
        ("today", None, None),
        ("today", "2022", None),
        ("several years", "2022-04-11", None),
    ],
)
def test_relative_words_resolve_against_the_document_date(phrase, doc_date, want):
    assert relative_date(phrase, doc_date) == want


@pytest.mark.parametrize(
    "sentence, dates, want",
    [
        ("He has led it since last year.", ["last year"], ("2021", None, "since 2021")),
        ("He has worked for them for several years.", ["several years"], (None, None, "")),
        ("In recent years he joined them.", ["recent years"], (None, None, "")),
        ("Today he joined them.", ["Today"], (None, None, "")),  # the report's date, kept as reported_on
        ("Yesterday he joined them.", ["Yesterday"], ("2022-04-10", None, "2022-04-10")),
        (
            "Since February 2016 he has fought them.",
            ["February 2016"],
            ("2016-02", None, "since February 2016"),
        ),
    ],
)
def test_valid_time_never_keeps_a_relative_word(sentence, dates, want):
    assert valid_time(sentence, dates, "2022-04-11") == want


def test_iso_date_refuses_what_is_not_a_date():
    assert [iso_date(x) for x in ("soon", "", "Monday", "2022-13-01", "2022-02-30")] == ["", "", "", "", ""]


def test_ingest_dates_relative_words_from_front_matter(store, tmp_path):
    path = tmp_path / "note.md"
    path.write_text(
        "---\ndate: 2022-04-11\n---\nOmar Haddad has led the Nero Group since last year.\n", encoding="utf-8"
    )
    ingest_paths(store, "dated", [path])
    case = store.case_id("dated")
    assert store.sources(case)[0].published == "2022-04-11"
    [rel] = store.relations(case, status=None)
    assert (str(rel.assertion.valid_from), rel.assertion.valid_text) == ("2021-01-01", "since 2021")


def test_a_failed_ingest_creates_no_case(store, tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    report = ingest_paths(store, "nothing", [empty, tmp_path / "missing.txt"])
    assert report.count("failed") == 2
    assert store.case_id("nothing", missing_ok=True) is None
    # an existing case stays, even when nothing new goes into it
    store.ensure_case("kept")
    ingest_paths(store, "kept", [empty])
    assert store.case_id("kept", missing_ok=True) is not None

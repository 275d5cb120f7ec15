"""Ingest: formats, metadata, deduplication, bad input, interrupted runs."""

from __future__ import annotations

import json

import pytest
from pdfkit import make_pdf

from orgmap.ingest import UnreadableDocument, ingest_paths, read_document

TEXT = (
    "Laila Haddad, the commander of the Northern Brigade, met Omar Saleh in Homs. "
    "Omar Saleh funds the Northern Brigade."
)


def _case(store, name="t"):
    return store.case_id(name)


def test_txt_is_stored_once_with_sentences_and_candidates(store, tmp_path):
    f = tmp_path / "a.txt"
    f.write_text(TEXT, encoding="utf-8")
    report = ingest_paths(store, "t", [f, f])
    assert [r.status for r in report.rows] == ["ingested", "skipped"]
    cid = _case(store)
    [src] = store.sources(cid)
    passages = store.passages(src.id)
    assert len(passages) == 2 and TEXT[passages[1].start : passages[1].end].startswith("Omar Saleh funds")
    rels = store.assertions(cid, kind="relation")
    assert rels and all(a.status == "candidate" and a.origin == "extracted" and a.score for a in rels)
    for a in rels + store.assertions(cid, kind="entity"):
        for ev in a.evidence:
            assert ev.quote == TEXT[ev.start : ev.end]
    names = {e.name for e in store.entities(cid)}
    assert {"Laila Haddad", "Northern Brigade", "Omar Saleh"} <= names


def test_same_content_under_another_name_is_one_source(store, tmp_path):
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "copy.md").write_text(TEXT, encoding="utf-8")
    report = ingest_paths(store, "t", [tmp_path])
    assert sorted(r.status for r in report.rows) == ["ingested", "skipped"]
    assert len(store.sources(_case(store))) == 1


def test_html_main_text_only_and_metadata(tmp_path):
    page = tmp_path / "p.html"
    page.write_text(
        "<html><head><title>Brigade news</title><meta name='author' content='R. Writer'>"
        "<meta property='article:published_time' content='2024-02-01T10:00:00Z'><script>var x=1;</script></head>"
        "<body><nav>Home | World | Sport</nav><header>Daily Paper</header><main><p>" + TEXT + "</p></main>"
        "<aside>Most read: celebrity news</aside><footer>Copyright</footer></body></html>",
        encoding="utf-8",
    )
    doc = read_document(page)
    assert doc.text == TEXT
    assert (doc.title, doc.author, doc.published) == ("Brigade news", "R. Writer", "2024-02-01")


def test_pdf_text_layer_and_metadata(tmp_path):
    f = tmp_path / "r.pdf"
    f.write_bytes(make_pdf(["Laila Haddad commands the Northern Brigade."]))
    doc = read_document(f)
    assert "Laila Haddad commands the Northern Brigade." in doc.text
    assert (doc.title, doc.author, doc.published) == ("Test report", "Ann Analyst", "2024-03-05")


def test_sidecar_and_options_override_metadata(store, tmp_path):
    f = tmp_path / "a.txt"
    f.write_text(TEXT, encoding="utf-8")
    (tmp_path / "a.txt.meta.json").write_text(
        json.dumps({"title": "Field report", "publisher": "Desk", "published": "2023-05"}), encoding="utf-8"
    )
    ingest_paths(store, "t", [tmp_path], overrides={"publisher": "Override Desk"})
    [src] = store.sources(_case(store))
    assert (src.title, src.publisher, src.published) == ("Field report", "Override Desk", "2023-05")


@pytest.mark.parametrize(
    "name, content, why",
    [
        ("empty.txt", b"", "empty file"),
        ("blank.txt", b"   \n\n", "no text"),
        ("binary.txt", b"\x00\x01\x02\x03ELF" * 50, "binary data"),
        ("latin.txt", "Caf\u00e9 Brigade".encode("latin-1"), "not UTF-8"),
        ("cut.txt", "Qods Force \u2014 Unit 400 \u2713".encode("utf-8")[:-1], "not UTF-8"),
        ("trunc.pdf", make_pdf(["Some text here."])[:200], "damaged or truncated PDF"),
        ("scan.pdf", make_pdf(None), "no text layer"),
        (
            "nav.html",
            b"<html><body><nav><a href='/'>Home</a> <a href='/x'>News</a></nav><footer>(c)</footer></body></html>",
            "no main text",
        ),
        ("notes.docx", b"PK\x03\x04", "unsupported file type"),
    ],
)
def test_bad_files_get_one_clear_reason(tmp_path, name, content, why):
    f = tmp_path / name
    f.write_bytes(content)
    with pytest.raises(UnreadableDocument) as exc:
        read_document(f)
    assert why in str(exc.value) and name in str(exc.value)


def test_huge_file_is_refused_before_reading(tmp_path, monkeypatch):
    f = tmp_path / "huge.txt"
    with open(f, "wb") as fh:  # sparse: 100 MB on paper, nothing on disk
        fh.truncate(100 * 1024 * 1024)
    from pathlib import Path

    def boom(*a, **k):
        raise AssertionError("the file was read")

    monkeypatch.setattr(Path, "read_bytes", boom)
    with pytest.raises(
        UnreadableDocument,
        match=r"104,857,600 bytes \(104.9 MB\) is over the "
        r"52,428,800-byte \(52.4 MB\) limit",
    ):
        read_document(f)


def test_nul_bytes_never_reach_the_store(store, tmp_path):
    """PostgreSQL text cannot hold NUL: it is dropped when the document is read (issue 16, item 9)."""
    doc = tmp_path / "nul.txt"
    doc.write_bytes(TEXT.encode() + b" " * 9000 + b"Rana\x00 Aziz leads the Eastern Front.")
    assert "\x00" not in read_document(doc).text
    report = ingest_paths(store, "t", [doc])
    assert report.rows[0].status == "ingested"


def test_batch_goes_on_and_summary_says_why(store, tmp_path):
    (tmp_path / "good.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "bad.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 20)
    (tmp_path / "empty.md").write_bytes(b"")
    report = ingest_paths(store, "t", [tmp_path, tmp_path / "missing.txt"])
    status = {r.path.split("/")[-1]: (r.status, r.detail) for r in report.rows}
    assert status["good.txt"][0] == "ingested"
    assert status["bad.txt"][0] == "failed" and status["empty.md"][1].endswith("empty file")
    assert status["missing.txt"] == ("failed", f"{tmp_path / 'missing.txt'}: no such file")
    assert len(store.sources(_case(store))) == 1


def test_interrupted_ingest_leaves_nothing_half_written_and_rerun_finishes(store, tmp_path, monkeypatch):
    import orgmap.ingest.write as run  # write_document calls write_result inside its transaction

    for n, who in enumerate(["Laila Haddad", "Omar Saleh", "Rana Aziz"]):
        (tmp_path / f"{n}.txt").write_text(
            f"{who} is the commander of the Northern Brigade.", encoding="utf-8"
        )
    real, calls = run.write_result, []

    def crash_on_second(*a, **k):
        calls.append(1)
        if len(calls) == 2:
            raise KeyboardInterrupt
        return real(*a, **k)

    monkeypatch.setattr(run, "write_result", crash_on_second)
    with pytest.raises(KeyboardInterrupt):
        ingest_paths(store, "t", [tmp_path])
    cid = _case(store)
    assert len(store.sources(cid)) == 1  # the second document's source was rolled back with it
    monkeypatch.setattr(run, "write_result", real)
    report = ingest_paths(store, "t", [tmp_path])
    assert [r.status for r in report.rows] == ["skipped", "ingested", "ingested"]
    assert len(store.sources(cid)) == 3
    leads = store.assertions(cid, kind="relation")
    assert len([a for a in leads if a.predicate == "leads"]) == 3
    brigade = store.find_entities(cid, "Northern Brigade")
    assert len(brigade) == 1  # matched by name across documents, not duplicated


def test_people_sharing_a_surname_stay_apart_across_documents(store, tmp_path):
    (tmp_path / "a.txt").write_text(
        "Omar Haddad funds the Northern Brigade. Haddad denies it.", encoding="utf-8"
    )
    (tmp_path / "b.txt").write_text("Laila Haddad leads the Southern Front. Haddad spoke.", encoding="utf-8")
    ingest_paths(store, "t", [tmp_path])
    cid = _case(store)
    people = {e.name for e in store.entities(cid, type="person")}
    assert {"Omar Haddad", "Laila Haddad"} <= people
    assert len(store.find_entities(cid, "Northern Brigade")) == 1


def test_too_long_for_the_parser_and_extraction_errors_are_per_file(store, tmp_path, monkeypatch):
    import orgmap.ingest.run as run
    from orgmap.extract.nlp import get_nlp

    monkeypatch.setattr(get_nlp(), "max_length", 200)
    (tmp_path / "long.txt").write_text("Omar Saleh funds the Northern Brigade. " * 10, encoding="utf-8")
    (tmp_path / "ok.txt").write_text(TEXT, encoding="utf-8")
    report = ingest_paths(store, "t", [tmp_path])
    rows = {r.path.split("/")[-1]: r for r in report.rows}
    assert rows["long.txt"].status == "failed" and "split the document" in rows["long.txt"].detail
    assert rows["ok.txt"].status == "ingested"

    def broken(*a, **k):
        raise RuntimeError("pattern bug")

    monkeypatch.setattr(run, "extract_parsed", broken)
    (tmp_path / "new.txt").write_text("Rana Aziz leads the Eastern Front.", encoding="utf-8")
    report = ingest_paths(store, "t", [tmp_path / "new.txt"])
    assert report.rows[0].status == "failed" and "pattern bug" in report.rows[0].detail
    assert len(store.sources(_case(store))) == 1


def test_yaml_sidecar_alias_bomb_is_refused(tmp_path):
    """308 bytes of YAML once made a 312 MB title (issue 16, item 5)."""
    doc = tmp_path / "note.txt"
    doc.write_text(TEXT, encoding="utf-8")
    bomb = "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
        f"{c}: &{c} [*{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}]\n"
        for p, c in zip("abcdefgh", "bcdefghi")
    )
    (tmp_path / "note.txt.meta.yaml").write_text(bomb + "title: *i\n", encoding="utf-8")
    with pytest.raises(UnreadableDocument, match=r"unreadable sidecar \(.*more than 10 aliases"):
        read_document(doc)


def test_sidecar_fields_are_capped_and_must_be_scalars(tmp_path):
    from orgmap.ingest.readers import MAX_FIELD_CHARS

    doc = tmp_path / "note.txt"
    doc.write_text(TEXT, encoding="utf-8")
    side = tmp_path / "note.txt.meta.json"
    side.write_text(
        json.dumps({"title": "T" * 60_000, "published": "2024-01-01" + "9" * 100}), encoding="utf-8"
    )
    read = read_document(doc)
    assert read.title == "T" * MAX_FIELD_CHARS and read.published == ("2024-01-01" + "9" * 100)[:32]
    side.write_text(json.dumps({"title": ["a", ["b"]]}), encoding="utf-8")
    with pytest.raises(UnreadableDocument, match="field 'title' must be text"):
        read_document(doc)

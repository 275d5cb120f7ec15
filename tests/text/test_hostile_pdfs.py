"""Hostile PDFs (issue 16, item 3): each is skipped with its reason, the folder goes on.

The files are built here (tests/text/pdfkit.py) so that each carries exactly one attack.
"""

from __future__ import annotations

import pytest
from pdfkit import (
    encrypted_pdf,
    flate_bomb_pdf,
    huge_length_pdf,
    make_pdf,
    many_pages_pdf,
    page_tree_cycle_pdf,
    unknown_filter_pdf,
)

from orgmap.ingest import ingest_paths
from orgmap.ingest.decode import UnreadableDocument
from orgmap.ingest.pdf import MAX_PAGES, MAX_STREAM_BYTES, read_pdf
from orgmap.web.security import UploadRefused
from orgmap.web.uploads import ingest_upload

HOSTILE = {
    "aes.pdf": (lambda: encrypted_pdf(), "encrypted PDF"),
    "custom_crypt.pdf": (lambda: encrypted_pdf(b"/OrgmapCrypt"), "encrypted PDF (non-standard encryption)"),
    "bomb.pdf": (lambda: flate_bomb_pdf(MAX_STREAM_BYTES + 5_000_000), "over a safety limit"),
    "huge_length.pdf": (huge_length_pdf, "over a safety limit"),
    "unknown_filter.pdf": (unknown_filter_pdf, "compression filter or feature orgmap cannot read"),
    "cycle.pdf": (page_tree_cycle_pdf, "page tree loops back on itself"),
    "pages.pdf": (lambda: many_pages_pdf(MAX_PAGES + 1), f"{MAX_PAGES + 1:,} pages is over the"),
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_each_hostile_pdf_is_refused_with_its_reason(name):
    build, reason = HOSTILE[name]
    with pytest.raises(UnreadableDocument) as exc:
        read_pdf(build(), name)
    message = str(exc.value)
    assert message.startswith(f"{name}: ") and reason in message and "\n" not in message


def test_the_bomb_is_small_on_disk():
    """The bomb is a real one: a few hundred kilobytes that would inflate past the limit."""
    assert len(flate_bomb_pdf(MAX_STREAM_BYTES + 5_000_000)) < MAX_STREAM_BYTES / 50


def test_a_folder_with_hostile_pdfs_goes_on(store, tmp_path):
    (tmp_path / "good.pdf").write_bytes(make_pdf(["Laila Haddad leads the Northern Brigade."]))
    for name, (build, _) in HOSTILE.items():
        (tmp_path / name).write_bytes(build())
    report = ingest_paths(store, "t", [tmp_path])
    rows = {r.path.rsplit("/", 1)[-1]: r for r in report.rows}
    assert rows["good.pdf"].status == "ingested"
    for name, (_, reason) in HOSTILE.items():
        assert rows[name].status == "failed" and reason in rows[name].detail, rows[name]
    assert [s.title for s in store.sources(store.case_id("t"))] == ["Test report"]


@pytest.mark.parametrize("name", ["aes.pdf", "bomb.pdf", "cycle.pdf"])
def test_web_upload_refuses_with_the_reason_and_keeps_no_file(store, tmp_path, name):
    build, reason = HOSTILE[name]
    case = store.ensure_case("c")
    with pytest.raises(UploadRefused, match=reason.split(" (")[0]):
        ingest_upload(store, case, build(), tmp_path / "up", name=name)
    assert list((tmp_path / "up").iterdir()) == []
    assert store.sources(case) == []

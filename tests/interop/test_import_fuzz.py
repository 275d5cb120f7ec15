"""Importers under fuzzing (issue 16, item 4): a hostile file gives one line naming it, never a traceback.

Each importer gets files derived from a good export of a small case, with one part
replaced by arbitrary data (hypothesis), plus the crash sites the attack found: deep
JSON, unhashable ids, wrong JSON types, bad zips, a FIFO in a CSV folder. Whatever
happens, the import either succeeds or raises :class:`ImportFailed` whose message is one
line naming the file, and a failed import leaves the store as it was.
"""

from __future__ import annotations

import json
import os
import tempfile
import threading
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from orgmap.exports import FORMATS
from orgmap.imports import ImportFailed, import_file
from orgmap.model import Assertion, Entity, Evidence, Source
from orgmap.store import Store

FUZZ = settings(
    max_examples=40,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
TEXT = "Laila Haddad leads the Northern Brigade. Omar Saleh funds the Northern Brigade."

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12,
)


@pytest.fixture(scope="module")
def exports(tmp_path_factory):
    """A small case exported once in each importable format: {format: path}."""
    d = tmp_path_factory.mktemp("exports")
    store = Store.open(str(d / "src.db"), create=True)
    case = store.ensure_case("small")
    sid = store.add_source(case, Source(text=TEXT, title="report", key="r1"))
    laila, omar = (store.add_entity(case, Entity("person", n)) for n in ("Laila Haddad", "Omar Saleh"))
    brigade = store.add_entity(case, Entity("organization", "Northern Brigade", aliases=["the Brigade"]))
    store.add_assertions(
        case,
        [
            Assertion(laila, "leads", brigade, status="accepted", evidence=[Evidence(sid, 0, 40)]),
            Assertion(omar, "funds", brigade, evidence=[Evidence(sid, 41, len(TEXT))], modality="reported"),
            Assertion(laila, evidence=[Evidence(sid, 0, 12)]),
        ],
    )
    paths = {"graphml": d / "small.graphml", "ftm": d / "small.jsonl", "csv": d / "small_csv"}
    for fmt, path in paths.items():
        FORMATS[fmt](store, case, path, status=None)
    store.close()
    return paths


@pytest.fixture
def target(tmp_path):
    s = Store.open(str(tmp_path / "target.db"), create=True)
    yield s
    s.close()


def _counts(store):
    return [
        (
            c.name,
            len(store.entities(c.id, include_merged=True)),
            len(store.assertions(c.id)),
            len(store.sources(c.id)),
        )
        for c in store.cases()
    ]


def _one_line_or_success(store, path: Path, **kw) -> str:
    """Import ``path``: "ok", or "failed" after checking the error is one line naming the file."""
    before = _counts(store)
    try:
        import_file(store, path, case="fuzzed", **kw)
    except ImportFailed as exc:
        message = str(exc)
        assert "\n" not in message and path.name in message, message
        assert "Traceback" not in message
        assert _counts(store) == before
        return "failed"
    store.delete_case("fuzzed")  # next example starts from the same store
    return "ok"


def _scratch(tmp_path: Path) -> Path:
    return Path(tempfile.mkdtemp(dir=tmp_path))


# -- FtM entity streams ----------------------------------------------------------------------


@FUZZ
@given(data=st.data())
def test_ftm_fuzz(exports, target, tmp_path, data):
    lines = [json.loads(x) for x in exports["ftm"].read_text().splitlines() if x.strip()]
    n = data.draw(st.integers(0, len(lines) - 1))
    how = data.draw(st.sampled_from(["replace line", "replace field", "replace property"]))
    if how == "replace line":
        lines[n] = data.draw(json_values)
    elif how == "replace field":
        lines[n][data.draw(st.sampled_from(["id", "schema", "properties"]))] = data.draw(json_values)
    else:
        props = lines[n].setdefault("properties", {})
        key = data.draw(st.sampled_from(sorted(props) or ["name"]))
        props[key] = data.draw(json_values)
    path = _scratch(tmp_path) / "fuzzed.jsonl"
    path.write_text("".join(json.dumps(x) + "\n" for x in lines), encoding="utf-8")
    _one_line_or_success(target, path)


@pytest.mark.parametrize(
    "line, says",
    [
        ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
        ('{"id": ["unhashable"], "schema": "Person", "properties": {}}', "text 'id' and 'schema'"),
        ('{"id": "p1", "schema": {"a": 1}, "properties": {}}', "text 'id' and 'schema'"),
        ('["not", "an", "entity"]', "text 'id' and 'schema'"),
        ('{"id": "p1", "schema": "Person", "properties": {"name": [1, 2]}}', "must be a list of strings"),
    ],
)
def test_ftm_crash_sites_give_one_line(target, tmp_path, line, says):
    path = tmp_path / "bad.jsonl"
    path.write_text(line + "\n", encoding="utf-8")
    with pytest.raises(ImportFailed, match=says) as exc:
        import_file(target, path)
    assert str(exc.value).startswith("bad.jsonl: line 1: ") or "nested" in str(exc.value)
    assert "\n" not in str(exc.value) and target.cases() == []


# -- CSV exports (folders and zips) ----------------------------------------------------------


@FUZZ
@given(data=st.data())
def test_csv_fuzz(exports, target, tmp_path, data):
    folder = _scratch(tmp_path) / "fuzzed_csv"
    folder.mkdir()
    for f in exports["csv"].iterdir():
        (folder / f.name).write_bytes(f.read_bytes())
    table = data.draw(st.sampled_from(["nodes", "assertions", "evidence", "sources"]))
    lines = (folder / f"{table}.csv").read_text(encoding="utf-8").splitlines()
    n = data.draw(st.integers(0, len(lines) - 1))
    cells = lines[n].split(",")
    cells[data.draw(st.integers(0, len(cells) - 1))] = data.draw(
        st.text(max_size=30) | json_values.map(json.dumps)
    )
    lines[n] = ",".join(cells)
    (folder / f"{table}.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    _one_line_or_success(target, folder)


@FUZZ
@given(cut=st.integers(0, 4000), junk=st.binary(max_size=64))
def test_csv_zip_fuzz(exports, target, tmp_path, cut, junk):
    """A zip export truncated or with bytes spliced in."""
    path = _scratch(tmp_path) / "fuzzed.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for f in sorted(exports["csv"].iterdir()):
            zf.write(f, f.name)
    raw = path.read_bytes()
    cut = min(cut, len(raw))
    path.write_bytes(raw[:cut] + junk + raw[cut + len(junk) :])
    _one_line_or_success(target, path)


def test_a_fifo_in_a_csv_folder_does_not_hang(exports, target, tmp_path):
    folder = tmp_path / "with_fifo"
    folder.mkdir()
    for f in exports["csv"].iterdir():
        if f.name != "nodes.csv":
            (folder / f.name).write_bytes(f.read_bytes())
    os.mkfifo(folder / "nodes.csv")
    outcome: list = []
    worker = threading.Thread(
        target=lambda: outcome.append(_one_line_or_success(target, folder)), daemon=True
    )
    worker.start()
    worker.join(timeout=30)
    if worker.is_alive():  # unblock the reader before failing, so the test run can end
        with open(folder / "nodes.csv", "w"):
            pass
        pytest.fail("the import blocked on a FIFO")
    assert outcome == ["failed"]


def test_a_fifo_as_the_import_path_is_refused(target, tmp_path):
    os.mkfifo(tmp_path / "stream.jsonl")
    with pytest.raises(ImportFailed, match="stream.jsonl: not a regular file"):
        import_file(target, tmp_path / "stream.jsonl")


# -- GraphML -----------------------------------------------------------------------------------


@FUZZ
@given(data=st.data())
def test_graphml_fuzz(exports, target, tmp_path, data):
    from lxml import etree

    tree = etree.parse(str(exports["graphml"]))
    cells = tree.getroot().iter("{http://graphml.graphdrawing.org/xmlns}data")
    cells = list(cells)
    cell = cells[data.draw(st.integers(0, len(cells) - 1))]
    value = data.draw(st.text(max_size=30) | json_values.map(json.dumps))
    cell.text = "".join(
        ch
        for ch in value
        if ch in "\t\n\r"
        or (ord(ch) >= 0x20 and not 0xD800 <= ord(ch) < 0xE000 and ord(ch) not in (0xFFFE, 0xFFFF))
    )
    path = _scratch(tmp_path) / "fuzzed.graphml"
    tree.write(str(path), encoding="utf-8")
    _one_line_or_success(target, path)


@FUZZ
@given(cut=st.integers(0, 20000))
def test_graphml_truncated(exports, target, tmp_path, cut):
    path = _scratch(tmp_path) / "cut.graphml"
    path.write_bytes(exports["graphml"].read_bytes()[:cut])
    _one_line_or_success(target, path)


# -- re-runs and --replace (issue 16, item 7) ------------------------------------------------


@pytest.mark.parametrize("fmt", ["graphml", "ftm", "csv"])
def test_importing_twice_adds_nothing(exports, target, fmt):
    first = import_file(target, exports[fmt], case="again")
    before = _counts(target)
    second = import_file(target, exports[fmt], case="again")
    assert _counts(target) == before
    assert first["new_assertions"] > 0 and second["new_assertions"] == 0 and second["new_entities"] == 0


def test_replace_refuses_to_drop_judgements_without_the_flag(exports, target):
    import_file(target, exports["csv"], case="judged")
    case = target.case_id("judged")
    aid = next(a.id for a in target.assertions(case) if a.status == "candidate")
    target.set_status(aid, "accepted", who="ann", why="checked the source")
    before = _counts(target)
    with pytest.raises(ImportFailed, match=r"carries 1 analyst judgement\(s\).*--discard-judgements"):
        import_file(target, exports["csv"], case="judged", replace=True)
    assert _counts(target) == before and target.assertion(aid).status == "accepted"
    import_file(target, exports["csv"], case="judged", replace=True, discard_judgements=True)
    assert target.judgement_count(target.case_id("judged")) == 0

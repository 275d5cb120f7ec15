"""The entity index kept across documents answers exactly as a fresh rebuild from the store would.

The reference here is built from the public read API (``Store.entities``: canonical
entities with the aliases of those merged into them, in id order; a name belongs to the
first entity that carries it), independently of the index's own SQL.
"""

from __future__ import annotations

import sqlalchemy as sa

from orgmap.casefile import CASES_DIR
from orgmap.ingest import ingest_paths
from orgmap.ingest.index import EntityIndex, linkable
from orgmap.model import Entity
from orgmap.names import normalize_name
from orgmap.resolve.variants import variant_score
from orgmap.store import tables as t


def reference(store, case_id):
    """(name → id, spelling-variant answers) as a rebuild per document made them, by brute force."""
    ids, pool = {}, []
    for e in store.entities(case_id):
        for n in (e.name, *e.aliases):
            if linkable(n, e.type):
                ids.setdefault((normalize_name(n), e.type), e.id)
            pool.append((e, n))
    variants = {}
    for probe, etype in _probes(pool):
        words = len(normalize_name(probe).split())
        score, eid = max(
            (
                (variant_score(probe, n), -e.id)
                for e, n in pool
                if e.type == etype and len(normalize_name(n).split()) == words
            ),
            default=(0.0, 0),
        )
        variants[(probe, etype)] = (score, -eid) if score >= 90 else (0.0, None)
    return ids, variants


def _probes(pool):
    """Every known name and a few respellings of it (vowels, case, a plural, a number, an article)."""
    out = set()
    for e, n in pool:
        for probe in (n, n.upper(), n.replace("a", "e").replace("o", "u"), n + "s", n + " 7", "al-" + n):
            out.add((probe, e.type))
    return sorted(out)


def seen(index):
    ids = dict(index.keys())
    pool = [(index._entity[root], n) for root, names in index._names.items() for n in names]
    variants = {}
    for probe, etype in _probes(pool):
        score, entity = index.best_variant(probe, etype)
        variants[(probe, etype)] = (score, entity.id if entity else None)
    return ids, variants


class RebuildEveryTime(EntityIndex):
    """The behaviour before the index: everything reloaded for each document."""

    def sync(self):
        self._load()
        return "rebuilt"


def test_index_follows_additions_merges_unmerges_and_rollbacks(store):
    case = store.ensure_case("c")
    a = store.add_entity(case, Entity("organization", "Northern Brigade", aliases=["the Brigade"]))
    b = store.add_entity(case, Entity("organization", "Northern Brigades"))
    store.add_entity(case, Entity("organization", "Unit 400", aliases=["Hizballah"]))
    store.add_entity(case, Entity("organization", "Unit 840", aliases=["Hezbollah", "Quds Force"]))
    index = EntityIndex(store, case)
    assert seen(index) == reference(store, case)
    assert index.sync() == "current"

    c = store.add_entity(case, Entity("person", "Omar Saleh", aliases=["Saleh"]))
    store.add_aliases(a, ["Brigade of the North"])
    assert index.sync() == "incremental" and seen(index) == reference(store, case)
    assert index.lookup("brigade of the north", "organization") == a
    assert index.lookup("Saleh", "person") is None  # a bare surname links nothing

    # a new entity merged at once (what the resolver does) is read incrementally
    with store.transaction():
        d = store.add_entity(case, Entity("person", "Omar Salih"))
        store.merge(d, c, who="test", why="variant")
    assert index.sync() == "incremental" and seen(index) == reference(store, case)
    assert index.lookup("omar salih", "person") == c

    # an analyst merging or unmerging known entities makes it start again
    store.merge(b, a, who="analyst", why="same unit")
    assert index.sync() == "rebuilt" and seen(index) == reference(store, case)
    assert index.lookup("Northern Brigades", "organization") == a
    store.unmerge(b, who="analyst", why="two units after all")
    assert index.sync() == "rebuilt" and seen(index) == reference(store, case)
    assert index.lookup("Northern Brigades", "organization") == b

    # a rolled-back document leaves no trace in the index
    before = seen(index)
    try:
        with store.transaction():
            store.add_entity(case, Entity("person", "Ghost Writer"))
            raise RuntimeError("document failed")
    except RuntimeError:
        pass
    assert index.sync() == "current" and seen(index) == before == reference(store, case)
    assert index.lookup("ghost writer", "person") is None


def test_an_alias_added_to_an_older_entity_wins_the_name_as_a_rebuild_would(store):
    case = store.ensure_case("c")
    old = store.add_entity(case, Entity("organization", "Acme Holdings"))
    newer = store.add_entity(case, Entity("organization", "Acme Group", aliases=["Acme Trading"]))
    index = EntityIndex(store, case)
    assert index.lookup("acme trading", "organization") == newer
    with store.engine.begin() as c:  # another writer gives the older entity the same alias
        c.execute(sa.insert(t.aliases).values(entity_id=old, alias="Acme Trading", normalized="acme trading"))
    index.sync()
    assert seen(index) == reference(store, case)
    assert index.lookup("acme trading", "organization") == old


def _dump(store):
    skip = {"created_at", "added_at", "at"}
    out = {}
    with store.engine.connect() as c:
        for table in (t.sources, t.entities, t.aliases, t.assertions, t.evidence, t.judgements):
            cols = [col for col in table.c if col.name not in skip]
            out[table.name] = [tuple(r) for r in c.execute(sa.select(*cols).order_by(*table.primary_key))]
    return out


def _corpus(folder, paras, first, n):
    folder.mkdir()
    for i in range(first, first + n):
        (folder / f"doc{i:02d}.txt").write_text("\n".join(paras[i * 2 : i * 2 + 2]) + "\n")
    return folder


def test_two_runs_with_an_analyst_merge_between_match_a_rebuild_per_document(tmp_path, monkeypatch):
    import orgmap.ingest.run as run
    from orgmap.store import Store

    paras = [p for p in (CASES_DIR / "qods-force" / "source.txt").read_text().split("\n") if p.strip()]
    first, second = _corpus(tmp_path / "one", paras, 0, 4), _corpus(tmp_path / "two", paras, 4, 4)
    stores = {}
    for label, index_class in (("kept", EntityIndex), ("rebuilt", RebuildEveryTime)):
        monkeypatch.setattr(run, "EntityIndex", index_class)
        store = Store.open(str(tmp_path / f"{label}.db"), create=True)
        ingest_paths(store, "inbox", [first], batch=2)
        case = store.case_id("inbox")
        people = [e for e in store.entities(case, type="person") if len(e.name.split()) > 1]
        store.merge(people[1].id, people[0].id, who="analyst", why="same person")
        ingest_paths(store, "inbox", [second], batch=2)
        stores[label] = store
    kept, rebuilt = _dump(stores["kept"]), _dump(stores["rebuilt"])
    assert kept["assertions"] and kept["judgements"]
    for table in kept:
        assert kept[table] == rebuilt[table], table

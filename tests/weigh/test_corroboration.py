"""Corroboration: independent sources per relation, with repeated and independent sources."""

from __future__ import annotations

import random

import networkx as nx

from orgmap.model import Assertion, Entity, Evidence, Informant, Source
from orgmap.weigh.corroboration import corroborate, independent_groups


def _claim(store, case, subj, rtype, obj, src, informant=None, modality="asserted"):
    text = store.source(src).text
    return store.add_assertion(
        case,
        Assertion(
            subj,
            rtype,
            obj,
            [Evidence(src, 0, len(text))],
            informant_id=informant,
            modality=modality,
            status="accepted",
        ),
    )


def _world(store):
    case = store.ensure_case("c")
    srcs = {
        "wire": store.add_source(case, Source(text="Ali leads the Unit, a wire report says.", key="wire")),
        # repeats the wire story: cites it
        "paper": store.add_source(
            case,
            Source(
                text="Ali heads the Unit (as the wire reported).", key="paper", metadata={"cites": ["wire"]}
            ),
        ),
        # independent reporting by another outlet
        "radio": store.add_source(
            case, Source(text="On the radio: Ali commands the Unit.", key="radio", author="R. Host")
        ),
        # relays the same unnamed informant as "blog"
        "tv": store.add_source(case, Source(text="Insiders told TV that Ali runs the Unit.", key="tv")),
        "blog": store.add_source(case, Source(text="Insiders say Ali runs the Unit.", key="blog")),
        # same author as radio: not independent of it
        "podcast": store.add_source(
            case, Source(text="Ali leads the Unit, R. Host repeats.", key="podcast", author="r. host")
        ),
    }
    insiders = store.add_informant(case, Informant("insiders", "unnamed", "E", key="insiders"))
    author = store.add_informant(case, Informant("the author", "author", "B", key="author"))
    ali = store.add_entity(case, Entity("person", "Ali"))
    bob = store.add_entity(case, Entity("person", "Bob"))
    unit = store.add_entity(case, Entity("organization", "Unit"))
    return case, srcs, insiders, author, ali, bob, unit


def _by_type(found, rtype):
    return [c for c in found if c.type == rtype]


def test_citing_and_relaying_documents_count_once(store):
    case, s, insiders, author, ali, bob, unit = _world(store)
    for key in ("wire", "paper", "radio"):
        _claim(store, case, ali, "leads", unit, s[key], informant=author)
    for key in ("tv", "blog"):
        _claim(store, case, ali, "leads", unit, s[key], informant=insiders, modality="reported")
    (c,) = corroborate(store, case)
    # five documents: {wire, paper} cite, {tv, blog} relay the insiders, radio alone -> 3
    assert c.documents == 5
    assert c.independent == 3
    assert c.groups == sorted([[s["wire"], s["paper"]], [s["radio"]], [s["tv"], s["blog"]]])


def test_independent_sources_each_count(store):
    case, s, insiders, author, ali, bob, unit = _world(store)
    for key in ("wire", "radio", "tv"):
        _claim(store, case, ali, "leads", unit, s[key], informant=author)
    (c,) = corroborate(store, case)
    # the author kind is each document's own voice: it does not tie documents together
    assert (c.documents, c.independent) == (3, 3)


def test_same_author_counts_once(store):
    case, s, insiders, author, ali, bob, unit = _world(store)
    _claim(store, case, ali, "leads", unit, s["radio"])
    _claim(store, case, ali, "leads", unit, s["podcast"])
    (c,) = corroborate(store, case)
    assert (c.documents, c.independent) == (2, 1)


def test_symmetric_types_match_either_way_directed_do_not(store):
    case, s, insiders, author, ali, bob, unit = _world(store)
    _claim(store, case, ali, "personal_tie", bob, s["wire"])
    _claim(store, case, bob, "personal_tie", ali, s["radio"])
    _claim(store, case, ali, "supports", bob, s["wire"])
    _claim(store, case, bob, "supports", ali, s["radio"])
    found = corroborate(store, case)
    (tie,) = _by_type(found, "personal_tie")
    assert (tie.documents, tie.independent) == (2, 2)
    assert sorted((c.subject, c.object, c.independent) for c in _by_type(found, "supports")) == [
        ("Ali", "Bob", 1),
        ("Bob", "Ali", 1),
    ]


def test_merged_entities_are_one_endpoint(store):
    case, s, insiders, author, ali, bob, unit = _world(store)
    ali2 = store.add_entity(case, Entity("person", "Ali R."))
    _claim(store, case, ali, "leads", unit, s["wire"])
    _claim(store, case, ali2, "leads", unit, s["radio"])
    assert len(corroborate(store, case)) == 2
    store.merge(ali2, ali, who="t", why="same man")
    (c,) = corroborate(store, case)
    assert c.independent == 2


def test_citation_chains_are_followed(store):
    groups = independent_groups([1, 2, 3, 4], cites={3: {2}, 2: {1}}, relayed={}, authors={})
    assert groups == [[1, 2, 3], [4]]


def test_groups_match_networkx_components():
    """Independent check: the groups are the connected components of the 'depends on' graph."""
    rng = random.Random(3)
    for _ in range(50):
        ids = list(range(1, 12))
        cites = {i: {rng.choice(ids)} for i in ids if rng.random() < 0.3}
        relayed = {i: {rng.choice([100, 101, 102])} for i in ids if rng.random() < 0.3}
        authors = {i: rng.choice(["", "x", "y"]) for i in ids}
        g = nx.Graph()
        g.add_nodes_from(ids)
        g.add_edges_from((a, b) for a, bs in cites.items() for b in bs)
        for a in ids:
            for b in ids:
                if a < b and (
                    relayed.get(a, set()) & relayed.get(b, set()) or (authors[a] and authors[a] == authors[b])
                ):
                    g.add_edge(a, b)
        expected = sorted(sorted(c) for c in nx.connected_components(g))
        assert independent_groups(ids, cites=cites, relayed=relayed, authors=authors) == expected


def test_a_second_span_counts_only_when_it_names_both_ends(store):
    case = store.ensure_case("c")
    essay = store.add_source(case, Source(text="Ali leads the Unit. Ali is close to Bob.", key="essay"))
    note = store.add_source(case, Source(text="On 3 May Ali took over the unit. Dates: 3 May.", key="note"))
    ali = store.add_entity(case, Entity("person", "Ali"))
    bob = store.add_entity(case, Entity("person", "Bob", aliases=["B."]))
    unit = store.add_entity(case, Entity("organization", "Unit"))
    store.add_assertions(
        case,
        [
            # the note names Ali and "unit" (case-insensitive): a second witness
            Assertion(ali, "leads", unit, [Evidence(essay, 0, 19), Evidence(note, 0, 32)], status="accepted"),
            # the note gives only a date here: not a witness to the tie
            Assertion(
                ali, "personal_tie", bob, [Evidence(essay, 20, 40), Evidence(note, 33, 46)], status="accepted"
            ),
        ],
    )
    found = {c.type: c for c in corroborate(store, case)}
    assert (found["leads"].documents, found["leads"].independent) == (2, 2)
    assert (found["personal_tie"].documents, found["personal_tie"].independent) == (1, 1)

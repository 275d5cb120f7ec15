"""What goes in comes out: every field of every record, on both backends."""

from __future__ import annotations

from datetime import date

import pytest

from orgmap.model import Assertion, Entity, Evidence, Hypothesis, HypothesisItem, Informant, Source
from orgmap.store import StoreError, content_hash

TEXT = 'Ana Díaz runs Acme. «Quotes», emoji 🙂 and a\nnewline; O\'Brien said "no".'


def test_source_round_trip_and_dedup(bstore):
    case = bstore.ensure_case("c", title="T", description="D")
    src = Source(
        text=TEXT,
        title="t",
        author="a",
        publisher="p",
        published="2024-03",
        origin="x.txt",
        kind="document",
        reliability="B",
        media_type="text/plain",
        key="k",
        metadata={"pages": [1, 2], "lang": "es"},
    )
    sid = bstore.add_source(case, src, passages=[(0, 20), (20, len(TEXT))])
    assert bstore.add_source(case, Source(text=TEXT)) == sid  # same text: same source
    got = bstore.source(sid)
    assert (
        got.text,
        got.title,
        got.author,
        got.publisher,
        got.published,
        got.origin,
        got.kind,
        got.reliability,
        got.key,
        got.metadata,
    ) == (TEXT, "t", "a", "p", "2024-03", "x.txt", "document", "B", "k", {"pages": [1, 2], "lang": "es"})
    assert got.content_hash == content_hash(TEXT)
    assert [(p.index, p.start, p.end) for p in bstore.passages(sid)] == [(0, 0, 20), (1, 20, len(TEXT))]
    assert [c.name for c in bstore.cases()] == ["c"] and bstore.cases()[0].title == "T"


def test_entity_and_assertion_round_trip(bstore):
    case = bstore.ensure_case("c")
    sid = bstore.add_source(case, Source(text=TEXT))
    inf = bstore.add_informant(case, Informant("an insider", kind="unnamed", reliability="D", key="i1"))
    ana = bstore.add_entity(
        case,
        Entity(
            "person", "Ana Díaz", aliases=["La Jefa", "ANA  DÍAZ"], attributes={"born": "1970"}, key="ana"
        ),
    )
    acme = bstore.add_entity(case, Entity("organization", "Acme"))
    aid = bstore.add_assertion(
        case,
        Assertion(
            ana,
            "leads",
            acme,
            evidence=[Evidence(sid, 0, 19), Evidence(sid, 20, 29)],
            attribution="the author",
            informant_id=inf,
            modality="reported",
            valid_from=date(2019, 5, 1),
            valid_to=date(2021, 12, 31),
            valid_text="from May 2019",
            reported_on=date(2022, 1, 2),
            reliability="C",
            credibility="3",
            status="candidate",
            score=0.75,
            origin="extracted",
            note="n",
            key="a1",
        ),
    )
    a = bstore.assertion(aid)
    assert (
        a.subject_id,
        a.predicate,
        a.object_id,
        a.attribution,
        a.informant_id,
        a.modality,
        a.valid_from,
        a.valid_to,
        a.valid_text,
        a.reported_on,
        a.grade,
        a.status,
        a.score,
        a.origin,
        a.note,
        a.key,
    ) == (
        ana,
        "leads",
        acme,
        "the author",
        inf,
        "reported",
        date(2019, 5, 1),
        date(2021, 12, 31),
        "from May 2019",
        date(2022, 1, 2),
        "C3",
        "candidate",
        0.75,
        "extracted",
        "n",
        "a1",
    )
    assert [(e.start, e.end, e.quote) for e in a.evidence] == [(0, 19, TEXT[0:19]), (20, 29, TEXT[20:29])]
    e = bstore.entity(ana)
    assert (e.name, e.aliases, e.attributes, e.key) == ("Ana Díaz", ["La Jefa"], {"born": "1970"}, "ana")
    # "ANA  DÍAZ" normalises like the name, so it is not a second alias; both find the entity
    assert bstore.find_entity(case, "ana díaz").id == ana
    assert bstore.find_entity(case, "la jefa").id == ana
    [i] = bstore.informants(case)
    assert (i.name, i.reliability, i.key) == ("an insider", "D", "i1")


def test_hypotheses_items_and_ratings(bstore):
    case = bstore.ensure_case("c")
    sid = bstore.add_source(case, Source(text=TEXT))
    bstore.add_hypothesis(case, Hypothesis("She runs it", key="h1"))
    bstore.add_hypothesis(case, Hypothesis("She fronts it", key="h2"))
    item = bstore.add_item(
        case,
        HypothesisItem(
            text="seen at HQ",
            source_id=sid,
            credibility="2",
            relevance="high",
            ratings={"h1": "C", "h2": "i"},
            key="e1",
        ),
    )
    [it] = bstore.items(case)
    assert (it.id, it.ratings, it.relevance) == (item, {"h1": "C", "h2": "I"}, "high")
    bstore.rate(case, item, "h2", "N", who="t", why="re-read")
    assert bstore.items(case)[0].ratings["h2"] == "N"
    assert bstore.judgements("item", item)[-1].payload == {"hypothesis": "h2", "rating": "N"}
    with pytest.raises(StoreError, match="rating"):
        bstore.rate(case, item, "h1", "maybe")


BAD = [
    (dict(predicate="bribes"), "unknown relation type"),
    (dict(modality="sure"), "unknown modality"),
    (dict(reliability="Z"), "reliability grade"),
    (dict(status="maybe"), "unknown status"),
    (dict(evidence=[]), "at least one evidence span"),
    (dict(evidence="too long"), "outside source"),
    (dict(object_id=None), "needs a target entity"),
]


def test_bad_assertions_are_refused_and_nothing_is_written(bstore):
    case = bstore.ensure_case("c")
    sid = bstore.add_source(case, Source(text=TEXT))
    a = bstore.add_entity(case, Entity("person", "A"))
    b = bstore.add_entity(case, Entity("organization", "B"))
    good = Assertion(a, "leads", b, evidence=[Evidence(sid, 0, 3)])
    for bad, match in BAD:
        fields = dict(subject_id=a, predicate="leads", object_id=b, evidence=[Evidence(sid, 0, 3)])
        fields.update(bad)
        if fields["evidence"] == "too long":
            fields["evidence"] = [Evidence(sid, 5, len(TEXT) + 1)]
        with pytest.raises((StoreError, KeyError), match=match):
            bstore.add_assertions(case, [good, Assertion(**fields)])
        assert bstore.assertions(case) == []

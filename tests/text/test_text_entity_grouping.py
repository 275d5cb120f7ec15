"""Grouping and typing of a document's names on invented sentences: a body's name is not taken
for one of its councils, an owner is not a company, eponymous bodies leave their namesake a
person, lists of mixed kinds, nicknames and left-out surnames, initials at the end of a name."""

from __future__ import annotations

from collections import Counter

from orgmap.extract import extract_document
from orgmap.extract.cluster import cluster_mentions, vote_types
from orgmap.extract.lexicon import load_lexicon
from orgmap.extract.mention_span import Mention
from orgmap.extract.mention_votes import body_contexts, gazetteer_places, role_appositions
from orgmap.extract.nlp import get_nlp


def _entities(text: str) -> dict[str, object]:
    return {e.name: e for e in extract_document(text).entities}


def test_a_body_is_not_merged_into_a_council_whose_name_starts_with_it():
    text = (
        "Treasury designated three leaders of the Nasr Front. The Nasr Front's leadership reports to the "
        "Nasr Front Shura Council. Ali Musa is a member of the Nasr Front. The Nasr Front attacked Maiduguri."
    )
    ents = _entities(text)
    assert ents["Nasr Front"].type == "organization"
    assert "Nasr Front" not in ents["Nasr Front Shura Council"].aliases


def test_a_name_whose_leaders_and_members_are_spoken_of_is_a_body():
    text = (
        "Treasury designated three leaders of Boko Haram. Ali Musa is a member of Boko Haram. "
        "Boko Haram attacked Maiduguri in 2014."
    )
    assert _entities(text)["Boko Haram"].type == "organization"


def test_the_owner_of_a_company_stays_a_person():
    text = (
        "Karim Bassal is a Norlandic businessman. In 2019, Karim Bassal’s company, Vetra Holding, "
        "signed a contract with the ministry. Karim Bassal’s company also bought land."
    )
    ents = _entities(text)
    assert ents["Karim Bassal"].type == "person"
    assert ents["Vetra Holding"].type == "organization"


def test_a_body_named_after_a_person_leaves_the_person_a_person():
    text = (
        "Lin Hao leads the Lin Hao Transnational Criminal Organization (Lin Hao TCO). The Lin Hao TCO "
        "runs casinos. Lin Hao controls the Lin Hao network of companies."
    )
    ents = _entities(text)
    assert ents["Lin Hao"].type == "person"
    tco = ents["Lin Hao Transnational Criminal Organization"]
    assert tco.type == "organization" and "Lin Hao TCO" in tco.aliases


def test_a_list_of_people_and_companies_does_not_make_the_people_companies():
    doc = get_nlp()("Treasury designated Ann Varro, Leyla Sanjabi, Petrovar FZE, and Lumen FZE.")
    names = []
    for (i, j), vote in {
        (2, 4): "person",
        (5, 7): "person",
        (8, 10): "organization",
        (12, 14): "organization",
    }.items():
        span = doc[i:j]
        names.append(Mention(i, j, span.start_char, span.end_char, span.text, votes=Counter({vote: 1})))
    names[2].votes["organization"] += 4  # the two companies carry their suffix's votes
    names[3].votes["organization"] += 4
    votes = vote_types(doc, names, {})
    assert votes["leyla sanjabi"].most_common(1)[0][0] == "person"


def test_a_bracketed_nickname_the_text_goes_on_to_use_is_an_alias():
    text = (
        "Treasury sanctioned Tarek Hamdan Salem Musa (Tiger), the commander of the Ostia Guard. "
        "Tiger directs the Ostia Guard. Under Tiger's command, the Ostia Guard attacked Varna."
    )
    ents = _entities(text)
    tarek = ents["Tarek Hamdan Salem Musa"]
    assert tarek.type == "person" and "Tiger" in tarek.aliases
    assert "Tiger" not in ents


def test_a_first_name_the_tagger_left_out_is_restored_by_the_bracket():
    text = (
        "The company handled financial transactions for Tawfiq Hamdan Daglo Musa (Tawfiq), the group's "
        "procurement director. Tawfiq paid it."
    )
    ents = _entities(text)
    assert "Tawfiq" in ents["Tawfiq Hamdan Daglo Musa"].aliases


def test_a_second_surname_may_be_left_out():
    text = (
        "Carlos Alberto Medina Rojas controls the firm. Carlos Medina owns a bank in Managua. "
        "Luis Medina, his uncle, is a judge."
    )
    ents = _entities(text)
    assert "Carlos Medina" in ents["Carlos Alberto Medina Rojas"].aliases
    assert "Luis Medina" in ents


def test_capitals_that_name_no_country_are_a_body():
    doc = get_nlp()("The IRGC and the UAE hosted talks.")
    irgc = Mention(1, 2, 4, 8, "IRGC", votes=Counter({"place": 1}))  # the tagger's guess
    uae = Mention(4, 5, 17, 20, "UAE", votes=Counter({"place": 1}))
    gazetteer_places(doc, [irgc, uae], load_lexicon())
    assert irgc.best_type() == "organization" and uae.best_type() == "place"


def test_a_hyphenated_gang_word_ends_the_name_of_a_body():
    ents = _entities(
        "Kenji Mori is a senior member of the Sumiyoshi-kai. Two bosses of the Kobe Yamaguchi-gumi were arrested."
    )
    assert ents["Sumiyoshi-kai"].type == "organization" and "Sumiyoshi" not in ents
    assert ents["Kobe Yamaguchi-gumi"].type == "organization"


def test_a_two_word_demonym_names_its_country():
    r = extract_document("He met former South African President Jacob Zuma. North Korean officials said so.")
    places = {e.name for e in r.entities if e.type == "place"}
    assert {"South Africa", "North Korea"} <= places and "Africa" not in places and "Korea" not in places


def test_a_sub_unit_named_after_a_one_word_body_is_part_of_it():
    r = extract_document("Ali Musa sits on the Hamas Political Bureau. Hamas attacked the town.")
    found = {(r.entity(x.source).name, x.type, r.entity(x.target).name) for x in r.relations}
    assert ("Hamas Political Bureau", "part_of", "Hamas") in found
    r = extract_document("Ivan Petrov met the Wagner Group. Wagner recruited fighters.")
    found = {(r.entity(x.source).name, x.type, r.entity(x.target).name) for x in r.relations}
    assert not [t for t in found if t[1] == "part_of"]


def test_a_mixed_case_bracketed_acronym_names_the_body_before_it():
    text = (
        "Petrov is an official of the Government of the Norlandic Republic (GoN). "
        "The GoN funds the Ostia Guard."
    )
    ents = _entities(text)
    assert "GoN" in ents["Government of the Norlandic Republic"].aliases and "GoN" not in ents


def test_a_name_that_starts_the_name_of_a_council_is_a_body():
    doc = get_nlp()("Vardan Tagh attacked the town. The Vardan Tagh Shura Council met.")
    tagh = Mention(0, 2, 0, 11, "Vardan Tagh", votes=Counter({"person": 1}))  # the tagger's guess
    council = Mention(6, 10, 36, 61, "Vardan Tagh Shura Council", votes=Counter({"organization": 8}))
    votes = vote_types(doc, [tagh, council], {})
    assert votes["vardan tagh"].most_common(1)[0][0] == "organization"


def test_the_owner_of_a_family_stays_the_person_and_gets_his_surname():
    text = (
        "Dmitri Volkov is the spokesman. Treasury is designating three of Volkov’s family members. "
        "Volkov was designated in 2022. Volkov’s son, Ilya Volkov, lives in Paris."
    )
    ents = _entities(text)
    assert "Volkov" in ents["Dmitri Volkov"].aliases
    assert "Volkov" not in getattr(ents.get("Volkov’s family"), "aliases", [])


def test_a_name_inside_a_longer_form_and_its_surname_are_one_person():
    doc = get_nlp()("Hafiz Abdul Salam Bhuttavi Hafiz left. Abdul Salam Bhuttavi spoke. Bhuttavi paid.")
    names = []
    for i, j in ((0, 5), (7, 10), (12, 13)):
        span = doc[i:j]
        names.append(Mention(i, j, span.start_char, span.end_char, span.text, votes=Counter({"person": 3})))
    groups = cluster_mentions(doc, names)
    assert len(groups) == 1 and len(groups[0].mentions) == 3


def test_a_body_named_by_its_owner_after_of_is_a_body_of_its_own():
    ents = _entities(
        "Ali Reza ran the military office of Mohsen Qomi. The intelligence wing of the IRGC grew."
    )
    assert ents["military office of Mohsen Qomi"].type == "organization"
    assert ents["intelligence wing of the IRGC"].type == "organization"


def _votes_after(rule, text: str, name: str) -> Counter:
    """The votes ``rule`` gives the first mention of ``name`` in ``text`` (no votes before)."""
    doc = get_nlp()(text)
    start = next(t.i for t in doc if doc[t.i : t.i + len(name.split())].text == name)
    span = doc[start : start + len(name.split())]
    m = Mention(span.start, span.end, span.start_char, span.end_char, name)
    rule(doc, [m], load_lexicon()) if rule is role_appositions else rule(doc, [m])
    return m.votes


def test_a_name_described_as_an_individual_or_by_a_persons_role_is_a_person():
    assert _votes_after(
        role_appositions, "OFAC designated Tavrek Olumba, an individual who moved money.", "Tavrek Olumba"
    )["person"]
    assert _votes_after(
        role_appositions, "Tavrek Olumba, a Norlandic national, moved money.", "Tavrek Olumba"
    )["person"]
    copular = "Tavrek Olumba has been an international financial facilitator for the Vesh Front."
    assert _votes_after(role_appositions, copular, "Tavrek Olumba")["person"]
    assert not _votes_after(
        role_appositions, "Tavrek Olumba has been a hub for the Vesh Front.", "Tavrek Olumba"
    )["person"]


def test_a_name_that_was_formed_or_founded_is_a_body():
    text = "Korvanth was formed by the government of Norland to earn revenue."
    assert _votes_after(body_contexts, text, "Korvanth")["organization"]
    assert not _votes_after(body_contexts, "Korvanth was born in Norland.", "Korvanth")["organization"]
    text = (
        "Korvanth was formed by the government of Norland to earn revenue. Korvanth conducts "
        "operations abroad. By 2018, Korvanth had attempted to steal money."
    )
    assert _entities(text)["Korvanth"].type == "organization"


def test_a_name_the_tagger_alone_typed_takes_the_type_of_the_bodies_listed_with_it():
    text = "Treasury named Vantor Group, Bluevane, and Corrix Syndicate. Bluevane steals. Bluevane hides. Bluevane lies."
    doc = get_nlp()(text)
    names = []
    for tok in doc:
        if tok.text in {"Vantor", "Corrix"}:
            m = Mention(
                tok.i,
                tok.i + 2,
                tok.idx,
                doc[tok.i + 1].idx + len(doc[tok.i + 1].text),
                doc[tok.i : tok.i + 2].text,
            )
            m.votes["organization"] += 8  # "Group", "Syndicate"
        elif tok.text == "Bluevane":
            m = Mention(tok.i, tok.i + 1, tok.idx, tok.idx + len(tok.text), tok.text)
            m.votes["person"] += 1  # the tagger's guess, four times over
        else:
            continue
        names.append(m)
    votes = vote_types(doc, names, {}, load_lexicon())
    assert votes["bluevane"].most_common(1)[0][0] == "organization"


def test_members_of_the_body_vote_it_a_body():
    assert _votes_after(body_contexts, "Two members of the Varda signed a letter.", "Varda")["organization"]
    assert not _votes_after(body_contexts, "In May, the Varda voted for the bill.", "Varda")["organization"]


def test_a_kind_noun_after_a_bodys_name_makes_no_second_body():
    ents = _entities(
        "Kunio Vela is the leader of the Kobe Vamaguchi-gumi syndicate and the Yamaken-gumi subsidiary gang. "
        "Saw Tun has commanded KNA battalions. Juan Ramirez is a CJNG cell leader."
    )
    assert {"Kobe Vamaguchi-gumi", "Yamaken-gumi", "KNA"} <= set(ents)
    assert not [n for n in ents if n.endswith(("syndicate", "gang", "battalions", "cell"))]


def test_a_states_government_named_three_ways_is_one_body():
    ents = _entities(
        "The Government of Chile pays the Vesh Front. The Chilean regime also arms Tal Group. "
        "Lars Holm is an adviser to the Chilean government."
    )
    assert not {"Chilean regime", "Chilean government"} & set(ents)
    assert {"Chilean regime", "Chilean government"} <= set(ents["Government of Chile"].aliases)


def test_a_states_military_named_several_ways_is_one_body_apart_from_its_government():
    ents = _entities(
        "The Chilean military arrested the editor. Chile's military also arms Tal Group. "
        "Lars Holm is a leader of the military or security forces of Chile. "
        "The Chilean government pays the Vesh Front."
    )
    military = [e for e in ents.values() if "Chile's military" in {e.name, *e.aliases}]
    assert len(military) == 1
    assert {"Chilean military", "military or security forces of Chile"} <= {
        military[0].name,
        *military[0].aliases,
    }
    assert "Chilean government" not in {military[0].name, *military[0].aliases}


def test_a_body_named_with_and_without_its_nation_is_one_body_unless_two_nations_share_the_name():
    from orgmap.extract.cluster import Group, _short_form_target

    lex = load_lexicon()
    one = {"afghan vesh": Group("Afghan Vesh", "organization")}
    assert _short_form_target("vesh", "organization", one, {}, lex) == "afghan vesh"
    two = {**one, "pakistani vesh": Group("Pakistani Vesh", "organization")}
    assert _short_form_target("vesh", "organization", two, {}, lex) is None
    # the tagger's "person" for a lone name is no bar: no person is named by a demonym and a body
    assert _short_form_target("vesh", "person", one, {}, lex) == "afghan vesh"


def test_a_one_word_name_after_a_demonym_and_one_more_word_is_the_same_body():
    ents = _entities(
        "OFAC designated members of the Moldovan State Veche. The Veche voted for the resolution. "
        "Ivan Sokolov is a member of the Veche. The Moldovan Armed Forces fought. The Forces won."
    )
    assert "Veche" not in ents
    assert ents["Moldovan State Veche"].type == "organization"
    assert "Forces" not in ents["Moldovan Armed Forces"].aliases


def test_the_government_of_a_text_that_names_none_is_a_body_of_its_own():
    ents = _entities("Since 2011, the government has suppressed the Al Wifaq society in Bahrain.")
    assert ents["government"].type == "organization"
    named = _entities("The Government of Chile pays the Vesh Front. The government also arms Tal Group.")
    assert "government" not in named


def test_a_name_whose_initials_name_no_place_is_a_body():
    text = (
        "Abelardo Vela was inaugurated, succeeding Gustavo Lenz of the Historic Pact (PH), the first "
        "left-wing president. The PH won 20 seats."
    )
    assert _entities(text)["Historic Pact"].type == "organization"  # the tagger alone says a place
    assert _entities("The United Arab Emirates (UAE) hosted talks.")["United Arab Emirates"].type == "place"


def test_a_name_given_a_post_or_titled_by_one_is_a_persons():
    assert _votes_after(role_appositions, "In 2025, Tumen was elected as party chairman.", "Tumen")["person"]
    assert _votes_after(role_appositions, "Later, Tumen resigned as speaker.", "Tumen")["person"]
    assert _votes_after(role_appositions, "A victory for MPP candidate Tumen Bold.", "Tumen Bold")["person"]
    assert not _votes_after(role_appositions, "In 2025, Tumen was elected in a landslide.", "Tumen")["person"]
    ents = _entities(
        "They sought to remove their rival, Speaker of Parliament Dashzeg Amarbold. Amarbold resigned."
    )
    assert ents["Dashzeg Amarbold"].type == "person" and "Parliament Dashzeg Amarbold" not in ents


def test_one_company_under_two_legal_forms_is_one_company():
    ents = _entities(
        "Lin Hao owns Golden Vale International (HK) Co., Limited. Golden Vale International (HK) Co., Ltd. "
        "runs the casino. Lin Hao also owns Golden Vale International Investment Co. Limited."
    )
    company = ents["Golden Vale International (HK) Co., Limited"]
    assert "Golden Vale International (HK) Co., Ltd." in company.aliases
    assert "Golden Vale International Investment Co. Limited" in ents
    two = _entities("Lin Hao owns Vale Trading Ltd. and Vale Trading, Inc., and Vale Trading LLC.")
    assert {"Vale Trading Ltd.", "Vale Trading, Inc."} <= set(two)


def test_a_bare_surname_shared_by_a_family_is_the_hub_not_the_relative_named_beside_it():
    text = (
        "Treasury designated Marek Dalca, who leads a criminal family. Marek Dalca has run the network "
        "since 2001. Marek Dalca was arrested in 2013. Treasury also targets his children. Ilie Dalca "
        "was arrested in 2012. Anca Dalca runs two firms. The firms move money on behalf of Dalca."
    )
    ents = _entities(text)
    bare = text.rindex("Dalca")
    owner = [name for name, e in ents.items() if (bare, bare + 5) in e.mentions]  # type: ignore[attr-defined]
    assert owner == ["Marek Dalca"]
    assert "Dalca" in ents["Marek Dalca"].aliases  # type: ignore[attr-defined]
    assert "Dalca" not in ents["Anca Dalca"].aliases + ents["Ilie Dalca"].aliases  # type: ignore[attr-defined]


def test_a_bare_surname_between_equals_is_the_one_named_last_outside_its_sentence():
    from orgmap.extract.cluster import Group, shared_surnames

    erik, anna = Group("Erik Lund", "person"), Group("Anna Lund", "person")
    m1, m2 = Mention(0, 2, 0, 9, "Erik Lund"), Mention(10, 12, 40, 49, "Anna Lund")
    bare = Mention(14, 15, 60, 64, "Lund")
    m1.group, m2.group, bare.group = erik, anna, anna  # type: ignore[attr-defined]
    erik.mentions, anna.mentions, anna.names = [m1], [m2, bare], ["Anna Lund", "Lund"]
    shared_surnames([m1, m2, bare], lambda i: 0 if i < 10 else 1)  # Anna Lund is in Lund's sentence
    assert bare.group is erik and "Lund" in erik.names and "Lund" not in anna.names  # type: ignore[attr-defined]


def test_a_given_name_alone_is_the_only_person_of_the_text_named_so():
    from orgmap.extract.cluster import Group, _short_form_target

    lex = load_lexicon()
    people = {"donata dalca": Group("Donata Dalca", "person"), "marek dalca": Group("Marek Dalca", "person")}
    assert _short_form_target("donata", "person", people, {}, lex) == "donata dalca"
    two = {**people, "donata vesh": Group("Donata Vesh", "person")}
    assert _short_form_target("donata", "person", two, {}, lex) is None  # two Donatas: neither


def test_a_plural_body_word_makes_a_body_and_leaves_the_surname_to_its_person():
    ents = _entities("The Vesh and Lund Administrations met in May. Erik Lund won the vote. Lund said so.")
    assert ents["Lund Administrations"].type == "organization"
    assert ents["Erik Lund"].type == "person" and "Lund" not in ents

"""The vocabulary file: complete against docs/ontology.md, and bad files fail by key."""

from __future__ import annotations

import pytest
import yaml

from orgmap.schema import DEFAULT_PATH, SchemaError, load_schema, parse_schema

# The ontology's tables, transcribed by hand from docs/ontology.md (type: layer, symmetric).
ONTOLOGY_RELATIONS = {
    "leads": ("formal", False),
    "deputy_of": ("formal", False),
    "member_of": ("formal", False),
    "part_of": ("formal", False),
    "responsible_for": ("formal", False),
    "manages": ("formal", False),
    "reports_to": ("formal", False),
    "succeeded": ("formal", False),
    "personal_tie": ("informal", True),
    "allied_with": ("informal", True),
    "supports": ("informal", False),
    "funds": ("informal", False),
    "opposes": ("adversarial", False),
    "met_with": ("event", True),
    "participated_in": ("event", False),
    "planned": ("event", False),
    "targets": ("adversarial", False),
}


def test_vocabulary_matches_the_ontology(schema):
    assert set(schema.entity_types) == {"person", "organization", "place", "event"}
    assert {n: (r.layer, r.symmetric) for n, r in schema.relation_types.items()} == ONTOLOGY_RELATIONS
    assert set(schema.modalities) == {"asserted", "reported", "believed", "hedged", "denied"}
    assert list(schema.reliability) == list("ABCDEF")
    assert list(schema.credibility) == list("123456")
    assert schema.unknown_grade == ("F", "6")
    assert set(schema.statuses) == {"candidate", "accepted", "rejected", "superseded"}


def test_every_type_has_definition_example_and_export_mappings(schema):
    for r in schema.relation_types.values():
        assert r.definition and r.example and {"ftm", "dynetml"} <= set(r.exports), r.name
    for e in schema.entity_types.values():
        assert e.definition and {"ftm", "dynetml"} <= set(e.exports), e.name


def test_lookups_name_the_known_values(schema):
    with pytest.raises(KeyError, match="unknown relation type 'bosses'.*leads"):
        schema.relation("bosses")
    assert schema.relations_in("adversarial") == ("opposes", "targets")
    with pytest.raises(KeyError, match="unknown layer"):
        schema.relations_in("secret")


@pytest.mark.parametrize("text,expected", [("B2", ("B", "2")), ("c", ("C", None)), ("a/1", ("A", "1"))])
def test_grades_parse(schema, text, expected):
    assert schema.parse_grade(text) == expected


@pytest.mark.parametrize("text", ["", "G", "B9", "22"])
def test_bad_grades_do_not_parse(schema, text):
    with pytest.raises(ValueError, match="does not parse"):
        schema.parse_grade(text)


def _raw():
    return yaml.safe_load(DEFAULT_PATH.read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    "mutate,key",
    [
        (lambda r: r["relation_types"]["leads"].pop("layer"), "relation_types.leads.layer"),
        (lambda r: r["relation_types"]["leads"].update(layer="secret"), "relation_types.leads.layer"),
        (
            lambda r: r["relation_types"]["funds"].update(source_types=["robot"]),
            "relation_types.funds.source_types",
        ),
        (
            lambda r: r["relation_types"]["met_with"].update(symmetric="yes"),
            "relation_types.met_with.symmetric",
        ),
        (lambda r: r["modalities"]["hedged"].update(weight=1.5), "modalities.hedged.weight"),
        (lambda r: r["reliability"]["A"].pop("label"), "reliability.A.label"),
        (lambda r: r.pop("layers"), "layers"),
    ],
)
def test_invalid_schema_names_file_and_key(tmp_path, mutate, key):
    raw = _raw()
    mutate(raw)
    path = tmp_path / "vocab.yaml"
    path.write_text(yaml.safe_dump(raw), encoding="utf-8")
    with pytest.raises(SchemaError) as info:
        load_schema(path)
    assert info.value.key == key
    assert str(path) in str(info.value)


def test_schema_that_is_not_yaml_names_the_line(tmp_path):
    path = tmp_path / "broken.yaml"
    path.write_text("version: 1\nlayers: {formal: [\n", encoding="utf-8")
    with pytest.raises(SchemaError, match=r"broken.yaml: line \d+: not valid YAML"):
        load_schema(path)


def test_missing_schema_file(tmp_path):
    with pytest.raises(SchemaError, match="not found"):
        load_schema(tmp_path / "nope.yaml")


def test_parse_schema_rejects_non_mapping():
    with pytest.raises(SchemaError, match="expected a mapping"):
        parse_schema(["not", "a", "mapping"], "x.yaml")


def test_a_weight_that_is_not_a_number_names_its_key():
    raw = yaml.safe_load(DEFAULT_PATH.read_text(encoding="utf-8"))
    name = next(iter(raw["modalities"]))
    raw["modalities"][name]["weight"] = "heavy"
    with pytest.raises(SchemaError, match=rf"modalities\.{name}\.weight: expected int or float, got str"):
        parse_schema(raw, "v.yaml")

"""A minimal table of FollowTheMoney schemata and properties, to check entities without the library.

Written from knowledge of the FtM model (followthemoney 3.x, ``followthemoney/schema/*.yaml``),
reduced to the schemata orgmap writes or reads and their properties (checked
against followthemoney 4.11.2 once, outside the project: no range or property here is
unknown to it). Each
schema lists its parents; a property's range is ``None`` for a value and a schema name
for an entity reference. When ``followthemoney`` is importable, :func:`check_entity`
also asks the library (an optional extra).

>>> check_entity({"id": "x", "schema": "Person", "properties": {"name": ["Ali"]}})
[]
>>> check_entity({"id": "x", "schema": "Person", "properties": {"colour": ["red"]}})
["entity 'x': Person has no property 'colour'"]
"""

from __future__ import annotations

from typing import Any

__all__ = ["SCHEMATA", "EDGE_ENDS", "ancestors", "properties", "check_entity", "is_a"]

_V = None  # a plain value (string, date, country code, ...)

_THING = ["name", "summary", "description", "country", "alias", "previousName", "weakAlias", "sourceUrl",
          "publisher", "publisherUrl", "alephUrl", "wikipediaUrl", "wikidataId", "keywords", "topics",
          "address", "program", "programId", "notes", "indexText", "createdAt", "modifiedAt", "retrievedAt",
          "riskSource"]
_LEGAL = ["email", "phone", "website", "legalForm", "incorporationDate", "dissolutionDate", "taxStatus",
          "status", "sector", "classification", "registrationNumber", "idNumber", "taxNumber", "vatCode",
          "jurisdiction", "mainCountry", "opencorporatesUrl", "bvdId", "icijId", "leiCode", "dunsCode",
          "innCode", "ogrnCode", "okpoCode", "swiftBic", "uniqueEntityId", "npiCode", "abbreviation",
          "brightQueryId", "brightQueryOrgId", "licenseNumber", "okvedCode", "sayariId", "uscCode"]
_INTERVAL = ["startDate", "endDate", "date", "summary", "description", "recordId", "sourceUrl", "publisher",
             "publisherUrl", "alephUrl", "indexText", "modifiedAt", "retrievedAt", "namesMentioned"]

SCHEMATA: dict[str, dict[str, Any]] = {
    "Thing": {"parents": [], "props": {**dict.fromkeys(_THING, _V), "addressEntity": "Address",
                                       "proof": "Document"}},
    "Interval": {"parents": [], "props": {**dict.fromkeys(_INTERVAL, _V), "proof": "Document"}},
    "Value": {"parents": [], "props": dict.fromkeys(["amount", "currency", "amountUsd", "amountEur"], _V)},
    "Analyzable": {"parents": [], "props": dict.fromkeys(
        ["detectedLanguage", "detectedCountry", "namesMentioned", "peopleMentioned", "companiesMentioned",
         "ibanMentioned", "ipMentioned", "locationMentioned", "phoneMentioned", "emailMentioned"], _V)},
    "LegalEntity": {"parents": ["Thing"], "props": {**dict.fromkeys(_LEGAL, _V), "parent": "LegalEntity"}},
    "Person": {"parents": ["LegalEntity"], "props": dict.fromkeys(
        ["title", "firstName", "secondName", "middleName", "fatherName", "motherName", "lastName",
         "nameSuffix", "birthDate", "birthPlace", "birthCountry", "deathDate", "position", "nationality",
         "citizenship", "passportNumber", "socialSecurityNumber", "gender", "ethnicity", "religion",
         "political", "education", "spokenLanguage", "height", "weight", "eyeColor", "hairColor",
         "appearance", "biography", "profession"], _V)},
    "Organization": {"parents": ["LegalEntity"], "props": dict.fromkeys(
        ["cageCode", "permId", "imoNumber", "giiNumber"], _V)},
    "Asset": {"parents": ["Thing", "Value"], "props": {}},
    "Company": {"parents": ["Organization", "Asset"], "props": dict.fromkeys(
        ["jurisdiction", "registrationNumber", "capital", "voenCode", "coatoCode", "irsCode", "ipoCode",
         "cikCode", "ticker", "isinCode", "kppCode", "fnsCode", "ogrnCode", "bikCode", "caemCode", "fssCode",
         "jibCode", "mbsCode", "okopfCode", "oksmCode", "pfrNumber", "ricCode"], _V)},
    "PublicBody": {"parents": ["Organization"], "props": {}},
    "Address": {"parents": ["Thing"], "props": dict.fromkeys(
        ["full", "remarks", "postOfficeBox", "street", "street2", "city", "postalCode", "region", "state",
         "latitude", "longitude", "googlePlaceId", "osmId"], _V)},
    "Event": {"parents": ["Interval", "Thing", "Analyzable"], "props": {
        "location": _V, "important": _V, "organizer": "LegalEntity", "involved": "LegalEntity"}},
    "Document": {"parents": ["Thing", "Analyzable"], "props": dict.fromkeys(
        ["title", "author", "authoredAt", "publishedAt", "contentHash", "fileName", "fileSize", "mimeType",
         "language", "extension", "encoding", "bodyText", "messageId", "processingStatus", "processingError",
         "generator", "date", "crawler", "sourceUrl", "processedAt", "processingAgent",
         "translatedLanguage", "translatedText", "parent", "ancestors"], _V)},
    "PlainText": {"parents": ["Document"], "props": {"bodyText": _V}},
    "Membership": {"parents": ["Interval"], "props": {
        "member": "LegalEntity", "organization": "Organization", "role": _V, "status": _V}},
    "Directorship": {"parents": ["Interval"], "props": {
        "director": "LegalEntity", "organization": "Organization", "role": _V, "status": _V,
        "secretary": _V}},
    "Associate": {"parents": ["Interval"], "props": {
        "person": "Person", "associate": "Person", "relationship": _V}},
    "Family": {"parents": ["Interval"], "props": {"person": "Person", "relative": "Person",
                                                  "relationship": _V}},
    "Ownership": {"parents": ["Interval"], "props": {
        "owner": "LegalEntity", "asset": "Asset", "role": _V, "percentage": _V, "sharesCount": _V,
        "sharesValue": _V, "sharesCurrency": _V, "sharesType": _V, "ownershipType": _V,
        "legalBasis": _V, "status": _V}},
    "Succession": {"parents": ["Interval"], "props": {"predecessor": "LegalEntity", "successor": "LegalEntity",
                                                      "role": _V, "status": _V}},
    "Payment": {"parents": ["Interval", "Value"], "props": {
        "payer": "LegalEntity", "beneficiary": "LegalEntity", "purpose": _V, "programme": _V,
        "sequenceNumber": _V, "transactionNumber": _V, "payerAccount": _V, "beneficiaryAccount": _V,
        "contract": _V, "project": _V}},
    "UnknownLink": {"parents": ["Interval"], "props": {"subject": "Thing", "object": "Thing", "role": _V,
                                                       "status": _V}},
    "Sanction": {"parents": ["Interval"], "props": {
        "entity": "Thing", "authority": _V, "authorityId": _V, "unscId": _V, "program": _V,
        "programId": _V, "programUrl": _V, "provisions": _V, "status": _V, "duration": _V, "reason": _V,
        "country": _V, "listingDate": _V}},
    "Identification": {"parents": ["Interval"], "props": {
        "holder": "LegalEntity", "type": _V, "country": _V, "number": _V, "authority": _V}},
    "Passport": {"parents": ["Identification"], "props": dict.fromkeys(
        ["surname", "givenName", "birthDate", "birthPlace", "gender", "personalNumber", "passportNumber"], _V)},
    "Position": {"parents": ["Thing"], "props": {"organization": "Organization", "inceptionDate": _V,
                                                 "dissolutionDate": _V, "subnationalArea": _V,
                                                 "numberOfSeats": _V}},
    "Occupancy": {"parents": ["Interval"], "props": {
        "holder": "Person", "post": "Position", "status": _V, "constituency": _V, "declarationDate": _V,
        "electionDate": _V, "periodEnd": _V, "periodStart": _V, "politicalGroup": _V}},
    "Representation": {"parents": ["Interval"], "props": {"agent": "LegalEntity", "client": "LegalEntity",
                                                          "role": _V, "status": _V}},
}

# relationship schema -> (property for the assertion's subject, property for its object)
EDGE_ENDS: dict[str, tuple[str, str]] = {
    "Membership": ("member", "organization"), "Directorship": ("director", "organization"),
    "Associate": ("person", "associate"), "Family": ("person", "relative"),
    "Ownership": ("owner", "asset"), "Succession": ("successor", "predecessor"),
    "Payment": ("payer", "beneficiary"), "UnknownLink": ("subject", "object"),
    "Representation": ("agent", "client"), "Occupancy": ("holder", "post"),
}


def ancestors(schema: str) -> list[str]:
    """``schema`` and every schema it extends, nearest first."""
    out, todo = [], [schema]
    while todo:
        name = todo.pop(0)
        if name not in out:
            out.append(name)
            todo.extend(SCHEMATA[name]["parents"])
    return out


def is_a(schema: str, parent: str) -> bool:
    return schema in SCHEMATA and parent in ancestors(schema)


def properties(schema: str) -> dict[str, str | None]:
    """Every property of ``schema`` (inherited ones included) with its range."""
    out: dict[str, str | None] = {}
    for name in reversed(ancestors(schema)):
        out.update(SCHEMATA[name]["props"])
    return out


def check_entity(entity: Any, known_ids: set[str] | None = None) -> list[str]:
    """Problems with one FtM entity dict (``[]`` when fine); references are checked if ``known_ids``."""
    if not isinstance(entity, dict) or not entity.get("id"):
        return ["an FtM entity needs an 'id'"]
    eid, schema = entity["id"], entity.get("schema")
    if schema not in SCHEMATA:
        return [f"entity {eid!r}: unknown FtM schema {schema!r}"]
    props = entity.get("properties", {})
    if not isinstance(props, dict):
        return [f"entity {eid!r}: 'properties' must be an object"]
    allowed = properties(schema)
    problems = []
    for name, values in props.items():
        if name not in allowed:
            problems.append(f"entity {eid!r}: {schema} has no property {name!r}")
        elif not isinstance(values, list) or not all(isinstance(v, str) for v in values):
            problems.append(f"entity {eid!r}: property {name!r} must be a list of strings")
        elif allowed[name] and known_ids is not None:
            problems += [f"entity {eid!r}: {name} refers to unknown entity {v!r}" for v in values
                         if v not in known_ids]
    return problems + _library_check(entity)


def _library_check(entity: dict[str, Any]) -> list[str]:
    try:
        from followthemoney import model  # optional extra
    except ImportError:
        return []
    try:
        model.get_proxy(entity, cleaned=False)
    except Exception as exc:  # the library's own error types vary across versions
        return [f"entity {entity['id']!r}: followthemoney: {exc}"]
    return []

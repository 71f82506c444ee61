"""The official OCDS 1.1.5 schemas (data/ocds/), offline: a package is checked against the release-package schema,
each release against the release schema with the extensions the package declares merged in (RFC 7386 merge
patches), with format checking (date-time, uri, email). Closed codelists are enums in the schemas; the codes an
extension adds to a closed codelist are added to the enum they extend."""

import csv
import datetime
import json
from functools import cache
from pathlib import Path

import jsonschema
from django.conf import settings
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT4

from exchange.marketplace.procurement.ocds import published_requirements, release_package

OCDS = Path(settings.BASE_DIR) / "data" / "ocds"
BASE = "https://standard.open-contracting.org/schema/1__1__5/"
# The URL each vendored extension is declared by (as Find a Tender and the extension registry declare them).
EXTENSIONS = {
    "https://raw.githubusercontent.com/open-contracting-extensions/ocds_bid_extension/v1.1.5/extension.json": "bid",
    "https://raw.githubusercontent.com/open-contracting-extensions/ocds_budget_breakdown_extension/master/extension.json": "budget_breakdown",  # noqa: E501
    "https://raw.githubusercontent.com/open-contracting-extensions/ocds_techniques_extension/master/extension.json": "techniques",  # noqa: E501
    "https://raw.githubusercontent.com/cabinetoffice/ocds_uk_extension/main/extension.json": "uk",
}


def _merge(target, patch):
    """RFC 7386: objects merge key by key, null deletes, anything else replaces."""
    if not isinstance(patch, dict):
        return patch
    merged = dict(target) if isinstance(target, dict) else {}
    for key, value in patch.items():
        if value is None:
            merged.pop(key, None)
        else:
            merged[key] = _merge(merged.get(key), value)
    return merged


def _load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def _added_codes(folder: Path) -> dict[str, list[str]]:
    """Codes an extension adds to a core codelist (its `+name.csv` files)."""
    added = {}
    for path in sorted((folder / "codelists").glob("+*.csv")):
        with path.open(encoding="utf-8") as file:
            added[path.name[1:]] = [row["Code"] for row in csv.DictReader(file)]
    return added


def _extend_enums(schema, codelist: str, codes: list[str]) -> None:
    if isinstance(schema, dict):
        if schema.get("codelist") == codelist and isinstance(schema.get("enum"), list):
            schema["enum"] = schema["enum"] + [code for code in codes if code not in schema["enum"]]
        for value in schema.values():
            _extend_enums(value, codelist, codes)
    elif isinstance(schema, list):
        for value in schema:
            _extend_enums(value, codelist, codes)


@cache
def release_schema(extensions: tuple[str, ...] = ()) -> dict:
    schema = _load(OCDS / "1.1.5" / "release-schema.json")
    for url in extensions:
        if url not in EXTENSIONS:
            raise AssertionError(f"the package declares an extension this project does not hold: {url}")
        folder = OCDS / "extensions" / EXTENSIONS[url]
        schema = _merge(schema, _load(folder / "release-schema.json"))
        for codelist, codes in _added_codes(folder).items():
            _extend_enums(schema, codelist, codes)
    return schema


def _validator(schema: dict, release: dict) -> jsonschema.Draft4Validator:
    resources = [(BASE + "release-schema.json", Resource(contents=release, specification=DRAFT4))]
    for name in (
        "release-package-schema.json",
        "record-package-schema.json",
        "versioned-release-validation-schema.json",
    ):
        resources.append((BASE + name, Resource(contents=_load(OCDS / "1.1.5" / name), specification=DRAFT4)))
    registry = Registry().with_resources(resources)
    return jsonschema.Draft4Validator(
        schema, registry=registry, format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER
    )


def package_errors(package: dict) -> list[str]:
    """Every way `package` and each of its releases break the official schemas (with the declared extensions)."""
    release = release_schema(tuple(package.get("extensions", [])))
    package_schema = _load(OCDS / "1.1.5" / "release-package-schema.json")
    errors = [
        f"package {'/'.join(map(str, e.absolute_path))}: {e.message}"
        for e in _validator(package_schema, release).iter_errors(package)
    ]
    for index, each in enumerate(package.get("releases", [])):
        errors += [
            f"release {index} {'/'.join(map(str, e.absolute_path))}: {e.message}"
            for e in _validator(release, release).iter_errors(each)
        ]
    return errors


def validate(package: dict) -> None:
    assert package_errors(package) == []
    parties = {party["id"] for release in package["releases"] for party in release.get("parties", [])}
    for release in package["releases"]:
        references = [release["buyer"], release["tender"]["procuringEntity"], *release["tender"].get("tenderers", [])]
        references += [supplier for award in release.get("awards", []) for supplier in award["suppliers"]]
        assert {reference["id"] for reference in references} <= parties, "every organisation reference is a party"


def feed_package(now: datetime.datetime) -> dict:
    # through JSON, as a reader gets it (dates and decimals as the feed writes them)
    package = release_package(published_requirements(), uri_path="/ocds/releases.json", now=now)
    return json.loads(json.dumps(package, default=str))

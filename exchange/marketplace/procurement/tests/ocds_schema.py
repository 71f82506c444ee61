"""The official OCDS 1.1.5 schemas (data/ocds/), offline: a package is checked against the release-package schema,
each release against the release schema with the extensions the package declares merged in (RFC 7386 merge
patches), with format checking (date-time, uri, email). Closed codelists are enums in the schemas; the codes an
extension adds to a closed codelist are added to the enum they extend."""

import datetime
import json

import jsonschema
from django.test import Client
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT4

from exchange.marketplace.procurement.ocds import package_envelope, published_requirements, requirement_release
from exchange.marketplace.procurement.ocds_schema import OCDS, load, release_schema
from exchange.marketplace.procurement.services.releases import releases_publish_due

BASE = "https://standard.open-contracting.org/schema/1__1__5/"


def _validator(schema: dict, release: dict) -> jsonschema.Draft4Validator:
    resources = [(BASE + "release-schema.json", Resource(contents=release, specification=DRAFT4))]
    for name in (
        "release-package-schema.json",
        "record-package-schema.json",
        "versioned-release-validation-schema.json",
    ):
        resources.append((BASE + name, Resource(contents=load(OCDS / "1.1.5" / name), specification=DRAFT4)))
    registry = Registry().with_resources(resources)
    return jsonschema.Draft4Validator(
        schema, registry=registry, format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER
    )


def package_errors(package: dict) -> list[str]:
    """Every way `package` and each of its releases break the official schemas (with the declared extensions)."""
    release = release_schema(tuple(package.get("extensions", [])))
    package_schema = load(OCDS / "1.1.5" / "release-package-schema.json")
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


def record_package_errors(package: dict) -> list[str]:
    """Every way a record package and its records (their compiled releases included) break the official schemas."""
    release = release_schema(tuple(package.get("extensions", [])))
    package_schema = load(OCDS / "1.1.5" / "record-package-schema.json")
    return [
        f"records {'/'.join(map(str, e.absolute_path))}: {e.message}"
        for e in _validator(package_schema, release).iter_errors(package)
    ]


def feed_package(now: datetime.datetime) -> dict:
    """The whole feed as a reader gets it, once the scheduled job has run at `now`."""
    releases_publish_due(now=now)
    return json.loads(Client().get("/ocds/releases.json", {"limit": 500}).content)


def snapshot_package(requirement, now: datetime.datetime) -> dict:
    """A package of the one release `requirement` would be published as at `now`: what its next release says."""
    current = published_requirements().get(pk=requirement.pk)
    release = requirement_release(current, release_id=f"{current.ocid}-next", date=now, tag=["tenderUpdate"], now=now)
    package = {**package_envelope(uri_path="/ocds/releases.json", now=now), "releases": [release]}
    return json.loads(json.dumps(package))


def latest(package: dict, ocid: str) -> dict:
    """The newest release of process `ocid` in `package`."""
    return [release for release in package["releases"] if release["ocid"] == ocid][-1]

"""The official OCDS 1.1.5 release schema (data/ocds/, vendored: nothing is fetched at run time) with the
extensions a package declares merged in (RFC 7386 merge patches). Records are compiled by its merge rules; the tests
validate against it. Closed codelists are enums in the schemas; the codes an extension adds to a closed codelist
are added to the enum they extend."""

import csv
import json
from functools import cache
from pathlib import Path

from django.conf import settings

OCDS = Path(settings.BASE_DIR) / "data" / "ocds"
# The URL each vendored extension is declared by (as Find a Tender and the extension registry declare them).
VENDORED_EXTENSIONS = {
    "https://raw.githubusercontent.com/open-contracting-extensions/ocds_bid_extension/v1.1.5/extension.json": "bid",
    "https://raw.githubusercontent.com/open-contracting-extensions/ocds_budget_breakdown_extension/master/extension.json": "budget_breakdown",  # noqa: E501
    "https://raw.githubusercontent.com/open-contracting-extensions/ocds_techniques_extension/master/extension.json": "techniques",  # noqa: E501
    "https://raw.githubusercontent.com/cabinetoffice/ocds_uk_extension/main/extension.json": "uk",
}


def merge_patch(target, patch):
    """RFC 7386: objects merge key by key, null deletes, anything else replaces."""
    if not isinstance(patch, dict):
        return patch
    merged = dict(target) if isinstance(target, dict) else {}
    for key, value in patch.items():
        if value is None:
            merged.pop(key, None)
        else:
            merged[key] = merge_patch(merged.get(key), value)
    return merged


def load(path: Path) -> dict:
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
    """The 1.1.5 release schema with `extensions` merged in. Do not change what it returns: it is shared."""
    schema = load(OCDS / "1.1.5" / "release-schema.json")
    for url in extensions:
        if url not in VENDORED_EXTENSIONS:
            raise ValueError(f"this project does not hold the extension {url}")
        folder = OCDS / "extensions" / VENDORED_EXTENSIONS[url]
        schema = merge_patch(schema, load(folder / "release-schema.json"))
        for codelist, codes in _added_codes(folder).items():
            _extend_enums(schema, codelist, codes)
    return schema

"""Content kept as data: JSON files an operator edits (or replaces by pointing a setting at a folder of their
own), read once per process. Each app checks its own content and refuses a file that breaks its rules, naming
the file and the rule, when the process starts."""

import json
from functools import cache
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured


@cache
def content_load(path: Path) -> dict:
    try:
        return json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise ImproperlyConfigured(f"{path}: {error}") from error


def content_refuse(path: Path, rule: str) -> ImproperlyConfigured:
    return ImproperlyConfigured(f"{path}: {rule}")

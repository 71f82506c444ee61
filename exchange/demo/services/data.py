"""The demo's content files in `exchange/demo/data/`, and the moments they name relative to the time of loading."""

import datetime
from pathlib import Path
from typing import Any, overload

import yaml

DATA_DIR = Path(__file__).resolve().parent.parent / "data"


def demo_data(name: str) -> dict[str, Any]:
    """The YAML file `name` of the demo's data folder, as plain mappings, lists and scalars."""
    with (DATA_DIR / name).open(encoding="utf-8") as file:
        return yaml.load(file, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


@overload
def moment(spec: dict[str, int], *, now: datetime.datetime) -> datetime.datetime: ...
@overload
def moment(spec: None, *, now: datetime.datetime) -> None: ...
def moment(spec: dict[str, int] | None, *, now: datetime.datetime) -> datetime.datetime | None:
    """`{days_ago: n}` or `{days_ahead: n}` counted from `now`; None where the data gives no moment, so that the
    service called keeps to its own clock."""
    if spec is None:
        return None
    (direction, days), *others = spec.items()
    if others or direction not in ("days_ago", "days_ahead"):
        raise ValueError(f"A moment is one of days_ago or days_ahead, not {spec}.")
    return now + datetime.timedelta(days=-days if direction == "days_ago" else days)

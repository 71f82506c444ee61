"""Reads and checks the files of the bodies that oversee commissioners' plans, before anything is written.

Formats (UTF-8 or Windows-1252, a header line, one body a line, codes in a list separated by `;`):

- boards: `ons_code,name,commissioner_ons_codes`: a health and wellbeing board, by the ONS code of its upper-tier
  local authority (E06, E08, E09 or E10 and 6 digits), and the commissioners (CCG codes, E38…) whose area overlaps it;
- senates: `name,area_team_ons_codes`: a clinical senate and the area teams (E39…) it covers, each area team in one
  senate at most;
- practices: `ods_code,name,commissioner_ons_code`: a GP practice (ODS code: a capital letter and 5 digits) and the
  commissioner it is a member of.

A board is known by its code and a practice by its ODS code; a senate, which has no code, by its name: rename one in
the admin, since a file naming it anew is refused while the old name holds its area teams.

Unlike the ONS reference files, these are written by people: every problem of every line is collected, so that one
refusal lists them all.
"""

import csv
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from . import codes
from .models import OrganisationKind
from .reference_files import clean_name, decode_text

BOARD_COLUMNS = ["ons_code", "name", "commissioner_ons_codes"]
SENATE_COLUMNS = ["name", "area_team_ons_codes"]
PRACTICE_COLUMNS = ["ods_code", "name", "commissioner_ons_code"]

FILE_MISSING = "the file is missing"
FILE_EMPTY = "the file is empty"
NO_ROWS = "the file has no data rows"
UNREADABLE = "unreadable CSV ({error})"
MISSING_COLUMNS = "missing column(s): {columns}"
UNEXPECTED_COLUMNS = "unexpected column(s): {columns}"
WRONG_FIELD_COUNT = "expected {expected} fields, found {found}"
EMPTY_VALUE = "{column} is empty"
BOARD_CODE_INVALID = "ons_code {code!r} is not an upper-tier local authority code (E06, E08, E09 or E10 and 6 digits)"
PRACTICE_CODE_INVALID = "ods_code {code!r} is not a GP practice code (a capital letter and 5 digits)"
COMMISSIONER_CODE_INVALID = "commissioner code {code!r} is not a CCG code (E38 and 6 digits)"
AREA_TEAM_CODE_INVALID = "area team code {code!r} is not an area team code (E39 and 6 digits)"
UNKNOWN_COMMISSIONER = "commissioner {code} is not in the registry"
UNKNOWN_AREA_TEAM = "area team {code} is not in the registry"
APPEARS_TWICE = "{what} {value!r} appears twice (first on line {first})"
LISTED_TWICE = "{what} {code} is listed twice"
AREA_TEAM_IN_TWO_SENATES = "area team {code} is already in {senate!r} (line {first})"
AREA_TEAM_IN_UNNAMED_SENATE = "area team {code} is in {senate!r}, which this file does not name"
CODE_TAKEN = "{code} belongs to {name!r}, which is not a {kind}"


@dataclass(frozen=True)
class Problem:
    file_name: str
    line: int | None
    reason: str

    def __str__(self) -> str:
        return f"{self.file_name} line {self.line}: {self.reason}" if self.line else f"{self.file_name}: {self.reason}"


@dataclass(frozen=True)
class BoardRow:
    line: int
    ons_code: str
    name: str
    commissioner_codes: tuple[str, ...]


@dataclass(frozen=True)
class SenateRow:
    line: int
    name: str
    area_team_codes: tuple[str, ...]


@dataclass(frozen=True)
class PracticeRow:
    line: int
    ods_code: str
    name: str
    commissioner_code: str


@dataclass(frozen=True)
class Registry:
    """What the files are checked against: the registry as it stands."""

    commissioner_codes: frozenset[str]
    area_team_codes: frozenset[str]
    # code -> (name, kind) of every organisation holding an ONS or ODS code
    ons_owners: dict[str, tuple[str, str]] = field(default_factory=dict)
    ods_owners: dict[str, tuple[str, str]] = field(default_factory=dict)
    # area team code -> the name of the senate that covers it now
    area_team_senates: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class _CodeKind:
    """What a list of codes names, and how to say what is wrong with one."""

    column: str
    what: str
    pattern: re.Pattern[str]
    invalid: str
    unknown: str
    known: frozenset[str]


class _Checker:
    """Collects the problems of one file."""

    def __init__(self, path: Path):
        self.file_name = str(path)
        self.problems: list[Problem] = []

    def add(self, line: int | None, reason: str) -> None:
        self.problems.append(Problem(self.file_name, line, reason))

    def sorted_problems(self) -> list[Problem]:
        """In the order of the lines (the problems of a whole file first), those of a line as found."""
        return sorted(self.problems, key=lambda problem: problem.line or 0)

    def rows(self, path: Path, columns: list[str]) -> list[tuple[int, dict[str, str]]]:
        """Every complete line as (line number, row); any line not so is a problem."""
        if not path.is_file():
            self.add(None, FILE_MISSING)
            return []
        reader = csv.reader(io.StringIO(decode_text(path), newline=""))
        rows = []
        try:
            header = [name.strip() for name in next(reader, [])]
            if not any(header):
                self.add(None, FILE_EMPTY)
                return []
            missing = [name for name in columns if name not in header]
            unexpected = [name for name in header if name not in columns]
            if missing:
                self.add(1, MISSING_COLUMNS.format(columns=", ".join(missing)))
            if unexpected:
                self.add(1, UNEXPECTED_COLUMNS.format(columns=", ".join(unexpected)))
            if missing or unexpected:
                return []
            for values in reader:
                if not any(value.strip() for value in values):
                    continue
                if len(values) != len(header):
                    self.add(reader.line_num, WRONG_FIELD_COUNT.format(expected=len(header), found=len(values)))
                    continue
                row = {name: values[header.index(name)].strip() for name in columns}
                for name in columns:
                    if not row[name]:
                        self.add(reader.line_num, EMPTY_VALUE.format(column=name))
                rows.append((reader.line_num, row))
        except csv.Error as error:
            self.add(reader.line_num, UNREADABLE.format(error=error))
            return rows
        if not rows and not self.problems:
            self.add(None, NO_ROWS)
        return rows

    def once(self, seen: dict[str, int], value: str, line: int, what: str) -> None:
        if value in seen:
            self.add(line, APPEARS_TWICE.format(what=what, value=value, first=seen[value]))
        else:
            seen[value] = line

    def code_list(self, text: str, line: int, kind: _CodeKind) -> tuple[str, ...]:
        """The codes of a `;`-separated list, each checked for its shape, for being known, and for being listed once."""
        listed: list[str] = []
        for code in (piece.strip() for piece in text.split(";")):
            if not code:
                continue
            if code in listed:
                self.add(line, LISTED_TWICE.format(what=kind.what, code=code))
                continue
            listed.append(code)
            if not kind.pattern.match(code):
                self.add(line, kind.invalid.format(code=code))
            elif code not in kind.known:
                self.add(line, kind.unknown.format(code=code))
        if text and not listed:
            self.add(line, EMPTY_VALUE.format(column=kind.column))
        return tuple(listed)

    def owned_by_another_kind(self, owners: dict[str, tuple[str, str]], code: str, kind: str, label: str, line: int):
        owner = owners.get(code)
        if owner is not None and owner[1] != kind:
            self.add(line, CODE_TAKEN.format(code=code, name=owner[0], kind=label))


def read_boards(path: Path, registry: Registry) -> tuple[list[BoardRow], list[Problem]]:
    checker, boards = _Checker(path), []
    listed = _CodeKind(
        "commissioner_ons_codes",
        "commissioner",
        codes.CCG,
        COMMISSIONER_CODE_INVALID,
        UNKNOWN_COMMISSIONER,
        registry.commissioner_codes,
    )
    codes_seen: dict[str, int] = {}
    names_seen: dict[str, int] = {}
    for line, row in checker.rows(path, BOARD_COLUMNS):
        code, name = row["ons_code"], clean_name(row["name"])
        if code and not codes.UPPER_TIER_LOCAL_AUTHORITY.match(code):
            checker.add(line, BOARD_CODE_INVALID.format(code=code))
        elif code:
            checker.once(codes_seen, code, line, "board")
            checker.owned_by_another_kind(
                registry.ons_owners,
                code,
                OrganisationKind.HEALTH_AND_WELLBEING_BOARD,
                "health and wellbeing board",
                line,
            )
        if name:
            checker.once(names_seen, name, line, "name")
        commissioners = checker.code_list(row["commissioner_ons_codes"], line, listed)
        boards.append(BoardRow(line, code, name, commissioners))
    return boards, checker.sorted_problems()


def read_senates(path: Path, registry: Registry) -> tuple[list[SenateRow], list[Problem]]:
    checker, senates = _Checker(path), []
    listed = _CodeKind(
        "area_team_ons_codes",
        "area team",
        codes.AREA_TEAM,
        AREA_TEAM_CODE_INVALID,
        UNKNOWN_AREA_TEAM,
        registry.area_team_codes,
    )
    names_seen: dict[str, int] = {}
    placed: dict[str, tuple[str, int]] = {}
    rows = checker.rows(path, SENATE_COLUMNS)
    names_in_file = {clean_name(row["name"]) for _, row in rows}
    for line, row in rows:
        name = clean_name(row["name"])
        if name:
            checker.once(names_seen, name, line, "senate")
        area_teams = checker.code_list(row["area_team_ons_codes"], line, listed)
        for code in area_teams:
            if code in placed:
                senate, first = placed[code]
                checker.add(line, AREA_TEAM_IN_TWO_SENATES.format(code=code, senate=senate, first=first))
                continue
            placed[code] = (name, line)
            current = registry.area_team_senates.get(code)
            if current is not None and current not in names_in_file:
                checker.add(line, AREA_TEAM_IN_UNNAMED_SENATE.format(code=code, senate=current))
        senates.append(SenateRow(line, name, area_teams))
    return senates, checker.sorted_problems()


def read_practices(path: Path, registry: Registry) -> tuple[list[PracticeRow], list[Problem]]:
    checker, practices = _Checker(path), []
    codes_seen: dict[str, int] = {}
    for line, row in checker.rows(path, PRACTICE_COLUMNS):
        code, name, commissioner = row["ods_code"], clean_name(row["name"]), row["commissioner_ons_code"]
        if code and not codes.GP_PRACTICE.match(code):
            checker.add(line, PRACTICE_CODE_INVALID.format(code=code))
        elif code:
            checker.once(codes_seen, code, line, "practice")
            checker.owned_by_another_kind(registry.ods_owners, code, OrganisationKind.GP_PRACTICE, "GP practice", line)
        if commissioner and not codes.CCG.match(commissioner):
            checker.add(line, COMMISSIONER_CODE_INVALID.format(code=commissioner))
        elif commissioner and commissioner not in registry.commissioner_codes:
            checker.add(line, UNKNOWN_COMMISSIONER.format(code=commissioner))
        practices.append(PracticeRow(line, code, name, commissioner))
    return practices, checker.sorted_problems()

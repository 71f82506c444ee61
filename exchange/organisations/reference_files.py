"""Reads the ONS 2013 organisation files and checks them before anything is written.

The files are kept as published, with their flaws: Windows-1252 in one file and UTF-8 in the others,
CR-only line endings, trailing spaces and curly apostrophes in names. Each flaw is mended here; any
real inconsistency is refused as a `ReferenceFileError` naming the file and line.
"""

import csv
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

CCG_FILE = "CCG_APR_2013.csv"
LOOKUP_FILE = "CCG13_NHSAT13_NHSCR13_EW_LU.csv"
AREA_TEAM_FILE = "NHSAT_APR_2013_EN_NC.csv"
AREA_TEAM_CODES_FILE = "at.csv"

ONS_CODE = {
    "ccg": re.compile(r"^E38\d{6}$"),
    "area_team": re.compile(r"^E39\d{6}$"),
    "region": re.compile(r"^E40\d{6}$"),
}
CCG_ODS_CODE = re.compile(r"^[0-9A-Z]{3}$")
AREA_TEAM_ODS_CODE = re.compile(r"^Q\d{2}$")


class ReferenceFileError(Exception):
    def __init__(self, file_name: str, line: int | None, reason: str):
        self.file_name, self.line, self.reason = file_name, line, reason
        where = f"{file_name}, line {line}" if line else file_name
        super().__init__(f"{where}: {reason}")


@dataclass(frozen=True)
class RegionRow:
    ons_code: str
    name: str


@dataclass(frozen=True)
class AreaTeamRow:
    ons_code: str
    ods_code: str
    name: str
    region_code: str


@dataclass(frozen=True)
class CommissionerRow:
    ons_code: str
    ods_code: str
    name: str
    area_team_code: str
    region_code: str


@dataclass
class ReferenceData:
    regions: dict[str, RegionRow] = field(default_factory=dict)
    area_teams: dict[str, AreaTeamRow] = field(default_factory=dict)
    commissioners: dict[str, CommissionerRow] = field(default_factory=dict)


def clean_name(value: str) -> str:
    return " ".join(value.replace("\u2019", "'").replace("\u2018", "'").split())


def decode_text(path: Path) -> str:
    raw = path.read_bytes()
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        # The ONS published CCG_APR_2013.csv in Windows-1252 (its apostrophe is byte 0x92).
        return raw.decode("cp1252")


def _rows(directory: Path, file_name: str, columns: list[str]):
    """Yield (line number, row) with every named column present and stripped."""
    path = directory / file_name
    if not path.is_file():
        raise ReferenceFileError(file_name, None, "the file is missing")
    reader = csv.reader(io.StringIO(decode_text(path), newline=""))
    try:
        header = [name.strip() for name in next(reader)]
    except StopIteration:
        raise ReferenceFileError(file_name, 1, "the file is empty") from None
    except csv.Error as error:
        raise ReferenceFileError(file_name, reader.line_num, f"unreadable CSV ({error})") from None
    missing = [name for name in columns if name not in header]
    if missing:
        raise ReferenceFileError(file_name, 1, f"missing column(s): {', '.join(missing)}")
    positions = [header.index(name) for name in columns]
    seen_data = False
    try:
        for values in reader:
            if not any(value.strip() for value in values):
                continue
            if len(values) != len(header):
                raise ReferenceFileError(
                    file_name, reader.line_num, f"expected {len(header)} fields, found {len(values)}"
                )
            row = {name: values[position].strip() for name, position in zip(columns, positions, strict=True)}
            for name, value in row.items():
                if not value:
                    raise ReferenceFileError(file_name, reader.line_num, f"{name} is empty")
            seen_data = True
            yield reader.line_num, row
    except csv.Error as error:
        raise ReferenceFileError(file_name, reader.line_num, f"unreadable CSV ({error})") from None
    if not seen_data:
        raise ReferenceFileError(file_name, None, "the file has no data rows")


def _check(pattern: re.Pattern, value: str, what: str, file_name: str, line: int) -> None:
    if not pattern.match(value):
        raise ReferenceFileError(file_name, line, f"{what} {value!r} is not valid")


def read_reference_directory(directory: Path) -> ReferenceData:
    data = ReferenceData()
    if not directory.is_dir():
        raise ReferenceFileError(str(directory), None, "the folder does not exist")

    area_team_names: dict[str, str] = {}
    for line, row in _rows(directory, AREA_TEAM_FILE, ["NHSAT13CD", "NHSAT13NM"]):
        _check(ONS_CODE["area_team"], row["NHSAT13CD"], "area team code", AREA_TEAM_FILE, line)
        if row["NHSAT13CD"] in area_team_names:
            raise ReferenceFileError(AREA_TEAM_FILE, line, f"area team {row['NHSAT13CD']} appears twice")
        area_team_names[row["NHSAT13CD"]] = clean_name(row["NHSAT13NM"])

    area_team_ods: dict[str, str] = {}
    for line, row in _rows(directory, AREA_TEAM_CODES_FILE, ["ons_code", "hscic_code", "name"]):
        _check(ONS_CODE["area_team"], row["ons_code"], "area team code", AREA_TEAM_CODES_FILE, line)
        _check(AREA_TEAM_ODS_CODE, row["hscic_code"], "ODS code", AREA_TEAM_CODES_FILE, line)
        if row["ons_code"] not in area_team_names:
            raise ReferenceFileError(
                AREA_TEAM_CODES_FILE, line, f"area team {row['ons_code']} is not in {AREA_TEAM_FILE}"
            )
        area_team_ods[row["ons_code"]] = row["hscic_code"]

    ccg_names: dict[str, tuple[str, str]] = {}
    for line, row in _rows(directory, CCG_FILE, ["CCG13CD", "CCG13CDH", "CCG13NM"]):
        _check(ONS_CODE["ccg"], row["CCG13CD"], "CCG code", CCG_FILE, line)
        _check(CCG_ODS_CODE, row["CCG13CDH"], "ODS code", CCG_FILE, line)
        if row["CCG13CD"] in ccg_names:
            raise ReferenceFileError(CCG_FILE, line, f"CCG {row['CCG13CD']} appears twice")
        ccg_names[row["CCG13CD"]] = (row["CCG13CDH"], clean_name(row["CCG13NM"]))

    lookup_columns = ["CCG13CD", "CCG13NM", "NHSAT13CD", "NHSAT13NM", "NHSCR13CD", "NHSCR13NM"]
    for line, row in _rows(directory, LOOKUP_FILE, lookup_columns):
        ccg_code, area_team_code, region_code = row["CCG13CD"], row["NHSAT13CD"], row["NHSCR13CD"]
        _check(ONS_CODE["ccg"], ccg_code, "CCG code", LOOKUP_FILE, line)
        _check(ONS_CODE["area_team"], area_team_code, "area team code", LOOKUP_FILE, line)
        _check(ONS_CODE["region"], region_code, "region code", LOOKUP_FILE, line)
        if ccg_code not in ccg_names:
            raise ReferenceFileError(LOOKUP_FILE, line, f"CCG {ccg_code} is not in {CCG_FILE}")
        ods_code, name = ccg_names[ccg_code]
        if clean_name(row["CCG13NM"]) != name:
            raise ReferenceFileError(LOOKUP_FILE, line, f"CCG {ccg_code} is named {name!r} in {CCG_FILE}")
        if area_team_code not in area_team_names or area_team_code not in area_team_ods:
            raise ReferenceFileError(LOOKUP_FILE, line, f"area team {area_team_code} is not in the area team files")
        if ccg_code in data.commissioners:
            raise ReferenceFileError(LOOKUP_FILE, line, f"CCG {ccg_code} appears twice")
        region = RegionRow(region_code, clean_name(row["NHSCR13NM"]))
        if data.regions.setdefault(region_code, region) != region:
            raise ReferenceFileError(LOOKUP_FILE, line, f"region {region_code} has two names")
        team = AreaTeamRow(area_team_code, area_team_ods[area_team_code], area_team_names[area_team_code], region_code)
        if data.area_teams.setdefault(area_team_code, team) != team:
            raise ReferenceFileError(LOOKUP_FILE, line, f"area team {area_team_code} is in two regions")
        data.commissioners[ccg_code] = CommissionerRow(ccg_code, ods_code, name, area_team_code, region_code)

    unplaced = sorted(set(ccg_names) - set(data.commissioners))
    if unplaced:
        raise ReferenceFileError(LOOKUP_FILE, None, f"no area team or region for CCG(s) {', '.join(unplaced[:5])}")
    return data

"""The CTDC shape: one row per identified or presumed victim registered in a year, with the
column names of the IOM Counter Trafficking Data Collaborative (codes from the vocabularies).

Quasi-identifiers are kept as generalisable values so `anonymity.py` can coarsen them: each
has levels (0 = as recorded, ..., top = suppressed, written as an empty cell).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sosdesk.domain.countries import COUNTRY
from sosdesk.domain.vocab import (
    EXPLOITATION,
    GENDER,
    MEANS_OF_CONTROL,
    RECRUITER_RELATION,
    age_group,
    majority_status,
)
from sosdesk.stats.persons import Person
from sosdesk.stats.regions import region_label, region_of

VICTIM_STATUSES = ("identified", "presumed")

# Broad CTDC exploitation types and the recorded types each covers.
_BROAD = {
    "isSexualExploit": ("sexual", "online_sexual"),
    "isForcedLabour": (
        "forced_labour",
        "forced_begging",
        "domestic_servitude",
        "forced_criminality",
    ),
    "isOtherExploit": ("forced_marriage", "organ_removal", "other"),
}
_NOT_SPECIFIED = EXPLOITATION.get("unknown").ctdc
EXPLOITATION_COLUMNS = tuple(
    dict.fromkeys([*_BROAD, *(t.ctdc for t in EXPLOITATION if t.code != "unknown"), _NOT_SPECIFIED])
)
MEANS_NOT_SPECIFIED = "meansOfControlNotSpecified"
MEANS_COLUMNS = tuple(dict.fromkeys([*(t.ctdc for t in MEANS_OF_CONTROL), MEANS_NOT_SPECIFIED]))
RECRUITER_COLUMNS = tuple(dict.fromkeys(t.ctdc for t in RECRUITER_RELATION))
COLUMNS = (
    "yearOfRegistration",
    "gender",
    "ageBroad",
    "majorityStatus",
    "citizenship",
    *MEANS_COLUMNS,
    *EXPLOITATION_COLUMNS,
    *RECRUITER_COLUMNS,
    "CountryOfExploitation",
)

# The quasi-identifiers and how many levels each has (the last one is "suppressed").
QUASI_IDENTIFIERS = ("gender", "age", "citizenship", "exploitation", "country")
LEVELS = {"gender": 2, "age": 3, "citizenship": 3, "exploitation": 3, "country": 3}
# Which output columns each quasi-identifier fills.
QI_COLUMNS: dict[str, tuple[str, ...]] = {
    "gender": ("gender",),
    "age": ("ageBroad", "majorityStatus"),
    "citizenship": ("citizenship",),
    "exploitation": EXPLOITATION_COLUMNS,
    "country": ("CountryOfExploitation",),
}


@dataclass(frozen=True)
class VictimRecord:
    """One victim as recorded (level 0 of every quasi-identifier) plus the other columns."""

    year: int
    gender: str
    age: int | None
    citizenship: str
    exploitation: tuple[str, ...]
    countries: tuple[str, ...]
    means: tuple[str, ...]
    recruiter: str | None

    @classmethod
    def of(cls, person: Person) -> VictimRecord:
        return cls(
            person.registered_on.year,
            person.gender,
            person.age,
            person.citizenship,
            person.exploitation,
            person.countries,
            person.means,
            person.recruiter,
        )


def _flag(value: bool) -> str:
    return "1" if value else "0"


def qi_values(record: VictimRecord, qi: str, level: int) -> tuple[str, ...]:
    """The output cells of one quasi-identifier at a generalisation level."""
    top = LEVELS[qi] - 1
    width = len(QI_COLUMNS[qi])
    if level >= top:
        return ("",) * width
    if qi == "gender":
        return (GENDER.get(record.gender).ctdc if record.gender in GENDER else "Unknown",)
    if qi == "age":
        group = age_group(record.age)
        majority = majority_status(record.age if group != "unknown" else None)
        return ("" if group == "unknown" or level == 1 else group, majority)
    if qi == "citizenship":
        code = record.citizenship or "XX"
        if level == 0:
            return (COUNTRY.get(code).ctdc if code in COUNTRY else code,)
        return (region_label(region_of(code)),)
    if qi == "exploitation":
        return _exploitation_cells(record.exploitation, level)
    codes = sorted(set(record.countries)) or ["XX"]
    if level == 1:
        codes = sorted({region_label(region_of(c)) for c in codes})
    return (";".join(codes),)


def _exploitation_cells(types: Sequence[str], level: int) -> tuple[str, ...]:
    recorded = [t for t in types if t != "unknown"]
    cells = dict.fromkeys(EXPLOITATION_COLUMNS, "" if level == 1 else "0")
    for broad, members in _BROAD.items():
        cells[broad] = _flag(any(t in members for t in recorded))
    if level == 0:
        for t in recorded:
            if t in EXPLOITATION:
                cells[EXPLOITATION.get(t).ctdc] = "1"
    cells[_NOT_SPECIFIED] = _flag(not recorded)
    return tuple(cells[c] for c in EXPLOITATION_COLUMNS)


def other_cells(record: VictimRecord) -> dict[str, str]:
    """Columns that are not quasi-identifiers: year, means of control, recruiter relation."""
    cells = {"yearOfRegistration": str(record.year)}
    means = [m for m in record.means if m in MEANS_OF_CONTROL]
    for column in MEANS_COLUMNS:
        cells[column] = "" if not means else "0"
    for m in means:
        cells[MEANS_OF_CONTROL.get(m).ctdc] = "1"
    cells[MEANS_NOT_SPECIFIED] = _flag(not means)
    relation = record.recruiter if record.recruiter in RECRUITER_RELATION else "unknown"
    for column in RECRUITER_COLUMNS:
        cells[column] = "0"
    cells[RECRUITER_RELATION.get(relation or "unknown").ctdc] = "1"
    return cells

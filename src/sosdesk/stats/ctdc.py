"""One victim as a row of CTDC's k-anonymised Global Dataset (columns and codes in
`domain/ctdc_codebook.py`), with every column an adversary may know as a quasi-identifier.

Each quasi-identifier has generalisation levels that stay valid CTDC cells (0 = as recorded,
the last = suppressed, every cell empty, as CTDC writes missing values):
- age: age group and majority status, then majority status only;
- exploitation: every type, then the sexual / labour flags only;
- means of control: every means, then only whether any was recorded;
- gender, citizenship, country of exploitation, recruiter relation: as recorded or empty
  (CTDC has no region codes, so a country cannot be coarsened into a valid cell).
The registration year is the same in every row of a yearly export, and the data source is
the same for the whole desk, so neither splits anyone from the others.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sosdesk.domain.ctdc_codebook import (
    CTDC_COLUMNS,
    DATASOURCES,
    EXPLOITATION_MAP,
    GENDER_MAP,
    LABOUR_TYPES,
    MEANS_MAP,
    RECRUITER_MAP,
    SEX_TYPES,
    alpha3,
)
from sosdesk.domain.vocab import age_group, majority_status
from sosdesk.stats.persons import Person

VICTIM_STATUSES = ("identified", "presumed")
COLUMNS = CTDC_COLUMNS
UNKNOWN_COUNTRY = "XX"

MEANS_COLUMNS = tuple(c for c in COLUMNS if c.startswith("meansOfControl"))
RECRUITER_COLUMNS = (
    "RecruiterRelationship",
    *(c for c in COLUMNS if c.startswith("recruiterRelation")),
)
EXPLOITATION_COLUMNS = tuple(c for c in COLUMNS if c.startswith(("is", "typeOf")))
_BROAD = ("isForcedLabour", "isSexualExploit", "isSexAndLabour")

QUASI_IDENTIFIERS = (
    "gender",
    "age",
    "citizenship",
    "exploitation",
    "country",
    "means",
    "recruiter",
)
LEVELS = {
    "gender": 2,
    "age": 3,
    "citizenship": 2,
    "exploitation": 3,
    "country": 2,
    "means": 3,
    "recruiter": 2,
}
QI_COLUMNS: dict[str, tuple[str, ...]] = {
    "gender": ("gender",),
    "age": ("ageBroad", "majorityStatus"),
    "citizenship": ("citizenship",),
    "exploitation": EXPLOITATION_COLUMNS,
    "country": ("CountryOfExploitation",),
    "means": MEANS_COLUMNS,
    "recruiter": RECRUITER_COLUMNS,
}
# Columns we never record: always empty (CTDC's missing value).
NOT_RECORDED = ("majorityStatusAtExploit", "majorityEntry")


@dataclass(frozen=True)
class VictimRecord:
    """One victim as recorded (level 0 of every quasi-identifier)."""

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

    @property
    def known_countries(self) -> tuple[str, ...]:
        """Countries of exploitation other than unknown, in recorded order."""
        return tuple(dict.fromkeys(c for c in self.countries if c and c != UNKNOWN_COUNTRY))


def _flag(value: bool) -> str:
    return "1" if value else "0"


def qi_values(record: VictimRecord, qi: str, level: int) -> tuple[str, ...]:
    """The output cells of one quasi-identifier at a generalisation level."""
    width = len(QI_COLUMNS[qi])
    if level >= LEVELS[qi] - 1:
        return ("",) * width
    if qi == "gender":
        m = GENDER_MAP.get(record.gender)
        return (m.ctdc[0] if m and m.ctdc else "",)
    if qi == "age":
        group = age_group(record.age)
        if group == "unknown":
            return ("", "")
        return ("" if level == 1 else group, majority_status(record.age))
    if qi == "citizenship":
        return (alpha3(record.citizenship),)
    if qi == "country":
        known = record.known_countries
        return (alpha3(known[0]) if known else "",)
    if qi == "exploitation":
        cells = exploitation_cells(record.exploitation)
        if level == 1:
            cells = {c: (v if c in _BROAD else "") for c, v in cells.items()}
        return tuple(cells[c] for c in EXPLOITATION_COLUMNS)
    if qi == "means":
        cells = means_cells(record.means)
        if level == 1:
            cells = {c: (v if c == "meansOfControlNotSpecified" else "") for c, v in cells.items()}
        return tuple(cells[c] for c in MEANS_COLUMNS)
    cells = recruiter_cells(record.recruiter)
    return tuple(cells[c] for c in RECRUITER_COLUMNS)


def exploitation_cells(types: Sequence[str]) -> dict[str, str]:
    """The exploitation columns of recorded types; every cell empty when none is known."""
    known = [EXPLOITATION_MAP[t] for t in types if t in EXPLOITATION_MAP and t != "unknown"]
    cells = dict.fromkeys(EXPLOITATION_COLUMNS, "")
    if not known:
        return cells
    flagged = {c for m in known for c in m.ctdc}
    for column in ("isForcedLabour", "isSexualExploit", "isOtherExploit", "isForcedMarriage"):
        cells[column] = _flag(column in flagged)
    cells["isOrganRemoval"] = _flag("isOrganRemoval" in flagged)
    labour, sexual = "isForcedLabour" in flagged, "isSexualExploit" in flagged
    cells["isSexAndLabour"] = _flag(labour and sexual)
    cells["typeOfExploitConcatenated"] = ";".join(dict.fromkeys(m.label for m in known))
    if labour:
        subtypes = [label for c, label in LABOUR_TYPES.items() if c in flagged]
        for column in LABOUR_TYPES:
            cells[column] = _flag(column in flagged)
        cells["typeOfLabourNotSpecified"] = _flag(not subtypes)
        cells["typeOfLabourConcatenated"] = ";".join(subtypes)
    if sexual:
        subtypes = [label for c, label in SEX_TYPES.items() if c in flagged]
        for column in SEX_TYPES:
            cells[column] = _flag(column in flagged)
        cells["typeOfSexConcatenated"] = ";".join(subtypes)
    return cells


def means_cells(means: Sequence[str]) -> dict[str, str]:
    """The means-of-control columns: flags of the recorded means, or only NotSpecified = 1."""
    known = [MEANS_MAP[m] for m in means if m in MEANS_MAP]
    cells = dict.fromkeys(MEANS_COLUMNS, "")
    cells["meansOfControlNotSpecified"] = _flag(not known)
    if known:
        flagged = {c for m in known for c in m.ctdc}
        ours = {c for m in MEANS_MAP.values() for c in m.ctdc}
        for column in ours:
            cells[column] = _flag(column in flagged)
        cells["meansOfControlConcatenated"] = ";".join(dict.fromkeys(m.label for m in known))
    return cells


def recruiter_cells(relation: str | None) -> dict[str, str]:
    """The recruiter columns: one flag set, the others 0; all empty when never asked."""
    cells = dict.fromkeys(RECRUITER_COLUMNS, "")
    m = RECRUITER_MAP.get(relation or "")
    if m is None:
        return cells
    for column in RECRUITER_COLUMNS[1:]:
        cells[column] = _flag(column in m.ctdc)
    cells["RecruiterRelationship"] = m.label
    return cells


def other_cells(record: VictimRecord, datasource: str) -> dict[str, str]:
    """Columns that are not quasi-identifiers: year, data source, never-recorded columns."""
    cells = {"yearOfRegistration": str(record.year), "Datasource": DATASOURCES[datasource]}
    cells.update(dict.fromkeys(NOT_RECORDED, ""))
    return cells

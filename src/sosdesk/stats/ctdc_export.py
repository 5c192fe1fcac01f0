"""`sosdesk stats ctdc`: the k-anonymised CTDC-shaped file of a year's victims."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from sosdesk.stats.anonymity import AnonymityReport, anonymise
from sosdesk.stats.ctdc import (
    COLUMNS,
    LEVELS,
    QI_COLUMNS,
    QUASI_IDENTIFIERS,
    VICTIM_STATUSES,
    VictimRecord,
    other_cells,
    qi_values,
)
from sosdesk.stats.periods import Period
from sosdesk.stats.persons import registered_in
from sosdesk.store.database import Database

DEFAULT_K = 11


@dataclass(frozen=True)
class CtdcExport:
    """The rows to write (already anonymised) and what was done to them."""

    year: int
    rows: tuple[tuple[str, ...], ...]
    report: AnonymityReport

    def csv_text(self) -> str:
        """The file: a header of CTDC column names, then one row per victim."""
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(COLUMNS)
        writer.writerows(self.rows)
        return out.getvalue()


def victim_records(db: Database, year: int) -> list[VictimRecord]:
    """Identified or presumed victims registered in `year` (local calendar), as recorded."""
    with db.session() as s:
        persons = registered_in(s, Period.year(year), statuses=VICTIM_STATUSES)
    return [VictimRecord.of(p) for p in persons]


def render_row(record: VictimRecord, levels: dict[str, int]) -> tuple[str, ...]:
    """One output row at the given generalisation levels."""
    cells = other_cells(record)
    for qi in QUASI_IDENTIFIERS:
        cells.update(zip(QI_COLUMNS[qi], qi_values(record, qi, levels[qi]), strict=True))
    return tuple(cells[c] for c in COLUMNS)


def build_export(records: list[VictimRecord], year: int, k: int = DEFAULT_K) -> CtdcExport:
    """Anonymise and render; rows are sorted so their order says nothing about registration."""
    result = anonymise(records, k, QUASI_IDENTIFIERS, LEVELS, qi_values)
    rows = sorted(render_row(r, lv) for r, lv in result.records)
    return CtdcExport(year, tuple(rows), result.report)


def ctdc_export(db: Database, year: int, k: int = DEFAULT_K) -> CtdcExport:
    """The CTDC export of `year` from the database."""
    return build_export(victim_records(db, year), year, k)

"""`sosdesk stats ctdc`: the k-anonymised file of a year's victims in CTDC's format."""

from __future__ import annotations

import csv
import io
from collections import Counter
from dataclasses import dataclass, field

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
from sosdesk.stats.rawsql import stats_session
from sosdesk.store.database import Database

DEFAULT_K = 11
DEFAULT_DATASOURCE = "case_management"


@dataclass(frozen=True)
class CtdcExport:
    """The rows to write (already anonymised) and what was done to them."""

    year: int
    rows: tuple[tuple[str, ...], ...]
    report: AnonymityReport
    # Column -> cells emptied by generalisation or suppression (recorded, but not written).
    suppressed_cells: dict[str, int] = field(default_factory=dict, hash=False)
    extra_countries_dropped: int = 0  # rows with more than one country: only the first kept

    def csv_text(self) -> str:
        """The file: a header of CTDC column names, then one row per victim."""
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(COLUMNS)
        writer.writerows(self.rows)
        return out.getvalue()


def victim_records(db: Database, year: int) -> list[VictimRecord]:
    """Identified or presumed victims registered in `year` (local calendar), as recorded."""
    with stats_session(db) as s:
        persons = registered_in(s, Period.year(year), statuses=VICTIM_STATUSES)
    return [VictimRecord.of(p) for p in persons]


def render_cells(record: VictimRecord, levels: dict[str, int], datasource: str) -> dict[str, str]:
    """One output row at the given generalisation levels, by column."""
    cells = other_cells(record, datasource)
    for qi in QUASI_IDENTIFIERS:
        cells.update(zip(QI_COLUMNS[qi], qi_values(record, qi, levels[qi]), strict=True))
    return cells


def render_row(
    record: VictimRecord, levels: dict[str, int], datasource: str = DEFAULT_DATASOURCE
) -> tuple[str, ...]:
    """One output row at the given generalisation levels."""
    cells = render_cells(record, levels, datasource)
    return tuple(cells[c] for c in COLUMNS)


def build_export(
    records: list[VictimRecord],
    year: int,
    k: int = DEFAULT_K,
    datasource: str = DEFAULT_DATASOURCE,
) -> CtdcExport:
    """Anonymise and render; rows are sorted so their order says nothing about registration."""
    result = anonymise(records, k, QUASI_IDENTIFIERS, LEVELS, qi_values)
    recorded = dict.fromkeys(QUASI_IDENTIFIERS, 0)
    emptied: Counter[str] = Counter()
    rows = []
    for record, levels in result.records:
        written = render_cells(record, levels, datasource)
        as_recorded = render_cells(record, recorded, datasource)
        emptied.update(c for c, v in as_recorded.items() if v and not written[c])
        rows.append(tuple(written[c] for c in COLUMNS))
    extra = sum(1 for r, _lv in result.records if len(r.known_countries) > 1)
    return CtdcExport(year, tuple(sorted(rows)), result.report, dict(emptied), extra)


def ctdc_export(
    db: Database, year: int, k: int = DEFAULT_K, datasource: str = DEFAULT_DATASOURCE
) -> CtdcExport:
    """The CTDC export of `year` from the database."""
    return build_export(victim_records(db, year), year, k, datasource)

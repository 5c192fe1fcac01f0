"""The shape every statistic takes: a table of integer counts (or money in minor units)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

# What a table counts.
CALLS, PERSONS, EVENTS, MONEY = "calls", "persons", "events", "minor"


@dataclass(frozen=True)
class StatTable:
    """Rows x columns of counts. `totals` is the Total row: for multi-valued tables (a call with
    two categories, a victim of two kinds of exploitation) it counts distinct records, so it is
    not the sum of the rows. `row_totals` is set for cross-tabulations whose columns partition
    the records (e.g. by gender)."""

    key: str
    dimension: str  # what the rows are: a vocabulary name or hour / weekday / month / age_group
    rows: tuple[str, ...]
    columns: tuple[str, ...]
    column_dimension: str  # "measure", "currency" or a vocabulary name (cross-tabs)
    cells: tuple[tuple[int, ...], ...]
    totals: tuple[int, ...]
    unit: str
    person_level: bool = False  # counts people by quasi-identifiers: suppressed when published
    multi_valued: bool = False
    row_totals: tuple[int, ...] | None = None
    grand_total: int | None = None

    def value(self, row: str, column: str | None = None) -> int:
        """The cell at `row` and `column` (default: the first column); 0 for an absent row."""
        col = self.columns.index(column) if column is not None else 0
        try:
            return self.cells[self.rows.index(row)][col]
        except ValueError:
            return 0

    def column(self, column: str | None = None) -> dict[str, int]:
        """One column as {row: value}."""
        col = self.columns.index(column) if column is not None else 0
        return {r: c[col] for r, c in zip(self.rows, self.cells, strict=True)}

    @property
    def total(self) -> int:
        """The Total of the first column (or the grand total of a cross-tab)."""
        return self.grand_total if self.grand_total is not None else self.totals[0]

    @property
    def is_empty(self) -> bool:
        return self.total == 0 and not any(any(c) for c in self.cells)

    def with_rows(self, rows: Sequence[str]) -> StatTable:
        """The same table over `rows` (absent rows count 0): aligns a previous period's rows."""
        index = {r: i for i, r in enumerate(self.rows)}
        zero = (0,) * len(self.columns)
        cells = tuple(self.cells[index[r]] if r in index else zero for r in rows)
        row_totals = None
        if self.row_totals is not None:
            row_totals = tuple(self.row_totals[index[r]] if r in index else 0 for r in rows)
        return StatTable(
            self.key,
            self.dimension,
            tuple(rows),
            self.columns,
            self.column_dimension,
            cells,
            self.totals,
            self.unit,
            self.person_level,
            self.multi_valued,
            row_totals,
            self.grand_total,
        )


def ordered_rows(codes: Iterable[str], *counts: Mapping[str, object]) -> tuple[str, ...]:
    """Vocabulary order first, then any code found in the data that the vocabulary lacks (a
    newer desk's code, an old code), so nothing counted is ever dropped from a table."""
    out = list(dict.fromkeys(codes))
    known = set(out)
    extra = sorted({k for c in counts for k in c if k not in known})
    return tuple(out + extra)


def by_count_rows(*counts: Mapping[str, int]) -> tuple[str, ...]:
    """Rows present in any of `counts`, largest (first mapping) first, then by code."""
    keys = {k for c in counts for k, v in c.items() if v}
    first = counts[0] if counts else {}
    return tuple(sorted(keys, key=lambda k: (-first.get(k, 0), k)))


def one_column(
    key: str,
    dimension: str,
    rows: Sequence[str],
    counts: Mapping[str, int],
    total: int,
    unit: str,
    *,
    column: str = "count",
    person_level: bool = False,
    multi_valued: bool = False,
) -> StatTable:
    """A table with a single column of counts."""
    return StatTable(
        key,
        dimension,
        tuple(rows),
        (column,),
        "measure",
        tuple((int(counts.get(r, 0)),) for r in rows),
        (int(total),),
        unit,
        person_level,
        multi_valued,
    )


def multi_column(
    key: str,
    dimension: str,
    rows: Sequence[str],
    columns: Sequence[str],
    counts: Mapping[tuple[str, str], int],
    totals: Sequence[int],
    unit: str,
    *,
    column_dimension: str = "measure",
    person_level: bool = False,
    multi_valued: bool = False,
    cross: bool = False,
) -> StatTable:
    """A table with several columns; `cross=True` adds row totals and the grand total."""
    cells = tuple(tuple(int(counts.get((r, c), 0)) for c in columns) for r in rows)
    row_totals = tuple(sum(row) for row in cells) if cross else None
    grand = sum(totals) if cross else None
    return StatTable(
        key,
        dimension,
        tuple(rows),
        tuple(columns),
        column_dimension,
        cells,
        tuple(int(t) for t in totals),
        unit,
        person_level,
        multi_valued,
        row_totals,
        grand,
    )

"""Tables as they may leave the organisation: person tables suppressed, linked tables kept
consistent. The age-by-gender cross-tabulation shares its margins with the tables of victims by
gender and by age group, so those two take their hidden cells from it: a margin hidden in one
table is never shown in another."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sosdesk.stats.suppression import SHOWN, Entry, Published, SuppressionRule, publish
from sosdesk.stats.tables import StatTable

# Cross-tab key -> (table of its column margins, table of its row margins).
LINKED = {"victims_age_by_gender": ("victims_by_gender", "victims_by_age_group")}


@dataclass(frozen=True)
class Publication:
    """Every table of a period, ready to print."""

    tables: dict[str, Published]

    def __getitem__(self, key: str) -> Published:
        return self.tables[key]


def _from_margins(table: StatTable, cross: Published, margin: str) -> Published:
    """A one-column table whose cells are the cross-tab's column ("t") or row ("r") margins."""
    if margin == "t":
        keys = list(cross.table.columns)
        mark_of = {k: cross.mark(("t", 0, j)) for j, k in enumerate(keys)}
    else:
        keys = list(cross.table.rows)
        mark_of = {k: cross.mark(("r", i, 0)) for i, k in enumerate(keys)}
    marks: dict[Entry, str] = {}
    for i, row in enumerate(table.rows):
        mark = mark_of.get(row, SHOWN)
        if mark != SHOWN:
            marks[("c", i, 0)] = mark
    grand = cross.mark(("g", 0, 0))
    if grand != SHOWN:
        marks[("t", 0, 0)] = grand
    return Published(table, cross.rule, marks)


def publish_all(tables: Iterable[StatTable], rule: SuppressionRule) -> Publication:
    """Suppress every person table (cross-tabs first, their linked tables from them)."""
    by_key = {t.key: t for t in tables}
    out: dict[str, Published] = {}
    for cross_key, (columns_table, rows_table) in LINKED.items():
        if cross_key not in by_key:
            continue
        cross = publish(by_key[cross_key], rule)
        out[cross_key] = cross
        if columns_table in by_key:
            out[columns_table] = _from_margins(by_key[columns_table], cross, "t")
        if rows_table in by_key:
            out[rows_table] = _from_margins(by_key[rows_table], cross, "r")
    for key, table in by_key.items():
        if key not in out:
            out[key] = publish(table, rule)
    return Publication(out)

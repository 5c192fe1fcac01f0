"""The report's tables as CSV files (UTF-8 with BOM, so spreadsheets read Cyrillic): one file
per table, suppressed exactly as in the PDF. Numbers are plain (no grouping); money has a
decimal point; hidden counts read "<k" or the complement label."""

from __future__ import annotations

import csv
import io

from sosdesk.stats.labels import column_label, row_label, text, total_label
from sosdesk.stats.suppression import SHOWN, Entry, Published, value_of
from sosdesk.stats.tables import MONEY


def _cell(pub: Published, entry: Entry) -> str:
    if pub.mark(entry) != SHOWN:
        return pub.text(entry)
    n = value_of(pub.table, entry)
    if pub.table.unit == MONEY:
        sign = "-" if n < 0 else ""
        return f"{sign}{abs(n) // 100}.{abs(n) % 100:02d}"
    return str(n)


def table_csv(now: Published, before: Published | None, lang: str, years: tuple[int, int]) -> str:
    """One table as CSV text: code, label, this year's columns, last year's columns."""
    t = now.table
    cross = t.row_totals is not None
    cols = [column_label(t, c, lang) for c in t.columns]
    header = ["code", text("figure", lang)] + [f"{c} {years[0]}" for c in cols]
    if cross:
        header.append(f"{text('total', lang)} {years[0]}")
    elif before is not None:
        header += [f"{c} {years[1]}" for c in cols]
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\r\n")
    w.writerow(header)
    for i, row in enumerate(t.rows):
        line = [row, row_label(t.dimension, row, lang)]
        line += [_cell(now, ("c", i, j)) for j in range(len(t.columns))]
        if cross:
            line.append(_cell(now, ("r", i, 0)))
        elif before is not None:
            line += [_cell(before, ("c", i, j)) for j in range(len(t.columns))]
        w.writerow(line)
    total = ["total", total_label(t, lang)] + [
        _cell(now, ("t", 0, j)) for j in range(len(t.columns))
    ]
    if cross:
        total.append(_cell(now, ("g", 0, 0)))
    elif before is not None:
        total += [_cell(before, ("t", 0, j)) for j in range(len(t.columns))]
    w.writerow(total)
    return out.getvalue()


def summary_csv(rows: list[list[str]], lang: str, years: tuple[int, int]) -> str:
    """The headline figures as CSV."""
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\r\n")
    w.writerow([text("figure", lang), str(years[0]), str(years[1]), text("change", lang)])
    w.writerows(rows)
    return out.getvalue()

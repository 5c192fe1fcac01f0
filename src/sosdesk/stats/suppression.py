"""Small-cell suppression for published tables of people.

Primary: a count of 1 to k-1 people is shown as "<k". Secondary (complementary): in every row
and column where something is hidden, at least one more entry is hidden, so a total minus
the shown cells never gives a hidden count back; the choice prefers the smallest non-zero
interior cell (its value is >= k, so the hidden sum is never small itself). Finally a linear-
algebra audit proves no hidden entry follows from the published ones through the table's
row and column equations, and hides more until none does.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from fractions import Fraction

from sosdesk.stats.tables import StatTable

SHOWN, SMALL, COMPLEMENT = "shown", "small", "complement"
Entry = tuple[str, int, int]  # ("c", row, col) cell, ("t", 0, col) Total row,
# ("r", row, 0) row total, ("g", 0, 0) grand total


@dataclass(frozen=True)
class SuppressionRule:
    """k and how hidden entries read. `small_label` may use {k}."""

    k: int = 11
    small_label: str = "<{k}"
    complement_label: str = "x"

    def __post_init__(self) -> None:
        if self.k < 2:
            raise ValueError("k must be at least 2 (k = 1 would hide nothing)")

    @property
    def small_text(self) -> str:
        return self.small_label.format(k=self.k)

    def is_small(self, value: int) -> bool:
        return 0 < value < self.k


@dataclass(frozen=True)
class Published:
    """A table as it may be published: a mark for every entry."""

    table: StatTable
    rule: SuppressionRule
    marks: dict[Entry, str]

    def mark(self, entry: Entry) -> str:
        return self.marks.get(entry, SHOWN)

    def text(self, entry: Entry, fmt: str = "{:,}") -> str:
        """The entry as printed: its number, "<k" or the complement label."""
        mark = self.mark(entry)
        if mark == SMALL:
            return self.rule.small_text
        if mark == COMPLEMENT:
            return self.rule.complement_label
        return fmt.format(value_of(self.table, entry)).replace(",", ".")

    @property
    def hidden(self) -> set[Entry]:
        return {e for e, m in self.marks.items() if m != SHOWN}


def value_of(table: StatTable, entry: Entry) -> int:
    """The number behind an entry."""
    kind, i, j = entry
    if kind == "c":
        return table.cells[i][j]
    if kind == "t":
        return table.totals[j]
    if kind == "r":
        assert table.row_totals is not None
        return table.row_totals[i]
    assert table.grand_total is not None
    return table.grand_total


def entries(table: StatTable) -> Iterator[Entry]:
    """Every entry of the table, margins included."""
    for i in range(len(table.rows)):
        for j in range(len(table.columns)):
            yield ("c", i, j)
    for j in range(len(table.columns)):
        yield ("t", 0, j)
    if table.row_totals is not None:
        for i in range(len(table.rows)):
            yield ("r", i, 0)
        yield ("g", 0, 0)


def lines(table: StatTable) -> list[tuple[list[Entry], Entry]]:
    """The additive equations of the table: (interior entries, their margin)."""
    m, c = len(table.rows), len(table.columns)
    out: list[tuple[list[Entry], Entry]] = [
        ([("c", i, j) for i in range(m)], ("t", 0, j)) for j in range(c)
    ]
    if table.row_totals is not None:
        out += [([("c", i, j) for j in range(c)], ("r", i, 0)) for i in range(m)]
        out.append(([("r", i, 0) for i in range(m)], ("g", 0, 0)))
        out.append(([("t", 0, j) for j in range(c)], ("g", 0, 0)))
    return out


def publish(table: StatTable, rule: SuppressionRule) -> Published:
    """Suppress a table of people for publication (other tables are returned as they are)."""
    if not table.person_level:
        return Published(table, rule, {})
    marks: dict[Entry, str] = {
        e: SMALL for e in entries(table) if rule.is_small(value_of(table, e))
    }
    eqs = lines(table)
    while True:
        changed = False
        for interior, margin in eqs:
            members = [*interior, margin]
            hidden = [e for e in members if e in marks]
            if not hidden:
                continue
            hidden_sum_small = (
                margin not in marks and sum(value_of(table, e) for e in hidden) < rule.k
            )
            if len(hidden) == 1 or hidden_sum_small:
                pick = _complement(table, [e for e in members if e not in marks], margin)
                if pick is not None:
                    marks[pick] = COMPLEMENT
                    changed = True
        if not changed:
            exposed = determined(table, set(marks))
            if not exposed:
                break
            pick = _widen(table, marks, eqs, exposed[0])
            if pick is None:  # pragma: no cover - everything is hidden already
                break
            marks[pick] = COMPLEMENT
    return Published(table, rule, marks)


def _complement(table: StatTable, candidates: list[Entry], margin: Entry) -> Entry | None:
    """The entry whose hiding loses least: a non-zero interior cell, the smallest."""
    if not candidates:
        return None
    return min(
        candidates,
        key=lambda e: (e == margin, e[0] != "c", value_of(table, e) == 0, value_of(table, e), e),
    )


def _widen(
    table: StatTable, marks: dict[Entry, str], eqs: list[tuple[list[Entry], Entry]], exposed: Entry
) -> Entry | None:
    """Hide one more entry in a line through an entry the equations still give away."""
    options: list[Entry] = []
    for interior, margin in eqs:
        members = [*interior, margin]
        if exposed in members:
            options += [e for e in members if e not in marks]
    return _complement(table, options, ("g", -1, -1)) if options else None


def determined(table: StatTable, hidden: set[Entry]) -> list[Entry]:
    """Hidden entries whose value follows exactly from the shown ones and the equations."""
    unknowns = sorted(hidden)
    if not unknowns:
        return []
    index = {e: n for n, e in enumerate(unknowns)}
    matrix: list[list[Fraction]] = []
    for interior, margin in lines(table):
        row = [Fraction(0)] * len(unknowns)
        for e in interior:
            if e in index:
                row[index[e]] += 1
        if margin in index:
            row[index[margin]] -= 1
        if any(row):
            matrix.append(row)
    basis = _row_echelon(matrix)
    out = []
    for e in unknowns:
        unit = [Fraction(0)] * len(unknowns)
        unit[index[e]] = Fraction(1)
        if _in_span(basis, unit):
            out.append(e)
    return out


def _row_echelon(rows: list[list[Fraction]]) -> list[list[Fraction]]:
    """A reduced row-echelon basis of the rows' span."""
    basis: list[list[Fraction]] = []
    pivots: list[int] = []
    for row in rows:
        v = _reduce(basis, pivots, list(row))
        p = next((i for i, x in enumerate(v) if x != 0), None)
        if p is None:
            continue
        v = [x / v[p] for x in v]
        for b in basis:  # keep the basis fully reduced
            if b[p] != 0:
                f = b[p]
                for i in range(len(b)):
                    b[i] -= f * v[i]
        basis.append(v)
        pivots.append(p)
    return basis


def _reduce(basis: list[list[Fraction]], pivots: list[int], v: list[Fraction]) -> list[Fraction]:
    for b, p in zip(basis, pivots, strict=True):
        if v[p] != 0:
            f = v[p]
            v = [x - f * y for x, y in zip(v, b, strict=True)]
    return v


def _in_span(basis: list[list[Fraction]], v: list[Fraction]) -> bool:
    pivots = [next(i for i, x in enumerate(b) if x != 0) for b in basis]
    return not any(_reduce(basis, pivots, v))

"""Small-cell suppression of published tables: no count under k is shown, and no hidden count
can be worked back out of the row and column totals."""

from __future__ import annotations

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from sosdesk.stats.suppression import SHOWN, SMALL, SuppressionRule, lines, publish, value_of
from sosdesk.stats.tables import PERSONS, StatTable, multi_column, one_column

P = 2_147_483_647  # rank over a prime field: an independent check of the audit in the code


def _rank(rows: list[list[int]]) -> int:
    m = [[x % P for x in r] for r in rows]
    rank, col = 0, 0
    width = len(m[0]) if m else 0
    while rank < len(m) and col < width:
        pivot = next((i for i in range(rank, len(m)) if m[i][col]), None)
        if pivot is None:
            col += 1
            continue
        m[rank], m[pivot] = m[pivot], m[rank]
        inv = pow(m[rank][col], P - 2, P)
        m[rank] = [x * inv % P for x in m[rank]]
        for i in range(len(m)):
            if i != rank and m[i][col]:
                f = m[i][col]
                m[i] = [(a - f * b) % P for a, b in zip(m[i], m[rank], strict=True)]
        rank += 1
        col += 1
    return rank


def _recoverable(table: StatTable, hidden: set[tuple[str, int, int]]) -> list[object]:
    """Hidden entries that the published entries and the table's equations pin down."""
    unknowns = sorted(hidden)
    eqs = []
    for interior, margin in lines(table):
        row = [0] * len(unknowns)
        for e in interior:
            if e in hidden:
                row[unknowns.index(e)] += 1
        if margin in hidden:
            row[unknowns.index(margin)] -= 1
        if any(row):
            eqs.append(row)
    base = _rank(eqs)
    out = []
    for i, e in enumerate(unknowns):
        unit = [0] * len(unknowns)
        unit[i] = 1
        if _rank([*eqs, unit]) == base:
            out.append(e)
    return out


def _check(table: StatTable, k: int) -> None:
    pub = publish(table, SuppressionRule(k=k))
    hidden = pub.hidden
    for e, mark in pub.marks.items():
        v = value_of(table, e)
        assert mark != SMALL or 0 < v < k
    for e in _entries(table):
        if 0 < value_of(table, e) < k:
            assert e in hidden, f"{e} = {value_of(table, e)} shown"
    for interior, margin in lines(table):
        members = [*interior, margin]
        gone = [e for e in members if e in hidden]
        assert len(gone) != 1, "a lone hidden entry in a row or column is total minus the rest"
        if gone and margin not in hidden:
            assert sum(value_of(table, e) for e in gone) >= k
    assert _recoverable(table, hidden) == []


def _entries(table: StatTable) -> list[tuple[str, int, int]]:
    return sorted({e for interior, margin in lines(table) for e in (*interior, margin)})


counts = st.integers(min_value=0, max_value=40) | st.integers(min_value=0, max_value=4)


@settings(max_examples=300, deadline=None)
@given(st.lists(counts, min_size=1, max_size=12), st.integers(min_value=2, max_value=15))
def test_one_way_tables(values: list[int], k: int) -> None:
    rows = [f"r{i}" for i in range(len(values))]
    table = one_column(
        "t",
        "x",
        rows,
        dict(zip(rows, values, strict=True)),
        sum(values),
        PERSONS,
        person_level=True,
    )
    _check(table, k)


@settings(max_examples=200, deadline=None)
@given(
    st.integers(min_value=1, max_value=6),
    st.integers(min_value=1, max_value=4),
    st.data(),
    st.integers(min_value=2, max_value=15),
)
def test_cross_tabulations(n_rows: int, n_cols: int, data: st.DataObject, k: int) -> None:
    rows = [f"r{i}" for i in range(n_rows)]
    cols = [f"c{j}" for j in range(n_cols)]
    cells = {(r, c): data.draw(counts) for r, c in itertools.product(rows, cols)}
    totals = tuple(sum(cells[(r, c)] for r in rows) for c in cols)
    table = multi_column(
        "x",
        "x",
        rows,
        cols,
        cells,
        totals,
        PERSONS,
        column_dimension="gender",
        person_level=True,
        cross=True,
    )
    _check(table, k)


def test_a_single_small_cell_takes_a_partner() -> None:
    table = one_column(
        "t", "gender", ["f", "m", "x"], {"f": 40, "m": 3, "x": 0}, 43, PERSONS, person_level=True
    )
    pub = publish(table, SuppressionRule())
    assert pub.text(("c", 1, 0)) == "<11"
    assert pub.text(("c", 0, 0)) == "x"  # without it, 43 - 40 - 0 = 3
    assert pub.text(("c", 2, 0)) == "0" and pub.text(("t", 0, 0)) == "43"


def test_labels_are_configurable_and_other_tables_untouched() -> None:
    table = one_column(
        "t", "g", ["a", "b", "c"], {"a": 2, "b": 2, "c": 30}, 34, PERSONS, person_level=True
    )
    pub = publish(table, SuppressionRule(k=5, small_label="*", complement_label="…"))
    assert [pub.text(("c", i, 0)) for i in range(3)] == ["*", "*", "…"]
    calls = one_column("t", "g", ["a"], {"a": 2}, 2, "calls")
    assert publish(calls, SuppressionRule()).marks == {}
    assert publish(table, SuppressionRule()).mark(("t", 0, 0)) == SHOWN

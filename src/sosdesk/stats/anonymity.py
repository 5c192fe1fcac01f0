"""k-anonymity for row-level exports: every combination of quasi-identifier values that appears
in the output appears at least k times.

1. Global generalisation: of every combination of levels (a few hundred at most), the one
   losing least (generalised cells of every row, plus everything the rows left in classes
   smaller than k still show), among those leaving at most 40% of rows in such classes.
2. Local suppression: rows still in small classes lose one quasi-identifier after another
   (most identifying first) until their class is large enough.
3. Rows that end up fully suppressed in a class still smaller than k take rows from classes
   that can spare them, or else the smallest other class whole. Only when there are fewer
   than k rows altogether are they withheld (nothing about them can be published).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from itertools import product
from typing import Generic, TypeVar

R = TypeVar("R")
# Order in which a small class's rows lose their values: the rarest kinds of value first.
LOCAL_ORDER = (
    "citizenship",
    "country",
    "recruiter",
    "means",
    "age",
    "exploitation",
    "gender",
)
# Most rows that may be left to local suppression by the chosen generalisation. Within it the
# choice is by cost (see `least_generalisation`); 40% is about what CTDC reported k-anonymising
# its own global data would suppress, and on a desk's year it keeps far more than 5% would.
MAX_LOCAL_SHARE = 0.4


@dataclass(frozen=True)
class AnonymityReport:
    """What was done to reach k-anonymity (counts only: it names no person and no value)."""

    k: int
    rows_in: int
    rows_out: int
    global_levels: dict[str, int] = field(hash=False)
    locally_suppressed: dict[str, int] = field(hash=False)  # attribute -> rows of the output
    withheld: int = 0


@dataclass
class Anonymised(Generic[R]):
    """The kept records, each with its per-attribute levels, and the report."""

    records: list[tuple[R, dict[str, int]]]
    report: AnonymityReport


def anonymise(
    records: Sequence[R],
    k: int,
    attributes: Sequence[str],
    levels: dict[str, int],
    value: Callable[[R, str, int], tuple[str, ...]],
) -> Anonymised[R]:
    """Generalise and suppress so that every quasi-identifier combination occurs >= k times.
    `levels[a]` is how many levels attribute `a` has (the last means suppressed);
    `value(record, a, level)` gives its output cells at a level."""
    if k < 2:
        raise ValueError("k must be at least 2")
    n = len(records)
    attrs = tuple(attributes)
    top = {a: levels[a] - 1 for a in attrs}
    # Every value interned as a small int, per attribute and level: keys are tuples of ints.
    interned: dict[tuple[str, ...], int] = {}
    codes = {
        a: [
            [interned.setdefault(value(r, a, lv), len(interned)) for r in records]
            for lv in range(levels[a])
        ]
        for a in attrs
    }

    def keys_at(glob: dict[str, int]) -> list[tuple[int, ...]]:
        return list(zip(*(codes[a][glob[a]] for a in attrs), strict=True)) if n else []

    def small_rows(glob: dict[str, int]) -> int:
        return sum(s for s in Counter(keys_at(glob)).values() if s < k)

    preference = [a for a in LOCAL_ORDER if a in attrs] + [a for a in attrs if a not in LOCAL_ORDER]
    glob = least_generalisation(attrs, top, small_rows, int(n * MAX_LOCAL_SHARE), n)

    row_levels = [dict(glob) for _ in range(n)]

    def key(i: int) -> tuple[int, ...]:
        return tuple(codes[a][row_levels[i][a]][i] for a in attrs)

    while True:
        sizes = Counter(key(i) for i in range(n))
        moved = False
        for i in range(n):
            if sizes[key(i)] >= k:
                continue
            for a in preference:
                if row_levels[i][a] < top[a]:
                    row_levels[i][a] = top[a]
                    moved = True
                    break
        if not moved:
            break

    everything = dict(top)
    hidden = [i for i in range(n) if row_levels[i] == everything]
    withheld: set[int] = set()
    sizes = Counter(key(i) for i in range(n))
    # The all-suppressed class also holds rows whose values are all unknown at their levels.
    hidden_key = key(hidden[0]) if hidden else ()
    if hidden and sizes[hidden_key] < k:
        others = sorted(
            ((size, cls) for cls, size in sizes.items() if cls != hidden_key),
            key=lambda c: (-c[0], c[1]),
        )
        need, spare = k - sizes[hidden_key], []
        for size, cls in others:  # rows that classes can give and still keep k
            if size > k:
                spare.extend([i for i in range(n) if key(i) == cls][: size - k])
        if len(spare) >= need:
            giving = spare[:need]
        elif others:  # a whole class (the smallest) joins the suppressed rows
            smallest = min(others)[1]
            giving = [i for i in range(n) if key(i) == smallest]
        else:  # fewer than k victims in all: nothing can be published about them
            giving, withheld = [], {i for i in range(n) if key(i) == hidden_key}
        for i in giving:
            row_levels[i] = dict(everything)
    kept = [i for i in range(n) if i not in withheld]
    local = {a: sum(1 for i in kept if row_levels[i][a] > glob[a]) for a in attrs}
    report = AnonymityReport(
        k, n, len(kept), dict(glob), {a: c for a, c in local.items() if c}, len(withheld)
    )
    return Anonymised([(records[i], row_levels[i]) for i in kept], report)


def least_generalisation(
    attrs: Sequence[str],
    top: dict[str, int],
    small_rows: Callable[[dict[str, int]], int],
    allowed: int,
    n: int = 0,
) -> dict[str, int]:
    """The combination of levels that loses least: every row's loss (the sum of each
    attribute's level as a share of its height) plus, for each row left in a small class, all
    it still shows (a pessimistic bound on what local suppression takes from it). Only nodes
    leaving at most `allowed` rows in small classes qualify; all-suppressed is the fallback."""
    best: tuple[float, int, dict[str, int]] | None = None
    for combo in product(*(range(top[a] + 1) for a in attrs)):
        lv = dict(zip(attrs, combo, strict=True))
        small = small_rows(lv)
        if small > allowed:
            continue
        kept = sum(1 - lv[a] / top[a] for a in attrs)
        cost = (len(attrs) - kept) * n + small * kept
        if best is None or (cost, small) < best[:2]:
            best = (cost, small, lv)
    return best[2] if best is not None else dict(top)

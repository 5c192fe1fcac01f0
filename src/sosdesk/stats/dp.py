"""Differentially private count tables with OpenDP (the library does the noise and the
privacy accounting; we only count and bound).

- Privacy unit: one person. Each person (a client; a call without a client counts as its own
  person) adds at most `bound` contributions to a table; further ones are dropped, so adding or
  removing a person changes a table by at most `bound` in L1 distance (`d_in`).
- Keys come from our public vocabularies, never from the data, so a cell nobody is in gets noise
  like any other and its presence says nothing. Codes outside the vocabulary count as `unknown`
  where the vocabulary has one, and are dropped otherwise.
- Noise: the discrete Laplace mechanism (`make_laplace` on integer vectors); the release's ε is
  split evenly over its tables (sequential composition: the ε of the tables add up).
- Accuracy: for each cell, |published - true| <= `accuracy` with probability at least 95%
  (OpenDP's `discrete_laplacian_scale_to_accuracy`). Negative results are shown as 0, which is
  post-processing and never moves a count further from the truth.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import opendp.prelude as dp

# OpenDP gates mechanisms not yet formally vetted (the discrete Laplace on integer vectors
# included) behind "contrib"; its privacy maps are what the ledger records.
dp.enable_features("contrib")

ALPHA = 0.05  # accuracy is stated at 95%


@dataclass(frozen=True)
class Query:
    """One table to release: its public keys and how many entries one person may add."""

    key: str
    dimension: str
    keys: tuple[str, ...]
    bound: int = 1
    per_contribution: int = 1  # cells one contribution may touch (multi-valued: categories)

    @property
    def d_in(self) -> int:
        """L1 sensitivity: what one person can change in the table."""
        return self.bound * self.per_contribution


@dataclass(frozen=True)
class Contribution:
    """What one unit (a person) adds to a table: each entry is a list of keys it counts in."""

    unit: str
    entries: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class DpTable:
    """A released table: noisy counts over the public keys and what they cost and mean."""

    key: str
    dimension: str
    rows: tuple[str, ...]
    counts: tuple[int, ...]
    epsilon: float
    scale: float
    accuracy: int  # 95%: |published - true| <= accuracy
    d_in: int

    def value(self, row: str) -> int:
        """The published count of a row."""
        return self.counts[self.rows.index(row)]


def _space() -> tuple[dp.Domain, dp.Metric]:
    return dp.vector_domain(dp.atom_domain(T="i64")), dp.l1_distance(T="i64")


def measurement(d_in: int, epsilon: float) -> tuple[dp.Measurement, float]:
    """The discrete Laplace measurement for `d_in` and a per-table ε, and its noise scale."""
    if epsilon <= 0 or not math.isfinite(epsilon):
        raise ValueError("epsilon must be a positive number")
    space = _space()
    scale = dp.binary_search_param(
        lambda s: space >> dp.m.then_laplace(scale=s), d_in=d_in, d_out=epsilon
    )
    return space >> dp.m.then_laplace(scale=scale), float(scale)


def accuracy_of(scale: float) -> int:
    """The 95% accuracy of a discrete Laplace count of this scale (whole persons)."""
    return math.floor(float(dp.discrete_laplacian_scale_to_accuracy(scale=scale, alpha=ALPHA)))


def exact_counts(query: Query, contributions: Iterable[Contribution]) -> list[int]:
    """Counts over the query's keys after bounding each unit to `query.bound` entries."""
    index = {k: i for i, k in enumerate(query.keys)}
    fallback = index.get("unknown")
    counts = [0] * len(query.keys)
    for c in contributions:
        for entry in c.entries[: query.bound]:
            hit: list[int] = []
            for key in dict.fromkeys(entry):
                i = index.get(key, fallback)
                if i is not None and i not in hit:
                    hit.append(i)
            for i in hit[: query.per_contribution]:
                counts[i] += 1
    return counts


def release(query: Query, contributions: Sequence[Contribution], epsilon: float) -> DpTable:
    """The table with noise for `epsilon` (this table's share of the release)."""
    meas, scale = measurement(query.d_in, epsilon)
    noisy = meas(exact_counts(query, contributions))
    spent = float(meas.map(query.d_in))  # type: ignore[no-untyped-call]
    return DpTable(
        query.key,
        query.dimension,
        query.keys,
        tuple(max(0, int(n)) for n in noisy),
        spent,
        scale,
        accuracy_of(scale),
        query.d_in,
    )


def release_all(
    queries: Sequence[tuple[Query, Sequence[Contribution]]], epsilon: float
) -> list[DpTable]:
    """Every table, ε split evenly; the spent ε (sum of the tables') never exceeds `epsilon`."""
    if not queries:
        return []
    share = epsilon / len(queries)
    return [release(q, c, share) for q, c in queries]


def units(pairs: Iterable[tuple[str, tuple[str, ...]]]) -> list[Contribution]:
    """Group (unit, keys) entries by unit, in the order given."""
    grouped: dict[str, list[tuple[str, ...]]] = {}
    for unit, keys in pairs:
        grouped.setdefault(unit, []).append(keys)
    return [Contribution(u, tuple(e)) for u, e in grouped.items()]


def total_epsilon(tables: Iterable[DpTable]) -> float:
    """The ε of a release (sequential composition)."""
    return math.fsum(t.epsilon for t in tables)

"""Differentially private tables: exact counts by hand, the noise scale OpenDP uses for an ε,
the stated 95% accuracy against many real draws, and the privacy-loss ledger."""

from __future__ import annotations

import math

import pytest

from sosdesk.domain.messages import CodedError
from sosdesk.services.privacy_ledger import check_release, ledger, record_release, set_budget
from sosdesk.stats.dp import (
    Contribution,
    Query,
    accuracy_of,
    exact_counts,
    measurement,
    release,
    release_all,
    total_epsilon,
)
from sosdesk.stats.dp_queries import year_queries
from sosdesk.stats.periods import Period
from sosdesk.stats.persons import identified_in
from sosdesk.store.database import Database
from tests.stats.handmade import build


def test_exact_counts_bound_each_person_and_use_public_keys() -> None:
    q = Query("calls_by_line", "line", ("sos_24_7", "free_line", "email"), bound=3)
    people = [
        Contribution("a", (("sos_24_7",),) * 5),  # five calls: only three count
        Contribution("b", (("free_line",), ("email",))),
        Contribution("c", (("fax",),)),  # not a public key, no "unknown" row: dropped
    ]
    assert exact_counts(q, people) == [3, 1, 1]
    multi = Query("cats", "call category", ("x", "y", "z", "unknown"), bound=2, per_contribution=2)
    calls = [Contribution("a", (("x", "y", "z"), ("x", "x"), ("y",))), Contribution("b", (("q",),))]
    # a: first call counts in x and y (two of three), second in x once; third dropped.
    # b: an unlisted code counts as unknown.
    assert exact_counts(multi, calls) == [2, 1, 0, 1]
    assert multi.d_in == 4


def test_year_tables_count_the_handmade_year_exactly(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    build(db, monkeypatch)
    tables = {q.key: exact_counts(q, c) for q, c in year_queries(db, 2025, call_bound=10)}
    # Calls of 2025 (handmade.py): K1, K5, K6, K10 on the SOS line, K3 e-mail, K7 and K8 on
    # the free line, K9 walk-in.
    keys = {q.key: q.keys for q, _c in year_queries(db, 2025)}
    line = dict(zip(keys["calls_by_line"], tables["calls_by_line"], strict=True))
    assert (line["sos_24_7"], line["free_line"], line["email"], line["walk_in"]) == (4, 2, 1, 1)
    assert sum(tables["calls_by_line"]) == 8
    months = dict(zip(keys["calls_by_month"], tables["calls_by_month"], strict=True))
    assert len(months) == 12 and months["2025-01"] == 1 and months["2025-12"] == 1
    cats = dict(zip(keys["calls_by_category"], tables["calls_by_category"], strict=True))
    assert (cats["victim_support"], cats["prevention_info"], cats["silent"]) == (2, 2, 1)
    assert sum(tables["new_clients_by_gender"]) == sum(tables["new_clients_by_status"])
    with db.session() as s:
        identified = identified_in(s, Period.year(2025))
    assert sum(tables["victims_by_gender"]) == sum(tables["victims_by_age_group"])
    assert sum(tables["victims_by_gender"]) == len(identified) > 0
    only_victims = year_queries(db, 2025, groups=("victims",))
    assert [q.key for q, _c in only_victims] == [
        "victims_by_gender",
        "victims_by_age_group",
        "victims_by_citizenship",
        "victims_by_exploitation",
    ]


@pytest.mark.parametrize(("d_in", "epsilon"), [(1, 1.0), (1, 0.1), (3, 0.1), (30, 0.25)])
def test_noise_scale_matches_epsilon(d_in: int, epsilon: float) -> None:
    meas, scale = measurement(d_in, epsilon)
    assert scale == pytest.approx(d_in / epsilon, rel=1e-6)
    spent = meas.map(d_in)
    assert spent <= epsilon * (1 + 1e-9) and spent == pytest.approx(epsilon, rel=1e-6)


def test_release_spends_at_most_its_epsilon_split_over_tables() -> None:
    q = Query("t", "gender", ("female", "male"))
    tables = release_all([(q, [Contribution("a", (("female",),))])] * 4, 1.0)
    assert [t.epsilon for t in tables] == pytest.approx([0.25] * 4)
    assert total_epsilon(tables) <= 1.0 + 1e-9
    assert all(t.scale == pytest.approx(4.0) and t.accuracy == accuracy_of(4.0) for t in tables)
    assert all(min(t.counts) >= 0 for t in tables)  # negatives are shown as 0


def test_error_stays_within_the_stated_accuracy_95_percent_of_the_time() -> None:
    # OpenDP draws its noise from the operating system's secure generator and takes no seed
    # (a seed would make the noise predictable), so this runs on real draws: 4000 cells whose
    # true counts are far from 0 (no clamping). Coverage must be about 95%: below 95% minus
    # four binomial standard deviations fails, and so does coverage near 100% (noise too small
    # for the scale). A false alarm is rarer than 1 in 10,000 runs.
    keys = tuple(f"k{i}" for i in range(20))
    q = Query("t", "x", keys)
    true = {k: 200 + 7 * i for i, k in enumerate(keys)}
    people = [Contribution(f"{k}-{n}", ((k,),)) for k, count in true.items() for n in range(count)]
    within = total = 0
    for _ in range(200):
        t = release(q, people, 0.1)
        for k, n in zip(t.rows, t.counts, strict=True):
            within += abs(n - true[k]) <= t.accuracy
            total += 1
    rate = within / total
    sd = math.sqrt(0.05 * 0.95 / total)
    assert 0.95 - 4 * sd <= rate <= 0.985, rate


def test_empty_cells_get_noise_too() -> None:
    q = Query("t", "x", tuple(f"k{i}" for i in range(30)))
    draws = [release(q, [], 0.5).counts for _ in range(20)]
    assert any(n > 0 for counts in draws for n in counts)


def test_ledger_consumes_and_refuses(db: Database) -> None:
    with pytest.raises(CodedError) as unset:
        check_release(db, 2025, 0.5)
    assert unset.value.code == "stats.budget_unset"
    set_budget(db, 2025, 1.0)
    record_release(db, 2025, 0.4, tables=10, purpose="report", file="a.pdf")
    book = record_release(db, 2025, 0.4, tables=10, purpose="report", file="b.pdf")
    assert (book.spent, book.releases) == (pytest.approx(0.8), 2)
    with pytest.raises(CodedError) as spent:
        record_release(db, 2025, 0.4, tables=10, purpose="report", file="c.pdf")
    assert spent.value.code == "stats.budget_spent"
    assert "0.2" in spent.value.text("en") and "nothing was released" in spent.value.text("en")
    assert ledger(db, 2025).releases == 2  # the refused release left no entry
    assert ledger(db, 2024).budget is None  # budgets are per year
    with pytest.raises(CodedError) as bad:
        set_budget(db, 2025, -1)
    assert bad.value.code == "stats.bad_epsilon"


def test_only_a_coordinator_sets_the_budget(db: Database) -> None:
    db.add_user("mina", "Mina", "consultant", "druga-lozinka-77")
    db.close()
    other = Database.open(db.path, user="mina", passphrase="druga-lozinka-77")
    try:
        with pytest.raises(CodedError) as refused:
            set_budget(other, 2025, 1.0)
        assert refused.value.code == "stats.budget_coordinator_only"
    finally:
        other.close()

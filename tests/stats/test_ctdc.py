"""The CTDC export: its shape and codes, who is in it, and k-anonymity of every row."""

from __future__ import annotations

import csv
import io
from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sosdesk.domain.vocab import EXPLOITATION, MEANS_OF_CONTROL, RECRUITER_RELATION
from sosdesk.stats.ctdc import COLUMNS, QI_COLUMNS, QUASI_IDENTIFIERS, VictimRecord
from sosdesk.stats.ctdc_export import build_export, ctdc_export
from sosdesk.store.database import Database
from tests.stats.handmade import build

# Every column an adversary may know: all but the registration year (one year per file). A
# suppressed cell is written empty, like a value never recorded: both count as the value "".
QI = [c for c in COLUMNS if c != "yearOfRegistration"]
assert {c for q in QUASI_IDENTIFIERS for c in QI_COLUMNS[q]} <= set(QI)


def _rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def _combinations(rows: list[dict[str, str]]) -> Counter[tuple[str, ...]]:
    return Counter(tuple(r[c] for c in QI) for r in rows)


records = st.builds(
    VictimRecord,
    year=st.just(2025),
    gender=st.sampled_from(["female", "female", "female", "male", "trans_nonbinary", "unknown"]),
    age=st.none() | st.integers(min_value=5, max_value=70),
    citizenship=st.sampled_from(["RS", "RS", "RS", "UA", "BA", "NG", "DE", "XX"]),
    exploitation=st.lists(st.sampled_from(EXPLOITATION.codes()), max_size=3, unique=True).map(
        tuple
    ),
    countries=st.lists(
        st.sampled_from(["RS", "DE", "AT", "TR", "AE"]), max_size=2, unique=True
    ).map(tuple),
    means=st.lists(st.sampled_from(MEANS_OF_CONTROL.codes()), max_size=4, unique=True).map(tuple),
    recruiter=st.none() | st.sampled_from(RECRUITER_RELATION.codes()),
)


@settings(max_examples=120, deadline=None)
@given(st.lists(records, max_size=150), st.integers(min_value=2, max_value=15))
def test_no_combination_of_quasi_identifiers_occurs_fewer_than_k_times(
    people: list[VictimRecord], k: int
) -> None:
    export = build_export(people, 2025, k)
    rows = _rows(export.csv_text())
    assert list(rows[0]) == list(COLUMNS) if rows else True
    assert all(n >= k for n in _combinations(rows).values())
    report = export.report
    assert report.rows_in == len(people)
    assert report.rows_out == len(rows) == len(people) - report.withheld
    assert (report.withheld > 0) == (0 < len(people) < k)  # only a year under k loses rows
    if len(people) < k:
        assert rows == []


def test_flags_and_codes_of_a_recorded_victim() -> None:
    person = VictimRecord(
        2025,
        "female",
        24,
        "UA",
        ("forced_begging", "sexual"),
        ("DE", "AT"),
        ("debt_bondage", "threats_to_family"),
        "intimate_partner",
    )
    export = build_export([person] * 3, 2025, k=3)
    row = _rows(export.csv_text())[0]
    assert row["yearOfRegistration"] == "2025"
    assert row["Datasource"] == "Case Management"
    assert (row["gender"], row["ageBroad"], row["majorityStatus"]) == ("Woman", "24--26", "Adult")
    assert row["majorityStatusAtExploit"] == row["majorityEntry"] == ""
    assert (row["citizenship"], row["CountryOfExploitation"]) == ("UKR", "DEU")
    assert export.extra_countries_dropped == 3
    assert row["isSexualExploit"] == row["isForcedLabour"] == row["typeOfLabourBegging"] == "1"
    assert row["isSexAndLabour"] == "1"
    assert row["isOtherExploit"] == row["typeOfLabourDomesticWork"] == "0"
    assert row["typeOfLabourAgriculture"] == ""  # never recorded: missing, not "no"
    assert row["meansOfControlDebtBondage"] == row["meansOfControlThreats"] == "1"
    assert row["meansOfControlNotSpecified"] == row["meansOfControlPhysicalAbuse"] == "0"
    assert row["recruiterRelationIntimatePartner"] == "1"
    assert row["recruiterRelationUnknown"] == "0"
    assert row["RecruiterRelationship"] == "Intimate Partner"


def test_unknowns_are_left_empty() -> None:
    person = VictimRecord(2025, "unknown", None, "XX", ("unknown",), ("XX",), (), None)
    row = _rows(build_export([person] * 2, 2025, k=2).csv_text())[0]
    for column in ("gender", "ageBroad", "majorityStatus", "citizenship"):
        assert row[column] == ""
    assert row["CountryOfExploitation"] == row["isSexualExploit"] == row["isForcedLabour"] == ""
    assert row["meansOfControlNotSpecified"] == "1" and row["meansOfControlThreats"] == ""
    assert row["recruiterRelationUnknown"] == ""


def test_rare_values_are_generalised_then_suppressed() -> None:
    common = VictimRecord(2025, "female", 30, "RS", ("sexual",), ("RS",), (), None)
    rare = VictimRecord(2025, "male", 16, "NG", ("organ_removal",), ("AE",), (), None)
    export = build_export([common] * 20 + [rare], 2025, k=5)
    rows = _rows(export.csv_text())
    assert len(rows) == 21 and all(n >= 5 for n in _combinations(rows).values())
    assert not any(r["citizenship"] == "NGA" or r["ageBroad"] == "9--17" for r in rows)
    assert export.report.locally_suppressed or any(export.report.global_levels.values())


def test_population_is_identified_or_presumed_registered_that_year(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    build(db, monkeypatch)
    export = ctdc_export(db, 2025, k=2)
    # C1 (identified), C2 (presumed), C6 (identified on file); not C3 (potential), not C7
    # (registered 2024) and not C4 (2026).
    assert export.report.rows_in == 3
    rows = _rows(export.csv_text())
    assert {r["yearOfRegistration"] for r in rows} <= {"2025"}
    assert all(n >= 2 for n in _combinations(rows).values())
    assert ctdc_export(db, 2030).report.rows_in == 0


def test_a_lone_rare_row_is_never_left_alone_nor_dropped() -> None:
    a = VictimRecord(2025, "female", 30, "RS", ("sexual",), ("RS",), (), None)
    b = VictimRecord(2025, "male", 40, "RS", ("forced_labour",), ("DE",), (), None)
    rare = VictimRecord(2025, "trans_nonbinary", 70, "NG", ("organ_removal",), ("AE",), (), None)
    for people in ([a] * 4 + [b] * 4 + [rare], [a] * 6 + [rare]):
        export = build_export(people, 2025, k=4)
        rows = _rows(export.csv_text())
        assert len(rows) == len(people) and export.report.withheld == 0
        assert all(n >= 4 for n in _combinations(rows).values())

"""Periods on the Belgrade calendar, local time across daylight saving, and the SQL year."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta

import pytest
import sqlcipher3

from sosdesk.stats.ages import age_at, local_year_sql
from sosdesk.stats.localtime import (
    CentralEuropeanTime,
    local_date_of,
    local_of_utc_hour,
    local_zone,
    utc_text,
)
from sosdesk.stats.periods import Period, PeriodError


def test_year_bounds_are_local_midnights() -> None:
    assert Period.year(2025).utc_bounds() == (
        "2024-12-31T23:00:00.000000Z",
        "2025-12-31T23:00:00.000000Z",
    )
    assert Period.month(2025, 7).utc_bounds() == (
        "2025-06-30T22:00:00.000000Z",
        "2025-07-31T22:00:00.000000Z",
    )
    # The month in which summer time starts begins in winter and ends in summer.
    assert Period.month(2025, 3).utc_bounds() == (
        "2025-02-28T23:00:00.000000Z",
        "2025-03-31T22:00:00.000000Z",
    )


def test_previous_periods() -> None:
    assert Period.month(2025, 1).previous() == Period.month(2024, 12)
    assert Period.quarter(2025, 1).previous() == Period.quarter(2024, 4)
    assert Period.year(2025).previous() == Period.year(2024)
    week = Period.custom(date(2025, 3, 3), date(2025, 3, 9))
    assert week.previous() == Period.custom(date(2025, 2, 24), date(2025, 3, 2))
    assert Period.quarter(2025, 3).slug() == "2025-Q3" and week.days == 7


@pytest.mark.parametrize(
    "make",
    [
        lambda: Period.month(2025, 13),
        lambda: Period.quarter(2025, 0),
        lambda: Period.custom(date(2025, 3, 2), date(2025, 3, 1)),
        lambda: Period.custom(date(2020, 1, 1), date(2025, 1, 1)),
    ],
)
def test_bad_periods_are_refused(make: object) -> None:
    with pytest.raises(PeriodError):
        make()  # type: ignore[operator]


def test_fallback_rule_agrees_with_the_time_zone_database() -> None:
    fallback, zone = CentralEuropeanTime(), local_zone()
    r = random.Random(3)
    for _ in range(20_000):
        moment = datetime(1996, 1, 1, tzinfo=UTC) + timedelta(minutes=r.randrange(40 * 525_960))
        assert moment.astimezone(fallback).replace(tzinfo=None) == moment.astimezone(zone).replace(
            tzinfo=None
        )
    for day in (date(2025, 3, 30), date(2025, 10, 26), date(2025, 7, 1), date(2025, 1, 1)):
        midnight = datetime(day.year, day.month, day.day, tzinfo=fallback).astimezone(UTC)
        assert midnight == datetime(day.year, day.month, day.day, tzinfo=zone).astimezone(UTC)


def test_local_hours_and_days_of_utc_text() -> None:
    assert local_of_utc_hour("2025-10-26T00") == datetime(2025, 10, 26, 2)  # CEST
    assert local_of_utc_hour("2025-10-26T01") == datetime(2025, 10, 26, 2)  # CET, again 02
    assert local_of_utc_hour("2025-03-30T01") == datetime(2025, 3, 30, 3)
    assert local_date_of("2024-12-31T23:10:00.000000Z") == date(2025, 1, 1)
    assert local_date_of("2025-06-30T21:59:59.999999Z") == date(2025, 6, 30)
    r = random.Random(5)
    for _ in range(20_000):
        moment = datetime(2000, 1, 1, tzinfo=UTC) + timedelta(seconds=r.randrange(10**9))
        assert local_date_of(utc_text(moment)) == moment.astimezone(local_zone()).date()


def test_sql_local_year_matches_python() -> None:
    conn = sqlcipher3.dbapi2.connect(":memory:")
    expr = local_year_sql("t", 2019, 2027)
    r = random.Random(9)
    moments = [
        datetime(y + 1, 1, 1, tzinfo=local_zone()).astimezone(UTC) + timedelta(seconds=s)
        for y in range(2018, 2027)
        for s in (-1, 0, 1)
    ]
    moments += [
        datetime(2019, 1, 1, tzinfo=UTC) + timedelta(seconds=r.randrange(9 * 31_536_000))
        for _ in range(2000)
    ]
    conn.execute("CREATE TABLE x (t TEXT)")
    conn.executemany("INSERT INTO x VALUES (?)", [(utc_text(m),) for m in moments])
    for text, year in conn.execute(f"SELECT t, {expr} FROM x"):
        assert year == datetime.fromisoformat(text).astimezone(local_zone()).year, text


def test_age_rule() -> None:
    assert age_at(date(2025, 1, 1), date(2007, 1, 1), None, None) == 18
    assert age_at(date(2024, 12, 31), date(2007, 1, 1), None, None) == 17
    assert age_at(date(2025, 2, 28), date(2004, 2, 29), None, None) == 20
    assert age_at(date(2025, 3, 1), date(2004, 2, 29), None, None) == 21
    assert age_at(date(2025, 5, 1), None, 2000, 40) == 25  # the birth year wins over an estimate
    assert age_at(date(2025, 5, 1), None, None, 40) == 40
    assert age_at(date(2025, 5, 1), None, None, None) is None

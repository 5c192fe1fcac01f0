"""Every statistic of 2025 against totals counted by hand (tests/stats/handmade.py)."""

from __future__ import annotations

from collections import Counter
from datetime import date

import pytest

from sosdesk.stats.calls_stats import count_calls, count_calls_direct
from sosdesk.stats.dashboard import Dashboard, compute_dashboard
from sosdesk.stats.periods import Period
from sosdesk.stats.persons import identified_in, new_client_profiles, profiles, registered_in
from sosdesk.store.database import Database
from tests.stats.handmade import build


@pytest.fixture
def dash(db: Database, monkeypatch: pytest.MonkeyPatch) -> Dashboard:
    build(db, monkeypatch)
    return compute_dashboard(db, Period.year(2025))


def _col(d: Dashboard, key: str, column: str | None = None) -> dict[str, int]:
    return {k: v for k, v in d.table(key).column(column).items() if v}


def test_summary_of_the_year(dash: Dashboard) -> None:
    s = dash.summary
    assert (s.calls, s.new_clients, s.identified_victims) == (8, 5, 3)
    assert (s.assistance, s.assisted_clients, s.field_actions, s.hearings) == (6, 3, 2, 3)
    assert s.costs == {"RSD": 150050 + 9999 + 100000 + 1225 + 30000, "EUR": 20000}
    assert (s.followups_due, s.followups_on_time) == (3, 1)
    assert dash.summary_before is not None
    assert dash.summary_before.calls == 5  # K4 and the four follow-up calls of March 2024
    assert dash.summary_before.new_clients == 2  # C7, C8
    assert dash.summary_before.identified_victims == 1  # C8, identified at 23:30 on 31 Dec


def test_calls_by_line_category_caller_urgency(dash: Dashboard) -> None:
    assert _col(dash, "calls_by_line") == {"sos_24_7": 4, "free_line": 2, "email": 1, "walk_in": 1}
    assert _col(dash, "calls_by_category") == {
        "victim_support": 2,
        "prevention_info": 2,
        "work_abroad": 1,
        "safe_migration": 1,
        "report_suspicion": 1,
        "legal_advice": 1,
        "psychological": 1,
        "silent": 1,
    }
    assert dash.table("calls_by_category").total == 8  # calls, not category mentions
    assert _col(dash, "calls_by_caller_type") == {
        "victim": 2,
        "anonymous": 2,
        "citizen": 2,
        "institution": 1,
        "family": 1,
    }
    assert _col(dash, "calls_by_urgency") == {"routine": 6, "urgent": 1, "immediate_danger": 1}


def test_local_hours_weekdays_and_months_across_dst(dash: Dashboard) -> None:
    # 02:30 twice on 26 October (CEST, then CET); 01:30 and 03:30 on 30 March (no 02:xx).
    assert _col(dash, "calls_by_hour") == {"00": 1, "01": 1, "02": 2, "03": 1, "14": 2, "23": 1}
    assert _col(dash, "calls_by_weekday") == {"3": 2, "7": 4, "2": 2}  # Wed, Sun, Tue
    assert _col(dash, "calls_by_month") == {
        "2025-01": 1,
        "2025-03": 2,
        "2025-07": 2,
        "2025-10": 2,
        "2025-12": 1,
    }


def test_new_clients(dash: Dashboard) -> None:
    assert _col(dash, "new_clients_by_gender") == {"female": 4, "male": 1}
    # C5 was registered at 00:10 on her 18th birthday (still 17 by the UTC date).
    assert _col(dash, "new_clients_by_age_group") == {
        "24--26": 1,
        "9--17": 1,
        "30--38": 1,
        "18--20": 1,
        "unknown": 1,
    }
    assert _col(dash, "new_clients_by_citizenship") == {"RS": 3, "UA": 1, "BA": 1}
    assert _col(dash, "new_clients_by_exploitation") == {
        "sexual": 1,
        "forced_labour": 1,
        "forced_begging": 1,
        "none": 3,
    }
    assert _col(dash, "new_clients_by_status") == {
        "identified": 2,
        "presumed": 1,
        "potential": 1,
        "unknown": 1,
    }


def test_identified_victims(dash: Dashboard) -> None:
    # C1 (event in 2025), C6 (identified on the file, registered 2025), C7 (registered 2024,
    # identified 2025); not C8, first identified at 23:30 on 31 December 2024.
    assert _col(dash, "victims_by_gender") == {"female": 3}
    assert _col(dash, "victims_by_citizenship") == {"RS": 3}
    assert _col(dash, "victims_by_age_group") == {"24--26": 1, "unknown": 1, "39--47": 1}
    assert _col(dash, "victims_by_exploitation") == {"sexual": 1, "none": 2}
    assert _col(dash, "victims_by_country") == {"DE": 1, "XX": 2}
    cross = dash.table("victims_age_by_gender")
    assert cross.grand_total == 3 and cross.value("39--47", "female") == 1


def test_assistance_costs_field_actions_hearings_followups(dash: Dashboard) -> None:
    assert _col(dash, "assistance_by_type", "events") == {
        "medical": 2,
        "legal": 1,
        "accommodation": 1,
        "technical": 1,
        "interpreter": 1,
    }
    assert _col(dash, "assistance_by_type", "clients") == {
        "medical": 2,
        "legal": 1,
        "accommodation": 1,
        "technical": 1,
        "interpreter": 1,
    }
    costs = dash.table("costs_by_type")
    assert costs.columns == ("RSD", "EUR")
    assert _col(dash, "costs_by_type", "RSD") == {
        "medical": 160049,
        "accommodation": 100000,
        "technical": 1225,
        "interpreter": 30000,
    }
    assert _col(dash, "costs_by_type", "EUR") == {"legal": 20000}
    assert costs.totals == (291274, 20000)
    assert _col(dash, "field_actions_by_type", "events") == {"accompany_court": 1, "home_visit": 1}
    assert _col(dash, "hearings_by_proceeding", "events") == {"criminal": 2, "civil_damages": 1}
    assert _col(dash, "hearings_by_proceeding", "clients") == {"criminal": 2, "civil_damages": 1}
    assert _col(dash, "followups_by_outcome") == {"on_time": 1, "late": 1, "overdue": 1}


def test_comparison_rows_are_aligned(dash: Dashboard) -> None:
    before = dash.before["calls_by_line"]
    assert before.rows == dash.table("calls_by_line").rows
    assert {k: v for k, v in before.column().items() if v} == {"sos_24_7": 5}
    assert dash.before["calls_by_month"].rows == dash.table("calls_by_month").rows


def test_boundaries_of_other_periods(db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    build(db, monkeypatch)
    with db.session() as s:
        assert count_calls(s, Period.year(2026)).total == 1  # K2, 30 s after midnight
        assert count_calls(s, Period.month(2025, 12)).total == 1  # K1 at 23:59
        assert count_calls(s, Period.quarter(2025, 4)).total == 3  # K1, K7, K8
        autumn = Period.custom(date(2025, 10, 26), date(2025, 10, 26))
        assert count_calls(s, autumn).total == 2  # the 25-hour day
        spring = Period.custom(date(2025, 3, 30), date(2025, 3, 30))
        assert count_calls(s, spring).by_hour == Counter({"01": 1, "03": 1})


def test_facts_agree_with_the_calls_themselves(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    build(db, monkeypatch)
    with db.session() as s:
        for period in (Period.year(2025), Period.year(2024), Period.month(2025, 10)):
            assert count_calls(s, period) == count_calls_direct(s, period)


def test_sql_ages_agree_with_python_ages(db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    build(db, monkeypatch)
    with db.session() as s:
        for year in (2024, 2025, 2026):
            period = Period.year(year)
            in_python = Counter(
                {(*p[:5], ()): n for p, n in profiles(registered_in(s, period)).items()}
            )
            assert new_client_profiles(s, period) == in_python
            assert len(identified_in(s, period)) == {2024: 1, 2025: 3, 2026: 0}[year]

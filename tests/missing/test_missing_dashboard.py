"""The 116 000 line in the dashboard, the annual report and the records behind a number: the
same hand-built set as the yearly MCE figures, the same counts."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from sosdesk.stats.dashboard import compute_dashboard
from sosdesk.stats.drilldown import records_behind
from sosdesk.stats.periods import Period
from sosdesk.stats.report import build_report
from sosdesk.store.database import Database
from tests.missing.test_mce_stats import build


def test_the_year_in_the_dashboard_matches_the_mce_figures(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    build(db, monkeypatch)
    dash = compute_dashboard(db, Period.year(2025))
    cat = dash.table("missing_by_category")
    assert cat.totals == (6,) and cat.value("runaway_national") == 2
    assert cat.value("runaway_international") == 0 and cat.value("migrant") == 1
    assert cat.person_level  # children: suppressed like any table of persons
    status = dash.table("missing_by_status").column()
    assert status == {"found_alive": 2, "found_deceased": 1, "not_found": 1, "open": 2}
    features = dash.table("missing_features").column()
    assert features == {"cross_border": 1, "violence_or_exploitation": 2, "repeat_runaway": 1}
    assert dash.table("missing_by_reporter").value("public") == 1
    channel = dash.table("missing_by_channel")
    assert (channel.value("phone"), channel.value("email"), channel.value("chat")) == (4, 1, 1)
    # The year before: the two cases opened in 2024, both still searched for on 31 December.
    assert dash.before["missing_by_status"].value("open") == 2
    found = records_behind(db, Period.year(2025), "missing_by_status", "open")
    assert found.total == 2 and {r.detail for r in found.records} == {
        ("migrant",),
        ("lost_injured",),
    }
    assert all(r.code.startswith("NC-BG1-2025-") for r in found.records)


def test_the_annual_report_has_a_116000_section(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    build(db, monkeypatch)
    report = build_report(db, 2025, "en")
    text = " ".join(
        " ".join(p.extract_text() for p in PdfReader(io.BytesIO(report.pdf)).pages).split()
    )
    assert "Missing children (116 000)" in text and "Runaway (national)" in text
    assert "Zorana" not in text
    rows = report.csv["missing_by_category.csv"]
    assert "Runaway (national)" in rows

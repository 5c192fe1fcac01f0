"""The list behind a number holds exactly the records counted, names no one, and is audited;
operators do not get it."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from sosdesk.stats.dashboard import compute_dashboard
from sosdesk.stats.drilldown import NotAllowed, records_behind
from sosdesk.stats.periods import Period
from sosdesk.store.database import Database
from sosdesk.store.models import AuditEntry
from tests.conftest import PASSPHRASE
from tests.stats.handmade import build


def test_every_number_has_exactly_its_records(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    h = build(db, monkeypatch)
    year = Period.year(2025)
    dash = compute_dashboard(db, year, compare=False)
    for table in dash.tables:
        if table.key == "followups_by_outcome":
            continue  # outcomes depend on "now"; checked below
        for i, row in enumerate(table.rows):
            for j, column in enumerate(table.columns):
                value = table.cells[i][j]
                if not value or table.unit == "minor":
                    continue
                found = records_behind(db, year, table.key, row, column)
                assert found.total == value, (table.key, row, column)
    k1 = records_behind(db, year, "calls_by_hour", "23")
    assert [r.ref for r in k1.records] == [h.calls["K1"]]
    assert k1.records[0].when == "2025-12-31 23:59" and k1.records[0].code.startswith("BG1-2025-")
    costs = records_behind(db, year, "costs_by_type", "medical", "RSD")
    assert {r.ref for r in costs.records} == {h.events["E1"], h.events["E3"]}
    assert records_behind(db, year, "followups_by_outcome", "late").total == 1
    with db.session() as s:
        audited = (
            s.execute(select(AuditEntry).where(AuditEntry.action == "stats_drilldown"))
            .scalars()
            .all()
        )
    assert audited and audited[-1].detail["period"] == "2025"


def test_records_show_codes_not_names(db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    build(db, monkeypatch)
    found = records_behind(db, Period.year(2025), "new_clients_by_gender", "female")
    assert found.total == 4
    text = repr(found)
    assert "Jelena" not in text and "Olena" not in text and "BG1-2025-" in text


def test_operators_see_numbers_only(
    db: Database, db_path: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    build(db, monkeypatch)
    db.add_user("mina", "Mina", "operator", "druga-lozinka-77")
    operator = Database.open(db.path, user="mina", passphrase="druga-lozinka-77")
    try:
        assert compute_dashboard(operator, Period.year(2025)).summary.calls == 8
        with pytest.raises(NotAllowed):
            records_behind(operator, Period.year(2025), "calls_by_line", "sos_24_7")
    finally:
        operator.close()
    assert PASSPHRASE  # the coordinator's own database stays usable
    assert records_behind(db, Period.year(2025), "calls_by_line", "sos_24_7").total == 4

"""Profile edits are versioned and their previous values show in the History tab; cases move
through phases and plan goals are kept, all from the keyboard.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt, QThreadPool
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from sosdesk.services.cases import cases_of
from sosdesk.services.clients import create_client, get_client, update_client
from sosdesk.store.audit import verify_chain
from sosdesk.store.database import Database
from sosdesk.store.models import AuditEntry
from sosdesk.ui.clients.area import ClientsArea
from sosdesk.ui.context import AppContext
from sosdesk.ui.events.action_dialog import ActionDialog
from tests.gui.typing_helper import type_text


@pytest.fixture(autouse=True)
def _drain_pool(db: Database) -> Iterator[None]:
    """Pages read ahead in the pool finish before the database closes."""
    yield
    QThreadPool.globalInstance().waitForDone(10_000)


CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def area(db: Database, qtbot: QtBot) -> Iterator[ClientsArea]:
    c = create_client(
        db,
        {
            "given_name": "Jelena",
            "family_name": "Nikolić",
            "risk_level": "low",
            "exploitation_types": ["forced_labour"],
        },
    )
    widget = ClientsArea(AppContext(db))
    qtbot.addWidget(widget)
    widget.resize(1300, 900)
    widget.show()
    qtbot.waitExposed(widget)
    widget.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is widget)
    widget.open_client(c.id)
    yield widget


def test_profile_edit_is_versioned_and_history_shows_previous_values(
    area: ClientsArea, qtbot: QtBot, db: Database
) -> None:
    file = area.file
    client_id = file.client.id  # type: ignore[union-attr]
    qtbot.keyClick(file.timeline.table, Qt.Key.Key_F7)
    profile = file.profile
    assert QApplication.focusWidget() is profile.given_name
    profile.risk_level.setFocus()
    qtbot.keyClicks(profile.risk_level, "Vis")  # Visok
    profile.exploitation_types.setFocus()
    profile.exploitation_types.setCurrentRow(0)
    qtbot.keyClick(profile.exploitation_types, Qt.Key.Key_Space)  # tick sexual exploitation
    profile.phones.setFocus()
    qtbot.keyClicks(profile.phones, "063 555 1212; nije broj")
    assert profile.dirty
    qtbot.keyClick(profile.phones, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert profile.errors._fields["phones"][1].text().startswith("number 2: ")  # by its place
    assert get_client(db, client_id, audit_view=False).version == 1  # nothing half-saved
    profile.phones.selectAll()
    qtbot.keyClicks(profile.phones, "063 555 1212")
    type_text(profile.birth_date, "31.13.1990")
    qtbot.keyClick(profile.phones, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert profile.errors._fields["birth_date"][1].isVisible()
    profile.birth_date.clear()
    qtbot.keyClick(profile.phones, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    saved = get_client(db, client_id, audit_view=False)
    assert saved.version == 2 and saved.risk_level == "high" and saved.phones == ("+381635551212",)
    assert saved.exploitation_types == ("sexual", "forced_labour")
    assert "Visok" in file.header.risk.text() and not profile.dirty

    profile.notes.setPlainText("nova beleška")
    update_client(db, client_id, {"nickname": "Lela"})  # someone else, another field: kept
    assert profile.save()
    saved = get_client(db, client_id, audit_view=False)
    assert (saved.nickname, saved.notes) == ("Lela", "nova beleška")
    profile.notes.setPlainText("moja verzija")
    update_client(db, client_id, {"notes": "njihova verzija"})  # the same field: refused
    assert not profile.save()
    assert "changed meanwhile" in profile.errors._fields["notes"][1].text()
    assert get_client(db, client_id, audit_view=False).notes == "njihova verzija"
    profile.discard()

    qtbot.keyClick(profile.given_name, Qt.Key.Key_F8)
    rows = {
        file.history.fields_table.item(r, 1).text(): (
            file.history.fields_table.item(r, 2).text(),
            file.history.fields_table.item(r, 3).text(),
        )
        for r in range(file.history.fields_table.rowCount())
    }
    assert rows["Risk level"] == ("Nizak", "Visok")
    assert rows["Phones"] == ("—", "+381635551212")
    assert rows["Exploitation"] == (
        "Radna eksploatacija",
        "Seksualna eksploatacija, Radna eksploatacija",
    )
    with db.session() as s:
        actions = [
            a
            for (a,) in s.execute(
                select(AuditEntry.action).where(AuditEntry.entity_id == client_id)
            )
        ]
        assert actions.count("update") == 4 and actions.count("view") == 1
        assert verify_chain(s) == []


def _action_dialog(area: ClientsArea, qtbot: QtBot) -> ActionDialog:
    qtbot.waitUntil(
        lambda: (
            isinstance(area.file.cases.dialog, ActionDialog)
            and QApplication.activeWindow() is area.file.cases.dialog
        )
    )
    dialog = area.file.cases.dialog
    assert isinstance(dialog, ActionDialog)
    return dialog


def test_case_phases_close_reason_and_plan_goals(
    area: ClientsArea, qtbot: QtBot, db: Database
) -> None:
    file = area.file
    client_id = file.client.id  # type: ignore[union-attr]
    qtbot.keyClick(file.timeline.table, Qt.Key.Key_F9)
    cases = file.cases
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_O, CTRL_SHIFT)
    d = _action_dialog(area, qtbot)
    qtbot.keyClick(d, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: cases.case_table.rowCount() == 1)
    assert "Identifikacija" in file.header.flags.text()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is area)
    cases.case_table.setFocus()
    qtbot.keyClick(cases.case_table, Qt.Key.Key_M, CTRL_SHIFT)
    d = _action_dialog(area, qtbot)
    qtbot.keyClick(d, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)  # the next phase
    qtbot.waitUntil(lambda: cases_of(db, client_id)[0].phase == "crisis")
    qtbot.waitUntil(lambda: QApplication.activeWindow() is area)
    cases.case_table.setFocus()
    qtbot.keyClick(cases.case_table, Qt.Key.Key_G, CTRL_SHIFT)
    d = _action_dialog(area, qtbot)
    type_text(QApplication.focusWidget(), "Izvaditi ličnu kartu")  # type: ignore[arg-type]
    qtbot.keyClick(d, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert d.errors._fields["target_date"][1].text().startswith("give the date")
    target = date.today() + timedelta(days=20)
    qtbot.keyClicks(d.errors._fields["target_date"][0], f"{target:%d.%m.%Y}")
    qtbot.keyClick(d, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: cases.goal_table.rowCount() == 1)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is area)
    cases.goal_table.setFocus()
    qtbot.keyClick(cases.goal_table, Qt.Key.Key_V, CTRL_SHIFT)
    d = _action_dialog(area, qtbot)
    type_text(QApplication.focusWidget(), "Zakazan termin u MUP-u")  # type: ignore[arg-type]
    qtbot.keyClick(d, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: "Zakazan termin" in cases.reviews.toPlainText())
    qtbot.waitUntil(lambda: QApplication.activeWindow() is area)
    cases.case_table.setFocus()
    qtbot.keyClick(cases.case_table, Qt.Key.Key_W, CTRL_SHIFT)
    d = _action_dialog(area, qtbot)
    qtbot.keyClick(d, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert d.errors._fields["reason"][1].text() == "required"  # a reason is needed
    qtbot.keyClicks(d.errors._fields["reason"][0], "Cilj")  # Ciljevi plana ostvareni
    qtbot.keyClick(d, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not cases_of(db, client_id)[0].is_open)
    case = cases_of(db, client_id)[0]
    assert (case.phase, case.close_reason) == ("closed", "goals_achieved")
    assert "No open case" in file.header.flags.text()
    assert case.goals[0].reviews[0].note == "Zakazan termin u MUP-u"


def test_tab_order_follows_the_reading_order(area: ClientsArea, qtbot: QtBot) -> None:
    qtbot.keyClick(area.file.timeline.table, Qt.Key.Key_F7)
    profile = area.file.profile
    seen = []
    for _ in range(40):
        widget = QApplication.focusWidget()
        assert widget is not None
        seen.append(widget)
        qtbot.keyClick(widget, Qt.Key.Key_Tab)
    order = [
        profile.given_name,
        profile.family_name,
        profile.birth_date,
        profile.phones,
        profile.citizenship,
        profile.consent_date,
        profile.risk_level,
        profile.exploitation_types,
        profile.recruiter_relation,
        profile.notes,
    ]
    positions = [seen.index(w) for w in order]
    assert positions == sorted(positions)


def test_documents_action_opens_the_documents_dialog(area: ClientsArea, qtbot: QtBot) -> None:
    before = {w for w in QApplication.topLevelWidgets() if w.isVisible()}
    qtbot.keyClick(area.file.timeline.table, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(
        lambda: any(w.isVisible() and w not in before for w in QApplication.topLevelWidgets())
    )
    opened = [w for w in QApplication.topLevelWidgets() if w.isVisible() and w not in before]
    assert len(opened) == 1  # the documents dialog, or a note when that part is not installed
    assert type(opened[0]).__name__ in {"DocumentsDialog", "QMessageBox"}
    assert opened[0].windowModality() == Qt.WindowModality.WindowModal
    opened[0].close()
    QThreadPool.globalInstance().waitForDone(10_000)  # its preview may still be rendering

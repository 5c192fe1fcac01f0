"""The 116 000 line in the desk: a missing-child case opened by keyboard during a call, tied to
the call when it is saved, and listed in the Missing children area (Ctrl+0)."""

from __future__ import annotations

import io
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QWidget
from sqlalchemy import select

from sosdesk.services.calls import CallInput, save_call
from sosdesk.services.followups import board
from sosdesk.services.missing_children import ChildInput, add_step, open_missing_case
from sosdesk.store.database import Database
from sosdesk.store.models import Call, MissingCase
from sosdesk.ui.events.action_dialog import ActionDialog
from sosdesk.ui.main_window import MainWindow
from tests.gui.conftest import focused, press, shot, typed, unlock

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
K = Qt.Key


def test_open_a_case_during_a_116000_call_by_keyboard(
    qtbot, window: MainWindow, db: Database
) -> None:
    unlock(qtbot, window)
    press(qtbot, K.Key_N, CTRL)
    calls = window.areas["calls"]
    form = calls.form
    form.picks["line"].set_code("missing_116000")
    form.picks["caller_type"].set_code("family")
    form.categories.input.setFocus()
    typed("nestal")
    press(qtbot, K.Key_Return)
    assert form.categories.codes() == ["missing_child"]
    form.summary.setFocus()
    typed("Majka prijavljuje nestanak ćerke.")
    press(qtbot, K.Key_M, CTRL | SHIFT)
    hook = calls.missing_child
    qtbot.waitUntil(lambda: hook.dialog is not None and hook.dialog.isVisible())
    dialog = hook.dialog
    assert isinstance(dialog, ActionDialog)
    qtbot.waitUntil(dialog.isActiveWindow)
    assert focused() is dialog._first  # the category, ready for the arrow keys
    press(qtbot, K.Key_Down, times=2)  # category: the third, "thrown out"
    press(qtbot, K.Key_Tab)
    press(qtbot, K.Key_Tab)  # reporter: parent (the first)
    typed("majka")
    press(qtbot, K.Key_Tab)
    typed("Milica Jovanović")
    press(qtbot, K.Key_Tab)
    typed("14")
    shot(dialog, "missing_open_dialog")
    press(qtbot, K.Key_Return, CTRL)
    qtbot.waitUntil(lambda: hook.dialog is None)
    assert len(hook.pending) == 1
    qtbot.waitUntil(lambda: QApplication.focusWidget() is form.summary)  # back in the call
    press(qtbot, K.Key_S, CTRL)
    qtbot.waitUntil(lambda: calls.page() == "idle", timeout=5000)
    with db.session() as s:
        call = s.execute(select(Call).order_by(Call.created_at.desc()).limit(1)).scalar_one()
        case = s.execute(select(MissingCase)).scalar_one()
    assert call.line == "missing_116000"
    assert case.call_id == call.id and case.category == "thrown_out"
    assert (case.child_name, case.age, case.reporter_kind) == ("Milica Jovanović", 14, "parent")
    assert case.reporter_relation == "majka"
    assert not hook.pending

    qtbot.keyClick(window, K.Key_0, CTRL)
    qtbot.waitUntil(lambda: window.current_area() == "missing")
    area = window.areas["missing"]
    qtbot.waitUntil(lambda: area.table.rowCount() == 1)
    assert area.table.item(0, 2).text() == "Milica Jovanović"
    assert area.table.item(0, 4).text() == "nije još prijavljeno"
    QApplication.processEvents()
    shot(window, "missing_area")


def _dialog_field(dialog: ActionDialog, name: str) -> QWidget:
    """The control whose accessible name is `name` (English source, shown translated)."""
    shown = QCoreApplication.translate("MissingChildrenArea", name)
    found = [w for w in dialog.findChildren(QWidget) if w.accessibleName() == shown]
    assert found, name
    return found[0]


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_the_team_records_the_search_and_the_outcome_by_keyboard(
    qtbot, window: MainWindow, db: Database, theme: str
) -> None:
    call_id = save_call(db, CallInput(line="missing_116000", categories=["missing_child"])).id
    case = open_missing_case(
        db,
        ChildInput(
            category="runaway_international",
            reporter_kind="institution",
            child_name="Stefan Ilić",
            age=15,
            countries=["HU"],
            last_seen_on=date.today() - timedelta(days=1),
        ),
        call_id=call_id,
    )
    unlock(qtbot, window)
    window.set_theme(theme)
    qtbot.keyClick(window, K.Key_0, CTRL)
    qtbot.waitUntil(lambda: window.current_area() == "missing")
    area = window.areas["missing"]
    qtbot.waitUntil(lambda: area.table.rowCount() == 1)
    area.table.setFocus()
    assert area.table.item(0, 4).text() == "nije još prijavljeno"

    # The police report: the first kind of step, then station and case number.
    press(qtbot, K.Key_S, CTRL | SHIFT)
    qtbot.waitUntil(lambda: area.dialog is not None and area.dialog.isVisible())
    dialog = area.dialog
    assert isinstance(dialog, ActionDialog)
    qtbot.waitUntil(dialog.isActiveWindow)
    assert focused() is _dialog_field(dialog, "Step")
    station = _dialog_field(dialog, "Police station or service")
    while focused() is not station:
        press(qtbot, K.Key_Tab)
    typed("PU Subotica")
    press(qtbot, K.Key_Tab)
    typed("KU 116/26")
    shot(dialog, f"missing-step-dialog-{theme}")
    press(qtbot, K.Key_Return, CTRL)
    qtbot.waitUntil(lambda: area.dialog is None)
    qtbot.waitUntil(lambda: area.steps.count() == 1)
    assert area.table.item(0, 4).text() == "prijavljeno"
    assert "PU Subotica" in area.steps.item(0).text()

    # The family is called back tomorrow: a follow-up on the case's call.
    qtbot.waitUntil(lambda: QApplication.focusWidget() is area.table)  # back where it was
    press(qtbot, K.Key_F, CTRL | SHIFT)
    qtbot.waitUntil(lambda: area.message.isVisible())
    shown = board(db, None)
    assert case.code in " ".join(f.what for f in (*shown.today, *shown.upcoming))

    # Found alive and back home.
    press(qtbot, K.Key_O, CTRL | SHIFT)
    qtbot.waitUntil(lambda: area.dialog is not None and area.dialog.isVisible())
    dialog = area.dialog
    assert isinstance(dialog, ActionDialog)
    qtbot.waitUntil(dialog.isActiveWindow)
    assert focused() is _dialog_field(dialog, "Outcome")  # found alive, the first
    press(qtbot, K.Key_Tab)
    press(qtbot, K.Key_Down)  # after: returned home
    press(qtbot, K.Key_Return, CTRL)
    qtbot.waitUntil(lambda: area.dialog is None)
    qtbot.waitUntil(lambda: area.table.item(0, 5).text().startswith("Pronađeno živo"))
    with db.session() as s:
        row = s.get(MissingCase, case.id)
        assert row is not None and (row.outcome, row.after) == ("found_alive", "returned_home")
        assert row.closed_at is not None

    # Support after the outcome: psychological, to the child.
    qtbot.waitUntil(lambda: QApplication.focusWidget() is area.table)
    press(qtbot, K.Key_S, CTRL | SHIFT)
    qtbot.waitUntil(lambda: area.dialog is not None and area.dialog.isVisible())
    dialog = area.dialog
    assert isinstance(dialog, ActionDialog)
    qtbot.waitUntil(dialog.isActiveWindow)
    press(qtbot, K.Key_Down, times=7)  # the step: support after the outcome
    support = _dialog_field(dialog, "Support after the outcome")
    while focused() is not support:
        press(qtbot, K.Key_Tab)
    press(qtbot, K.Key_Down)  # psychological
    press(qtbot, K.Key_Tab)
    press(qtbot, K.Key_Down)  # to the child
    press(qtbot, K.Key_Return, CTRL)
    qtbot.waitUntil(lambda: area.dialog is None)
    qtbot.waitUntil(lambda: area.steps.count() == 2)
    assert "Psihološka podrška" in area.steps.item(1).text()
    assert "Detetu" in area.steps.item(1).text()
    shot(window, f"missing-area-{theme}")


def test_a_repeat_cross_border_episode_is_opened_from_the_area_by_keyboard(
    qtbot, window: MainWindow, db: Database
) -> None:
    first = open_missing_case(
        db, ChildInput(category="runaway_national", reporter_kind="parent", child_name="Ana Ilić")
    )
    unlock(qtbot, window)
    qtbot.keyClick(window, K.Key_0, CTRL)
    area = window.areas["missing"]
    qtbot.waitUntil(lambda: area.table.rowCount() == 1)
    area.table.setFocus()
    press(qtbot, K.Key_M, CTRL | SHIFT)
    qtbot.waitUntil(lambda: area.dialog is not None and area.dialog.isVisible())
    dialog = area.dialog
    assert isinstance(dialog, ActionDialog)
    qtbot.waitUntil(dialog.isActiveWindow)
    press(qtbot, K.Key_Down)  # runaway, international
    countries = _dialog_field(dialog, "Countries involved")
    while focused() is not countries.input:  # type: ignore[attr-defined]
        press(qtbot, K.Key_Tab)
    typed("Mađar")
    press(qtbot, K.Key_Return)
    assert countries.codes() == ["HU"]  # type: ignore[attr-defined]
    press(qtbot, K.Key_Tab)
    assert focused() is _dialog_field(dialog, "Risk factors")
    press(qtbot, K.Key_Space)  # violence, the first
    earlier = _dialog_field(dialog, "Earlier episode (case code)")
    while focused() is not earlier:
        press(qtbot, K.Key_Tab)
    typed(first.code.lower())
    press(qtbot, K.Key_Return, CTRL)
    qtbot.waitUntil(lambda: area.dialog is None)
    qtbot.waitUntil(lambda: area.table.rowCount() == 2)
    with db.session() as s:
        case = s.execute(select(MissingCase).where(MissingCase.id != first.id)).scalar_one()
    assert (case.category, case.countries, case.risks) == (
        "runaway_international",
        ["HU"],
        ["violence"],
    )
    assert case.previous_id == first.id
    assert area.table.item(0, 2).text() == "Ana Ilić (2.)"

    # Ctrl+F finds a case in any script; Enter goes back to the list.
    qtbot.waitUntil(lambda: QApplication.focusWidget() is area.table)
    press(qtbot, K.Key_F, CTRL)
    assert focused() is area.find_edit
    typed("ана илић")
    qtbot.waitUntil(lambda: area.table.rowCount() == 2)
    typed(" nis")
    qtbot.waitUntil(lambda: area.table.rowCount() == 0)
    area.find_edit.clear()
    typed(first.code.split("-")[-1])
    qtbot.waitUntil(lambda: area.table.rowCount() == 1)
    press(qtbot, K.Key_Return)
    assert focused() is area.table


def test_the_case_summary_pdf_is_saved_from_the_area_by_keyboard(
    qtbot, window: MainWindow, db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    case = open_missing_case(
        db,
        ChildInput(
            category="migrant",
            reporter_kind="institution",
            child_name="Ali Rahimi",
            countries=["AF"],
            risks=["trafficking"],
        ),
    )
    add_step(db, case.id, "foreign_line", datetime.now(UTC), {"country": "AF"})
    target = tmp_path / "sazetak"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), "PDF"))
    unlock(qtbot, window)
    qtbot.keyClick(window, K.Key_0, CTRL)
    area = window.areas["missing"]
    qtbot.waitUntil(lambda: area.table.rowCount() == 1)
    qtbot.waitUntil(lambda: area.steps.count() == 1)
    assert "Avganistan" in area.steps.item(0).text()  # a country's name, not its code
    assert "trgovine ljudima" in area.steps_label.text()  # on to the identification screening
    area.table.setFocus()
    press(qtbot, K.Key_P, CTRL | SHIFT)
    qtbot.waitUntil(lambda: area.dialog is not None and area.dialog.isVisible())
    dialog = area.dialog
    assert isinstance(dialog, ActionDialog)
    qtbot.waitUntil(dialog.isActiveWindow)
    press(qtbot, K.Key_Down, times=2)  # English
    press(qtbot, K.Key_Return, CTRL)  # pseudonymised, no password
    qtbot.waitUntil(lambda: area.dialog is None)
    saved = target.with_name("sazetak.pdf")
    assert saved.stat().st_mode & 0o777 == 0o600
    text = " ".join(
        " ".join(p.extract_text() for p in PdfReader(io.BytesIO(saved.read_bytes())).pages).split()
    )
    assert "Missing unaccompanied migrant child" in text and "Ali Rahimi" not in text
    assert "sazetak.pdf" in area.message.text()

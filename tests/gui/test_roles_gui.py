"""The desk obeys the roles: an operator sees why a full file is closed and can open it only by
breaking the glass (banner, ends on lock); she cannot edit the directory or print a costs
statement. Screenshots of the refusal in both themes."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from sosdesk.services.clients import create_client
from sosdesk.services.emergency import to_review
from sosdesk.store.database import Database
from sosdesk.ui import i18n
from sosdesk.ui.audit.area import AuditArea
from sosdesk.ui.clients.area import ClientsArea
from sosdesk.ui.context import AppContext
from sosdesk.ui.directory.area import DirectoryArea
from sosdesk.ui.documents.dialog import DocumentsDialog
from sosdesk.ui.theme import apply_theme
from tests.artifacts import screenshots_dir
from tests.factory import make_story

OP_PASS = "druga-lozinka-77"


@pytest.fixture
def operator(db: Database, db_path: Path, qapp: QApplication) -> Iterator[Database]:
    """The test database unlocked by operator `mina` (English on screen)."""
    db.add_user("mina", "Mina", "operator", OP_PASS)
    i18n.install("en")
    other = Database.open(db_path, user="mina", passphrase=OP_PASS)
    yield other
    other.close()


def test_a_closed_file_is_explained_and_opened_only_by_breaking_the_glass(
    db: Database, operator: Database, qtbot: QtBot, qapp: QApplication
) -> None:
    client = create_client(db, {"nickname": "Mina", "notes": "Plan: sklonište"}).id
    ctx = AppContext(operator, "en")
    area = ClientsArea(ctx)
    qtbot.addWidget(area)
    area.resize(1100, 700)
    area.show()
    area.open_client(client)
    assert area.file.client is None  # nothing of the file reached the screen
    assert "see_client_file" in area.notice.text()
    dialog = area.glass_dialog
    assert dialog is not None
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)  # shortcuts only reach the active window
    reason = dialog.findChild(type(dialog.focusWidget()), "emergency_reason")
    assert reason is not None
    qtbot.keyClicks(reason, "hitno")
    qtbot.keyClick(reason, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert dialog.isVisible() and area.file.client is None  # too short: refused, still closed
    assert "at least 10 characters" in dialog.errors._fields["reason"][1].text()
    for theme in ("light", "dark"):
        apply_theme(qapp, theme)
        QApplication.processEvents()  # the new theme's sizes laid out before the picture
        dialog.adjustSize()
        dialog.grab().save(str(screenshots_dir() / f"roles-break-glass-{theme}.png"))
        area.grab().save(str(screenshots_dir() / f"roles-refused-file-{theme}.png"))
    apply_theme(qapp, "light")
    qtbot.keyClicks(reason, " poziv u krizi, treba plan")
    with qtbot.waitSignal(dialog.finished):
        qtbot.keyClick(reason, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert area.file.client is not None and area.file.client.id == client
    assert area.banner.isVisible() and "Emergency access" in area.banner.text()
    assert [r.actor for r in to_review(db)] == ["mina"]

    ctx.set_db(None)  # the desk locks: the emergency ends
    assert area.file.client is None and not area.banner.isVisible()
    ctx.set_db(operator)
    area.open_client(client, ask=False)
    assert area.file.client is None and area.glass_dialog is None
    qapp.setStyleSheet("")


def test_an_operator_cannot_edit_the_directory_and_is_told_why(
    operator: Database, qtbot: QtBot
) -> None:
    area = DirectoryArea(AppContext(operator, "en"))
    qtbot.addWidget(area)
    for button in area.buttons.values():
        assert not button.isEnabled()
        assert "edit_directory" in button.toolTip()
    area.new_entry()  # the shortcut does nothing either
    assert area.dialog is None


def test_an_operator_cannot_print_a_costs_statement(
    db: Database, qtbot: QtBot, db_path: Path, qapp: QApplication
) -> None:
    story = make_story(db)
    db.add_user("mina", "Mina", "operator", OP_PASS)
    i18n.install("en")
    op = Database.open(db_path, user="mina", passphrase=OP_PASS)
    try:
        dialog = DocumentsDialog(AppContext(op, "en"), story.client_id)
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitUntil(lambda: "print_" in dialog.status.text(), timeout=15000)
        assert not dialog.print_button.isEnabled()
        assert "print_" in dialog.print_button.toolTip()
        dialog.reject()
    finally:
        op.close()


@pytest.mark.parametrize("role", ["volunteer", "auditor"])
def test_every_area_opens_for_a_narrow_role(
    qtbot: QtBot, desk_app: QApplication, db: Database, db_path: Path, role: str
) -> None:
    """A volunteer and an auditor unlock the desk and visit every area: nothing breaks, and
    what they may not see is refused, never shown."""
    from sosdesk.services.preferences import Preferences
    from sosdesk.ui.areas import AREAS, AreaFailed
    from sosdesk.ui.main_window import MainWindow
    from tests.gui.conftest import unlock

    make_story(db)
    db.add_user("sara", "Sara", role, OP_PASS)
    w = MainWindow(db_path, "sara", prefs=Preferences(theme="light"))
    qtbot.addWidget(w)
    w.resize(1280, 820)
    w.show()
    qtbot.waitExposed(w)
    try:
        unlock(qtbot, w, OP_PASS)
        for spec in AREAS:
            w.switch_area(spec.key)
            assert not isinstance(w.areas[spec.key], AreaFailed), spec.key
        audit = w.areas["audit"]
        assert isinstance(audit, AuditArea)
        if role == "auditor":
            qtbot.waitUntil(lambda: audit.model.rowCount() > 0, timeout=10000)
        else:
            assert "read_audit" in audit.summary.text()
    finally:
        w.instance_lock.release()

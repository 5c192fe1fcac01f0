"""Users from the desk: a coordinator adds and re-roles a user, refusals are coded; every user
changes her own passphrase (old one required, strength meter); an operator sees the users
section closed and why."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from sosdesk.services.users import list_users
from sosdesk.store.database import Database
from sosdesk.ui import i18n
from sosdesk.ui.auth.users_dialog import UsersDialog
from sosdesk.ui.context import AppContext
from sosdesk.ui.theme import apply_theme
from tests.artifacts import screenshots_dir
from tests.conftest import PASSPHRASE

NEW = "nova-duga-lozinka-2026"


def _wait_message(qtbot: QtBot, dialog: UsersDialog, text: str) -> None:
    qtbot.waitUntil(lambda: text in dialog.message.text(), timeout=15000)


def test_a_coordinator_manages_users_from_the_desk(
    db: Database, db_path: Path, qtbot: QtBot, qapp: QApplication
) -> None:
    i18n.install("en")
    dialog = UsersDialog(AppContext(db, "en"))
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.model.rowCount() == 1
    qtbot.keyClicks(dialog.name, "mina")
    qtbot.keyClicks(dialog.display, "Mina M")
    dialog.role.setCurrentIndex(dialog.role.findData("operator"))
    qtbot.keyClicks(dialog.first, NEW)
    dialog.add.click()
    _wait_message(qtbot, dialog, "was added")
    assert [(u.name, u.role) for u in list_users(db)] == [
        ("ana", "coordinator"),
        ("mina", "operator"),
    ]

    dialog.name.setText("mina")
    dialog.role.setCurrentIndex(dialog.role.findData("consultant"))
    dialog.set_role.click()
    _wait_message(qtbot, dialog, "role was changed")
    dialog.name.setText("ana")
    dialog.role.setCurrentIndex(dialog.role.findData("operator"))
    dialog.set_role.click()
    _wait_message(qtbot, dialog, "last active coordinator")  # refused, nothing changed
    assert {u.name: u.role for u in list_users(db)}["ana"] == "coordinator"

    qtbot.keyClicks(dialog.new, "abc")
    assert dialog.meter.value() <= 1
    dialog.new.clear()
    qtbot.keyClicks(dialog.new, NEW)
    assert dialog.meter.value() >= 3
    qtbot.keyClicks(dialog.again, NEW)
    qtbot.keyClicks(dialog.old, "pogresna-lozinka")
    dialog.change.click()
    _wait_message(qtbot, dialog, "passphrase")
    assert "changed" not in dialog.message.text()  # the wrong old passphrase is refused
    for theme in ("light", "dark"):
        apply_theme(qapp, theme)
        QApplication.processEvents()
        dialog.grab().save(str(screenshots_dir() / f"users-dialog-{theme}.png"))
    qapp.setStyleSheet("")
    assert dialog.new.text() == NEW  # kept after a refusal, to try again
    dialog.old.setText(PASSPHRASE)  # non-ASCII: keyClicks cannot type it (DESIGN §9)
    dialog.change.click()
    _wait_message(qtbot, dialog, "Your passphrase was changed")
    Database.open(db_path, user="ana", passphrase=NEW).close()


def test_an_operator_changes_only_her_own_passphrase(
    db: Database, db_path: Path, qtbot: QtBot
) -> None:
    i18n.install("en")
    db.add_user("mina", "Mina", "operator", NEW)
    op = Database.open(db_path, user="mina", passphrase=NEW)
    try:
        dialog = UsersDialog(AppContext(op, "en"))
        qtbot.addWidget(dialog)
        assert not dialog.add.isEnabled() and not dialog.table.isEnabled()
        assert "manage_users" in dialog.add.toolTip()
        assert dialog.change.isEnabled()
    finally:
        op.close()

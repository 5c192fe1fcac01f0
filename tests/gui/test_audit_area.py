"""The Audit area lists a run of actions (verified chain, filters), shows a tampered chain as
broken, lets a coordinator review emergency accesses and is closed to an operator."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import text

from sosdesk.services.clients import get_client
from sosdesk.services.emergency import break_glass, to_review
from sosdesk.store.database import Database
from sosdesk.ui import i18n
from sosdesk.ui.audit.area import AuditArea
from sosdesk.ui.context import AppContext
from sosdesk.ui.theme import apply_theme
from tests.artifacts import screenshots_dir
from tests.factory import make_story

OP_PASS = "druga-lozinka-77"


def _column(area: AuditArea, col: int) -> list[str]:
    return [area.model.item(r, col).text() for r in range(area.model.rowCount())]


def test_the_audit_area_lists_filters_and_reviews(
    db: Database, db_path: Path, qtbot: QtBot, qapp: QApplication
) -> None:
    i18n.install("en")
    story = make_story(db)
    db.add_user("mina", "Mina", "operator", OP_PASS)
    op = Database.open(db_path, user="mina", passphrase=OP_PASS)
    break_glass(op, story.client_id, "Poziv u krizi, treba plan bezbednosti")
    get_client(op, story.client_id)
    op.close()
    get_client(db, story.client_id)

    area = AuditArea(AppContext(db, "en"))
    qtbot.addWidget(area)
    area.resize(1200, 700)
    area.show()
    qtbot.waitUntil(lambda: area.model.rowCount() > 0, timeout=10000)
    assert "sound" in area.summary.text()
    assert _column(area, 3)[:3] == ["view", "view", "emergency_access"]  # newest first

    area.user.setText("mina")
    area.client.setText(story.code)
    area.reload()
    qtbot.waitUntil(lambda: _column(area, 2) == ["mina", "mina"], timeout=10000)
    assert _column(area, 4) == [story.code, story.code]

    assert area.review_model.rowCount() == 1
    assert area.review_model.item(0, 2).text() == "mina"
    for theme in ("light", "dark"):
        apply_theme(qapp, theme)
        QApplication.processEvents()
        area.grab().save(str(screenshots_dir() / f"audit-area-{theme}.png"))
    qapp.setStyleSheet("")
    area.review_table.setCurrentIndex(area.review_model.index(0, 0))
    area.review_button.click()
    assert area.review_model.rowCount() == 0 and to_review(db) == []

    area.since.setText("gestern")
    area.reload()
    assert "From" in area.message.text()

    with db.engine.begin() as c:
        c.execute(text("UPDATE audit_entries SET actor = 'neko drugi' WHERE seq = 3"))
    area.since.clear()
    area.reload()
    qtbot.waitUntil(lambda: "broken at entry 3" in area.message.text(), timeout=10000)
    assert area.model.rowCount() == 0  # a broken chain is never shown as a list


def test_an_operator_sees_why_the_audit_is_closed(
    db: Database, db_path: Path, qtbot: QtBot
) -> None:
    i18n.install("en")
    db.add_user("mina", "Mina", "operator", OP_PASS)
    op = Database.open(db_path, user="mina", passphrase=OP_PASS)
    try:
        area = AuditArea(AppContext(op, "en"))
        qtbot.addWidget(area)
        assert "read_audit" in area.summary.text()
        assert not area.show_button.isEnabled() and area.model.rowCount() == 0
        assert not area.review_button.isEnabled()
        assert "review_emergency" in area.review_button.toolTip()
    finally:
        op.close()

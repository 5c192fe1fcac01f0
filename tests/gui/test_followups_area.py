"""Follow-ups area: overdue / today / upcoming, mine vs desk, Space marks done, badge hook."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from sosdesk.services.clients import create_client
from sosdesk.services.followups import add_followup, overdue_count
from sosdesk.store.database import Database
from sosdesk.store.models import utcnow
from sosdesk.ui.context import AppContext
from sosdesk.ui.followups.area import FollowUpsArea


def _group_sizes(area: FollowUpsArea) -> list[int]:
    tree = area.list
    return [tree.topLevelItem(i).childCount() for i in range(tree.topLevelItemCount())]


def test_space_marks_done_and_the_badge_follows(db: Database, qtbot: QtBot) -> None:
    client = create_client(db, {"given_name": "Milica", "family_name": "Jovanović"})
    now = utcnow()
    late = add_followup(
        db,
        now - timedelta(hours=3),
        "Pozvati klijentkinju radi provere bezbednosti",
        client_id=client.id,
        assigned_to=db.actor.user_id,
    )
    add_followup(db, now - timedelta(hours=1), "Dogovoriti pratnju na ročište")
    other = db.add_user("mira", "Mira Ilić", "operator", "druga-lozinka-7")
    add_followup(db, now + timedelta(days=2), "Proveriti smeštaj u skloništu", assigned_to=other)
    ctx = AppContext(db)
    area = FollowUpsArea(ctx)
    qtbot.addWidget(area)
    area.show()
    qtbot.waitExposed(area)
    area.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is area)
    assert area.overdue_count() == 2
    assert _group_sizes(area) == [2, 0, 0]  # mine: the other user's item is not here
    area.desk.setChecked(True)
    assert _group_sizes(area) == [2, 0, 1]
    area.mine.setChecked(True)
    area.list.setFocus()
    first = area.list.current()
    assert first is not None and first.id == late.id and first.client_name == "Milica Jovanović"
    with (
        qtbot.waitSignal(area.overdue_count_changed) as signal,
        qtbot.waitSignal(area.status) as note,
    ):
        qtbot.keyClick(area.list, Qt.Key.Key_Space)
    assert signal.args == [1]
    assert note.args[0].endswith("Ctrl+Z.")  # the main window shows how to undo
    assert overdue_count(db, db.actor.user_id) == 1 and _group_sizes(area) == [1, 0, 0]
    with qtbot.waitSignal(area.overdue_count_changed) as signal:
        qtbot.keyClick(area.list, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert signal.args == [2]
    with qtbot.waitSignal(ctx.open_client_requested) as opened:
        area.list.setCurrentItem(area.list.topLevelItem(0).child(0))
        qtbot.keyClick(area.list, Qt.Key.Key_Return)
    assert opened.args == [client.id]
    ctx.set_db(None)
    assert area.list.topLevelItemCount() == 0  # nothing left on screen when locked

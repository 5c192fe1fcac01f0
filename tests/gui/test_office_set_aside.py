"""The coordinator's decision on a refused batch from the Office area (Alt+E): the question
names the records and why, No changes nothing, Yes applies the batch without them in a worker;
the desk shows what was set aside in Serbian."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QShortcut
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import text

from sosdesk.ui.context import AppContext
from sosdesk.ui.office.area import OfficeArea
from sosdesk.ui.sync.area import SyncArea
from sosdesk.ui.sync.desk_panel import DeskPanel
from tests.artifacts import screenshots_dir
from tests.sync.helpers import colliding_desk, new_net
from tests.sync.test_gui import Answers
from tests.sync.test_set_aside import _round


def _press(qtbot: QtBot, button: QWidget) -> None:
    """Tab to a button and press Space, as a keyboard user does."""
    button.setFocus()
    qtbot.keyClick(button, Qt.Key.Key_Space)


def test_coordinator_sets_aside_from_the_desks_table_and_the_desk_is_told(
    serbian: QApplication, tmp_path: Path, qtbot: QtBot
) -> None:
    net = new_net(tmp_path / "net", "BG1")
    try:
        bad, good = colliding_desk(net)
        _round(net, "first")
        area = OfficeArea(AppContext(net.office))
        qtbot.addWidget(area)
        answers = Answers()
        area.chooser = answers
        area.resize(1200, 760)
        area.show()
        qtbot.waitExposed(area)
        assert area.set_aside_button.isVisible()
        assert area.set_aside_button.accessibleName()

        keys = {sc.key().toString() for sc in area.findChildren(QShortcut)}
        assert "Alt+E" in keys

        # Keyboard only: the desks table, the desk's row, then Tab to the button and Space.
        area.desks.setFocus()
        area.desks.setCurrentCell(0, 0)
        answers.yes = False
        _press(qtbot, area.set_aside_button)
        question = answers.asked[-1]
        assert "Paket 1 punkta BG1" in question and bad in question, question
        assert "ne odgovara ovoj bazi (UNIQUE constraint failed: clients.code)" in question
        assert area.notice.text() == "Ništa nije promenjeno."

        answers.yes = True
        answers.folder_answer = tmp_path / "receipts"
        answers.folder_answer.mkdir()
        _press(qtbot, area.set_aside_button)
        qtbot.waitUntil(lambda: "primenjen je bez" in area.notice.text(), timeout=20000)
        area.grab().save(str(screenshots_dir() / "office-set-aside-done.png"))
        with net.office.engine.connect() as c:
            got = c.execute(text("SELECT count(*) FROM clients WHERE id = :i"), {"i": good})
            assert got.scalar_one() == 1
        (receipt,) = answers.folder_answer.iterdir()

        desk_area = SyncArea(AppContext(net.desks["BG1"]))
        qtbot.addWidget(desk_area)
        desk_answers = Answers()
        desk_area.chooser = desk_answers
        panel = desk_area.panel
        assert isinstance(panel, DeskPanel)
        panel.chooser = desk_answers
        desk_answers.files_answer = [receipt]
        panel.receipt_button.setFocus()
        qtbot.keyClick(panel.receipt_button, Qt.Key.Key_Space)
        said = panel.error.text()
        assert "Kancelarija je primenila paket 1 bez" in said and bad in said, said
        desk_area.resize(1100, 700)
        desk_area.show()
        desk_area.grab().save(str(screenshots_dir() / "sync-desk-set-aside-receipt.png"))
    finally:
        net.close()

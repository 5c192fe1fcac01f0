"""The desk's Sync area says, in the user's language, what the office withheld."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from sosdesk.services.cases import open_case
from sosdesk.services.events import add_event
from sosdesk.sync.export import export_office
from sosdesk.ui.context import AppContext
from sosdesk.ui.sync.area import SyncArea
from sosdesk.ui.sync.desk_panel import DeskPanel
from tests.artifacts import screenshots_dir
from tests.factory import at
from tests.sync.helpers import Net, desk_to_office, take_call
from tests.sync.test_gui import Answers

HELP = {"type": "medical", "subtype": "med_general", "amount": "1500.50", "currency": "RSD"}


def test_desk_import_says_how_many_records_were_withheld(
    serbian: QApplication, net: Net, qtbot: QtBot
) -> None:
    bg1 = net.desks["BG1"]
    client = take_call(bg1, "Đurđa")
    open_case(bg1, client)  # managed at BG1: her medical help stays away from NS1
    add_event(bg1, client, "assistance", at(2), HELP)
    desk_to_office(net, "BG1")
    area = SyncArea(AppContext(net.desks["NS1"]))
    qtbot.addWidget(area)
    answers = Answers()
    area.set_chooser(answers)
    area.resize(1200, 720)
    area.show()
    qtbot.waitExposed(area)
    panel = area.panel
    assert isinstance(panel, DeskPanel)
    answers.files_answer = list(export_office(net.office, "NS1", net.stick("to-ns1")).files)
    qtbot.mouseClick(panel.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not panel.job.running, timeout=20_000)
    text = panel.notice.text()
    assert "Primenjeno: 1" in text, text
    assert "koje je kancelarija zadržala: 1;" in text, text
    shots = screenshots_dir()
    shots.mkdir(parents=True, exist_ok=True)
    assert area.grab().save(str(shots / "sync-desk-withheld.png"))

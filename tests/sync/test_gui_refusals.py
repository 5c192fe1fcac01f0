"""Refusals in the GUI name the record and the reason in the user's language; a desk without
a trusted office is told what to do before any folder is asked for (issue 14, item 4)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import text

from sosdesk.demo.generator import generate
from sosdesk.services.followups import mark_done
from sosdesk.sync.completion import Completion
from sosdesk.sync.export import export_desk
from sosdesk.sync.importer import import_batches
from sosdesk.ui.context import AppContext
from sosdesk.ui.sync.area import SyncArea
from sosdesk.ui.sync.desk_panel import DeskPanel
from sosdesk.ui.sync.office_panel import OfficePanel
from tests.artifacts import screenshots_dir
from tests.sync.forge import forge, record
from tests.sync.helpers import Net, make_db
from tests.sync.test_gui import Answers


def _area(qtbot: QtBot, ctx: AppContext) -> tuple[SyncArea, Answers]:
    area = SyncArea(ctx)
    qtbot.addWidget(area)
    answers = Answers()
    area.set_chooser(answers)
    area.resize(1200, 720)
    area.show()
    qtbot.waitExposed(area)
    return area, answers


def test_export_without_an_office_says_what_to_do_first(
    serbian: QApplication, tmp_path: Path, qtbot: QtBot
) -> None:
    desk = make_db(tmp_path, "BG9")
    try:
        area, answers = _area(qtbot, AppContext(desk))
        panel = area.panel
        assert isinstance(panel, DeskPanel)
        answers.folder_answer = tmp_path
        qtbot.mouseClick(panel.export_button, Qt.MouseButton.LeftButton)
        assert answers.asked == []  # no folder was asked for
        text = panel.error.text()
        assert "ne veruje nijednoj kancelariji" in text and "Odredi kancelariju" in text, text
        assert "sosdesk" not in text  # no command line for a GUI user
        assert not list(tmp_path.glob("*.sosbatch"))
    finally:
        desk.close()


def test_office_names_the_refused_record_in_serbian(
    serbian: QApplication, pair: Net, qtbot: QtBot
) -> None:
    desk = pair.desks["BG1"]
    stick = pair.stick("refused")
    bad = forge(
        desk,
        pair.office,
        stick,
        [record(desk, "followups", {"done_at": "2026-03-01T10:00:00+00:00"}, op="update")],
    )
    area, answers = _area(qtbot, AppContext(pair.office))
    panel = area.panel
    assert isinstance(panel, OfficePanel)
    answers.files_answer = [bad]
    qtbot.mouseClick(panel.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not panel.job.running, timeout=20_000)
    row = panel.results.rowCount() - 1
    detail = " ".join(
        panel.results.item(row, c).text()
        for c in range(panel.results.columnCount())
        if panel.results.item(row, c) is not None
    )
    assert "zapis 1" in detail and "followups" in detail, detail
    assert "Odnesite potvrde nazad na punkt" in detail, detail
    assert "zapis 1" in panel.error.text(), panel.error.text()


def test_desk_shows_the_refusal_receipt_and_its_next_export_gets_through(
    serbian: QApplication, pair: Net, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    desk = pair.desks["BG1"]
    generate(desk, 30, seed=7)
    with desk.engine.connect() as c:
        fid = c.execute(
            text("SELECT id FROM followups WHERE done_at IS NULL ORDER BY id LIMIT 1")
        ).scalar_one()
    mark_done(desk, fid)
    with monkeypatch.context() as m:  # a batch made before completion existed
        m.setattr("sosdesk.sync.export.complete_outbox", lambda s, d: Completion({}))
        first = export_desk(desk, pair.stick("old"))
    back = pair.stick("refusals")
    refused = import_batches(pair.office, list(first.files), receipts_dir=back)
    assert refused[0].receipt is not None

    area, answers = _area(qtbot, AppContext(desk))
    panel = area.panel
    assert isinstance(panel, DeskPanel)
    answers.files_answer = [refused[0].receipt]
    panel.receipt_button.setFocus()
    qtbot.keyClick(panel.receipt_button, Qt.Key.Key_Space)
    said = panel.error.text()
    assert "Kancelarija je odbila paket 1" in said and "followups" in said, said
    assert (
        panel.table.item(0, 3).text() == "kancelarija ga je odbila; sledeći izvoz ga šalje ponovo"
    )
    area.grab().save(str(screenshots_dir() / "sync-desk-refusal-receipt.png"))

    stick = pair.stick("again")
    answers.folder_answer = stick
    panel.export_button.setFocus()
    qtbot.keyClick(panel.export_button, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: not panel.job.running, timeout=20_000)
    outcomes = import_batches(pair.office, sorted(stick.glob("*.sosbatch")))
    assert [o.status for o in outcomes] == ["applied"], [o.message for o in outcomes]

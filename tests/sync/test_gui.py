"""The sync area driven offscreen: export with a progress bar at a desk, import at the office,
receipts, the conflict queue, enrolled desks; screenshots in both themes under docs/screenshots."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from sosdesk.services.clients import get_client, update_client
from sosdesk.store.database import Database
from sosdesk.sync.identity import own_identity
from sosdesk.sync.peers import list_peers
from sosdesk.sync.status import desk_status
from sosdesk.ui import i18n
from sosdesk.ui.context import AppContext
from sosdesk.ui.sync.area import SyncArea
from sosdesk.ui.sync.chooser import Chooser
from sosdesk.ui.sync.desk_panel import DeskPanel
from sosdesk.ui.sync.office_panel import OfficePanel
from sosdesk.ui.theme import apply_theme
from tests.artifacts import screenshots_dir
from tests.sync.helpers import Net, desk_to_office, office_to_desk, take_call

SHOTS = screenshots_dir()


class Answers(Chooser):
    """Answers the file dialogs and questions the way a user would."""

    def __init__(self) -> None:
        self.folder_answer: Path | None = None
        self.files_answer: list[Path] = []
        self.yes = True
        self.asked: list[str] = []

    def folder(self, parent: QWidget, caption: str) -> Path | None:
        self.asked.append(caption)
        return self.folder_answer

    def files(self, parent: QWidget, caption: str, pattern: str) -> list[Path]:
        self.asked.append(caption)
        return list(self.files_answer)

    def save_as(self, parent: QWidget, caption: str, name: str, pattern: str) -> Path | None:
        self.asked.append(caption)
        return self.folder_answer / name if self.folder_answer else None

    def confirm(self, parent: QWidget, title: str, text: str) -> bool:
        self.asked.append(text)
        return self.yes


@pytest.fixture
def themed(qapp: QApplication) -> Iterator[QApplication]:
    """Serbian UI; the application's look is restored afterwards for the other tests."""
    saved = (qapp.style().name(), qapp.palette(), qapp.font(), qapp.styleSheet())
    i18n.install("sr-Latn")
    yield qapp
    i18n.install("en")
    qapp.setStyle(saved[0])
    qapp.setPalette(saved[1])
    qapp.setFont(saved[2])
    qapp.setStyleSheet(saved[3])


def _shot(widget: QWidget, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    assert widget.grab().save(str(SHOTS / name))


def _area(qtbot: QtBot, ctx: AppContext) -> tuple[SyncArea, Answers]:
    area = SyncArea(ctx)
    qtbot.addWidget(area)
    answers = Answers()
    area.set_chooser(answers)
    area.resize(1200, 720)
    area.show()
    qtbot.waitExposed(area)
    return area, answers


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_desk_exports_with_progress_and_takes_receipts(
    themed: QApplication, net: Net, qtbot: QtBot, theme: str
) -> None:
    apply_theme(themed, theme)
    bg1 = net.desks["BG1"]
    for name in ("Jovana", "Nevena", "Aleksandra"):
        take_call(bg1, name)
    area, answers = _area(qtbot, AppContext(bg1))
    panel = area.panel
    assert isinstance(panel, DeskPanel)
    assert "3 izmen" not in panel.pending_text.text()  # counts changes, not clients
    assert panel.status is not None and panel.status.unexported_changes > 0
    stick = net.stick("gui")
    answers.folder_answer = stick
    qtbot.mouseClick(panel.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not panel.job.running, timeout=20_000)
    assert panel.progress.value() == 1000
    assert "Paket 1" in panel.notice.text(), panel.notice.text()
    files = list(stick.glob("*.sosbatch"))
    assert len(files) == 1
    assert panel.table.rowCount() == 1  # written, waiting for the receipt
    _shot(area, f"sync-desk-{theme}.png")
    # The office imports it; the desk takes the receipt (Ctrl+R).
    desk_to_office(net, "NS1")
    from sosdesk.sync.importer import import_batches

    [outcome] = import_batches(net.office, files, receipts_dir=stick)
    assert outcome.receipt is not None
    answers.files_answer = [outcome.receipt]
    panel.setFocus()
    qtbot.keyClick(panel, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: panel.table.rowCount() == 0)
    assert panel.notice.text() == "Kancelarija je potvrdila: 1.", panel.notice.text()
    # Batches from the office: NS1's client arrives, with a progress bar.
    out = net.stick("from-office")
    from sosdesk.sync.export import export_office

    answers.files_answer = list(export_office(net.office, "BG1", out).files)
    qtbot.mouseClick(panel.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not panel.job.running, timeout=20_000)
    assert "Primenjeno: 1" in panel.notice.text(), panel.notice.text()


def _office_with_conflict(net: Net) -> str:
    client = take_call(net.desks["BG1"], "Milena")
    desk_to_office(net, "BG1")
    office_to_desk(net, "NS1")
    update_client(net.desks["BG1"], client, {"risk_level": "high", "languages": ["sr", "ro"]})
    update_client(net.desks["NS1"], client, {"risk_level": "medium"})
    return client


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_office_imports_reviews_conflicts_and_lists_desks(
    themed: QApplication, net: Net, qtbot: QtBot, theme: str, tmp_path: Path
) -> None:
    apply_theme(themed, theme)
    client = _office_with_conflict(net)
    from sosdesk.sync.export import export_desk

    stick = net.stick("office-gui")
    files = [
        *export_desk(net.desks["BG1"], stick).files,
        *export_desk(net.desks["NS1"], stick).files,
    ]
    take_call(net.desks["NI1"], "Vera")
    ni1_first = export_desk(net.desks["NI1"], net.stick("ni1-a")).files
    take_call(net.desks["NI1"], "Zora")
    held = [
        f
        for f in export_desk(net.desks["NI1"], net.stick("ni1-b")).files
        if f.name not in {x.name for x in ni1_first}
    ][-1:]
    garbled = stick / "kopija.sosbatch"
    data = bytearray(files[0].read_bytes())
    data[-40] ^= 0xFF
    garbled.write_bytes(bytes(data))
    area, answers = _area(qtbot, AppContext(net.office))
    panel = area.panel
    assert isinstance(panel, OfficePanel)
    answers.files_answer = [*files, *held, garbled]
    qtbot.mouseClick(panel.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not panel.job.running, timeout=30_000)
    assert panel.results.rowCount() == 4
    statuses = [panel.results.item(r, 2).text() for r in range(4)]
    assert statuses == ["primenjen", "primenjen", "čeka", "odbijen"], statuses
    assert len(list(stick.glob("*.sosreceipt"))) == 2  # beside the batches, one per applied
    _shot(area, f"sync-office-import-{theme}.png")
    panel.tabs.setCurrentIndex(3)
    assert panel.held.rowCount() == 1 and panel.refused.rowCount() == 1
    _shot(area, f"sync-office-waiting-{theme}.png")
    panel.tabs.setCurrentIndex(1)
    assert panel.desks.rowCount() == 3
    assert panel.desks.item(0, 1).text().count(" ") == 4  # five groups of digits
    _shot(area, f"sync-office-desks-{theme}.png")
    panel.tabs.setCurrentIndex(2)
    conflicts = panel.conflicts
    assert "(1)" in panel.tabs.tabText(2)
    assert len(conflicts.radios) == 2
    assert "Visok" in conflicts.radios[0].text() or "visok" in conflicts.radios[0].text().lower()
    _shot(area, f"sync-office-conflicts-{theme}.png")
    conflicts.select(0, choice=0)  # keep BG1's value
    conflicts.list.setFocus()
    qtbot.keyClick(conflicts.list, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not conflicts.conflicts)
    assert get_client(net.office, client, audit_view=False).risk_level == "high"
    assert "(0)" in panel.tabs.tabText(2)


def test_merged_value_typed_with_labels(net: Net, qtbot: QtBot) -> None:
    client = take_call(net.desks["BG1"], "Danica")
    desk_to_office(net, "BG1")
    office_to_desk(net, "NS1")
    update_client(net.desks["BG1"], client, {"languages": ["sr"]})
    update_client(net.desks["NS1"], client, {"languages": ["ro"]})
    desk_to_office(net, "BG1")
    desk_to_office(net, "NS1")
    area, _answers = _area(qtbot, AppContext(net.office, lang="en"))
    panel = area.panel
    assert isinstance(panel, OfficePanel)
    conflicts = panel.conflicts
    conflicts.select(0, merged="Serbian, ro, Klingon")
    conflicts.resolve()
    assert "Klingon" in conflicts.error.text()  # refused, named
    conflicts.select(0, merged="Serbian, Romanian")
    conflicts.resolve()
    assert not conflicts.conflicts
    assert get_client(net.office, client, audit_view=False).languages == ("sr", "ro")


def test_lock_clears_the_screen(net: Net, qtbot: QtBot) -> None:
    ctx = AppContext(net.office)
    area, _answers = _area(qtbot, ctx)
    panel = area.panel
    assert isinstance(panel, OfficePanel)
    assert panel.desks.rowCount() == 3
    ctx.set_db(None)
    assert panel.desks.rowCount() == 0 and panel.office_id.text() == ""
    ctx.set_db(net.office)
    assert panel.desks.rowCount() == 3


def test_the_main_window_builds_the_sync_area(qtbot: QtBot, net: Net) -> None:
    from sosdesk.ui.main_window import load_areas

    ctx = AppContext(None)
    areas = {key: widget for key, _shortcut, widget in load_areas(ctx)}
    assert isinstance(areas["sync"], SyncArea)
    for widget in areas.values():
        qtbot.addWidget(widget)
    ctx.set_db(net.desks["BG1"])  # unlocking shows the desk side
    assert areas["sync"].panel is areas["sync"].desk  # type: ignore[attr-defined]
    assert areas["sync"].title() == "Exchange"  # type: ignore[attr-defined]


def test_enrolment_from_the_sync_area_compares_fingerprints(
    qtbot: QtBot, db: Database, tmp_path: Path
) -> None:
    office, _ = Database.create(
        tmp_path / "office" / "office.db",
        user="mira",
        passphrase="kancelarija-lozinka",
        desk="HQ",
        office=True,
    )
    try:
        desk_area, desk_answers = _area(qtbot, AppContext(db))
        office_area, office_answers = _area(qtbot, AppContext(office))
        desk, hq = desk_area.panel, office_area.panel
        assert isinstance(desk, DeskPanel) and isinstance(hq, OfficePanel)
        desk_answers.folder_answer = office_answers.folder_answer = tmp_path
        desk.save_identity()
        desk_id = own_identity(db)
        assert (tmp_path / "BG1.sosid").exists()
        assert desk_id.fingerprint in desk.notice.text() and str(tmp_path) not in desk.notice.text()
        # The coordinator hears a different fingerprint on the phone: nothing is enrolled.
        office_answers.files_answer = [tmp_path / "BG1.sosid"]
        office_answers.yes = False
        hq.enrol()
        assert list_peers(office) == []
        assert "Nothing was changed." in hq.notice.text()
        assert any(desk_id.fingerprint in asked for asked in office_answers.asked)
        office_answers.yes = True
        hq.enrol()
        assert [p.desk_code for p in list_peers(office)] == ["BG1"]
        # And the desk trusts the office the same way.
        hq.save_identity()
        desk_answers.files_answer = [tmp_path / "HQ.sosid"]
        desk.trust_office()
        assert desk_status(db).office_code == "HQ"
    finally:
        office.close()

"""The Office area (issue 14): a coordinator verifies PDFs, backs up and checks the database
from the keyboard, with the same answers as the services the commands use; others are told
the tools are a coordinator's."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import select, text

from sosdesk.documents.produce import build, issue
from sosdesk.services import print_register
from sosdesk.services.documents_data import DocumentRequest
from sosdesk.services.office_tools import make_backup
from sosdesk.services.organisation import get_organisation
from sosdesk.store.backup import inspect_file
from sosdesk.store.database import Database
from sosdesk.store.models import AuditEntry
from sosdesk.sync.importer import import_batches
from sosdesk.ui.context import AppContext
from sosdesk.ui.office.area import OfficeArea
from sosdesk.ui.theme import apply_theme
from tests.artifacts import screenshots_dir
from tests.conftest import PASSPHRASE
from tests.factory import make_story
from tests.gui.typing_helper import type_text
from tests.sync.forge import forge, record
from tests.sync.helpers import desk_to_office, new_net, take_call
from tests.sync.test_gui import Answers


def _area(qtbot: QtBot, ctx: AppContext) -> tuple[OfficeArea, Answers]:
    area = OfficeArea(ctx)
    qtbot.addWidget(area)
    answers = Answers()
    area.chooser = answers
    area.resize(1200, 760)
    area.show()
    qtbot.waitExposed(area)
    return area, answers


def _press(qtbot: QtBot, button: QWidget) -> None:
    """Tab to a button and press Space, as a keyboard user does."""
    button.setFocus()
    qtbot.keyClick(button, Qt.Key.Key_Space)


def _issued(db: Database, tmp_path: Path) -> tuple[Path, Path, Path, str]:
    story = make_story(db)
    doc = build(db, DocumentRequest("certificate", story.client_id))
    assert issue(db, doc, "file")
    good = tmp_path / "potvrda.pdf"
    good.write_bytes(doc.pdf)
    changed = tmp_path / "izmenjena.pdf"
    changed.write_bytes(doc.pdf.replace(b"/Producer", b"/Producex", 1))
    other = tmp_path / "nepoznat.pdf"
    other.write_bytes(b"%PDF-1.4\n%nothing issued here\n%%EOF\n")
    return good, changed, other, doc.number


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_coordinator_verifies_backs_up_and_checks_from_the_keyboard(
    serbian: QApplication, db: Database, tmp_path: Path, qtbot: QtBot, theme: str
) -> None:
    apply_theme(serbian, theme)
    good, changed, other, number = _issued(db, tmp_path)
    area, answers = _area(qtbot, AppContext(db))
    assert area.table.rowCount() == 1
    assert area.table.item(0, 0).text() == number
    assert area.table.item(0, 2).text().startswith("BG1-")  # the client's code, not a name

    expected = {p: print_register.verify(db, p.read_bytes()).status for p in (good, changed, other)}
    assert expected == {good: "issued", changed: "modified", other: "unknown"}
    said = {}
    for path in (good, changed, other):
        answers.files_answer = [path]
        _press(qtbot, area.verify_button)
        qtbot.waitUntil(lambda: not area.job.running, timeout=20_000)
        said[path] = area.notice.text() or area.error.text()
    assert said[good].startswith("Izdat ovde:") and number in said[good], said[good]
    assert said[changed].startswith("Nije verodostojan:") and number in said[changed]
    assert said[other].startswith("Nepoznat:"), said[other]
    area.grab().save(str(screenshots_dir() / f"office-area-verify-{theme}.png"))

    folder = tmp_path / "usb"
    folder.mkdir()
    answers.folder_answer = folder
    _press(qtbot, area.backup_button)
    qtbot.waitUntil(lambda: not area.job.running, timeout=60_000)
    [copy] = list(folder.iterdir())
    assert "Rezervna kopija je zapisana i proverena" in area.notice.text(), area.error.text()
    assert copy.name in area.notice.text()
    assert inspect_file(copy, db.data_key).desk_code == "BG1"  # opens with the key, same desk
    with db.session() as s:
        actions = s.execute(select(AuditEntry.action)).scalars().all()
    assert actions.count("backup") == 1  # as `sosdesk backup` records it

    _press(qtbot, area.check_button)
    qtbot.waitUntil(lambda: not area.job.running, timeout=60_000)
    assert area.notice.text().startswith("Baza je ispravna"), area.error.text()
    area.grab().save(str(screenshots_dir() / f"office-area-{theme}.png"))


def test_a_pdf_dropped_on_the_area_is_verified(
    serbian: QApplication, db: Database, tmp_path: Path, qtbot: QtBot
) -> None:
    good, _changed, _other, number = _issued(db, tmp_path)
    area, _answers = _area(qtbot, AppContext(db))
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(good))])
    drop = QDropEvent(
        QPointF(20, 20),
        Qt.DropAction.CopyAction,
        data,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    area.dropEvent(drop)
    qtbot.waitUntil(lambda: not area.job.running, timeout=20_000)
    assert area.notice.text().startswith("Izdat ovde:") and number in area.notice.text()


def test_an_operator_is_told_the_tools_are_a_coordinators(
    serbian: QApplication, db: Database, db_path: Path, qtbot: QtBot
) -> None:
    db.add_user("marko", "Marko Marković", "operator", PASSPHRASE)
    db.close()
    operator = Database.open(db_path, user="marko", passphrase=PASSPHRASE)
    try:
        area, answers = _area(qtbot, AppContext(operator))
        assert not area.backup_button.isEnabled() and not area.verify_button.isEnabled()
        assert area.error.text().startswith("Samo koordinator"), area.error.text()
        area.backup()
        assert answers.asked == []  # nothing was asked, nothing written
        assert area.table.rowCount() == 0
    finally:
        operator.close()


def test_header_editor_previews_live_and_saves_like_the_command(
    serbian: QApplication, db: Database, qtbot: QtBot
) -> None:
    area, _answers = _area(qtbot, AppContext(db))
    area.setFocus()
    area.org_button.setFocus()
    qtbot.keyClick(area.org_button, Qt.Key.Key_Space)
    dialog = area.org_dialog
    assert dialog is not None
    qtbot.waitExposed(dialog)
    first = dialog.preview.pixmap().toImage()
    address = dialog.edits["address"]
    address.setFocus()
    address.selectAll()
    type_text(address, "Niš, Srbija")
    qtbot.waitUntil(lambda: dialog.preview.pixmap().toImage() != first, timeout=10_000)
    place = dialog.edits["place"]
    place.selectAll()
    type_text(place, "Niš")
    numbers = dialog.edits["sos_numbers"]
    numbers.selectAll()
    type_text(numbers, "0800 111 222, 011 33 47 817")
    qtbot.waitUntil(lambda: not dialog.timer.isActive(), timeout=10_000)
    dialog.grab().save(str(screenshots_dir() / "office-org-header.png"))
    timezone = dialog.edits["timezone"]
    timezone.selectAll()
    type_text(timezone, "Mars/Olympus")
    qtbot.keyClick(timezone, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert dialog.isVisible() and dialog.error.text(), "a bad time zone is refused, named"
    timezone.selectAll()
    type_text(timezone, "Europe/Belgrade")
    qtbot.keyClick(timezone, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: area.org_dialog is None)
    org = get_organisation(db)
    assert (
        org.address == "Niš, Srbija"
        and org.place == "Niš"
        and org.sos_numbers == ("0800 111 222", "011 33 47 817")
    )
    with db.session() as s:
        detail = s.execute(
            select(AuditEntry.detail).where(AuditEntry.action == "settings_changed")
        ).scalar_one()
    assert detail == {
        "fields": ["address", "place", "sos_numbers"]
    }  # as `sosdesk document org` records
    assert "zaglavlje" in area.notice.text().lower(), area.notice.text()


def test_office_sees_each_desk_last_batch_waiting_and_refused(
    serbian: QApplication, tmp_path: Path, qtbot: QtBot
) -> None:
    net = new_net(tmp_path, "BG1", "NS1")
    try:
        take_call(net.desks["BG1"], "Jovana")
        desk_to_office(net, "BG1")
        bad = forge(
            net.desks["NS1"],
            net.office,
            net.stick("bad"),
            [record(net.desks["NS1"], "followups", {"done_at": "2026-03-01"}, op="update")],
        )
        import_batches(net.office, [bad])
        area, _answers = _area(qtbot, AppContext(net.office))
        assert area.desks.isVisible()
        rows = {
            area.desks.item(r, 0).text(): [
                area.desks.item(r, c).text() for c in range(1, area.desks.columnCount())
            ]
            for r in range(area.desks.rowCount())
        }
        assert rows["BG1"][0] == "1" and rows["BG1"][2:] == ["0", "0", "0"], rows
        assert rows["NS1"][0] == "još nijedan" and rows["NS1"][3] == "1", rows
        area.grab().save(str(screenshots_dir() / "office-area-desks.png"))
    finally:
        net.close()


def test_restore_checks_the_backup_locks_the_desk_and_brings_it_back(
    serbian: QApplication, db: Database, db_path: Path, tmp_path: Path, qtbot: QtBot
) -> None:
    story = make_story(db)
    folder = tmp_path / "usb"
    folder.mkdir()
    copy = make_backup(db, folder).path
    later = make_story(db)  # entered after the backup: gone once it is restored
    ctx = AppContext(db)
    area, answers = _area(qtbot, ctx)
    told: list[str] = []
    area.tell = lambda _title, text: told.append(text)

    def lock() -> None:
        ctx.set_db(None)
        db.close()

    area.lock_desk = lock
    foreign = tmp_path / "strana.sosbackup"
    foreign.write_bytes(b"not a backup at all" * 100)
    answers.files_answer = [foreign]
    _press(qtbot, area.restore_button)
    assert "se ne otvara ključem ove baze" in area.error.text(), area.error.text()
    assert not ctx.is_locked and answers.asked[-1] == "Rezervna kopija koju treba vratiti"

    answers.files_answer = [copy]
    answers.yes = False
    _press(qtbot, area.restore_button)
    assert answers.asked[-1].startswith("Zameniti ovu bazu rezervnom kopijom")
    assert area.notice.text() == "Ništa nije vraćeno." and not ctx.is_locked

    answers.yes = True
    _press(qtbot, area.restore_button)
    assert ctx.is_locked
    assert told == [
        f"Baza je vraćena iz kopije {copy.name} i proverena. Otključajte punkt da nastavite."
    ]
    back = Database.open(db_path, user="ana", passphrase=PASSPHRASE)
    try:
        with back.engine.connect() as c:
            codes = set(c.execute(text("SELECT code FROM clients")).scalars())
        with back.session() as s:
            actions = s.execute(select(AuditEntry.action)).scalars().all()
    finally:
        back.close()
    assert story.code in codes and later.code not in codes
    assert actions[-1] == "restore"  # as `sosdesk restore` records it

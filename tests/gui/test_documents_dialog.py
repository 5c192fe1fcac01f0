"""The documents dialog, driven offscreen: preview from memory, save, print, errors, lock."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication, QFileDialog
from pytestqt.qtbot import QtBot

from sosdesk.services import print_register
from sosdesk.services.clients import create_client
from sosdesk.services.events import timeline
from sosdesk.store.database import Database
from sosdesk.ui.context import AppContext
from sosdesk.ui.documents.dialog import DocumentsDialog, open_document_dialog
from tests.artifacts import screenshots_dir
from tests.documents.conftest import pdf_text
from tests.factory import make_story
from tests.gui.typing_helper import type_text

SHOTS = screenshots_dir()
_WRITING = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_APPEND
_recording: list[list[str]] = []


def _audit(event: str, args: tuple[object, ...]) -> None:
    if event == "open" and _recording:
        path, mode, flags = args
        writes = any(c in str(mode) for c in "wax+") if mode else bool(int(str(flags)) & _WRITING)
        if writes:
            _recording[-1].append(str(path))


sys.addaudithook(_audit)  # cannot be removed; records only inside `_files_written()`


@contextmanager
def _files_written() -> Iterator[list[str]]:
    """The paths of the files opened for writing inside the block."""
    written: list[str] = []
    _recording.append(written)
    try:
        yield written
    finally:
        _recording.remove(written)


WAIT = 15_000


def _choose(combo: object, data: str) -> None:
    combo.setCurrentIndex(combo.findData(data))  # type: ignore[attr-defined]


def _ready(dlg: DocumentsDialog, kind: str, lang: str | None = None) -> bool:
    b = dlg.built
    return bool(
        b
        and b.request.kind == kind
        and (lang is None or b.request.lang == lang)
        and dlg.page_count() > 0
    )


def _painted(dlg: DocumentsDialog) -> bool:
    """The preview has drawn text on the page (QPdfView renders pages in the background)."""
    image = dlg.view.viewport().grab().toImage()
    points = [
        (x, y, QColor(image.pixel(x, y)).lightness())
        for y in range(0, image.height(), 4)
        for x in range(0, image.width(), 4)
    ]
    paper = [(x, y) for x, y, light in points if light > 245]
    if not paper:
        return False
    x0, x1 = min(x for x, _ in paper), max(x for x, _ in paper)
    y0, y1 = min(y for _, y in paper), max(y for _, y in paper)
    ink = sum(1 for x, y, light in points if light < 140 and x0 < x < x1 and y0 < y < y1)
    return ink > 40


@pytest.fixture
def dialog(qtbot: QtBot, db: Database) -> DocumentsDialog:
    story = make_story(db)
    ctx = AppContext(db, lang="sr-Latn")
    dlg = DocumentsDialog(ctx, story.client_id)
    qtbot.addWidget(dlg)
    dlg.show()
    qtbot.waitUntil(lambda: _ready(dlg, "chronology"), timeout=WAIT)
    return dlg


def test_preview_in_memory_then_save(
    dialog: DocumentsDialog,
    qtbot: QtBot,
    db: Database,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    dlg = dialog
    assert dlg.page_count() >= 1 and dlg.save_button.isEnabled()
    assert dlg.built is not None and dlg.built.number in dlg.status.text()
    qtbot.waitUntil(lambda: _painted(dlg), timeout=WAIT)
    SHOTS.mkdir(parents=True, exist_ok=True)
    dlg.grab().save(str(SHOTS / "documents_dialog.png"))

    # A preview writes nothing, anywhere: every file Python opens for writing while the dialog
    # renders another document is recorded (the dialog is free to choose any folder).
    with _files_written() as written:
        _choose(dlg.options.kind, "costs")
        _choose(dlg.options.language, "sr-Cyrl")
        qtbot.waitUntil(lambda: _ready(dlg, "costs", "sr-Cyrl"), timeout=WAIT)
    assert written == []
    with _files_written() as probe:  # the check can fail: a write is seen
        (tmp_path / "probe").write_bytes(b"")
    assert probe == [str(tmp_path / "probe")]
    target = tmp_path / "izjava"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), "PDF documents (*.pdf)")
    )
    dlg.save_as()
    saved = tmp_path / "izjava.pdf"
    assert saved.exists() and "Милица Јовановић" in pdf_text(saved.read_bytes())
    assert print_register.verify(db, saved.read_bytes()).status == "issued"
    assert "izjava.pdf" in dlg.status.text()
    kinds = [e.payload["document"] for e in timeline(db, dlg.client_id, kinds={"document_issued"})]
    assert kinds == ["costs"]


def test_print_records_the_document(dialog: DocumentsDialog, tmp_path: Path, db: Database) -> None:
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    assert dialog.built is not None
    number = dialog.built.number
    dialog.print_to(printer)
    assert (tmp_path / "printed.pdf").stat().st_size > 1000
    assert number in dialog.status.text()
    assert print_register.verify(db, dialog.built.pdf).status == "issued"


def test_nothing_to_print_and_bad_password(
    dialog: DocumentsDialog, qtbot: QtBot, db: Database
) -> None:
    dlg = dialog
    dlg.options.whole.setChecked(False)
    dlg.options.since.setDate(dlg.options.since.date().addYears(-20))
    dlg.options.until.setDate(dlg.options.since.date().addDays(3))
    qtbot.waitUntil(lambda: "Nothing to print" in dlg.status.text(), timeout=WAIT)
    assert not dlg.save_button.isEnabled() and dlg.page_count() == 0
    dlg.options.whole.setChecked(True)
    qtbot.waitUntil(lambda: _ready(dlg, "chronology"), timeout=WAIT)

    dlg.options.password.setFocus()
    type_text(dlg.options.password, "kratka")
    qtbot.waitUntil(lambda: "at least 8" in dlg.status.text(), timeout=WAIT)
    assert not dlg.print_button.isEnabled()
    type_text(dlg.options.password, "-lozinka")
    qtbot.waitUntil(
        lambda: dlg.built is not None and dlg.built.encrypted and dlg.page_count() > 0, timeout=WAIT
    )


def test_hearing_choice_and_lock_closes(qtbot: QtBot, db: Database) -> None:
    story = make_story(db)
    ctx = AppContext(db, lang="en")
    dlg = DocumentsDialog(ctx, story.client_id)
    qtbot.addWidget(dlg)
    dlg.show()
    _choose(dlg.options.kind, "accompaniment")
    assert dlg.options.hearing.isVisible() and not dlg.options.kinds.isVisible()
    _choose(dlg.options.hearing, story.hearing_ids[0])
    qtbot.waitUntil(
        lambda: (
            _ready(dlg, "accompaniment") and dlg.built.request.hearing_id == story.hearing_ids[0]
        ),
        timeout=WAIT,
    )  # type: ignore[union-attr]
    assert "К 123/2025" in pdf_text(dlg.built.pdf)  # Cyrillic by default  # type: ignore[union-attr]
    with qtbot.waitSignal(dlg.rejected, timeout=WAIT):
        ctx.set_db(None)
    assert dlg.built is None and dlg.page_count() == 0


def test_client_without_events_and_entry_point(qtbot: QtBot, db: Database) -> None:
    client = create_client(db, {"given_name": "Nova"})
    ctx = AppContext(db, lang="sr-Latn")
    before = set(QApplication.topLevelWidgets())
    open_document_dialog(ctx, client.id, None)
    dlg = next(
        w
        for w in QApplication.topLevelWidgets()
        if isinstance(w, DocumentsDialog) and w not in before
    )
    qtbot.addWidget(dlg)
    qtbot.waitUntil(lambda: "Nothing to print" in dlg.status.text(), timeout=WAIT)
    assert dlg.windowTitle() == "Court-support documents"
    assert dlg.isModal() or dlg.windowModality() != Qt.WindowModality.NonModal
    shortcuts = {a.shortcut().toString() for a in dlg.actions()}
    assert {"F5", "Ctrl+S", "Ctrl+P"} <= shortcuts


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_screenshots_in_serbian(qtbot: QtBot, qapp: QApplication, db: Database, theme: str) -> None:
    from sosdesk.ui import i18n
    from sosdesk.ui.theme import apply_theme

    story = make_story(db)
    apply_theme(qapp, theme)
    i18n.install("sr-Latn")
    try:
        ctx = AppContext(db, lang="sr-Latn")
        dlg = DocumentsDialog(ctx, story.client_id)
        qtbot.addWidget(dlg)
        dlg.show()
        assert dlg.windowTitle() == "Dokumenti za sud i institucije"
        _choose(dlg.options.kind, "costs")
        _choose(dlg.options.profile, "pseudonymised")
        qtbot.waitUntil(
            lambda: _ready(dlg, "costs") and dlg.built.request.profile == "pseudonymised",
            timeout=WAIT,
        )  # type: ignore[union-attr]
        assert "Ništa se ne čuva" in dlg.status.text()
        qtbot.waitUntil(lambda: _painted(dlg), timeout=WAIT)
        SHOTS.mkdir(parents=True, exist_ok=True)
        dlg.grab().save(str(SHOTS / f"documents_dialog_{theme}.png"))
    finally:
        i18n.install("en")
        qapp.setStyleSheet("")

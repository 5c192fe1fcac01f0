"""Qt's standard dialogs speak Serbian too: PySide6 ships no Serbian Qt translations, so the
catalogue carries the strings of the Yes/No question and of Qt's own file dialog (issue 14)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QFileDialog, QLabel, QMessageBox
from pytestqt.qtbot import QtBot

from sosdesk.ui import i18n


@pytest.fixture(params=["sr-Latn", "sr-Cyrl"])
def serbian(qapp: QApplication, request: pytest.FixtureRequest) -> Iterator[str]:
    i18n.install(request.param)
    yield request.param
    i18n.install("en")


def test_yes_no_question_is_in_serbian(serbian: str, qtbot: QtBot) -> None:
    box = QMessageBox(QMessageBox.Icon.Question, "?", "?")
    box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
    qtbot.addWidget(box)
    texts = {
        box.button(QMessageBox.StandardButton.Yes).text(),
        box.button(QMessageBox.StandardButton.No).text(),
    }
    assert texts == ({"&Da", "&Ne"} if serbian == "sr-Latn" else {"&Да", "&Не"})


def test_qt_file_dialog_is_in_serbian(serbian: str, qtbot: QtBot) -> None:
    dialog = QFileDialog()
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    dialog.setFileMode(QFileDialog.FileMode.ExistingFiles)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    labels = {w.text() for w in dialog.findChildren(QLabel)}
    [box] = dialog.findChildren(QDialogButtonBox)
    buttons = {b.text() for b in box.buttons()}
    if serbian == "sr-Latn":
        assert "&Traži u:" in labels and "&Naziv datoteke:" in labels, labels
        assert "&Otvori" in buttons and "Otkaži" in buttons, buttons
    else:
        assert "&Тражи у:" in labels, labels
    dialog.close()

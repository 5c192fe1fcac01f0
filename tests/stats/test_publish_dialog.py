"""The statistics area's publishing dialog: preview without noise, DP release in the pool
against the ledger, the coded refusal once the budget is spent, and the suppressed mode."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QThreadPool
from pytestqt.qtbot import QtBot

from sosdesk.services.privacy_ledger import ledger, set_budget
from sosdesk.store.database import Database
from sosdesk.ui.context import AppContext
from sosdesk.ui.statistics.publish_dialog import PublishDialog
from tests.stats.handmade import build


@pytest.fixture(autouse=True)
def _drain_pool(db: Database) -> Iterator[None]:
    yield
    QThreadPool.globalInstance().waitForDone(10_000)


def _dialog(qtbot: QtBot, db: Database) -> PublishDialog:
    dialog = PublishDialog(AppContext(db, "en"), 2025)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_dp_preview_publish_and_refusal(
    qtbot: QtBot, db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    build(db, monkeypatch)
    set_budget(db, 2025, 1.0)
    dialog = _dialog(qtbot, db)
    dialog.mode.setCurrentIndex(dialog.mode.findData("dp"))
    assert dialog.epsilon.isEnabled() and not dialog.k.isEnabled()
    dialog.epsilon.setValue(0.6)
    dialog.preview_button.click()
    qtbot.waitUntil(
        lambda: "accuracy ±" in dialog.preview.toPlainText() or "failed" in dialog.message.text(),
        timeout=15_000,
    )
    assert "failed" not in dialog.message.text(), dialog.message.text()
    text = dialog.preview.toPlainText()
    assert "Budget 1, spent 0, left 1." in text and "New clients by gender" in text
    assert ledger(db, 2025).releases == 0  # a preview spends nothing
    dialog.out.setText(str(tmp_path / "dp-2025"))
    dialog.csv.setChecked(True)
    dialog.publish_button.click()
    qtbot.waitUntil(lambda: dialog.published is not None, timeout=20_000)
    assert (tmp_path / "dp-2025.pdf").read_bytes().startswith(b"%PDF")
    assert (tmp_path / "dp-2025-csv" / "calls_by_line.csv").exists()
    assert "ε left this year: 0.4" in dialog.message.text()
    assert dialog.progress.value() == 100
    dialog.published = None
    dialog.out.setText(str(tmp_path / "again.pdf"))
    dialog.publish_button.click()
    qtbot.waitUntil(lambda: "cannot pay" in dialog.message.text(), timeout=20_000)
    assert not (tmp_path / "again.pdf").exists() and dialog.published is None
    assert ledger(db, 2025).releases == 1


def test_suppressed_preview_and_missing_file(
    qtbot: QtBot, db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    build(db, monkeypatch)
    dialog = _dialog(qtbot, db)
    dialog.show_preview()
    qtbot.waitUntil(lambda: "entries hidden" in dialog.preview.toPlainText(), timeout=15_000)
    assert "counts under 11 hidden" in dialog.preview.toPlainText()
    dialog.publish()
    assert dialog.message.text() == "Choose the file to write."


def test_ctdc_mode_previews_counts_and_writes_the_file(
    qtbot: QtBot, db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    build(db, monkeypatch)
    dialog = _dialog(qtbot, db)
    dialog.mode.setCurrentIndex(dialog.mode.findData("ctdc"))
    assert not dialog.epsilon.isEnabled() and not dialog.csv.isEnabled()
    dialog.k.setValue(2)
    dialog.preview_button.click()
    qtbot.waitUntil(lambda: "victims written" in dialog.preview.toPlainText(), timeout=15_000)
    assert "k = 2: 3 of 3 victims written." in dialog.preview.toPlainText()
    dialog.out.setText(str(tmp_path / "ctdc-2025"))
    dialog.publish_button.click()
    qtbot.waitUntil(lambda: dialog.exported is not None, timeout=15_000)
    header = (tmp_path / "ctdc-2025.csv").read_text().splitlines()[0]
    assert header.startswith("yearOfRegistration,Datasource,gender")
    assert dialog.message.text() == "Written: ctdc-2025.csv"


def test_locking_the_desk_closes_the_dialog(qtbot: QtBot, db: Database) -> None:
    dialog = _dialog(qtbot, db)
    dialog.ctx.set_db(None)
    qtbot.waitUntil(lambda: not dialog.isVisible())

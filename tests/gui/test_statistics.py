"""The statistics area from the keyboard: choose a period, read tables and charts, compare,
hide small counts, open the records behind a number (coordinators only), lock."""

from __future__ import annotations

import ast
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QThreadPool
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from sosdesk.stats.periods import Period
from sosdesk.store.database import Database
from sosdesk.ui.context import AppContext
from sosdesk.ui.statistics.area import StatisticsArea
from sosdesk.ui.statistics.table_model import CELL_ROLE
from tests.stats.handmade import build

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def _drain_pool(db: Database) -> Iterator[None]:
    yield
    QThreadPool.globalInstance().waitForDone(10_000)


def _area(qtbot: QtBot, db: Database) -> StatisticsArea:
    area = StatisticsArea(AppContext(db, "en"))
    qtbot.addWidget(area)
    area.resize(1200, 760)
    area.show()
    qtbot.waitExposed(area)
    area.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is area)
    return area


def choose_year(qtbot: QtBot, area: StatisticsArea, year: int) -> None:
    """Alt+P, Down to "Year", Tab to the year, type it: as a coordinator would."""
    qtbot.keyClick(area, Qt.Key.Key_P, Qt.KeyboardModifier.AltModifier)
    kind = area.picker.kind
    assert kind.hasFocus()
    while kind.currentIndex() < 2:
        qtbot.keyClick(kind, Qt.Key.Key_Down)
    qtbot.keyClick(kind, Qt.Key.Key_Tab)
    spin = area.picker.year
    assert spin.hasFocus()
    spin.selectAll()
    qtbot.keyClicks(spin, str(year))
    qtbot.waitUntil(
        lambda: area.dashboard is not None and area.dashboard.period == Period.year(year),
        timeout=15_000,
    )


def select(area: StatisticsArea, key: str) -> None:
    for i in range(area.list.count()):
        if area.list.item(i).data(Qt.ItemDataRole.UserRole) == key:
            area.list.setCurrentRow(i)
            return
    raise AssertionError(key)


def cells(area: StatisticsArea) -> dict[str, list[str]]:
    m = area.model
    return {
        m.data(m.index(r, 0)): [m.data(m.index(r, c)) for c in range(1, m.columnCount())]
        for r in range(m.rowCount())
    }


def test_a_year_with_comparison_tables_and_charts(
    qtbot: QtBot, db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    build(db, monkeypatch)
    area = _area(qtbot, db)
    choose_year(qtbot, area, 2025)
    assert "Calls: 8 (+60.0 %)" in area.summary.text()
    assert "Identified victims: 3" in area.summary.text()
    select(area, "calls_by_line")
    assert cells(area)["SOS line 24/7"] == ["4", "5", "-20.0 %"]
    assert cells(area)["Total"] == ["8", "5", "+60.0 %"]
    select(area, "calls_by_hour")
    assert cells(area)["02:00–03:00"][0] == "2"  # both 02:30s of the autumn night
    assert area.chart.bar_values()[0][2] == 2.0
    select(area, "costs_by_type")
    assert cells(area)["Medical assistance"][:2] == ["1,600.49", "0.00"]
    qtbot.keyClick(area, Qt.Key.Key_C, Qt.KeyboardModifier.AltModifier)  # compare off
    qtbot.waitUntil(lambda: not area.compare.isChecked())  # a mnemonic clicks after a moment
    qtbot.waitUntil(lambda: area.dashboard is not None and area.dashboard.previous is None)
    assert area.model.columnCount() == 3  # label, RSD, EUR


def test_hidden_small_counts_and_records_behind_a_number(
    qtbot: QtBot, db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    h = build(db, monkeypatch)
    area = _area(qtbot, db)
    choose_year(qtbot, area, 2025)
    select(area, "new_clients_by_gender")
    assert cells(area)["Female"][0] == "4"
    qtbot.keyClick(area, Qt.Key.Key_N, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: area.hide_small.isChecked())
    assert cells(area)["Female"][0] == "<11" and cells(area)["Total"][0] == "<11"
    assert "No chart" in area.chart.chart().title()
    assert "New clients: <11" in area.summary.text()
    qtbot.keyClick(area, Qt.Key.Key_N, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: not area.hide_small.isChecked())
    select(area, "calls_by_line")
    qtbot.keyClick(area, Qt.Key.Key_T, Qt.KeyboardModifier.AltModifier)
    assert area.view.hasFocus()
    area.view.setCurrentIndex(area.model.index(0, 1))  # SOS line 24/7, this year
    assert area.model.data(area.view.currentIndex(), CELL_ROLE) == ("sos_24_7", "count")
    qtbot.keyClick(area.view, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: area.dialog is not None and area.dialog.isVisible())
    dialog = area.dialog
    assert dialog is not None and dialog.table.rowCount() == 4
    texts = [dialog.table.item(r, c).text() for r in range(4) for c in range(3)]
    assert "2025-12-31 23:59" in texts and not any("Jelena" in t or "Mile" in t for t in texts)
    dialog.table.selectRow(texts.index("2025-12-31 23:59") // 3)  # K1, the call of C3
    with qtbot.waitSignal(area.ctx.open_client_requested) as opened:
        qtbot.keyClick(dialog.table, Qt.Key.Key_Return)
    assert opened.args == [h.clients["C3"]]


def test_operators_get_no_lists_and_lock_clears(
    qtbot: QtBot, db: Database, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    build(db, monkeypatch)
    db.add_user("mina", "Mina", "operator", "druga-lozinka-77")
    operator = Database.open(db_path, user="mina", passphrase="druga-lozinka-77")
    try:
        area = _area(qtbot, operator)
        choose_year(qtbot, area, 2025)
        assert "for consultants and coordinators" in area.hint.text()
        select(area, "calls_by_line")
        area.view.setFocus()
        area.view.setCurrentIndex(area.model.index(0, 1))
        qtbot.keyClick(area.view, Qt.Key.Key_Return)
        assert area.dialog is None and "consultants and coordinators" in area.message.text()
        area.ctx.set_db(None)
        assert area.model.rowCount() == 0 and area.summary.text() == "" and area.list.count() == 0
    finally:
        QThreadPool.globalInstance().waitForDone(10_000)
        operator.close()


def test_every_visible_string_has_a_serbian_translation() -> None:
    catalogue = json.loads((ROOT / "resources/translations/sr-Latn/statistics.json").read_text())
    sources: set[str] = set()
    for path in (ROOT / "src/sosdesk/ui/statistics").glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and node.args
                and getattr(node.func, "id", getattr(node.func, "attr", "")) == "tr"
                and isinstance(node.args[0], ast.Constant)
            ):
                sources.add(str(node.args[0].value))
    missing = sorted(s for s in sources if s not in catalogue)
    assert missing == [] and len(sources) > 90


def test_in_the_desk_window_ctrl_6_opens_it_and_only_then_it_computes(
    qtbot: QtBot, window: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sosdesk.ui.main_window import MainWindow
    from tests.gui.conftest import unlock

    assert isinstance(window, MainWindow)
    unlock(qtbot, window)
    assert window.findChildren(StatisticsArea) == []  # not even built at unlock
    qtbot.keyClick(window, Qt.Key.Key_6, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.current_area() == "statistics")
    area = next(w for w in window.findChildren(StatisticsArea))
    qtbot.waitUntil(lambda: area.dashboard is not None, timeout=15_000)
    assert area.list.count() > 20

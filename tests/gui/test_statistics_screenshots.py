"""Screenshots of the statistics area on demo data (light and dark theme, Serbian Latin and
Cyrillic), saved under docs/screenshots/ for the user guide and for looking at."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QThreadPool
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from sosdesk.demo.generator import generate
from sosdesk.stats.periods import Period
from sosdesk.store.database import Database
from sosdesk.ui import i18n
from sosdesk.ui.context import AppContext
from sosdesk.ui.statistics.area import StatisticsArea
from sosdesk.ui.theme import apply_theme
from tests.artifacts import screenshots_dir
from tests.gui.test_statistics import cells, select

SHOTS = screenshots_dir()


@pytest.fixture
def themed(qapp: QApplication, db: Database) -> Iterator[QApplication]:
    """The application's look is restored afterwards for the other tests."""
    saved = (qapp.style().name(), qapp.palette(), qapp.font(), qapp.styleSheet())
    yield qapp
    QThreadPool.globalInstance().waitForDone(10_000)
    i18n.install("en")
    qapp.setStyle(saved[0])
    qapp.setPalette(saved[1])
    qapp.setFont(saved[2])
    qapp.setStyleSheet(saved[3])


def _area(qtbot: QtBot, db: Database, lang: str, theme: str, app: QApplication) -> StatisticsArea:
    apply_theme(app, theme)
    i18n.install(lang)
    area = StatisticsArea(AppContext(db, lang))
    qtbot.addWidget(area)
    area.resize(1280, 860)
    area.show()
    qtbot.waitExposed(area)
    area.picker.set_period(Period.year(2025))
    qtbot.waitUntil(
        lambda: area.dashboard is not None and area.dashboard.period == Period.year(2025),
        timeout=20_000,
    )
    return area


def _shot(area: StatisticsArea, name: str) -> None:
    # New cards and relabelled widgets are shown and laid out by queued events: let them run.
    QApplication.processEvents()
    QApplication.processEvents()
    SHOTS.mkdir(parents=True, exist_ok=True)
    assert area.grab().save(str(SHOTS / f"{name}.png"))


def test_screenshots(qtbot: QtBot, db: Database, themed: QApplication) -> None:
    generate(db, 8000, 2026)
    area = _area(qtbot, db, "sr-Latn", "light", themed)
    select(area, "calls_by_month")
    months = cells(area)
    assert int(months["januar 2025"][0]) > 0 and len(months) == 13  # 12 months and the total
    assert area.chart.bar_values()  # and so does the chart beside it
    _shot(area, "stats-dashboard-light")
    select(area, "victims_age_by_gender")
    area.hide_small.setChecked(True)
    shown = [v for row in cells(area).values() for v in row]
    assert any(v.startswith("<") or v == "x" for v in shown)  # small counts are hidden
    _shot(area, "stats-victims-published")
    area.hide_small.setChecked(False)
    select(area, "calls_by_line")
    area.view.setFocus()
    area.view.setCurrentIndex(area.model.index(1, 1))
    area.open_records()
    assert area.dialog is not None
    qtbot.waitExposed(area.dialog)
    assert area.dialog.table.rowCount() > 0  # the records behind the chosen count
    assert area.dialog.grab().save(str(SHOTS / "stats-records.png"))
    area.dialog.reject()
    area.close()

    dark = _area(qtbot, db, "sr-Latn", "dark", themed)
    select(dark, "calls_by_hour")
    _shot(dark, "stats-dashboard-dark")
    dark.close()

    cyrillic = _area(qtbot, db, "sr-Cyrl", "light", themed)
    select(cyrillic, "assistance_by_type")
    _shot(cyrillic, "stats-assistance-cyrillic")

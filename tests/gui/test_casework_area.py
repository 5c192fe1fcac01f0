"""The casework area: filters narrow the case list, Enter opens the client's file, the
coordinator sees the workload with a traffic light; screenshots in both themes."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from sosdesk.services.caseload import set_case_factors
from sosdesk.services.cases import get_case, open_case
from sosdesk.services.clients import create_client
from sosdesk.services.events import timeline
from sosdesk.services.protection_plan import plan_versions
from sosdesk.store.database import Database
from sosdesk.ui import i18n
from sosdesk.ui.casework.area import CaseworkArea
from sosdesk.ui.casework.needs_dialog import NeedsDialog
from sosdesk.ui.casework.screening_dialog import ScreeningDialog
from sosdesk.ui.context import AppContext
from sosdesk.ui.theme import apply_theme
from tests.artifacts import screenshots_dir
from tests.gui.typing_helper import type_text

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def _cases(db: Database) -> dict[str, str]:
    year = date.today().year
    made = {}
    for nick, risk, born, phase in (
        ("Mina", "high", year - 15, "crisis"),
        ("Lena", "low", year - 32, "recovery"),
        ("Sara", "high", year - 25, "identification"),
    ):
        client = create_client(db, {"nickname": nick, "risk_level": risk, "birth_year": born})
        made[nick] = open_case(db, client.id, phase=phase).id
        made[nick + "_client"] = client.id
    set_case_factors(db, made["Lena"], court_open=True)
    return made


def test_filters_narrow_the_list_and_enter_opens_the_file(
    db: Database, qtbot: QtBot, qapp: QApplication
) -> None:
    made = _cases(db)
    ctx = AppContext(db)
    area = CaseworkArea(ctx)
    qtbot.addWidget(area)
    area.resize(1100, 500)
    area.show()
    qtbot.waitExposed(area)
    area.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is area)
    assert area.table.rowCount() == 3
    area.table.setFocus()
    qtbot.keyClick(area.table, Qt.Key.Key_I, Qt.KeyboardModifier.AltModifier)  # Ch&ildren
    qtbot.waitUntil(area.child.isChecked)  # a mnemonic clicks after a short animation
    assert area.table.rowCount() == 1
    assert area.rows[0].case_id == made["Mina"]
    area.child.setChecked(False)
    area.risk.setFocus()
    area.risk.set_code("high")
    assert {r.case_id for r in area.rows} == {made["Mina"], made["Sara"]}
    area.risk.set_code(None)
    qtbot.keyClick(area.risk, Qt.Key.Key_U, Qt.KeyboardModifier.AltModifier)  # Co&urt
    qtbot.waitUntil(area.court.isChecked)
    assert [r.case_id for r in area.rows] == [made["Lena"]]
    area.table.setFocus()
    with qtbot.waitSignal(ctx.open_client_requested) as opened:
        qtbot.keyClick(area.table, Qt.Key.Key_Return)
    assert opened.args == [made["Lena_client"]]
    area.court.setChecked(False)
    assert area.tabs.isTabVisible(1)
    assert area.loads.rowCount() == 1 and area.loads.item(0, 2).text() == "16"  # 8 + 3 + 5
    for theme in ("light", "dark"):
        apply_theme(qapp, theme)
        i18n.install("sr-Latn")
        area.retranslate()
        area.reload()
        area.tabs.setCurrentIndex(0)
        area.grab().save(str(screenshots_dir() / f"casework_cases_{theme}.png"))
        area.tabs.setCurrentIndex(1)
        area.grab().save(str(screenshots_dir() / f"casework_workload_{theme}.png"))
    i18n.install("en")
    qapp.setStyleSheet("")
    area.ctx.set_db(None)
    assert area.table.rowCount() == 0


def test_screen_assess_needs_and_approve_from_the_keyboard(
    db: Database, qtbot: QtBot, qapp: QApplication
) -> None:
    made = _cases(db)
    ctx = AppContext(db)
    area = CaseworkArea(ctx)
    qtbot.addWidget(area)
    area.show()
    qtbot.waitExposed(area)
    area.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is area)
    row = next(i for i, r in enumerate(area.rows) if r.case_id == made["Sara"])
    area.table.setCurrentCell(row, 0)
    area.table.setFocus()
    qtbot.keyClick(area.table, Qt.Key.Key_S, CTRL_SHIFT)
    dialog = area.dialog
    assert isinstance(dialog, ScreeningDialog)
    qtbot.waitExposed(dialog)
    before = dialog.reading.text()
    # The first indicators of the adult labour set are deceptive recruitment: strong, medium.
    for _ in range(2):
        qtbot.keyClick(dialog.items, Qt.Key.Key_Space)
        qtbot.keyClick(dialog.items, Qt.Key.Key_Down)
    assert len(dialog.observed()) == 2 and dialog.reading.text() != before
    assert "1 of 6" in dialog.reading.text() or "1 od 6" in dialog.reading.text()
    dialog.grab().save(str(screenshots_dir() / "casework_screening.png"))
    qtbot.keyClick(dialog.items, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.result() == 1)
    screened = [e for e in timeline(db, made["Sara_client"]) if e.kind == "screening"]
    assert len(screened) == 1 and screened[0].case_id == made["Sara"]
    assert screened[0].payload["reading"]["met_dimensions"] == ["deceptive_recruitment"]
    area.table.setFocus()
    qtbot.keyClick(area.table, Qt.Key.Key_E, CTRL_SHIFT)
    needs = area.dialog
    assert isinstance(needs, NeedsDialog)
    qtbot.waitExposed(needs)
    rating, goal, due = needs.rows["safety"]
    assert needs.focusWidget() is rating  # the work starts at the first need
    qtbot.keyClick(rating, Qt.Key.Key_Down)  # first rating after the empty choice
    qtbot.keyClick(rating, Qt.Key.Key_Tab)
    type_text(goal, "Bezbedan smeštaj u skloništu")
    type_text(due, (date.today() + timedelta(days=20)).strftime("%d.%m.%Y"))
    needs.grab().save(str(screenshots_dir() / "casework_needs.png"))
    qtbot.keyClick(due, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: needs.result() == 1)
    assert needs.goals_opened == 1
    [goal_view] = get_case(db, made["Sara"]).goals
    assert goal_view.text == "Bezbedan smeštaj u skloništu"
    area.table.setFocus()
    qtbot.keyClick(area.table, Qt.Key.Key_A, CTRL_SHIFT)
    assert [v.plan_version for v in plan_versions(db, made["Sara"])] == [1]
    assert "1" in area.message.text() and area.message.isVisible()

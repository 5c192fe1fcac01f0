"""The casework area: filters narrow the case list, Enter opens the client's file, the
coordinator sees the workload with a traffic light; screenshots in both themes."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import update

from sosdesk.services.cases import open_case
from sosdesk.services.clients import create_client
from sosdesk.store.database import Database
from sosdesk.store.models import Case
from sosdesk.ui import i18n
from sosdesk.ui.casework.area import CaseworkArea
from sosdesk.ui.context import AppContext
from sosdesk.ui.theme import apply_theme
from tests.artifacts import screenshots_dir


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
    with db.transaction() as tx:
        tx.session.execute(update(Case).where(Case.id == made["Lena"]).values(court_open=True))
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
    qtbot.keyClick(area.table, Qt.Key.Key_H, Qt.KeyboardModifier.AltModifier)  # C&hildren
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

"""The Centre's whole path from the keyboard: a school reports a child, a professional records
the report, screens, decides, assesses needs and writes the plan; a coordinator approves it and
gives the case to a colleague, the open follow-ups moving with it. Screenshots of each dialog."""

from __future__ import annotations

import ast
import json
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from sosdesk.services.cases import get_case, open_case
from sosdesk.services.clients import create_client, get_client
from sosdesk.services.events import timeline
from sosdesk.services.followups import followups_of_client
from sosdesk.services.protection_plan import plan_goals, plan_versions
from sosdesk.store.database import Database
from sosdesk.store.tx import Actor
from sosdesk.ui import i18n
from sosdesk.ui.casework.area import CaseworkArea
from sosdesk.ui.casework.decision_dialog import DecisionDialog
from sosdesk.ui.casework.interview_dialogs import CapacityDialog, ChildInterviewDialog
from sosdesk.ui.casework.needs_dialog import NeedsDialog
from sosdesk.ui.casework.plan_dialog import PlanDialog
from sosdesk.ui.casework.reassign_dialog import ReassignDialog
from sosdesk.ui.casework.report_dialog import ReportDialog
from sosdesk.ui.casework.screening_dialog import ScreeningDialog
from sosdesk.ui.context import AppContext
from sosdesk.ui.events.dialog import EventDialog
from sosdesk.ui.main_window import MainWindow
from sosdesk.ui.theme import apply_theme
from sosdesk.ui.timeline.text import summary
from tests.artifacts import screenshots_dir
from tests.factory import add_directory
from tests.gui.conftest import press, unlock
from tests.gui.typing_helper import type_text

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
CTRL = Qt.KeyboardModifier.ControlModifier


def _dialog(area: CaseworkArea, qtbot: QtBot, key: Qt.Key, kind: type) -> QWidget:
    area.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is area)
    area.table.setFocus()
    qtbot.keyClick(area.table, key, CTRL_SHIFT)
    dialog = area.dialog
    assert isinstance(dialog, kind)
    qtbot.waitExposed(dialog)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)  # its shortcuts reach it
    return dialog


def _save(dialog: QWidget, qtbot: QtBot, shot: str) -> None:
    dialog.grab().save(str(screenshots_dir() / f"casework_{shot}.png"))
    qtbot.keyClick(dialog.focusWidget() or dialog, Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: not dialog.isVisible())


def _seen_by(db: Database, actor: Actor, fn: Any, *args: Any) -> Any:
    """Read back what the professional did as the coordinator, who sees every file (the
    professional herself sees only her own clients' files and those without a manager)."""
    before = db.actor
    db.actor = actor
    try:
        return fn(db, *args)
    finally:
        db.actor = before


def test_report_screen_decide_plan_approve_and_reassign_from_the_keyboard(
    db: Database, qtbot: QtBot, qapp: QApplication
) -> None:
    coordinator = db.actor
    vesna = db.add_user("vesna", "Vesna Ilić", "consultant", "lozinka-strucne-radnice-1")
    school = add_directory(db, "institution", "OŠ Vuk Karadžić", "Njegoševa 1", "Kragujevac")
    child = create_client(db, {"nickname": "Mila", "birth_year": date.today().year - 14})
    case_id = open_case(db, child.id, phase="identification").id  # managed by the coordinator
    db.actor = Actor(vesna, "vesna", "consultant")
    apply_theme(qapp, "light")
    i18n.install("sr-Latn")
    ctx = AppContext(db)
    area = CaseworkArea(ctx)
    qtbot.addWidget(area)
    area.resize(1100, 520)
    area.show()
    qtbot.waitExposed(area)
    area.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is area)
    try:
        assert [r.case_id for r in area.rows] == [case_id]

        report = _dialog(area, qtbot, Qt.Key.Key_R, ReportDialog)
        assert isinstance(report, ReportDialog)
        assert report.focusWidget() is report.source
        qtbot.keyClick(report.source, Qt.Key.Key_Down)  # the first kind of source: a school
        qtbot.keyClick(report.source, Qt.Key.Key_Tab)
        type_text(report.entry.lineEdit(), "OŠ Vuk Karadžić (Kragujevac)")
        report.reporter.setFocus()
        type_text(report.reporter, "Razredna starešina")
        qtbot.keyClick(report.reporter, Qt.Key.Key_Tab)
        assert report.focusWidget() is report.grounds
        type_text(report.grounds, "Učenica izostaje, radi noću u kafiću, ne sme da priča.")
        _save(report, qtbot, "report")
        [rep] = [
            e
            for e in _seen_by(db, coordinator, timeline, child.id)
            if e.kind == "identification_report"
        ]
        assert rep.payload["source_kind"] == "school" and rep.payload["entry_id"] == school
        assert rep.case_id == case_id
        due = [
            f for f in _seen_by(db, coordinator, followups_of_client, child.id) if f.done_at is None
        ]
        assert len(due) == 1  # the decision falls due, for the case manager

        screening = _dialog(area, qtbot, Qt.Key.Key_S, ScreeningDialog)
        assert isinstance(screening, ScreeningDialog)
        screening.set_combo.set_code("child_labour")
        screening.items.setFocus()
        for _ in range(3):
            qtbot.keyClick(screening.items, Qt.Key.Key_Space)
            qtbot.keyClick(screening.items, Qt.Key.Key_Down)
        qtbot.keyClick(screening.items, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: screening.result() == 1)

        decision = _dialog(area, qtbot, Qt.Key.Key_I, DecisionDialog)
        assert isinstance(decision, DecisionDialog)
        assert decision.pending.report_id == rep.id and decision.pending.screening_id
        assert "nikad odluka" in decision.context.text()  # the reading never decides
        qtbot.keyClick(decision.outcome, Qt.Key.Key_Down)  # identified
        qtbot.keyClick(decision.outcome, Qt.Key.Key_Tab)
        type_text(decision.reasons, "Radna eksploatacija deteta; indikatori i razgovor.")
        _save(decision, qtbot, "decision")
        [dec] = [
            e
            for e in _seen_by(db, coordinator, timeline, child.id)
            if e.kind == "identification_decision"
        ]
        assert dec.payload["outcome"] == "identified" and dec.payload["days_from_report"] == 0
        assert _seen_by(db, coordinator, get_client, child.id).status == "identified"
        assert [
            f for f in _seen_by(db, coordinator, followups_of_client, child.id) if f.done_at is None
        ] == []

        needs = _dialog(area, qtbot, Qt.Key.Key_E, NeedsDialog)
        assert isinstance(needs, NeedsDialog)
        rating, goal, due_field = needs.rows["education"]
        rating.setFocus()
        qtbot.keyClick(rating, Qt.Key.Key_End)  # urgent
        qtbot.keyClick(rating, Qt.Key.Key_Tab)
        type_text(goal, "Povratak u školu uz mentora")
        type_text(due_field, (date.today() + timedelta(days=30)).strftime("%d.%m.%Y"))
        qtbot.keyClick(due_field, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: needs.result() == 1)

        plan = _dialog(area, qtbot, Qt.Key.Key_P, PlanDialog)
        assert isinstance(plan, PlanDialog)
        assert plan.table.rowCount() == 1 and plan.focusWidget() is plan.table
        qtbot.keyClick(plan.table, Qt.Key.Key_Tab)
        assert plan.focusWidget() is plan.responsible
        qtbot.keyClick(plan.responsible, Qt.Key.Key_Tab)  # nobody named: the case manager
        qtbot.keyClick(plan.provider, Qt.Key.Key_Tab)
        review = (date.today() + timedelta(days=14)).strftime("%d.%m.%Y")
        type_text(plan.review, review)
        qtbot.keyClick(plan.review, Qt.Key.Key_Tab)
        qtbot.keyClick(plan.status, Qt.Key.Key_Down)  # in progress
        qtbot.keyClick(plan.status, Qt.Key.Key_Return, CTRL)
        qtbot.waitUntil(lambda: plan.saved_count == 1)
        assert plan.table.item(0, 4).text() == review and plan.isVisible()
        plan.grab().save(str(screenshots_dir() / "casework_plan.png"))
        [g] = plan_goals(db, case_id)
        assert (g.status, g.review_on) == ("in_progress", date.today() + timedelta(days=14))
        qtbot.keyClick(plan.table, Qt.Key.Key_Escape)
        qtbot.waitUntil(lambda: not plan.isVisible())

        area.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is area)
        area.table.setFocus()
        qtbot.keyClick(area.table, Qt.Key.Key_A, CTRL_SHIFT)  # a consultant may not approve
        assert plan_versions(db, case_id) == [] and "uloga" in area.message.text()
        db.actor = coordinator
        qtbot.keyClick(area.table, Qt.Key.Key_A, CTRL_SHIFT)
        assert [v.plan_version for v in plan_versions(db, case_id)] == [1]

        reassign = _dialog(area, qtbot, Qt.Key.Key_M, ReassignDialog)
        assert isinstance(reassign, ReassignDialog)
        reassign.manager.setCurrentIndex(reassign.manager.findData(vesna))
        _save(reassign, qtbot, "reassign")
        assert get_case(db, case_id).manager_id == vesna
        review_followups = [
            f for f in _seen_by(db, coordinator, followups_of_client, child.id) if f.done_at is None
        ]
        assert [f.assigned_to for f in review_followups] == [vesna]
        assert "1" in area.message.text()

        said = {
            e.kind: summary(e.kind, e.payload, "sr-Latn")
            for e in _seen_by(db, coordinator, timeline, child.id)
        }
        assert said["identification_report"].startswith("Škola — OŠ Vuk Karadžić — Učenica")
        assert said["screening"].startswith("Deca, radna eksploatacija — jaki indikatori u")
        assert said["identification_decision"].startswith("Identifikovana žrtva — Radna")
        assert said["needs_assessment"] == "Obrazovanje: Hitno"
    finally:
        i18n.install("en")
        qapp.setStyleSheet("")


def test_every_casework_string_has_its_serbian_text() -> None:
    root = Path(__file__).resolve().parents[2]
    catalogue = json.loads((root / "resources/translations/sr-Latn/casework.json").read_text())
    merged = dict(catalogue)
    for path in (root / "resources/translations/sr-Latn").glob("*.json"):
        merged |= json.loads(path.read_text())
    sources: set[str] = set()
    for path in (root / "src/sosdesk/ui/casework").glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and node.args
                and getattr(node.func, "attr", getattr(node.func, "id", "")) == "tr"
                and isinstance(node.args[0], ast.Constant)
            ):
                sources.add(str(node.args[0].value))
    assert len(sources) > 80
    assert sorted(s for s in sources if not merged.get(s)) == []
    for english, serbian in catalogue.items():
        assert english.count("&") == serbian.count("&"), english
        assert english.count("%1") == serbian.count("%1"), english


def test_a_new_timeline_entry_is_offered_the_clients_open_case(
    db: Database, qtbot: QtBot, qapp: QApplication
) -> None:
    client = create_client(db, {"nickname": "Tea"})
    alone = create_client(db, {"nickname": "Una"})
    case_id = open_case(db, client.id, phase="crisis").id
    dialog = EventDialog(AppContext(db), client.id, "note")
    qtbot.addWidget(dialog)
    assert dialog.case.currentData() == case_id  # the open case is chosen
    type_text(dialog.form.text, "Razgovor o smeštaju")
    dialog.save()
    [note] = [e for e in timeline(db, client.id) if e.kind == "note"]
    assert note.case_id == case_id
    other = EventDialog(AppContext(db), alone.id, "note")
    qtbot.addWidget(other)
    assert other.case.count() == 1 and other.case.currentData() is None  # no case: none offered


def test_a_call_about_a_client_joins_her_open_case(
    qtbot: QtBot, window: MainWindow, db: Database, people: dict[str, str]
) -> None:
    case_id = open_case(db, people["dorde"], phase="crisis").id
    unlock(qtbot, window)
    press(qtbot, Qt.Key.Key_N, CTRL)
    form = window.areas["calls"].form
    form.client.link(people["dorde"], people["dorde_code"])
    assert form.client.case.isVisible() and form.client.case_id() == case_id
    form.picks["caller_type"].set_code("victim")
    form.categories.add("follow_up")
    assert form.save() is not None
    [call] = [e for e in timeline(db, people["dorde"]) if e.kind == "call"]
    assert call.case_id == case_id


def test_child_interview_and_capacity_are_recorded_from_the_keyboard(
    db: Database, qtbot: QtBot, qapp: QApplication
) -> None:
    child = create_client(db, {"nickname": "Ana", "birth_year": date.today().year - 13})
    case_id = open_case(db, child.id, phase="identification").id
    area = CaseworkArea(AppContext(db))
    qtbot.addWidget(area)
    area.show()
    qtbot.waitExposed(area)
    area.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is area)
    interview = _dialog(area, qtbot, Qt.Key.Key_C, ChildInterviewDialog)
    assert isinstance(interview, ChildInterviewDialog)
    assert interview.focusWidget() is interview.answers["family"]
    type_text(interview.answers["family"], "Živi sa bakom.")
    qtbot.keyClick(interview.answers["family"], Qt.Key.Key_Tab)
    type_text(interview.answers["school"], "Ne ide u školu od jeseni.")
    interview.guardian.setChecked(True)
    _save(interview, qtbot, "child_interview")
    capacity = _dialog(area, qtbot, Qt.Key.Key_K, CapacityDialog)
    assert isinstance(capacity, CapacityDialog)
    capacity.reasons.setFocus()
    type_text(capacity.reasons, "Umorna, ali jasno opisuje događaje.")
    qtbot.keyClick(capacity.reasons, Qt.Key.Key_Return, CTRL)  # no assessment chosen yet
    assert capacity.isVisible() and capacity.capacity.property("invalid")
    qtbot.keyClick(capacity.capacity, Qt.Key.Key_Down)
    _save(capacity, qtbot, "capacity")
    kinds = {e.kind: e for e in timeline(db, child.id)}
    talk = kinds["child_interview"].payload
    assert talk["answers"]["school"] == "Ne ide u školu od jeseni." and talk["guardian_present"]
    assert kinds["credibility_assessment"].payload["capacity"] == "capable"
    assert kinds["credibility_assessment"].case_id == case_id


def test_a_preliminary_screening_uses_the_preliminary_list(
    db: Database, qtbot: QtBot, qapp: QApplication
) -> None:
    client = create_client(db, {"nickname": "Nina"})
    case_id = open_case(db, client.id, phase="identification").id
    dialog = ScreeningDialog(AppContext(db), client.id, case_id)
    qtbot.addWidget(dialog)
    formal = dialog.items.count()
    dialog.stage.set_code("preliminary")
    assert dialog.stored.kind == "preliminary" and 0 < dialog.items.count() < formal
    dialog.items.setFocus()
    qtbot.keyClick(dialog.items, Qt.Key.Key_Space)
    dialog.save()
    [screened] = [e for e in timeline(db, client.id) if e.kind == "screening"]
    assert screened.payload["stage"] == "preliminary"
    assert screened.payload["list_id"] == dialog.stored.id

"""The client file driven from the keyboard: open from search, add every kind of event and
see it land at the right place on the timeline, correct an event, filter, bad input refused.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from PySide6.QtCore import Qt, QThreadPool
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from sosdesk.services.clients import create_client
from sosdesk.services.directory import create_entry
from sosdesk.services.events import add_event, count_timeline, timeline
from sosdesk.services.search import search
from sosdesk.store.database import Database
from sosdesk.store.models import AuditEntry
from sosdesk.ui import i18n
from sosdesk.ui.clients.area import ClientsArea
from sosdesk.ui.context import AppContext
from sosdesk.ui.events.dialog import EventDialog
from tests.gui.typing_helper import type_text


@pytest.fixture(autouse=True)
def _drain_pool(db: Database) -> Iterator[None]:
    """Pages read ahead in the pool finish before the database closes."""
    yield
    QThreadPool.globalInstance().waitForDone(10_000)


ALT, CTRL = Qt.KeyboardModifier.AltModifier, Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def ctx(db: Database) -> AppContext:
    return AppContext(db)


@pytest.fixture
def client_id(db: Database) -> str:
    """A client with three dated events and a small directory."""
    c = create_client(
        db,
        {
            "given_name": "Ђорђе",
            "family_name": "Петровић",
            "birth_year": 1990,
            "phones": ["063 123 4567"],
        },
    )
    for month in (1, 3, 5):
        add_event(
            db,
            c.id,
            "note",
            datetime(2026, month, 10, 12, tzinfo=UTC),
            {"text": f"beleška {month}"},
        )
    create_entry(db, {"kind": "medical", "name": "Dom zdravlja Stari grad", "city": "Beograd"})
    create_entry(db, {"kind": "court", "name": "Viši sud u Beogradu", "city": "Beograd"})
    create_entry(db, {"kind": "lawyer", "name": "adv. Jelena Marić", "city": "Beograd"})
    return c.id


@pytest.fixture
def area(ctx: AppContext, qtbot: QtBot, client_id: str) -> Iterator[ClientsArea]:
    widget = ClientsArea(ctx)
    qtbot.addWidget(widget)
    widget.resize(1300, 850)
    widget.show()
    qtbot.waitExposed(widget)
    widget.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is widget)
    hits = [h for h in ctx.call(search, "Đorđe") if h.kind == "client"]
    widget.open_client(hits[0].ref)
    yield widget


def _dialog(area: ClientsArea, qtbot: QtBot) -> EventDialog:
    qtbot.waitUntil(
        lambda: (
            isinstance(area.file.dialog, EventDialog)
            and QApplication.activeWindow() is area.file.dialog
        )
    )
    dialog = area.file.dialog
    assert isinstance(dialog, EventDialog)
    return dialog


def _closed(area: ClientsArea, qtbot: QtBot) -> None:
    """The dialog saved and closed, and the keyboard is back in the file."""
    qtbot.waitUntil(
        lambda: area.file.dialog is None and area.isAncestorOf(QApplication.focusWidget())
    )


def _focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def _key(
    qtbot: QtBot, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
) -> None:
    qtbot.keyClick(_focused(), key, modifier)


def _set_when(qtbot: QtBot, dialog: EventDialog, text: str) -> None:
    dialog.when.setFocus()
    dialog.when.selectAll()
    qtbot.keyClicks(dialog.when, text)


def test_open_from_search_shows_the_file_and_audits_the_view(
    area: ClientsArea, db: Database, client_id: str
) -> None:
    assert area.stack.currentWidget() is area.file
    assert area.file.header.title.text().startswith("BG1-")
    assert "Ђорђе Петровић" in area.file.header.title.text()
    assert area.file.timeline.model.rowCount() == 3
    with db.session() as s:
        views = s.execute(
            select(AuditEntry).where(AuditEntry.action == "view", AuditEntry.entity_id == client_id)
        ).all()
    assert len(views) == 1
    assert area.windowTitle() == ""  # no client data in window titles


def test_add_each_kind_from_the_keyboard_lands_at_its_place(
    area: ClientsArea, qtbot: QtBot, db: Database, client_id: str
) -> None:
    table = area.file.timeline.table
    table.setFocus()

    # Assistance (Alt+1): on 15.04.2026 it belongs between the March and the May notes.
    qtbot.keyClick(table, Qt.Key.Key_1, ALT)
    d = _dialog(area, qtbot)
    _set_when(qtbot, d, "15.04.2026 10:30")
    _key(qtbot, Qt.Key.Key_Tab)  # When -> Type
    assert _focused() is d.form.type  # type: ignore[attr-defined]
    qtbot.keyClicks(_focused(), "Med")  # Medicinska pomoć
    _key(qtbot, Qt.Key.Key_Tab)
    _key(qtbot, Qt.Key.Key_Down)  # first sub-type
    _key(qtbot, Qt.Key.Key_Tab)
    provider = d.form.provider  # type: ignore[attr-defined]
    assert _focused() is provider
    qtbot.keyClicks(provider.lineEdit(), "Stari")
    popup = provider.completer().popup()
    qtbot.waitUntil(popup.isVisible)
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert provider.entry_id() is not None
    d.form.amount.setFocus()  # type: ignore[attr-defined]
    qtbot.keyClicks(_focused(), "2500,50")
    qtbot.keyClick(_focused(), Qt.Key.Key_Return, CTRL)
    _closed(area, qtbot)
    model = area.file.timeline.model
    current = area.file.timeline.current_event()
    assert current is not None and current.kind == "assistance"
    assert area.file.timeline.table.currentIndex().row() == 1  # after May, before March
    assert current.amount_minor == 250050 and current.currency == "RSD"
    assert current.payload["type"] == "medical" and current.payload["subtype"] == "med_general"
    assert current.payload["provider"] == "Dom zdravlja Stari grad"
    assert "Medicinska pomoć" in model.index(1, 2).data()
    assert model.index(1, 3).data() == "2.500,50 RSD"

    # Field action (Alt+2), now: newest, at the top.
    qtbot.keyClick(_focused(), Qt.Key.Key_2, ALT)
    d = _dialog(area, qtbot)
    qtbot.keyClicks(_focused(), "Prat")  # Pratnja u policiju
    _key(qtbot, Qt.Key.Key_Tab)
    qtbot.keyClicks(_focused(), "PU Stari grad")
    _key(qtbot, Qt.Key.Key_Tab)
    type_text(_focused(), "mobilni tim")
    _key(qtbot, Qt.Key.Key_Return, CTRL)
    _closed(area, qtbot)
    assert table.currentIndex().row() == 0
    assert area.file.timeline.current_event().kind == "field_action"  # type: ignore[union-attr]

    # Court hearing (Alt+3): the date comes first and is empty; 20.02.2026 sits before March.
    qtbot.keyClick(_focused(), Qt.Key.Key_3, ALT)
    d = _dialog(area, qtbot)
    assert _focused() is d.when and d.when.text() == ""
    qtbot.keyClicks(d.when, "20.02.2026 09:00")
    _key(qtbot, Qt.Key.Key_Tab)
    court = d.form.court  # type: ignore[attr-defined]
    qtbot.keyClicks(court.lineEdit(), "Visi sud")
    qtbot.keyClick(court.completer().popup(), Qt.Key.Key_Down)
    qtbot.keyClick(court.completer().popup(), Qt.Key.Key_Return)
    _key(qtbot, Qt.Key.Key_Tab)
    qtbot.keyClicks(_focused(), "K 12/2026")
    _key(qtbot, Qt.Key.Key_Tab)
    _key(qtbot, Qt.Key.Key_Down)  # Krivični postupak
    _key(qtbot, Qt.Key.Key_Tab)
    _key(qtbot, Qt.Key.Key_Down)  # Oštećena strana
    _key(qtbot, Qt.Key.Key_Return, CTRL)
    _closed(area, qtbot)
    hearing = area.file.timeline.current_event()
    assert hearing is not None and hearing.kind == "court_hearing"
    assert hearing.payload["court"] == "Viši sud u Beogradu" and hearing.payload["court_id"]
    assert (hearing.payload["proceeding"], hearing.payload["client_role"]) == (
        "criminal",
        "injured_party",
    )
    assert table.currentIndex().row() == 4  # field action, May, assistance, March, hearing

    # Referral (Alt+4) with consent.
    qtbot.keyClick(_focused(), Qt.Key.Key_4, ALT)
    d = _dialog(area, qtbot)
    entry = d.form.entry  # type: ignore[attr-defined]
    qtbot.keyClicks(entry.lineEdit(), "Maric")
    qtbot.keyClick(entry.completer().popup(), Qt.Key.Key_Down)
    qtbot.keyClick(entry.completer().popup(), Qt.Key.Key_Return)
    _key(qtbot, Qt.Key.Key_Tab)
    type_text(_focused(), "zastupanje u krivičnom postupku")
    _key(qtbot, Qt.Key.Key_Tab)
    _key(qtbot, Qt.Key.Key_Space)  # consent
    _key(qtbot, Qt.Key.Key_Return, CTRL)
    _closed(area, qtbot)
    referral = area.file.timeline.current_event()
    assert referral is not None and referral.kind == "referral" and referral.payload["consent"]

    # Identification status (Alt+5): the client's status follows.
    qtbot.keyClick(_focused(), Qt.Key.Key_5, ALT)
    d = _dialog(area, qtbot)
    qtbot.keyClicks(_focused(), "Pre")  # Pretpostavljena žrtva
    _key(qtbot, Qt.Key.Key_Tab)
    type_text(_focused(), "Centar za zaštitu žrtava trgovine ljudima")
    _key(qtbot, Qt.Key.Key_Return, CTRL)
    _closed(area, qtbot)
    assert area.file.timeline.current_event().kind == "status_change"  # type: ignore[union-attr]
    qtbot.waitUntil(lambda: area.file.client is not None and area.file.client.status == "presumed")
    assert "Pretpostavljena" in area.file.header.flags.text()

    # Note (Alt+6).
    qtbot.keyClick(_focused(), Qt.Key.Key_6, ALT)
    d = _dialog(area, qtbot)
    type_text(_focused(), "Klijentkinja se javila iz skloništa, bezbedna je.")
    _key(qtbot, Qt.Key.Key_Return, CTRL)
    _closed(area, qtbot)
    assert area.file.timeline.current_event().payload["text"].startswith("Klijentkinja")  # type: ignore[union-attr]
    assert count_timeline(db, client_id) == 9
    assert [e.kind for e in timeline(db, client_id)][:1] == ["note"]


def test_bad_input_is_shown_inline_and_nothing_is_saved(
    area: ClientsArea, qtbot: QtBot, db: Database, client_id: str
) -> None:
    before = count_timeline(db, client_id)
    area.file.timeline.table.setFocus()
    qtbot.keyClick(area.file.timeline.table, Qt.Key.Key_4, ALT)  # referral without consent
    d = _dialog(area, qtbot)
    qtbot.keyClicks(d.form.entry.lineEdit(), "Maric")  # type: ignore[attr-defined]
    qtbot.keyClick(d.form.entry.completer().popup(), Qt.Key.Key_Down)  # type: ignore[attr-defined]
    qtbot.keyClick(d.form.entry.completer().popup(), Qt.Key.Key_Return)  # type: ignore[attr-defined]
    d.form.reason.setPlainText("pravna pomoć")  # type: ignore[attr-defined]
    qtbot.keyClick(d, Qt.Key.Key_Return, CTRL)
    consent_error = d.form.errors._fields["consent"][1]
    assert consent_error.isVisible() and "consent" in consent_error.text()
    assert d.isVisible() and count_timeline(db, client_id) == before
    d.reject()
    _closed(area, qtbot)

    qtbot.keyClick(_focused(), Qt.Key.Key_3, ALT)  # court hearing with neither court nor date
    d = _dialog(area, qtbot)
    _key(qtbot, Qt.Key.Key_Return, CTRL)
    errors = {
        name: label.text()
        for name, (_w, label) in d.form.errors._fields.items()
        if label.isVisible()
    }
    assert errors["occurred_at"] == "a court hearing needs a date"
    assert errors["court"] == "required" and errors["proceeding"] == "required"
    assert _focused() is d.when  # the first field to fix has the focus
    d.reject()
    _closed(area, qtbot)

    qtbot.keyClick(_focused(), Qt.Key.Key_1, ALT)  # a negative cost, and a cost without a type
    d = _dialog(area, qtbot)
    d.form.amount.setText("-300")  # type: ignore[attr-defined]
    qtbot.keyClick(d, Qt.Key.Key_Return, CTRL)
    amount_error = d.form.errors._fields["amount"][1]
    assert amount_error.text() == "must be zero or more"
    assert d.form.errors._fields["type"][1].text() == "required"
    d.when.setText("31.02.2026")
    qtbot.keyClick(d, Qt.Key.Key_Return, CTRL)
    assert "dd.mm.yyyy" in d.form.errors._fields["occurred_at"][1].text()
    d.reject()
    _closed(area, qtbot)
    assert count_timeline(db, client_id) == before


def test_correct_an_event_shows_both_linked(
    area: ClientsArea, qtbot: QtBot, db: Database, client_id: str
) -> None:
    original = add_event(
        db,
        client_id,
        "assistance",
        datetime(2026, 2, 1, 9, tzinfo=UTC),
        {"type": "technical", "subtype": "tech_transport", "amount": "1200", "currency": "RSD"},
    )
    area.ctx.data_changed.emit("events")
    view = area.file.timeline
    assert view.select_event(original.id)
    view.table.setFocus()
    qtbot.keyClick(view.table, Qt.Key.Key_E, CTRL)
    d = _dialog(area, qtbot)
    assert d.form.amount.text() == "1200.00"  # type: ignore[attr-defined]
    d.form.amount.selectAll()  # type: ignore[attr-defined]
    qtbot.keyClicks(d.form.amount, "1800")  # type: ignore[attr-defined]
    qtbot.keyClick(d, Qt.Key.Key_Return, CTRL)
    assert d.reason.property("invalid") is True  # a correction needs a reason
    d.reason.setFocus()
    type_text(d.reason, "pogrešno unet iznos računa")
    qtbot.keyClick(d.reason, Qt.Key.Key_Return, CTRL)
    _closed(area, qtbot)
    amendment = view.current_event()
    assert amendment is not None and amendment.kind == "amendment"
    assert amendment.amends_id == original.id and view.table.currentIndex().row() == 0
    assert "1.800,00 RSD" in view.model.index(0, 2).data()
    qtbot.keyClick(view.table, Qt.Key.Key_G, CTRL)  # to the original
    assert view.current_event().id == original.id  # type: ignore[union-attr]
    row = view.table.currentIndex().row()
    assert "·" in view.model.index(row, 1).data()  # marked as corrected
    assert view.model.index(row, 3).data() == "1.800,00 RSD"  # the corrected cost
    html = view.details.toHtml()
    assert "pogrešno unet iznos računa" in html and "1.200,00 RSD" in html  # first recorded value
    qtbot.keyClick(view.table, Qt.Key.Key_G, CTRL)  # and back to the correction
    assert view.current_event().id == amendment.id  # type: ignore[union-attr]
    stored = {e.id: e for e in timeline(db, client_id)}
    assert stored[original.id].amount_minor == 120000  # the original never changes


def test_filter_by_kind_and_dates(
    area: ClientsArea, qtbot: QtBot, db: Database, client_id: str
) -> None:
    add_event(
        db, client_id, "assistance", datetime(2026, 3, 20, tzinfo=UTC), {"type": "information"}
    )
    area.ctx.data_changed.emit("events")
    view = area.file.timeline
    assert view.model.total == 4
    qtbot.keyClick(view.table, Qt.Key.Key_F, CTRL | Qt.KeyboardModifier.ShiftModifier)
    assert _focused() is view.kind
    qtbot.keyClicks(view.kind, "Bel")  # Beleška
    assert view.model.total == 3 and {e.kind for e in timeline(db, client_id, kinds={"note"})} == {
        "note"
    }
    _key(qtbot, Qt.Key.Key_Tab)
    qtbot.keyClicks(_focused(), "01.03.2026")
    _key(qtbot, Qt.Key.Key_Tab)
    qtbot.keyClicks(_focused(), "31.03.2026")
    _key(qtbot, Qt.Key.Key_Tab)
    assert view.model.total == 1
    assert view.model.event_at(0).payload["text"] == "beleška 3"
    assert view.count_label.text() == "1 events"
    view.since.setFocus()
    view.since.setText("nije datum")
    qtbot.keyClick(view.since, Qt.Key.Key_Return)
    assert view.filter_error.isVisible() and view.model.total == 1
    qtbot.keyClick(view.since, Qt.Key.Key_Escape)
    assert view.model.total == 4 and view.kind.code() is None


def test_lock_clears_the_file_and_unlock_returns_to_it(
    area: ClientsArea, ctx: AppContext, db: Database, client_id: str
) -> None:
    ctx.set_db(None)
    assert area.file.client is None and area.file.timeline.model.rowCount() == 0
    assert area.file.header.title.text() == "" and area.file.profile.given_name.text() == ""
    assert area.file.timeline.details.toPlainText() == ""
    ctx.set_db(db)
    assert area.file.client is not None and area.file.client.id == client_id
    assert area.file.timeline.model.rowCount() == 3


def test_language_switch_redraws_the_open_file_without_a_new_view(
    area: ClientsArea, ctx: AppContext, qtbot: QtBot, db: Database, client_id: str
) -> None:
    assert area.file.tabs.tabText(0).startswith("Timeline")
    ctx.lang = "sr-Cyrl"
    i18n.install("sr-Cyrl")
    try:
        qtbot.waitUntil(lambda: area.file.tabs.tabText(0).startswith("Хронологија"))
        assert area.file.client is not None and area.file.client.id == client_id
        assert area.file.actions_by_name["assistance"].text() == "Помоћ"  # vocabulary label too
        assert area.file.timeline.model.rowCount() == 3
    finally:
        ctx.lang = "en"
        i18n.install("en")
    qtbot.waitUntil(lambda: area.file.tabs.tabText(0).startswith("Timeline"))
    with db.session() as s:
        views = s.execute(
            select(AuditEntry).where(AuditEntry.action == "view", AuditEntry.entity_id == client_id)
        ).all()
    assert len(views) == 1  # redrawing is not a new view of the file

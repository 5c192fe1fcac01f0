"""The search bar at the top of the desk (Ctrl+K): caller lookup as you type, in any script.
Clients first, then calls; arrows move, Enter opens the client (or the call), Escape closes.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from sosdesk.services.search import search
from sosdesk.services.views import SearchHit
from sosdesk.ui.context import AppContext
from sosdesk.ui.widgets.drop_list import DropItem, DropList
from sosdesk.ui.widgets.query_edit import QueryEdit
from sosdesk.ui.workers import LatestOnly

DEBOUNCE_MS = 40  # coalesce a burst of keys; one frame is 16 ms, a fast typist ~80 ms a key
LIMIT = 20


class SearchBar(QWidget):
    """Emits `call_requested(call_id)` for a call without a client; clients go through
    `ctx.open_client_requested`."""

    call_requested = Signal(str)
    results_shown = Signal(int)  # number of hits, after each answer (tests wait on it)
    left = Signal()  # Escape on an empty bar: give the focus back to the work

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._hits: dict[str, SearchHit] = {}
        self._accept_when_ready = False
        self.edit = QueryEdit(self, page=8)
        self.edit.setObjectName("search_edit")
        self.edit.setProperty("role", "search")
        self.edit.setClearButtonEnabled(True)
        self.hint = QLabel(self)
        self.hint.setProperty("role", "muted")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.hint)
        self.setFocusProxy(self.edit)
        self.drop = DropList(self.edit, min_width=560)
        self.drop.chosen.connect(self._open)
        self.runner = LatestOnly(ctx.pool, self)
        self.runner.answered.connect(self._show)
        self.runner.failed.connect(lambda _exc: self._show([]))
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self._run)
        self.edit.textEdited.connect(lambda _t: self._timer.start())
        self.edit.textChanged.connect(self._maybe_cleared)
        self.edit.navigate.connect(self.drop.step)
        self.edit.accepted.connect(self._accept)
        self.edit.escaped.connect(self._escape)
        self.retranslate()

    # -- searching -------------------------------------------------------------------------

    def query(self) -> str:
        return self.edit.text()

    def run_now(self) -> None:
        """Search immediately (the debounce timer is skipped)."""
        self._timer.stop()
        self._run()

    def _run(self) -> None:
        text = self.edit.text()
        if self.ctx.is_locked or not text.strip():
            self._show([])
            return
        call, lang = self.ctx.caller(), self.ctx.lang
        self.runner.submit(lambda: call(search, text, LIMIT, lang=lang))

    def _show(self, hits: object) -> None:
        found = [h for h in hits if isinstance(h, SearchHit)] if isinstance(hits, list) else []
        if self.ctx.is_locked or not self.edit.text().strip():
            found = []
        self._hits = {f"{h.kind}:{h.ref}": h for h in found}
        items: list[DropItem] = []
        clients = [h for h in found if h.kind == "client"]
        calls = [h for h in found if h.kind == "call"]
        if clients:
            items.append(DropItem(None, self.tr("Clients")))
            items += [DropItem(f"client:{h.ref}", h.title, h.detail) for h in clients]
        if calls:
            items.append(DropItem(None, self.tr("Calls")))
            items += [DropItem(f"call:{h.ref}", h.title, h.detail) for h in calls]
        if not found and self.edit.text().strip() and not self.ctx.is_locked:
            items.append(DropItem(None, self.tr("No client or call matches")))
        self.drop.show_items(items)
        self.results_shown.emit(len(found))
        if self._accept_when_ready:
            self._accept_when_ready = False
            self.drop.accept_current()

    def hits(self) -> list[SearchHit]:
        """The hits on show, in order."""
        return list(self._hits.values())

    # -- choosing --------------------------------------------------------------------------

    def _accept(self) -> None:
        if self._timer.isActive():  # Enter before the lookup ran: run it, then take the first
            self._accept_when_ready = True
            self.run_now()
            return
        self.drop.accept_current()

    def _open(self, key: str) -> None:
        hit = self._hits.get(key)
        if hit is None:
            return
        self.drop.hide()
        if hit.kind == "client":
            self.ctx.open_client_requested.emit(hit.ref)
        elif hit.client_id:
            self.ctx.open_client_requested.emit(hit.client_id)
        else:
            self.call_requested.emit(hit.ref)

    def _escape(self) -> None:
        if self.drop.isVisible():
            self.drop.hide()
        elif self.edit.text():
            self.edit.clear()
        else:
            self.left.emit()

    def _maybe_cleared(self, text: str) -> None:
        if not text:
            self.runner.cancel()
            self._hits = {}
            self.drop.hide()

    def clear(self) -> None:
        """Forget the query and every result (on lock)."""
        self._accept_when_ready = False
        self._timer.stop()
        self.runner.cancel()
        self.edit.clear()
        self._hits = {}
        self.drop.clear()
        self.drop.hide()

    # -- language --------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.edit.setPlaceholderText(
            self.tr("Find a client or a call: name, code, phone or words, in any script")
        )
        self.hint.setText("Ctrl+K")

    def changeEvent(self, e: QEvent) -> None:
        if e.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(e)

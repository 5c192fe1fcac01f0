"""The timeline of one client as a Qt table model, newest first, loaded a page at a time as the
view scrolls (canFetchMore/fetchMore), so a file with thousands of events opens at once; the
next page is read ahead in the worker pool, so scrolling rarely waits for the database.
Amendments are rows of their own and are linked both ways with the event they correct.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QFont

from sosdesk.domain.validation import format_minor
from sosdesk.domain.vocab import EVENT_KIND
from sosdesk.services.events import (
    amendments_of,
    corrected_payload,
    corrected_time,
    count_timeline,
    events_by_id,
    timeline,
)
from sosdesk.services.session import Database
from sosdesk.services.views import EventView
from sosdesk.ui.context import AppContext
from sosdesk.ui.timeline.icons import kind_icon
from sosdesk.ui.timeline.text import amendment_summary, summary
from sosdesk.ui.widgets.datetime_field import format_local
from sosdesk.ui.workers import run_in_pool

PAGE = 100  # rows per fetch: a screenful or four; small pages keep scrolling smooth
EVENT_ID_ROLE = Qt.ItemDataRole.UserRole
KIND_ROLE = Qt.ItemDataRole.UserRole + 1
Index = QModelIndex | QPersistentModelIndex


@dataclass
class _Row:
    event: EventView
    amendments: list[EventView] = field(default_factory=list)
    original: EventView | None = None
    cache: dict[int, str] = field(default_factory=dict)


def read_page(
    db: Database,
    client_id: str,
    kinds: set[str] | None,
    since: datetime | None,
    until: datetime | None,
    offset: int,
) -> list[_Row]:
    """One page of the timeline with the amendment links of its events (safe in a worker)."""
    events = timeline(
        db, client_id, kinds=kinds, since=since, until=until, offset=offset, limit=PAGE
    )
    amends = amendments_of(db, [e.id for e in events if e.kind != "amendment"])
    originals = events_by_id(db, {e.amends_id for e in events if e.amends_id})
    return [_Row(e, amends.get(e.id, []), originals.get(e.amends_id or "")) for e in events]


class TimelineModel(QAbstractTableModel):
    """Columns: when, kind, summary, cost. Load with `load()`; `clear()` on lock."""

    WHEN, KIND, SUMMARY, COST = range(4)

    def __init__(self, ctx: AppContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.client_id: str | None = None
        self.kinds: set[str] | None = None
        self.since: datetime | None = None
        self.until: datetime | None = None
        self.total = 0
        self._rows: list[_Row] = []
        self._row_of: dict[str, int] = {}
        self._fetching = False
        # The next page is read ahead in the worker pool, so scrolling does not wait for it.
        self._generation = 0
        self._ahead: tuple[int, int, list[_Row]] | None = None  # (generation, offset, rows)
        self._reading_ahead = False
        self._italic = QFont()
        self._italic.setItalic(True)

    # -- loading ---------------------------------------------------------------------------

    def load(
        self,
        client_id: str,
        *,
        kinds: set[str] | None = None,
        since: datetime | None = None,
        until: datetime | None = None,
    ) -> None:
        """Show a client's timeline with these filters (first page only)."""
        self._fetching = True  # no page may be inserted while the model is being reset
        try:
            self.beginResetModel()
            self.client_id, self.kinds, self.since, self.until = client_id, kinds, since, until
            self._rows, self._row_of = [], {}
            self._generation += 1
            self._ahead = None
            self.total = self.ctx.call(
                count_timeline, client_id, kinds=kinds, since=since, until=until
            )
            self._append(self._page(0))
            self.endResetModel()
        finally:
            self._fetching = False
        self._read_ahead()

    def reload(self) -> None:
        """Load again with the same filters (after a change)."""
        if self.client_id is not None:
            self.load(self.client_id, kinds=self.kinds, since=self.since, until=self.until)

    def clear(self) -> None:
        """Forget everything (lock)."""
        self._fetching = True
        try:
            self.beginResetModel()
            self._generation += 1
            self._ahead = None
            self.client_id, self.total = None, 0
            self._rows, self._row_of = [], {}
            self.endResetModel()
        finally:
            self._fetching = False

    def _page(self, offset: int) -> list[_Row]:
        assert self.client_id is not None
        return self.ctx.call(read_page, self.client_id, self.kinds, self.since, self.until, offset)

    def _read_ahead(self) -> None:
        """Start reading the next page in the pool (one at a time; stale answers are dropped)."""
        if self._reading_ahead or not self.canFetchMore() or self.ctx.is_locked:
            return
        gen, offset = self._generation, len(self._rows)
        if self._ahead is not None and self._ahead[:2] == (gen, offset):
            return
        call, client_id = self.ctx.caller(), self.client_id
        assert client_id is not None
        kinds, since, until = self.kinds, self.since, self.until
        self._reading_ahead = True

        def done(rows: object) -> None:
            self._reading_ahead = False
            if gen == self._generation and isinstance(rows, list):
                self._ahead = (gen, offset, rows)

        def failed(_exc: object) -> None:  # e.g. locked meanwhile: fetchMore reads it itself
            self._reading_ahead = False

        run_in_pool(
            self.ctx.pool,
            lambda: call(read_page, client_id, kinds, since, until, offset),
            done,
            failed,
        )

    def _append(self, rows: list[_Row]) -> int:
        added = 0
        for row in rows:
            if row.event.id in self._row_of:  # a page boundary moved under us: skip repeats
                continue
            self._row_of[row.event.id] = len(self._rows)
            self._rows.append(row)
            added += 1
        return added

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and self.client_id is not None and len(self._rows) < self.total

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        # Views (and the model tester) may ask again from inside our own insert signals.
        if self._fetching or not self.canFetchMore(parent):
            return
        offset = len(self._rows)
        ahead = self._ahead
        self._ahead = None
        page = ahead[2] if ahead is not None and ahead[:2] == (self._generation, offset) else None
        rows = [
            r
            for r in (page if page is not None else self._page(offset))
            if r.event.id not in self._row_of
        ]
        if not rows:
            self.total = len(self._rows)  # rows vanished meanwhile: stop asking
            return
        start = len(self._rows)
        self._fetching = True
        try:
            self.beginInsertRows(QModelIndex(), start, start + len(rows) - 1)
            self._append(rows)
            self.endInsertRows()
        finally:
            self._fetching = False
        self._read_ahead()

    def ensure_loaded(self, event_id: str) -> int | None:
        """The row of an event, fetching further pages until it is there (None if filtered)."""
        while event_id not in self._row_of and self.canFetchMore():
            before = len(self._rows)
            self.fetchMore()
            if len(self._rows) == before:
                break
        return self._row_of.get(event_id)

    # -- access ----------------------------------------------------------------------------

    def event_at(self, row: int) -> EventView:
        return self._rows[row].event

    def amendments_at(self, row: int) -> list[EventView]:
        return self._rows[row].amendments

    def original_at(self, row: int) -> EventView | None:
        return self._rows[row].original

    def row_of(self, event_id: str) -> int | None:
        return self._row_of.get(event_id)

    # -- Qt model --------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 4

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return (self.tr("When"), self.tr("Kind"), self.tr("Summary"), self.tr("Cost"))[section]

    def _text(self, row: _Row, column: int) -> str:
        if column in row.cache:
            return row.cache[column]
        e, lang = row.event, self.ctx.lang
        if column == self.WHEN:
            text = format_local(corrected_time(e, row.amendments))
        elif column == self.KIND:
            text = EVENT_KIND.label(e.kind, lang)
            if row.amendments:
                text = self.tr("%1 · corrected").replace("%1", text)
        elif column == self.SUMMARY:
            text = (
                amendment_summary(e, row.original, lang)
                if e.kind == "amendment"
                else summary(e.kind, corrected_payload(e, row.amendments), lang)
            )
        else:
            text = ""
            if e.kind == "assistance":
                data = corrected_payload(e, row.amendments)
                if data.get("amount") and data.get("currency"):
                    minor = int(Decimal(str(data["amount"])) * 100)
                    text = format_minor(minor, str(data["currency"]))
        row.cache[column] = text
        return text

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, column)
        if role == Qt.ItemDataRole.DecorationRole and column == self.KIND:
            return kind_icon(row.event.kind)
        if role == Qt.ItemDataRole.ToolTipRole and column == self.SUMMARY:
            return self._text(row, column)
        if role == Qt.ItemDataRole.ToolTipRole and column == self.KIND and row.amendments:
            return self.tr("Corrected %1 time(s); select it to see the corrections").replace(
                "%1", str(len(row.amendments))
            )
        if role == Qt.ItemDataRole.TextAlignmentRole and column == self.COST:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.FontRole and row.event.kind == "amendment":
            return self._italic
        if role == EVENT_ID_ROLE:
            return row.event.id
        if role == KIND_ROLE:
            return row.event.kind
        return None

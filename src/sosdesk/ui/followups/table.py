"""A list of follow-ups, grouped as overdue / due today / upcoming (or a client's own list).
Space marks the selected one done; Enter opens the client's file.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTreeWidget, QTreeWidgetItem, QWidget

from sosdesk.services.followups import FollowUpBoard, FollowUpView
from sosdesk.ui.widgets.datetime_field import format_local
from sosdesk.ui.widgets.display import theme_colours

_ID = Qt.ItemDataRole.UserRole
# The theme token an item's text is drawn in: kept on the item so a theme switch recolours it
# (colours fixed when the list was filled stayed light-theme red on the night theme, 2.2:1).
_TONE = Qt.ItemDataRole.UserRole + 1


class FollowUpList(QTreeWidget):
    """Emits `done_requested(id)` on Space and `open_requested(client_id)` on Enter."""

    done_requested = Signal(str)
    open_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None, *, show_client: bool = True) -> None:
        super().__init__(parent)
        self._views: dict[str, FollowUpView] = {}
        self.setColumnCount(4)
        self.retranslate()
        self.setColumnHidden(2, not show_client)
        self.setRootIsDecorated(False)
        self.setUniformRowHeights(True)
        self.setAlternatingRowColors(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(False)
        self.itemActivated.connect(lambda item, _c: self._open(item))

    def retranslate(self) -> None:
        self.setHeaderLabels(
            [self.tr("Due"), self.tr("What"), self.tr("Client"), self.tr("Assigned to")]
        )

    def _item(
        self, parent: QTreeWidget | QTreeWidgetItem, f: FollowUpView, colour: str | None
    ) -> None:
        who = f.assigned_name or self.tr("anyone on the desk")
        client = f"{f.client_code}  {f.client_name or ''}".strip() if f.client_code else ""
        item = QTreeWidgetItem(parent, [format_local(f.due_at), f.what, client, who])
        item.setData(0, _ID, f.id)
        item.setToolTip(1, f.what)
        if f.done_at is not None:
            item.setText(0, "✓ " + item.text(0))
            item.setData(0, _TONE, "muted")
        elif colour:
            item.setData(0, _TONE, colour)
        self._paint(item)
        self._views[f.id] = f

    @staticmethod
    def _paint(item: QTreeWidgetItem) -> None:
        tone = item.data(0, _TONE)
        if not tone:
            return
        brush = QBrush(QColor(theme_colours()[str(tone)]))
        for c in range(4) if tone == "muted" else (0,):
            item.setForeground(c, brush)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.StyleChange):
            for i in range(self.topLevelItemCount()):
                top = self.topLevelItem(i)
                if top is None:
                    continue
                self._paint(top)
                for j in range(top.childCount()):
                    child = top.child(j)
                    if child is not None:
                        self._paint(child)
        super().changeEvent(event)

    def _group(self, title: str, items: tuple[FollowUpView, ...], colour: str | None) -> None:
        head = QTreeWidgetItem(self, [f"{title} ({len(items)})"])
        font = QFont(head.font(0))
        font.setBold(True)
        head.setFont(0, font)
        head.setFirstColumnSpanned(True)
        head.setFlags(Qt.ItemFlag.ItemIsEnabled)
        if colour and items:
            head.setData(0, _TONE, colour)
            self._paint(head)
        for f in items:
            self._item(head, f, colour)
        head.setExpanded(True)

    def set_board(self, board: FollowUpBoard) -> None:
        """Show the three groups; selection goes to the first follow-up."""
        keep = self.current_id()
        self.clear_items()
        self.setRootIsDecorated(False)
        self._group(self.tr("Overdue"), board.overdue, "danger")
        self._group(self.tr("Due today"), board.today, "warning")
        self._group(self.tr("Upcoming"), board.upcoming, None)
        self._select(keep)

    def set_items(self, items: list[FollowUpView]) -> None:
        """Show a flat list (a client's follow-ups)."""
        keep = self.current_id()
        self.clear_items()
        for f in items:
            self._item(self, f, None)
        self._select(keep)

    def _select(self, wanted: str | None) -> None:
        first = None
        for item in self._all_items():
            if item.data(0, _ID) == wanted:
                self.setCurrentItem(item)
                return
            first = first or item
        if first is not None:
            self.setCurrentItem(first)

    def _all_items(self) -> list[QTreeWidgetItem]:
        out: list[QTreeWidgetItem] = []
        for i in range(self.topLevelItemCount()):
            top = self.topLevelItem(i)
            if top is None:
                continue
            if top.data(0, _ID):
                out.append(top)
            out.extend(c for c in (top.child(j) for j in range(top.childCount())) if c is not None)
        return out

    def clear_items(self) -> None:
        self.clear()
        self._views = {}

    def current_id(self) -> str | None:
        item = self.currentItem()
        value = item.data(0, _ID) if item is not None else None
        return str(value) if value else None

    def current(self) -> FollowUpView | None:
        fid = self.current_id()
        return self._views.get(fid) if fid else None

    def _open(self, item: QTreeWidgetItem) -> None:
        f = self._views.get(str(item.data(0, _ID) or ""))
        if f is not None and f.client_id:
            self.open_requested.emit(f.client_id)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Space and event.modifiers() == Qt.KeyboardModifier.NoModifier:
            fid = self.current_id()
            if fid:
                self.done_requested.emit(fid)
            event.accept()
            return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            item = self.currentItem()
            if item is not None:
                self._open(item)
            event.accept()
            return
        super().keyPressEvent(event)

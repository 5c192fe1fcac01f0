"""A directory entry picker for event forms: type any part of a name in any script and choose;
free text is kept when the provider is not (yet) in the directory.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QComboBox, QCompleter, QWidget

from sosdesk.domain.folding import fold, fold_words
from sosdesk.services.directory import search_directory
from sosdesk.ui.context import AppContext

_ID = Qt.ItemDataRole.UserRole
_NAME = Qt.ItemDataRole.UserRole + 1
_FOLDED = Qt.ItemDataRole.UserRole + 2


class _FoldedFilter(QSortFilterProxyModel):
    """Keeps entries whose folded text holds every folded word typed (any order, any script)."""

    def __init__(self) -> None:
        super().__init__()
        self._words: list[str] = []

    def set_needle(self, text: str) -> None:
        if hasattr(self, "beginFilterChange"):  # Qt 6.10+; the older call is deprecated there
            self.beginFilterChange()
            self._words = fold_words(text)
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:  # pragma: no cover - older Qt
            self._words = fold_words(text)
            self.invalidateRowsFilter()

    def filterAcceptsRow(
        self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex
    ) -> bool:
        hay = str(self.sourceModel().index(source_row, 0, source_parent).data(_FOLDED) or "")
        return all(w in hay for w in self._words)


class DirectoryPicker(QComboBox):
    """Editable pick list of active directory entries (optionally of some kinds)."""

    def __init__(
        self, ctx: AppContext, kinds: set[str] | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.kinds = kinds
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.setMaxVisibleItems(12)
        self._items = QStandardItemModel(self)
        self._filter = _FoldedFilter()
        self._filter.setSourceModel(self._items)
        self.setModel(self._items)
        completer = QCompleter(self._filter, self)
        completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setCompleter(completer)
        line = self.lineEdit()
        assert line is not None
        line.textEdited.connect(self._typed)
        self._by_text: dict[str, tuple[str, str]] = {}

    def reload(self) -> None:
        """Fill from the directory (active entries)."""
        text = self.currentText()
        self._items.clear()
        self._by_text.clear()
        self._items.appendRow(QStandardItem(""))
        for e in self.ctx.call(search_directory, kinds=self.kinds):
            shown = f"{e.name} ({e.city})" if e.city else e.name
            item = QStandardItem(shown)
            item.setData(e.id, _ID)
            item.setData(e.name, _NAME)
            item.setData(
                fold(" ".join(p for p in (e.name, e.organisation, e.city, e.specialisation) if p)),
                _FOLDED,
            )
            self._items.appendRow(item)
            self._by_text[shown] = (e.id, e.name)
        self.setEditText(text)

    def _typed(self, text: str) -> None:
        self._filter.set_needle(text)
        completer = self.completer()
        if completer is not None and text.strip():
            completer.complete()

    def entry_id(self) -> str | None:
        """The chosen entry, or None when free text was typed."""
        hit = self._by_text.get(self.currentText().strip())
        return hit[0] if hit else None

    def name(self) -> str | None:
        """The provider's name (the entry's name, or the free text typed)."""
        text = self.currentText().strip()
        hit = self._by_text.get(text)
        return hit[1] if hit else (text or None)

    def set_value(self, entry_id: str | None, name: str | None) -> None:
        """Show an entry (by id when it is listed, otherwise its stored name)."""
        for shown, (eid, _n) in self._by_text.items():
            if entry_id and eid == entry_id:
                self.setEditText(shown)
                return
        self.setEditText(name or "")

    def clear_data(self) -> None:
        """Forget every entry (on lock)."""
        self._items.clear()
        self._by_text.clear()
        self.setEditText("")

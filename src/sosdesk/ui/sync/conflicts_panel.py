"""The office's conflict review queue: field, every value with who and when; keep one of them or
write a merged value. The choice becomes an office edit that reaches every desk."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QRadioButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from sosdesk.sync.conflicts import list_conflicts, resolve_conflict
from sosdesk.sync.errors import SyncError
from sosdesk.sync.views import ConflictView
from sosdesk.ui.context import AppContext
from sosdesk.ui.sync.values import FIELD_NAMES, parse_typed, show_value
from sosdesk.ui.widgets.datetime_field import format_local
from sosdesk.ui.widgets.display import with_key
from sosdesk.ui.widgets.field_message import FieldMessage
from sosdesk.ui.widgets.problem_text import error_text
from sosdesk.ui.widgets.shortcuts import shortcut


class ConflictsPanel(QWidget):
    """List on the left, the chosen conflict on the right."""

    count_changed = Signal(int)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.conflicts: list[ConflictView] = []
        layout = QHBoxLayout(self)
        split = QSplitter(self)
        self.list = QListWidget(split)
        self.list.currentRowChanged.connect(self._show)
        detail = QFrame(split)
        detail.setProperty("role", "card")
        self.grid = QVBoxLayout(detail)
        self.record = QLabel(detail)
        self.record.setProperty("role", "section")
        self.explain = QLabel(detail)
        self.explain.setWordWrap(True)
        self.current = QLabel(detail)
        self.current.setWordWrap(True)
        self.grid.addWidget(self.record)
        self.grid.addWidget(self.explain)
        self.grid.addWidget(self.current)
        self.choices_box = QWidget(detail)
        self.choices = QGridLayout(self.choices_box)
        self.choices.setContentsMargins(0, 6, 0, 6)
        self.choices.setHorizontalSpacing(24)
        self.choices.setColumnStretch(2, 1)
        self.grid.addWidget(self.choices_box)
        self.group = QButtonGroup(self)
        self.merged_radio = QRadioButton(detail)
        self.merged = QLineEdit(detail)
        self.merged.textEdited.connect(lambda _t: self.merged_radio.setChecked(True))
        merged_row = QHBoxLayout()
        merged_row.addWidget(self.merged_radio)
        merged_row.addWidget(self.merged, 1)
        self.grid.addLayout(merged_row)
        self.resolve_button = QPushButton(detail)
        self.resolve_button.setProperty("role", "primary")
        self.resolve_button.clicked.connect(self.resolve)
        self.grid.addWidget(self.resolve_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.error = FieldMessage(detail)
        self.grid.addWidget(self.error)
        self.grid.addStretch(1)
        self.empty = QLabel(detail)
        self.empty.setProperty("role", "muted")
        self.grid.addWidget(self.empty)
        split.addWidget(self.list)
        split.addWidget(detail)
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 2)
        split.setSizes([420, 780])
        layout.addWidget(split)
        shortcut("Ctrl+Return", self, self.resolve)
        shortcut("Ctrl+Enter", self, self.resolve)
        self.radios: list[QRadioButton] = []
        self.retranslate()

    def retranslate(self) -> None:
        """Texts in the current language."""
        self.merged_radio.setText(self.tr("&Merged value:"))
        self.merged.setPlaceholderText(self.tr("type the value to keep (lists: comma-separated)"))
        self.resolve_button.setText(with_key(self.tr("Keep this value"), "Ctrl+Enter"))
        self.empty.setText(
            self.tr("Nothing to review: no two desks changed the same field differently.")
        )
        self._fill()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def field_name(self, field: str) -> str:
        return self.tr(FIELD_NAMES.get(field, field.replace("_", " ").capitalize()))

    def reload(self) -> None:
        """Read the open conflicts again."""
        if self.ctx.is_locked:
            return
        self.conflicts = self.ctx.call(list_conflicts)
        self._fill()
        self.count_changed.emit(len(self.conflicts))

    def _fill(self) -> None:
        keep = self.list.currentRow()
        self.list.blockSignals(True)
        self.list.clear()
        for c in self.conflicts:
            text = self.tr("{0} · {1} · {2} values").format(
                c.record_label, self.field_name(c.field), len(c.candidates)
            )
            self.list.addItem(QListWidgetItem(text))
        self.list.blockSignals(False)
        if self.conflicts:
            self.list.setCurrentRow(min(max(keep, 0), len(self.conflicts) - 1))
        self._show(self.list.currentRow())

    def _show(self, row: int) -> None:
        for radio in self.radios:
            self.group.removeButton(radio)
            radio.deleteLater()
        self.radios = []
        self.error.say("")
        have = 0 <= row < len(self.conflicts)
        for w in (
            self.record,
            self.explain,
            self.current,
            self.merged_radio,
            self.merged,
            self.resolve_button,
            self.choices_box,
        ):
            w.setVisible(have)
        self.empty.setVisible(not have)
        if not have:
            return
        c = self.conflicts[row]
        lang, tr = self.ctx.lang, self.tr
        self.record.setText(f"{c.record_label} · {self.field_name(c.field)}")
        self.explain.setText(
            tr(
                "These desks changed this field from the same version ({0}) "
                "to different values. Choose the value to keep, or write a "
                "merged one."
            ).format(c.base_version)
        )
        self.current.setText(
            tr("Shown now (the latest change): {0}").format(
                show_value(c.entity, c.field, c.current, lang, tr)
            )
        )
        for i, cand in enumerate(c.candidates):
            radio = QRadioButton(self.choices_box)
            radio.setText(f"&{i + 1}  " + show_value(c.entity, c.field, cand.value, lang, tr))
            when = format_local(cand.written_at)
            who = QLabel(tr("desk {0}, {1}").format(cand.desk_code, when), self.choices_box)
            who.setProperty("role", "muted")
            self.choices.addWidget(radio, i, 0)
            self.choices.addWidget(who, i, 1)
            self.group.addButton(radio, i)
            self.radios.append(radio)
        current_index = next(
            (i for i, cand in enumerate(c.candidates) if cand.value == c.current), 0
        )
        self.radios[current_index].setChecked(True)
        self.merged.clear()
        self.merged.setText(show_value(c.entity, c.field, c.current, lang, tr).replace("—", ""))

    def select(self, row: int, choice: int | None = None, merged: str | None = None) -> None:
        """Pick a conflict and a value (keyboard and tests use the same path)."""
        self.list.setCurrentRow(row)
        if merged is not None:
            self.merged_radio.setChecked(True)
            self.merged.setText(merged)
        elif choice is not None:
            self.radios[choice].setChecked(True)

    def resolve(self) -> None:
        """Keep the chosen or merged value (Ctrl+Enter)."""
        row = self.list.currentRow()
        if self.ctx.is_locked or not 0 <= row < len(self.conflicts):
            return
        c = self.conflicts[row]
        try:
            if self.merged_radio.isChecked():
                sample = c.candidates[0].value if c.candidates else None
                value = parse_typed(c.entity, c.field, self.merged.text(), sample)
                self.ctx.call(resolve_conflict, c.id, value=value, merged=True)
            else:
                pick = self.group.checkedId()
                self.ctx.call(resolve_conflict, c.id, pick=pick + 1)
        except SyncError as exc:
            self.error.say(error_text(exc))
            return
        self.ctx.data_changed.emit(c.entity)
        self.reload()

    def clear(self) -> None:
        """Drop everything from the screen (lock)."""
        self.conflicts = []
        self._fill()

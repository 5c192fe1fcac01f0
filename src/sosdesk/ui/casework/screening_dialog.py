"""Screening of a case's client against the current formal list: tick the indicators observed
(Space), see the suggested reading change as you go, and save. The reading never decides."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from sosdesk.domain.casework_vocab import INDICATOR_SET, SCREEN_STAGE
from sosdesk.domain.indicators import suggested_reading
from sosdesk.domain.messages import CodedError, render
from sosdesk.services import casework as svc
from sosdesk.services.indicator_lists import StoredList, current_list
from sosdesk.ui.context import AppContext
from sosdesk.ui.i18n import current_lang
from sosdesk.ui.widgets.field_message import FieldMessage
from sosdesk.ui.widgets.problem_text import error_text
from sosdesk.ui.widgets.vocab_combo import VocabCombo

WEIGHT_MARK = {"strong": "●●●", "medium": "●●", "weak": "●"}


class ScreeningDialog(QDialog):
    """Indicators observed for one case, against the newest formal list."""

    def __init__(
        self, ctx: AppContext, client_id: str, case_id: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx, self.client_id, self.case_id = ctx, client_id, case_id
        self.saved_id: str | None = None
        self.stored: StoredList = ctx.call(current_list, "formal")
        self.setWindowTitle(self.tr("Indicator screening"))
        layout = QVBoxLayout(self)
        form = QFormLayout()
        # Preliminary (in the community) or formal (by the Centre): each has its own list.
        self.stage = VocabCombo(SCREEN_STAGE, ctx.lang, parent=self)
        self.stage.setAccessibleName(self.tr("Stage"))
        self.stage.set_code("formal")
        form.addRow(self.tr("S&tage"), self.stage)
        self.set_combo = VocabCombo(INDICATOR_SET, ctx.lang, parent=self)
        self.set_combo.setAccessibleName(self.tr("Indicator set"))
        form.addRow(self.tr("Indicator &set"), self.set_combo)
        layout.addLayout(form)
        self.items = QListWidget(self)
        self.items.setObjectName("screening_items")
        self.items.setAccessibleName(self.tr("Indicators observed"))
        label = QLabel(self.tr("&Indicators observed (Space ticks)"), self)
        label.setBuddy(self.items)
        layout.addWidget(label)
        layout.addWidget(self.items, 1)
        self.reading = QLabel(self)
        self.reading.setObjectName("screening_reading")
        self.reading.setWordWrap(True)
        self.reading.setProperty("role", "notice")
        layout.addWidget(self.reading)
        self.note = QPlainTextEdit(self)
        self.note.setAccessibleName(self.tr("Note"))
        self.note.setTabChangesFocus(True)
        self.note.setMaximumHeight(70)
        note_label = QLabel(self.tr("&Note"), self)
        note_label.setBuddy(self.note)
        layout.addWidget(note_label)
        layout.addWidget(self.note)
        self.message = FieldMessage(self)
        layout.addWidget(self.message)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.set_combo.currentIndexChanged.connect(lambda _i: self._fill())
        self.stage.currentIndexChanged.connect(lambda _i: self._restage())
        self.items.itemChanged.connect(lambda _i: self._read())
        self.resize(720, 620)
        self._fill()
        self.items.setFocus()

    def _restage(self) -> None:
        self.stored = self.ctx.call(current_list, self.stage.code() or "formal")
        self._fill()

    def indicator_set(self) -> str:
        """The chosen set (adults/children, labour/sexual)."""
        return self.set_combo.code() or "adult_labour"

    def _fill(self) -> None:
        lang = self.ctx.lang
        chosen = set(self.observed())
        self.items.blockSignals(True)
        self.items.clear()
        dims = {d.code: d.label(lang) for d in self.stored.indicators.dimensions}
        for ind in self.stored.indicators.for_set(self.indicator_set()):
            weight = ind.weights[self.indicator_set()]
            item = QListWidgetItem(
                f"{WEIGHT_MARK[weight]}  {ind.label(lang)} — {dims[ind.dimension]}"
            )
            item.setData(Qt.ItemDataRole.UserRole, ind.code)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            checked = ind.code in chosen
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
            self.items.addItem(item)
        self.items.blockSignals(False)
        if self.items.count():
            self.items.setCurrentRow(0)
        self._read()

    def observed(self) -> list[str]:
        """Codes of the ticked indicators."""
        return [
            str(self.items.item(i).data(Qt.ItemDataRole.UserRole))
            for i in range(self.items.count())
            if self.items.item(i).checkState() == Qt.CheckState.Checked
        ]

    def _read(self) -> None:
        r = suggested_reading(self.stored.indicators, self.indicator_set(), self.observed())
        params = {"strong": r.strong_dimensions, "total": r.dimensions_total}
        params["met"] = len(r.met_dimensions)
        self.reading.setText(render("casework.reading", params, current_lang()))

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.items.setFocus()  # where the work starts, once the dialog is on screen

    def save(self) -> None:
        """Store the screening (and close) or show what is wrong."""
        try:
            view = self.ctx.call(
                svc.record_screening,
                self.client_id,
                list_id=self.stored.id,
                stage=self.stage.code() or "formal",
                indicator_set=self.indicator_set(),
                observed={code: None for code in self.observed()},
                case_id=self.case_id,
                note=self.note.toPlainText(),
            )
        except CodedError as exc:  # a problem the user can fix: say it, keep the dialog
            self.message.say(error_text(exc))
            return
        self.saved_id = view.id
        self.ctx.data_changed.emit("events")
        self.accept()

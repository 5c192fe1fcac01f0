"""The Missing children area (Ctrl+0): the 116 000 cases with their search and outcome.

Ctrl+Shift+M opens a case (as in the intake form; Ctrl+N stays "take a new call"),
Ctrl+Shift+S records a search step, Ctrl+Shift+O the outcome, Ctrl+Shift+F schedules the
family's call-back on the follow-up board."""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from sosdesk.domain.countries import COUNTRY
from sosdesk.domain.missing_children import (
    MC_AFTER,
    MC_CATEGORY,
    MC_OUTCOME,
    MC_STEP,
    MC_SUPPORT,
    MC_SUPPORT_TO,
)
from sosdesk.domain.validation import FieldError, ValidationFailed
from sosdesk.services.missing_children import (
    MissingCaseView,
    add_step,
    get_missing_case,
    record_outcome,
    schedule_family_callback,
    search_missing_cases,
)
from sosdesk.ui.context import AppContext, DeskLocked
from sosdesk.ui.events.action_dialog import ActionDialog, keep_while_open, return_focus
from sosdesk.ui.missing.intake_hook import KEYS as OPEN_KEYS
from sosdesk.ui.missing.open_dialog import open_case_dialog
from sosdesk.ui.widgets.datetime_field import DateField, DateTimeField
from sosdesk.ui.widgets.display import with_key
from sosdesk.ui.widgets.field_message import FieldMessage
from sosdesk.ui.widgets.flow_layout import FlowLayout
from sosdesk.ui.widgets.problem_text import failure_text
from sosdesk.ui.widgets.shortcuts import shortcut
from sosdesk.ui.widgets.vocab_combo import VocabCombo

# Step details that hold a vocabulary code, shown as its label.
_CODED = {"country": COUNTRY, "support": MC_SUPPORT, "to": MC_SUPPORT_TO}
COLUMNS = ("Code", "Opened", "Child", "Category", "Police report", "Outcome")


class MissingChildrenArea(QWidget):
    """Cases newest first; the selected case's search steps below."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("MissingChildrenArea")
        self.dialog: ActionDialog | None = None
        self._cases: list[MissingCaseView] = []
        layout = QVBoxLayout(self)
        bar = QHBoxLayout()
        self.heading = QLabel(self)
        self.heading.setProperty("role", "heading")
        bar.addWidget(self.heading, 1)
        self.find_edit = QLineEdit(self)
        self.find_edit.setObjectName("missing_find")
        self.find_edit.setClearButtonEnabled(True)
        self.find_edit.textChanged.connect(lambda _t: self.reload())
        bar.addWidget(self.find_edit, 2)
        self.open_only = QCheckBox(self)
        # The tick box drawn from the palette (as MultiSelect does): visible in the dark theme.
        self.open_only.setStyleSheet(
            "QCheckBox::indicator { width: 13px; height: 13px; border-radius: 2px;"
            " border: 1px solid palette(placeholder-text); background: palette(base); }"
            "QCheckBox::indicator:checked { background: palette(link);"
            " border: 1px solid palette(link); }"
        )
        self.open_only.toggled.connect(lambda _on: self.reload())
        bar.addWidget(self.open_only)
        self.new_button = QPushButton(self)
        self.new_button.clicked.connect(self.open_case)
        self.step_button = QPushButton(self)
        self.step_button.clicked.connect(self.add_step)
        self.outcome_button = QPushButton(self)
        self.outcome_button.clicked.connect(self.record_outcome)
        self.callback_button = QPushButton(self)
        self.callback_button.clicked.connect(self.family_callback)
        self.summary_button = QPushButton(self)
        self.summary_button.clicked.connect(self.summary)
        buttons = (self.new_button, self.step_button, self.outcome_button, self.callback_button)
        layout.addLayout(bar)
        # The actions wrap onto more lines rather than widen the window (large text, Serbian).
        actions = QWidget(self)
        flow = FlowLayout(actions)
        flow.setContentsMargins(0, 0, 0, 0)
        for button in (*buttons, self.summary_button):
            flow.addWidget(button)
        layout.addWidget(actions)
        self.message = FieldMessage(self)
        layout.addWidget(self.message)
        self.table = QTableWidget(0, len(COLUMNS), self)
        self.table.setObjectName("missing_cases")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        for column in (0, 1, 4):  # code, date, police flag: as wide as they need, no more
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.table.itemSelectionChanged.connect(self._show_steps)
        layout.addWidget(self.table, 3)
        self.steps_label = QLabel(self)
        self.steps_label.setProperty("role", "muted")
        layout.addWidget(self.steps_label)
        self.steps = QListWidget(self)
        self.steps.setObjectName("missing_steps")
        layout.addWidget(self.steps, 2)
        shortcut(OPEN_KEYS, self, self.open_case)
        shortcut("Ctrl+Shift+F", self, self.family_callback)
        shortcut("Ctrl+F", self, self.find_edit.setFocus)
        shortcut("Ctrl+Shift+P", self, self.summary)
        self.find_edit.returnPressed.connect(self.table.setFocus)
        shortcut("Ctrl+Shift+S", self, self.add_step)
        shortcut("Ctrl+Shift+O", self, self.record_outcome)
        self.retranslate()
        ctx.data_changed.connect(self._changed)
        ctx.locked.connect(self.clear)
        self.reload()

    # -- Area -------------------------------------------------------------------------------

    def title(self) -> str:
        return self.tr("Missing children")

    def clear(self) -> None:
        """Drop every case from the screen (the desk locked)."""
        self._cases = []
        self.find_edit.blockSignals(True)  # clearing the query must not read the cases again
        self.find_edit.clear()
        self.find_edit.blockSignals(False)
        self.table.setRowCount(0)
        self.steps.clear()

    def reload(self) -> None:
        """Read the cases again."""
        try:
            cases = self.ctx.call(
                search_missing_cases, self.find_edit.text(), open_only=self.open_only.isChecked()
            )
        except DeskLocked:
            self.clear()
            return
        self._cases = cases
        self.table.setRowCount(len(cases))
        lang = self.ctx.lang
        for i, c in enumerate(cases):
            outcome = MC_OUTCOME.label(c.outcome, lang) if c.outcome else self.tr("searching")
            if c.after:
                outcome = f"{outcome} · {MC_AFTER.label(c.after, lang)}"
            cells = (
                c.code,
                c.opened_at.astimezone().strftime("%d.%m.%Y %H:%M"),
                c.child_name + (f" ({c.episode}.)" if c.episode > 1 else ""),
                MC_CATEGORY.label(c.category, lang),
                self.tr("reported") if c.police_reported else self.tr("not yet reported"),
                outcome,
            )
            for j, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if j == 4 and not c.police_reported:
                    # Bold, not a colour: it must read as well in the dark theme.
                    font = item.font()
                    font.setBold(True)
                    item.setFont(font)
                self.table.setItem(i, j, item)
        if cases and not self.table.selectedItems():
            self.table.selectRow(0)
        self._show_steps()

    # -- actions ----------------------------------------------------------------------------

    def _changed(self, entity: str) -> None:
        if entity in ("missing_cases", "missing_steps"):
            self.reload()

    def selected(self) -> MissingCaseView | None:
        """The case of the selected row."""
        rows = self.table.selectionModel().selectedRows()
        return self._cases[rows[0].row()] if rows and rows[0].row() < len(self._cases) else None

    def _show_steps(self) -> None:
        self.steps.clear()
        case = self.selected()
        if case is None:
            return
        try:
            full = self.ctx.call(get_missing_case, case.id)
        except (DeskLocked, PermissionError) as exc:
            self.message.show_problem(failure_text(exc))
            return
        lang = self.ctx.lang
        for s in full.steps:
            detail = ", ".join(
                _CODED[k].label(v, lang) if k in _CODED else str(v) for k, v in s.payload.items()
            )
            when = s.occurred_at.astimezone().strftime("%d.%m.%Y %H:%M")
            self.steps.addItem(f"{when}  {MC_STEP.label(s.kind, lang)}  {detail}")
        self.steps_label.setText(self.tr("Steps of the search"))
        if "trafficking" in full.risks:
            # The casework's identification screening is where a suspected victim goes next.
            self.steps_label.setText(
                self.tr(
                    "Steps of the search — trafficking indicators recorded: screen the child "
                    "for identification as a victim (Casework)"
                )
            )

    def _show(self, dialog: ActionDialog) -> None:
        keep_while_open(dialog, self)
        return_focus(dialog, self.table)  # the keyboard goes on where it was
        dialog.open()

    def open_case(self) -> None:
        """Open a case outside a call (a letter, a walk-in)."""
        self._show(open_case_dialog(self.ctx, lambda _v: None, self))

    def add_step(self) -> None:
        """Record a search step for the selected case."""
        case = self.selected()
        if case is None:
            return
        kind = VocabCombo(MC_STEP, self.ctx.lang)
        kind.setAccessibleName(self.tr("Step"))
        when = DateTimeField()
        when.set_value(datetime.now().astimezone().replace(second=0, microsecond=0))
        when.setAccessibleName(self.tr("When"))
        station = QLineEdit()
        station.setAccessibleName(self.tr("Police station or service"))
        number = QLineEdit()
        number.setAccessibleName(self.tr("Case number"))
        place = QLineEdit()
        place.setAccessibleName(self.tr("Place"))
        country = VocabCombo(COUNTRY, self.ctx.lang, empty="—")
        country.setAccessibleName(self.tr("Country"))
        note = QLineEdit()
        note.setAccessibleName(self.tr("Details"))
        consent = QLineEdit()
        consent.setAccessibleName(self.tr("Consent given by"))
        support = VocabCombo(MC_SUPPORT, self.ctx.lang, empty="—")
        support.setAccessibleName(self.tr("Support after the outcome"))
        given_to = VocabCombo(MC_SUPPORT_TO, self.ctx.lang, empty="—")
        given_to.setAccessibleName(self.tr("Support given to"))

        def submit() -> None:
            try:
                moment = when.value()
            except ValueError:
                raise ValidationFailed([FieldError("occurred_at", "field.required")]) from None
            fields = {
                "station": station.text(),
                "case_number": number.text(),
                "place": place.text(),
                "country": country.code() or "",
                "note": note.text(),
                "consent_by": consent.text(),
                "support": support.code() or "",
                "to": given_to.code() or "",
            }
            payload = {k: v for k, v in fields.items() if v.strip()}
            self.ctx.call(add_step, case.id, kind.code() or "", moment, payload)
            self.ctx.data_changed.emit("missing_steps")

        self._show(
            ActionDialog(
                self.tr("Record a search step"),
                [
                    ("kind", self.tr("&Step"), kind),
                    ("occurred_at", self.tr("&When"), when),
                    ("station", self.tr("Police s&tation or service"), station),
                    ("case_number", self.tr("Case &number"), number),
                    ("place", self.tr("&Place"), place),
                    ("country", self.tr("C&ountry"), country),
                    ("note", self.tr("&Details"), note),
                    ("consent_by", self.tr("&Consent given by"), consent),
                    ("support", self.tr("S&upport after the outcome"), support),
                    ("to", self.tr("Support &given to"), given_to),
                ],
                submit,
                self,
            )
        )

    def record_outcome(self) -> None:
        """Record how the search ended for the selected case."""
        case = self.selected()
        if case is None:
            return
        outcome = VocabCombo(MC_OUTCOME, self.ctx.lang)
        outcome.setAccessibleName(self.tr("Outcome"))
        after = VocabCombo(MC_AFTER, self.ctx.lang, empty="—")
        after.setAccessibleName(self.tr("After"))
        where = QLineEdit()
        where.setAccessibleName(self.tr("Found where"))
        by = QLineEdit()
        by.setAccessibleName(self.tr("Found by"))
        on = DateField()
        on.set_value(date.today())
        on.setAccessibleName(self.tr("Date of the outcome"))

        def submit() -> None:
            try:
                day = on.value()
            except ValueError:
                raise ValidationFailed([FieldError("on", "ui.not_date")]) from None
            if day is None:
                raise ValidationFailed([FieldError("on", "field.required")])
            self.ctx.call(
                record_outcome,
                case.id,
                outcome.code() or "",
                day,
                after=after.code(),
                found_where=where.text(),
                found_by=by.text(),
            )
            self.ctx.data_changed.emit("missing_cases")

        self._show(
            ActionDialog(
                self.tr("Record the outcome"),
                [
                    ("outcome", self.tr("&Outcome"), outcome),
                    ("after", self.tr("&After"), after),
                    ("found_where", self.tr("Found w&here"), where),
                    ("found_by", self.tr("Found &by"), by),
                    ("on", self.tr("&Date"), on),
                ],
                submit,
                self,
            )
        )

    def family_callback(self) -> None:
        """Put a call-back to the family of the selected case on the follow-up board (tomorrow)."""
        case = self.selected()
        if case is None:
            return
        try:
            self.ctx.call(schedule_family_callback, case.id)
        except (DeskLocked, PermissionError) as exc:
            self.message.show_problem(failure_text(exc))
            return
        self.ctx.data_changed.emit("followups")
        self.message.show_problem(
            self.tr("The family will be called back tomorrow (Follow-ups, Ctrl+3)."), notice=True
        )

    def summary(self) -> None:
        """The case summary PDF of the selected case (Ctrl+Shift+P)."""
        case = self.selected()
        if case is None:
            return

        def saved(number: str, name: str) -> None:
            self.message.show_problem(
                self.tr("Saved the case summary {0} as {1}.").format(number, name), notice=True
            )

        from sosdesk.ui.missing.summary_dialog import summary_dialog  # PDF code: on first use

        self._show(summary_dialog(self.ctx, case.id, saved, self))

    # -- language ---------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.heading.setText(self.tr("Missing children (116 000)"))
        self.find_edit.setPlaceholderText(self.tr("Find a case: child, place, code — any script"))
        self.find_edit.setAccessibleName(self.tr("Find a case"))
        self.open_only.setText(self.tr("Open cases only"))
        self.open_only.setAccessibleName(self.tr("Open cases only"))
        self.open_only.setMinimumWidth(self.open_only.sizeHint().width())
        self.new_button.setText(with_key(self.tr("Open a case"), OPEN_KEYS))
        self.callback_button.setText(with_key(self.tr("Call the family back"), "Ctrl+Shift+F"))
        self.summary_button.setText(with_key(self.tr("Summary PDF"), "Ctrl+Shift+P"))
        self.step_button.setText(with_key(self.tr("Search step"), "Ctrl+Shift+S"))
        self.outcome_button.setText(with_key(self.tr("Outcome"), "Ctrl+Shift+O"))
        self.table.setHorizontalHeaderLabels([self.tr(c) for c in COLUMNS])
        self.table.setAccessibleName(self.tr("Missing-child cases"))
        self.steps.setAccessibleName(self.tr("Steps of the search"))
        self.steps_label.setText(self.tr("Steps of the search"))

    def changeEvent(self, e: QEvent) -> None:
        if e.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(e)

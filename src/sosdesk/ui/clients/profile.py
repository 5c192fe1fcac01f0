"""The client profile editor: every field of the client record, vocabularies as pick lists,
multi-select where several apply. Saving writes only what changed (a new version each time,
previous values kept in the history) and refuses if someone else changed the file meanwhile.
The identification status changes through its own event (who decided it, and when).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from sosdesk.domain.countries import COUNTRY
from sosdesk.domain.phones import PhoneError, normalise_phone
from sosdesk.domain.validation import FieldError, ValidationFailed
from sosdesk.domain.vocab import (
    EXPLOITATION,
    GENDER,
    LANGUAGE,
    MEANS_OF_CONTROL,
    RECRUITER_RELATION,
    RISK_LEVEL,
    VICTIM_STATUS,
)
from sosdesk.services.clients import NotFound, client_age, update_client_fields
from sosdesk.services.views import ClientView
from sosdesk.ui.context import AppContext
from sosdesk.ui.widgets.datetime_field import DateField
from sosdesk.ui.widgets.display import display_phone, with_key
from sosdesk.ui.widgets.field_errors import FieldErrors
from sosdesk.ui.widgets.field_message import FieldMessage
from sosdesk.ui.widgets.multi_select import MultiSelect
from sosdesk.ui.widgets.shortcuts import shortcut
from sosdesk.ui.widgets.vocab_combo import VocabCombo

_LISTS = ("aliases", "phones")


class ProfileEditor(QWidget):
    """Shows and edits one client; emits `saved` after a successful save."""

    saved = Signal()
    status_change_requested = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.client: ClientView | None = None
        self._loading = False
        self.dirty = False
        self._summaries: list[Any] = []
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.general = FieldMessage(self)
        outer.addWidget(self.general)
        self.errors = FieldErrors(self.general)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        body = QWidget(scroll)
        grid = QGridLayout(body)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        # Built in reading order (left column, then right), which is also the Tab order.
        grid.addWidget(self._identity(body), 0, 0)
        grid.addWidget(self._contact(body), 1, 0)
        grid.addWidget(self._consent(body), 2, 0)
        grid.addWidget(self._situation(body), 0, 1, 2, 1)
        grid.addWidget(self._notes(body), 2, 1)
        grid.setRowStretch(3, 1)
        scroll.setWidget(body)
        outer.addWidget(scroll, 1)
        outer.addLayout(self._buttons())
        for key, slot in (("Ctrl+S", self.save), ("Ctrl+Shift+Z", self.discard)):
            shortcut(key, self, slot)

    # -- building --------------------------------------------------------------------------

    def _section(self, parent: QWidget, title: str) -> tuple[QWidget, QFormLayout]:
        box = QWidget(parent)
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        heading = QLabel(title, box)
        heading.setProperty("role", "section")
        column.addWidget(heading)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        column.addLayout(form)
        return box, form

    def _row(self, form: QFormLayout, name: str, label: str, widget: QWidget) -> Any:
        holder = QWidget(widget.parentWidget())
        column = QVBoxLayout(holder)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(widget)
        if isinstance(widget, MultiSelect):
            chosen = QLabel(holder)
            chosen.setProperty("role", "muted")
            chosen.setWordWrap(True)
            column.addWidget(chosen)

            def show_chosen(w: MultiSelect = widget, out: QLabel = chosen) -> None:
                text = w.summary()
                out.setText(self.tr("Chosen: %1").replace("%1", text) if text else "")

            widget.changed.connect(show_chosen)
            self._summaries.append(show_chosen)
        error = FieldMessage(holder)
        column.addWidget(error)
        caption = QLabel(label)
        caption.setBuddy(widget)
        form.addRow(caption, holder)
        self.errors.add(name, widget, error)
        self._watch(widget)
        return widget

    def _watch(self, widget: QWidget) -> None:
        for signal in ("textEdited", "currentIndexChanged", "changed", "toggled", "textChanged"):
            sig = getattr(widget, signal, None)
            if sig is not None and hasattr(sig, "connect"):
                sig.connect(self._touched)
                return

    def _identity(self, parent: QWidget) -> QWidget:
        box, f = self._section(parent, self.tr("Identity"))
        lang = self.ctx.lang
        self.given_name = self._row(f, "given_name", self.tr("&Given name"), QLineEdit(box))
        self.family_name = self._row(f, "family_name", self.tr("&Family name"), QLineEdit(box))
        self.nickname = self._row(f, "nickname", self.tr("Nic&kname"), QLineEdit(box))
        self.name_cyrillic = self._row(
            f, "name_cyrillic", self.tr("&Name in Cyrillic"), QLineEdit(box)
        )
        self.name_cyrillic.setPlaceholderText(
            self.tr("as Cyrillic documents print it, when the name is typed without č, ć, đ")
        )
        self.aliases = self._row(f, "aliases", self.tr("&Aliases"), QLineEdit(box))
        self.aliases.setPlaceholderText(self.tr("separate several with ;"))
        self.gender = self._row(
            f, "gender", self.tr("G&ender"), VocabCombo(GENDER, lang, parent=box)
        )
        self.birth_date = self._row(f, "birth_date", self.tr("Date of &birth"), DateField(box))
        self.birth_year = self._row(f, "birth_year", self.tr("Birth &year"), QLineEdit(box))
        self.birth_year.setPlaceholderText(self.tr("if the date is not known"))
        self.birth_year.setMaximumWidth(160)
        self.estimated_age = self._row(
            f, "estimated_age", self.tr("Estimated a&ge"), QLineEdit(box)
        )
        self.estimated_age.setPlaceholderText(self.tr("years, if neither is known"))
        self.estimated_age.setMaximumWidth(160)
        return box

    def _contact(self, parent: QWidget) -> QWidget:
        box, f = self._section(parent, self.tr("Contact and languages"))
        lang = self.ctx.lang
        self.phones = self._row(f, "phones", self.tr("&Phones"), QLineEdit(box))
        self.phones.setPlaceholderText(self.tr("e.g. 063 123 4567; separate several with ;"))
        self.address = self._row(f, "address", self.tr("Add&ress"), QLineEdit(box))
        self.citizenship = self._row(
            f,
            "citizenship",
            self.tr("&Citizenship"),
            VocabCombo(COUNTRY, lang, empty=self.tr("— not known —"), parent=box),
        )
        self.languages = self._row(
            f, "languages", self.tr("&Languages"), MultiSelect(LANGUAGE, lang, rows=4, parent=box)
        )
        return box

    def _situation(self, parent: QWidget) -> QWidget:
        box, f = self._section(parent, self.tr("Situation"))
        lang = self.ctx.lang
        status_row = QWidget(box)
        line = QHBoxLayout(status_row)
        line.setContentsMargins(0, 0, 0, 0)
        self.status_label = QLabel(status_row)
        self.status_button = QPushButton(with_key(self.tr("Change status…"), "Alt+5"), status_row)
        self.status_button.clicked.connect(self.status_change_requested.emit)
        line.addWidget(self.status_label, 1)
        line.addWidget(self.status_button)
        f.addRow(self.tr("Identification status"), status_row)
        self.exploitation_types = self._row(
            f,
            "exploitation_types",
            self.tr("E&xploitation"),
            MultiSelect(EXPLOITATION, lang, rows=5, parent=box),
        )
        self.means_of_control = self._row(
            f,
            "means_of_control",
            self.tr("&Means of control"),
            MultiSelect(MEANS_OF_CONTROL, lang, rows=5, parent=box),
        )
        self.recruiter_relation = self._row(
            f,
            "recruiter_relation",
            self.tr("Rec&ruiter was"),
            VocabCombo(RECRUITER_RELATION, lang, empty=self.tr("— not known —"), parent=box),
        )
        self.recruitment_countries = self._row(
            f,
            "recruitment_countries",
            self.tr("Recruited &in"),
            MultiSelect(COUNTRY, lang, rows=4, parent=box),
        )
        self.exploitation_countries = self._row(
            f,
            "exploitation_countries",
            self.tr("Exploi&ted in"),
            MultiSelect(COUNTRY, lang, rows=4, parent=box),
        )
        return box

    def _consent(self, parent: QWidget) -> QWidget:
        box, f = self._section(parent, self.tr("Consent and risk"))
        self.consent_date = self._row(f, "consent_date", self.tr("Consent &date"), DateField(box))
        scope = QPlainTextEdit(box)
        scope.setTabChangesFocus(True)
        scope.setFixedHeight(56)
        self.consent_scope = self._row(f, "consent_scope", self.tr("Consent &scope"), scope)
        self.consent_share = self._row(
            f,
            "consent_share_institutions",
            self.tr("Sharing"),
            QCheckBox(self.tr("Consents to sharing data with &institutions"), box),
        )
        self.risk_level = self._row(
            f,
            "risk_level",
            self.tr("Ris&k level"),
            VocabCombo(RISK_LEVEL, self.ctx.lang, parent=box),
        )
        return box

    def _notes(self, parent: QWidget) -> QWidget:
        box, f = self._section(parent, self.tr("Notes"))
        notes = QPlainTextEdit(box)
        notes.setTabChangesFocus(True)
        notes.setMinimumHeight(120)
        self.notes = self._row(f, "notes", self.tr("N&otes"), notes)
        return box

    def _buttons(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.state = QLabel(self)
        self.state.setProperty("role", "muted")
        row.addWidget(self.state, 1)
        self.discard_button = QPushButton(
            with_key(self.tr("Discard changes"), "Ctrl+Shift+Z"), self
        )
        self.discard_button.clicked.connect(self.discard)
        self.save_button = QPushButton(with_key(self.tr("Save profile"), "Ctrl+S"), self)
        self.save_button.setProperty("role", "primary")
        self.save_button.clicked.connect(self.save)
        row.addWidget(self.discard_button)
        row.addWidget(self.save_button)
        return row

    # -- data ------------------------------------------------------------------------------

    def _touched(self, *_args: object) -> None:
        if not self._loading and self.client is not None:
            self.dirty = True
            self.state.setText(self.tr("Unsaved changes"))

    def show_client(self, client: ClientView) -> None:
        """Fill every field from the client (dropping unsaved edits)."""
        self._loading = True
        self.client = client
        self.errors.clear()
        self.given_name.setText(client.given_name or "")
        self.family_name.setText(client.family_name or "")
        self.nickname.setText(client.nickname or "")
        self.name_cyrillic.setText(client.name_cyrillic or "")
        self.aliases.setText("; ".join(client.aliases))
        self.gender.set_code(client.gender)
        self.birth_date.set_value(client.birth_date)
        self.birth_year.setText(str(client.birth_year) if client.birth_year else "")
        # One age on screen (issue 18): with a birth date or year the estimate is superseded;
        # the field is left empty and says the age the header shows, computed the same way.
        known = client.birth_date is not None or client.birth_year is not None
        self.estimated_age.setText(
            "" if client.estimated_age is None or known else str(client.estimated_age)
        )
        age = client_age(client)
        self.estimated_age.setPlaceholderText(
            self.tr("{0} years, from the birth date or year").format(age)
            if known and age is not None
            else self.tr("years, if neither is known")
        )
        self.phones.setText("; ".join(display_phone(p) for p in client.phones))
        self.address.setText(client.address or "")
        self.citizenship.set_code(client.citizenship)
        self.languages.set_codes(client.languages)
        self.status_label.setText(VICTIM_STATUS.label(client.status, self.ctx.lang))
        self.exploitation_types.set_codes(client.exploitation_types)
        self.means_of_control.set_codes(client.means_of_control)
        self.recruiter_relation.set_code(client.recruiter_relation)
        self.recruitment_countries.set_codes(client.recruitment_countries)
        self.exploitation_countries.set_codes(client.exploitation_countries)
        self.consent_date.set_value(client.consent_date)
        self.consent_scope.setPlainText(client.consent_scope or "")
        self.consent_share.setChecked(client.consent_share_institutions)
        self.risk_level.set_code(client.risk_level)
        self.notes.setPlainText(client.notes or "")
        for refresh in self._summaries:
            refresh()
        self.dirty = False
        self.state.setText(self.tr("Version %1").replace("%1", str(client.version)))
        self._loading = False

    def show_status(self, status: str) -> None:
        """The identification status (changed through its own event, never edited here)."""
        self.status_label.setText(VICTIM_STATUS.label(status, self.ctx.lang))

    def clear(self) -> None:
        """Empty every field (lock)."""
        self._loading = True
        self.client = None
        for w in (
            self.given_name,
            self.family_name,
            self.nickname,
            self.name_cyrillic,
            self.aliases,
            self.birth_date,
            self.birth_year,
            self.estimated_age,
            self.phones,
            self.address,
        ):
            w.clear()
        for p in (self.consent_scope, self.notes):
            p.clear()
        self.consent_date.clear()
        for m in (
            self.languages,
            self.exploitation_types,
            self.means_of_control,
            self.recruitment_countries,
            self.exploitation_countries,
        ):
            m.set_codes([])
        for refresh in self._summaries:
            refresh()
        self.status_label.clear()
        self.consent_share.setChecked(False)
        self.errors.clear()
        self.state.clear()
        self.dirty = False
        self._loading = False

    def _number(self, edit: QLineEdit, name: str, errors: list[FieldError]) -> int | None:
        text = edit.text().strip()
        if not text:
            return None
        if not text.isdigit():
            errors.append(FieldError(name, "ui.digits_only"))
            return None
        return int(text)

    def form_data(self) -> tuple[dict[str, Any], list[FieldError]]:
        """Every editable field as the service takes it, and what could not be read."""
        errors: list[FieldError] = []
        data: dict[str, Any] = {
            "given_name": self.given_name.text(),
            "family_name": self.family_name.text(),
            "nickname": self.nickname.text(),
            "name_cyrillic": self.name_cyrillic.text(),
            "aliases": [a.strip() for a in self.aliases.text().split(";") if a.strip()],
            "gender": self.gender.code(),
            "birth_year": self._number(self.birth_year, "birth_year", errors),
            "estimated_age": self._number(self.estimated_age, "estimated_age", errors),
            "phones": [p.strip() for p in self.phones.text().split(";") if p.strip()],
            "address": self.address.text(),
            "citizenship": self.citizenship.code(),
            "languages": self.languages.codes(),
            "exploitation_types": self.exploitation_types.codes(),
            "means_of_control": self.means_of_control.codes(),
            "recruiter_relation": self.recruiter_relation.code(),
            "recruitment_countries": self.recruitment_countries.codes(),
            "exploitation_countries": self.exploitation_countries.codes(),
            "consent_scope": self.consent_scope.toPlainText(),
            "consent_share_institutions": self.consent_share.isChecked(),
            "risk_level": self.risk_level.code(),
            "notes": self.notes.toPlainText(),
        }
        for n, raw in enumerate(data["phones"], 1):
            try:
                normalise_phone(raw)
            except PhoneError as exc:  # say which of several numbers is wrong, by its place
                kind = "bad_length" if exc.code == "phone.bad_length" else "bad_chars"
                errors.append(FieldError("phones", f"ui.phone_entry_{kind}", n=n))
        for name, field in (("birth_date", self.birth_date), ("consent_date", self.consent_date)):
            try:
                data[name] = field.value()
            except ValueError:
                errors.append(FieldError(name, "ui.not_date"))
        return data, errors

    def _changes(self, data: dict[str, Any]) -> dict[str, Any]:
        assert self.client is not None
        out = {}
        for name, value in data.items():
            old = getattr(self.client, name)
            old = list(old) if isinstance(old, tuple) else old
            if isinstance(value, str):
                value_cmp: Any = value.strip() or None
            else:
                value_cmp = value
            if value_cmp != old and not (value_cmp in (None, [], "") and old in (None, [], "")):
                out[name] = value
        if "birth_date" in out and "birth_year" not in out and out["birth_date"] is not None:
            out["birth_year"] = out["birth_date"].year  # the year follows a new date
        return out

    def save(self) -> bool:
        """Save what changed; inline messages and nothing saved when anything is wrong."""
        if self.client is None:
            return False
        data, errors = self.form_data()
        if errors:
            self.errors.show(errors)
            return False
        changes = self._changes(data)
        if not changes:
            self.errors.clear()
            self.dirty = False
            self.state.setText(self.tr("Nothing to save"))
            return True
        try:
            original = {name: getattr(self.client, name) for name in changes}
            self.ctx.call(update_client_fields, self.client.id, changes, original)
        except ValidationFailed as exc:
            self.errors.show(exc.errors)
            return False
        except NotFound:
            self.errors.show([FieldError("client", "ui.client_gone")])
            return False
        self.errors.clear()
        self.dirty = False
        self.ctx.data_changed.emit("clients")
        self.saved.emit()
        return True

    def discard(self) -> None:
        """Drop unsaved edits."""
        if self.client is not None:
            self.show_client(self.client)

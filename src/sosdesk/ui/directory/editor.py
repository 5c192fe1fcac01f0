"""Add or edit a directory entry: every field, with inline messages; refuses to overwrite a
change someone else made meanwhile.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QCheckBox, QLineEdit, QPlainTextEdit, QWidget

from sosdesk.domain.validation import FieldError, ValidationFailed
from sosdesk.domain.vocab import DIRECTORY_KIND, LANGUAGE
from sosdesk.services.directory import DirectoryView, create_entry, update_entry
from sosdesk.ui.context import AppContext
from sosdesk.ui.events.action_dialog import ActionDialog
from sosdesk.ui.widgets.datetime_field import DateField
from sosdesk.ui.widgets.display import display_phone, tr
from sosdesk.ui.widgets.multi_select import MultiSelect
from sosdesk.ui.widgets.vocab_combo import VocabCombo


def _text_box(height: int = 60) -> QPlainTextEdit:
    box = QPlainTextEdit()
    box.setTabChangesFocus(True)
    box.setFixedHeight(height)
    return box


def entry_dialog(
    ctx: AppContext, entry: DirectoryView | None, parent: QWidget | None = None
) -> ActionDialog:
    """A dialog that creates an entry (`entry=None`) or edits one."""
    lang = ctx.lang
    kind = VocabCombo(DIRECTORY_KIND, lang, empty=tr("— choose —"))
    name, organisation, city = QLineEdit(), QLineEdit(), QLineEdit()
    address, phones, email = QLineEdit(), QLineEdit(), QLineEdit()
    phones.setPlaceholderText(tr("e.g. 011 334 5566; separate several with ;"))
    languages = MultiSelect(LANGUAGE, lang, rows=4)
    specialisation, notes = _text_box(), _text_box()
    verified = DateField()
    active = QCheckBox(tr("Active (offered in pick lists)"))
    active.setChecked(True)
    if entry is not None:
        kind.set_code(entry.kind)
        name.setText(entry.name)
        organisation.setText(entry.organisation or "")
        city.setText(entry.city or "")
        address.setText(entry.address or "")
        phones.setText("; ".join(display_phone(p) for p in entry.phones))
        email.setText(entry.email or "")
        languages.set_codes(entry.languages)
        specialisation.setPlainText(entry.specialisation or "")
        notes.setPlainText(entry.notes or "")
        verified.set_value(entry.last_verified)
        active.setChecked(entry.active)

    def submit() -> None:
        try:
            when = verified.value()
        except ValueError:
            raise ValidationFailed([FieldError("last_verified", "ui.not_date")]) from None
        data: dict[str, Any] = {
            "kind": kind.code(),
            "name": name.text(),
            "organisation": organisation.text(),
            "city": city.text(),
            "address": address.text(),
            "phones": [p for p in phones.text().split(";") if p.strip()],
            "email": email.text(),
            "languages": languages.codes(),
            "specialisation": specialisation.toPlainText(),
            "notes": notes.toPlainText(),
            "last_verified": when,
            "active": active.isChecked(),
        }
        if entry is None:
            ctx.call(create_entry, data)
        else:
            ctx.call(update_entry, entry.id, data, expected_version=entry.version)
        ctx.data_changed.emit("directory")

    rows = [
        ("kind", tr("&Kind"), kind),
        ("name", tr("&Name"), name),
        ("organisation", tr("&Organisation"), organisation),
        ("city", tr("&City"), city),
        ("address", tr("Add&ress"), address),
        ("phones", tr("&Phones"), phones),
        ("email", tr("&E-mail"), email),
        ("languages", tr("&Languages"), languages),
        ("specialisation", tr("&Specialisation"), specialisation),
        ("notes", tr("No&tes"), notes),
        ("last_verified", tr("Last &verified"), verified),
        ("active", tr("Status"), active),
    ]
    title = tr("New directory entry") if entry is None else tr("Edit directory entry")
    return ActionDialog(title, rows, submit, parent)

"""Assistance given: type, sub-type, provider from the directory, cost with currency, note."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QWidget

from sosdesk.domain.validation import FieldError
from sosdesk.domain.vocab import ASSISTANCE, CURRENCY
from sosdesk.ui.events.base import EventForm
from sosdesk.ui.widgets.directory_picker import DirectoryPicker
from sosdesk.ui.widgets.vocab_combo import VocabCombo


class AssistanceForm(EventForm):
    kind = "assistance"

    def build(self) -> None:
        lang = self.ctx.lang
        top = [t for t in ASSISTANCE if not t.group]
        self.type = VocabCombo(
            ASSISTANCE, lang, empty=self.tr("— choose —"), terms=top, parent=self
        )
        self.subtype = VocabCombo(
            ASSISTANCE, lang, empty=self.tr("— none —"), terms=[], parent=self
        )
        self.provider = DirectoryPicker(self.ctx, parent=self)
        self.provider.setToolTip(
            self.tr(
                "Type any part of a name from the directory, in any "
                "script, or a provider that is not listed"
            )
        )
        money = QWidget(self)
        row = QHBoxLayout(money)
        row.setContentsMargins(0, 0, 0, 0)
        self.amount = QLineEdit(money)
        self.amount.setPlaceholderText(self.tr("e.g. 1500.00"))
        self.amount.setMaximumWidth(160)
        self.currency = VocabCombo(CURRENCY, lang, parent=money)
        for i, t in enumerate(CURRENCY):
            self.currency.setItemText(i, t.code)
        self.currency.set_code("RSD")
        row.addWidget(self.amount)
        row.addWidget(self.currency)
        row.addStretch(1)
        self.note = self.note_edit()
        self.add_row("type", self.tr("&Type"), self.type)
        self.add_row("subtype", self.tr("S&ub-type"), self.subtype)
        self.add_row("provider", self.tr("&Provider"), self.provider)
        self.add_row("amount", self.tr("C&ost"), money)
        self.errors.add("currency", self.currency, self.errors.general)
        self.add_row("note", self.tr("&Note"), self.note)
        self.type.currentIndexChanged.connect(self._type_changed)
        self._type_changed()  # no sub-types until a type is chosen
        self.setTabOrder(self.amount, self.currency)

    def _type_changed(self) -> None:
        code = self.type.code()
        subs = ASSISTANCE.in_group(code) if code else []
        self.subtype.set_terms(subs, self.tr("— none —"))
        self.subtype.setEnabled(bool(subs))

    def tidy(self, errors: list[FieldError]) -> list[FieldError]:
        # An unreadable amount also makes the validator see "a currency without an amount".
        bad_amount = any(e.field == "amount" and "currency" not in e.message for e in errors)
        return [
            e
            for e in errors
            if not (
                bad_amount and e.field == "amount" and e.message.startswith("a currency without")
            )
        ]

    def reload(self) -> None:
        self.provider.reload()

    def payload(self) -> dict[str, Any]:
        amount = self.amount.text().strip()
        return {
            "type": self.type.code(),
            "subtype": self.subtype.code(),
            "provider_id": self.provider.entry_id(),
            "provider": self.provider.name(),
            "amount": amount or None,
            "currency": self.currency.code() if amount else None,
            "note": self.text_of(self.note),
        }

    def load(self, payload: dict[str, Any]) -> None:
        self.type.set_code(payload.get("type"))
        self._type_changed()
        self.subtype.set_code(payload.get("subtype"))
        self.provider.set_value(payload.get("provider_id"), payload.get("provider"))
        self.amount.setText(payload.get("amount") or "")
        self.currency.set_code(payload.get("currency") or "RSD")
        self.note.setPlainText(payload.get("note") or "")

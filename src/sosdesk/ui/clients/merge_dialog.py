"""Merge another registration of the same person into this client (Ctrl+Shift+J): the other
client's code, the fields to take from it, and the reason. Its calls, events, cases, follow-ups
and documents move here; its code stays an alias."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QListWidget, QListWidgetItem, QWidget

from sosdesk.domain.validation import FieldError, ValidationFailed
from sosdesk.services.errors import NotAllowed, NotFound
from sosdesk.services.merge import ABSORB, BOTH, FIELDS, LIST_FIELDS, merge_clients
from sosdesk.ui.context import AppContext
from sosdesk.ui.events.action_dialog import ActionDialog


class MergeDialog(ActionDialog):
    """The absorbed client's code, the fields it gives, the reason; saving merges."""

    def __init__(self, ctx: AppContext, keep_code: str, parent: QWidget | None = None) -> None:
        self.ctx = ctx
        self.keep_code = keep_code
        self.absorb_edit = QLineEdit()
        self.absorb_edit.setAccessibleName(self.tr("Code of the client merged into this one"))
        self.absorb_edit.setPlaceholderText("BG1-2026-0001")
        self.fields = QListWidget()
        self.fields.setAccessibleName(self.tr("Fields taken from the other client"))
        self.fields.setMaximumHeight(160)
        labels = self.labels()
        for name in FIELDS:
            item = QListWidgetItem(labels[name], self.fields)
            item.setData(Qt.ItemDataRole.UserRole, name)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
        self.fields.setCurrentRow(0)
        self.reason_edit = QLineEdit()
        self.reason_edit.setAccessibleName(self.tr("Why they are the same person"))
        super().__init__(
            self.tr("Merge two clients"),
            [
                ("absorb", self.tr("&Other client's code:"), self.absorb_edit),
                ("fields", self.tr("&Take from it (Space ticks):"), self.fields),
                ("reason", self.tr("&Reason:"), self.reason_edit),
            ],
            self._save,
            parent,
            intro=self.tr(
                "The other client's calls, events, cases, follow-ups and documents move to "
                "{0}; its code stays searchable as an alias. Ticked lists are joined."
            ).format(keep_code),
        )

    def labels(self) -> dict[str, str]:
        """The fields a merge may take, as the form names them."""
        return {
            "given_name": self.tr("Given name"),
            "family_name": self.tr("Family name"),
            "nickname": self.tr("Nickname"),
            "name_cyrillic": self.tr("Name in Cyrillic"),
            "gender": self.tr("Gender"),
            "birth_date": self.tr("Date of birth"),
            "birth_year": self.tr("Year of birth"),
            "estimated_age": self.tr("Estimated age"),
            "citizenship": self.tr("Citizenship"),
            "languages": self.tr("Languages"),
            "phones": self.tr("Phones"),
            "address": self.tr("Address"),
            "status": self.tr("Status"),
            "exploitation_types": self.tr("Types of exploitation"),
            "means_of_control": self.tr("Means of control"),
            "recruiter_relation": self.tr("Relation to the recruiter"),
            "recruitment_countries": self.tr("Countries of recruitment"),
            "exploitation_countries": self.tr("Countries of exploitation"),
            "consent_date": self.tr("Consent date"),
            "consent_scope": self.tr("Consent scope"),
            "consent_share_institutions": self.tr("Consent to share with institutions"),
            "risk_level": self.tr("Risk level"),
            "notes": self.tr("Notes"),
        }

    def choices(self) -> dict[str, str]:
        """The ticked fields: taken from the other client (lists joined)."""
        out: dict[str, str] = {}
        for i in range(self.fields.count()):
            item = self.fields.item(i)
            if item.checkState() == Qt.CheckState.Checked:
                name = str(item.data(Qt.ItemDataRole.UserRole))
                out[name] = BOTH if name in LIST_FIELDS else ABSORB
        return out

    def _save(self) -> None:
        absorb = self.absorb_edit.text().strip().upper()
        if not absorb:
            raise ValidationFailed([FieldError("absorb", "merge.code_required")])
        try:
            self.ctx.call(
                merge_clients, self.keep_code, absorb, self.reason_edit.text(), self.choices()
            )
        except ValidationFailed as exc:
            raise ValidationFailed(
                [
                    e if e.field in ("reason",) else FieldError("absorb", e.code, **e.params)
                    for e in exc.errors
                ]
            ) from None
        except NotFound as exc:
            raise ValidationFailed([FieldError("absorb", exc.code, **exc.params)]) from None
        except NotAllowed as exc:
            raise ValidationFailed([FieldError("absorb", exc.code, **exc.params)]) from None

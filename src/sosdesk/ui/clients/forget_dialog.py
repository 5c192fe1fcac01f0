"""Anonymise or erase this client on request (Ctrl+Shift+Del, coordinator): the way, the legal
basis, the reason, and the client's code typed again as confirmation. A client with an open
court proceeding also needs the box ticked."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit, QWidget

from sosdesk.domain.validation import FieldError, ValidationFailed
from sosdesk.services.erasure import LEGAL_BASES, ErasureRefused, ErasureView, forget
from sosdesk.services.errors import NotAllowed
from sosdesk.services.forgetting import ANONYMISE, ERASE
from sosdesk.ui.context import AppContext
from sosdesk.ui.events.action_dialog import ActionDialog


class ForgetDialog(ActionDialog):
    """Way, legal basis, reason and confirmation; saving anonymises or erases the client."""

    def __init__(self, ctx: AppContext, code: str, parent: QWidget | None = None) -> None:
        self.ctx = ctx
        self.code = code
        self.result_view: ErasureView | None = None
        self.mode_box = QComboBox()
        self.mode_box.addItem(self.tr("Anonymise (keep coded facts for statistics)"), ANONYMISE)
        self.mode_box.addItem(self.tr("Erase everything"), ERASE)
        self.mode_box.setAccessibleName(self.tr("Anonymise or erase"))
        self.basis_box = QComboBox()
        bases = self.bases()
        for name in LEGAL_BASES:
            self.basis_box.addItem(bases[name], name)
        self.basis_box.setAccessibleName(self.tr("Legal basis"))
        self.reason_edit = QLineEdit()
        self.reason_edit.setAccessibleName(self.tr("Reason (the request and its date)"))
        self.confirm_edit = QLineEdit()
        self.confirm_edit.setAccessibleName(self.tr("The client's code, typed as confirmation"))
        self.despite = QCheckBox(self.tr("Even though a court proceeding is open"))
        self.despite.setAccessibleName(self.tr("Even though a court proceeding is open"))
        super().__init__(
            self.tr("Anonymise or erase the client"),
            [
                ("mode", self.tr("&Way:"), self.mode_box),
                ("legal_basis", self.tr("Legal &basis:"), self.basis_box),
                ("reason", self.tr("&Reason:"), self.reason_edit),
                ("confirm", self.tr("Type the &code {0}:").format(code), self.confirm_edit),
                ("despite", self.tr("&Court:"), self.despite),
            ],
            self._save,
            parent,
            intro=self.tr(
                "This cannot be undone. It travels to the office and every desk; the audit "
                "keeps that it was done, not the data."
            ),
        )
        self.setMinimumWidth(620)

    def bases(self) -> dict[str, str]:
        """The legal bases (ZZPL 2018) as the form names them."""
        return {
            "request": self.tr("Request of the person (art. 30)"),
            "purpose_fulfilled": self.tr("Purpose fulfilled"),
            "consent_withdrawn": self.tr("Consent withdrawn"),
            "unlawful": self.tr("Unlawful processing"),
            "legal_obligation": self.tr("Legal obligation"),
            "retention": self.tr("Retention period over"),
        }

    def _save(self) -> None:
        if self.confirm_edit.text().strip().upper() != self.code:
            raise ValidationFailed([FieldError("confirm", "erasure.confirm_code", code=self.code)])
        try:
            self.result_view = self.ctx.call(
                forget,
                self.code,
                str(self.mode_box.currentData()),
                self.reason_edit.text(),
                legal_basis=str(self.basis_box.currentData()),
                despite_proceeding=self.despite.isChecked(),
                compact=False,  # the vacuum runs in the pool afterwards (FileView._forgotten)
            )
        except ErasureRefused as exc:
            where = "despite" if exc.code == "erasure.open_proceeding" else "mode"
            raise ValidationFailed([FieldError(where, exc.code, **exc.params)]) from None
        except NotAllowed as exc:
            raise ValidationFailed([FieldError("mode", exc.code, **exc.params)]) from None

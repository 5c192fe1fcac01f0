"""The professional's identification decision (identified, not identified, referred elsewhere)
with reasons. The screening's suggested reading is shown beside it and decides nothing; the days
since the report are counted by the service."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QLineEdit, QWidget

from sosdesk.domain.casework_vocab import ID_OUTCOME
from sosdesk.domain.messages import render
from sosdesk.services import casework as svc
from sosdesk.ui.casework.form_dialog import FormDialog
from sosdesk.ui.context import AppContext
from sosdesk.ui.i18n import current_lang
from sosdesk.ui.widgets.datetime_field import format_date
from sosdesk.ui.widgets.vocab_combo import VocabCombo


class DecisionDialog(FormDialog):
    """Decide on one client's identification, for her case."""

    def __init__(
        self, ctx: AppContext, client_id: str, case_id: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(ctx, "", parent)
        self.setWindowTitle(self.tr("Identification decision"))
        self.client_id, self.case_id = client_id, case_id
        self.pending: svc.PendingIdentification = ctx.call(svc.pending_identification, client_id)
        self.context = QLabel(self)
        self.context.setObjectName("decision_context")
        self.context.setWordWrap(True)
        self.context.setProperty("role", "notice")
        self.body.insertWidget(0, self.context)
        self.outcome = VocabCombo(ID_OUTCOME, ctx.lang, empty="—", parent=self)
        self.outcome.setAccessibleName(self.tr("Decision"))
        self.reasons = self.rows.note_edit()
        self.reasons.setAccessibleName(self.tr("Reasons"))
        self.referred = QLineEdit(self)
        self.referred.setAccessibleName(self.tr("Referred to"))
        self.add_row("outcome", self.tr("&Decision"), self.outcome)
        self.add_row("reasons", self.tr("&Reasons"), self.reasons)
        self.add_row(
            "referred_to", self.tr("Referred &to (when referred elsewhere)"), self.referred
        )
        self.context.setText(self._context_text())

    def _context_text(self) -> str:
        p = self.pending
        parts = []
        if p.reported_at is not None:
            day = format_date(p.reported_at.astimezone().date())
            parts.append(self.tr("Report received on %1.").replace("%1", day))
        else:
            parts.append(self.tr("No report for identification is on record."))
        if p.reading is not None:
            params = {
                "strong": int(p.reading.get("strong_dimensions") or 0),
                "total": int(p.reading.get("dimensions_total") or 0),
                "met": len(p.reading.get("met_dimensions") or ()),
            }
            parts.append(render("casework.reading", params, current_lang()))
        else:
            parts.append(self.tr("No screening since the report."))
        return " ".join(parts)

    def submit(self) -> object:
        return self.ctx.call(
            svc.decide_identification,
            self.client_id,
            outcome=self.outcome.code() or "",
            reasons=self.reasons.toPlainText(),
            case_id=self.case_id,
            report_id=self.pending.report_id,
            screening_id=self.pending.screening_id,
            referred_to=self.referred.text(),
        )

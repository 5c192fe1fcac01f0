"""Beside the client part of the intake form: the returning caller recognised as the number or
a new client's name is typed (Alt+I links), and the safety card of a linked client.

The card is plain text in labels (client data is never read as markup) and is emptied on lock.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from sosdesk.domain.vocab import CASE_PHASE, LANGUAGE, LINE, RISK_LEVEL, URGENCY
from sosdesk.services.caller_card import SafetyCard, recognise, safety_card
from sosdesk.services.errors import NotAllowed, NotFound
from sosdesk.services.session import StoreError
from sosdesk.services.views import SearchHit
from sosdesk.ui.context import AppContext
from sosdesk.ui.widgets.datetime_field import format_local
from sosdesk.ui.widgets.problem_text import error_text
from sosdesk.ui.workers import LatestOnly

LINK_KEY = "Alt+I"  # "identify"; Alt+K would open the View menu in Serbian (Pri&kaz)


class CallerCardPanel(QFrame):
    """The recognised caller (one key to link) and the linked client's safety card."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("caller_card")
        self.match: SearchHit | None = None
        self.card: SafetyCard | None = None
        self._typed = ("", "")
        self.match_label = QLabel(self)
        self.match_label.setObjectName("caller_match")
        self.match_label.setWordWrap(True)
        self.match_label.setProperty("role", "notice")
        self.title = QLabel(self)
        self.title.setObjectName("safety_card_title")
        self.title.setProperty("role", "section")
        self.body = QLabel(self)
        self.body.setObjectName("safety_card_body")
        self.body.setWordWrap(True)
        for label in (self.match_label, self.title, self.body):
            label.setTextFormat(Qt.TextFormat.PlainText)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(4)
        box.addWidget(self.match_label)
        box.addWidget(self.title)
        box.addWidget(self.body)
        self.runner = LatestOnly(ctx.pool, self)
        self.runner.answered.connect(self._show_match)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(60)
        self._timer.timeout.connect(self._lookup)
        self.clear()

    # -- recognising the caller -------------------------------------------------------------

    def typed(self, phone: str, name: str) -> None:
        """The caller's number or a new client's name changed: look again shortly."""
        self._typed = (phone, name)
        self._timer.start()

    def _lookup(self) -> None:
        phone, name = self._typed
        if self.ctx.is_locked or self.card is not None or not (phone.strip() or name.strip()):
            self._show_match([])
            return
        call = self.ctx.caller()
        self.runner.submit(lambda: call(recognise, phone, name, 3))

    def _show_match(self, hits: object) -> None:
        found = [h for h in hits if isinstance(h, SearchHit)] if isinstance(hits, list) else []
        self.match = found[0] if found and not self.ctx.is_locked and self.card is None else None
        if self.match is None:
            self.match_label.hide()
            return
        more = len(found) - 1
        text = self.tr("Known client: {0} — {1} links the call").format(self.match.title, LINK_KEY)
        if more:
            text += " " + self.tr("({0} more match; Alt+L to choose)").format(more)
        self.match_label.setText(text)
        self.match_label.setAccessibleName(text)
        self.match_label.show()

    def take_match(self) -> SearchHit | None:
        """The recognised client to link (None when nothing is recognised)."""
        hit, self.match = self.match, None
        self.match_label.hide()
        return hit

    # -- the safety card --------------------------------------------------------------------

    def show_card(self, client_id: str | None) -> None:
        """Load and show the card of the linked client (`None`: no card)."""
        if client_id is None or self.ctx.is_locked:
            self.clear()
            return
        self.match = None
        self.match_label.hide()
        try:
            self.card = self.ctx.call(safety_card, client_id)
        except NotAllowed as exc:
            self.card = None
            self.title.setText(self.tr("Safety card"))
            self.body.setText(error_text(exc))
            self.title.show()
            self.body.show()
            return
        except (NotFound, StoreError):
            self.clear()
            return
        self._render()

    def clear(self) -> None:
        """No match, no card (on unlink, reset and lock)."""
        self.runner.cancel()
        self.match = self.card = None
        for label in (self.match_label, self.title, self.body):
            label.clear()
            label.hide()

    def _render(self) -> None:
        card, lang = self.card, self.ctx.lang
        if card is None:
            return
        lines = [
            self.tr("Risk: {0}").format(RISK_LEVEL.label(card.risk_level, lang)),
            self.tr("Safety plan: {0}").format(card.safety_plan or self.tr("nothing written")),
            self.tr("Language: {0}").format(
                ", ".join(LANGUAGE.label(c, lang) for c in card.languages) or "—"
            ),
            self.tr("Consent to share with institutions: {0}").format(
                self.tr("yes") if card.consent_share_institutions else self.tr("no")
            ),
        ]
        if card.case_id:
            lines.append(
                self.tr("Open case: {0}; case manager: {1}").format(
                    CASE_PHASE.label(card.case_phase or "", lang), card.case_manager or "—"
                )
            )
        else:
            lines.append(self.tr("No open case"))
        lines.append(self.tr("Open follow-ups: {0}").format(len(card.followups) or "—"))
        for f in card.followups[:3]:
            mark = self.tr("OVERDUE") + " " if f.overdue else ""
            lines.append(f"  • {mark}{format_local(f.due_at)}  {f.what[:80]}")
        lines.append(self.tr("Last contacts: {0}").format(len(card.recent) or "—"))
        for c in card.recent:
            lines.append(
                f"  • {format_local(c.started_at)}  {LINE.label(c.line, lang)}  "
                f"{URGENCY.label(c.urgency, lang)}  {c.summary[:60]}"
            )
        self.title.setText(self.tr("Safety card: {0}  {1}").format(card.code, card.name))
        self.body.setText("\n".join(lines))
        self.body.setAccessibleName(self.tr("Safety card"))
        self.title.show()
        self.body.show()

    def changeEvent(self, e: QEvent) -> None:
        if e.type() == QEvent.Type.LanguageChange and self.card is not None:
            self._render()
        super().changeEvent(e)

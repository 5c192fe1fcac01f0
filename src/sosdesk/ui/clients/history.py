"""The history of a client file: identification status over time (who decided), and every
edited field with its previous and new value, who changed it and when.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from sosdesk.domain.countries import COUNTRY
from sosdesk.domain.vocab import (
    EXPLOITATION,
    GENDER,
    LANGUAGE,
    MEANS_OF_CONTROL,
    RECRUITER_RELATION,
    RISK_LEVEL,
    VICTIM_STATUS,
    Vocabulary,
)
from sosdesk.services.audit_log import who_opened
from sosdesk.services.client_history import field_history, status_history
from sosdesk.services.errors import NotAllowed
from sosdesk.ui.context import AppContext
from sosdesk.ui.widgets.datetime_field import format_date, format_local
from sosdesk.ui.widgets.display import tr

_VOCAB: dict[str, Vocabulary] = {
    "gender": GENDER,
    "status": VICTIM_STATUS,
    "risk_level": RISK_LEVEL,
    "recruiter_relation": RECRUITER_RELATION,
    "citizenship": COUNTRY,
    "languages": LANGUAGE,
    "exploitation_types": EXPLOITATION,
    "means_of_control": MEANS_OF_CONTROL,
    "recruitment_countries": COUNTRY,
    "exploitation_countries": COUNTRY,
}


def field_label(name: str) -> str:
    """The label of a client field in history lists."""
    return {
        "given_name": tr("Given name"),
        "family_name": tr("Family name"),
        "nickname": tr("Nickname"),
        "aliases": tr("Aliases"),
        "gender": tr("Gender"),
        "birth_date": tr("Date of birth"),
        "birth_year": tr("Birth year"),
        "estimated_age": tr("Estimated age"),
        "citizenship": tr("Citizenship"),
        "languages": tr("Languages"),
        "phones": tr("Phones"),
        "address": tr("Address"),
        "status": tr("Identification status"),
        "exploitation_types": tr("Exploitation"),
        "means_of_control": tr("Means of control"),
        "recruiter_relation": tr("Recruiter was"),
        "recruitment_countries": tr("Recruited in"),
        "exploitation_countries": tr("Exploited in"),
        "consent_date": tr("Consent date"),
        "consent_scope": tr("Consent scope"),
        "consent_share_institutions": tr("Sharing with institutions"),
        "risk_level": tr("Risk level"),
        "notes": tr("Notes"),
        "code": tr("Code"),
    }.get(name, name)


def field_value(name: str, value: Any, lang: str) -> str:
    """A stored value (as in the outbox) as a person reads it."""
    if value is None or value == [] or value == "":
        return "—"
    vocab = _VOCAB.get(name)
    if isinstance(value, list):
        return ", ".join(vocab.label(str(v), lang) if vocab else str(v) for v in value)
    if isinstance(value, bool):
        return tr("yes") if value else tr("no")
    if vocab is not None:
        return vocab.label(str(value), lang)
    if name in ("birth_date", "consent_date"):
        try:
            return format_date(date.fromisoformat(str(value)))
        except ValueError:
            return str(value)
    return str(value)


def _table(parent: QWidget, headers: list[str]) -> QTableWidget:
    t = QTableWidget(0, len(headers), parent)
    t.setHorizontalHeaderLabels(headers)
    t.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    t.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    t.verticalHeader().hide()
    t.setWordWrap(True)
    t.setAlternatingRowColors(True)
    t.setTabKeyNavigation(False)
    t.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    t.horizontalHeader().setStretchLastSection(True)
    return t


class ClientHistoryView(QWidget):
    """Status history and field changes of one client."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.client_id: str | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.status_table = _table(
            self,
            [
                self.tr("When"),
                self.tr("From"),
                self.tr("To"),
                self.tr("Decided by"),
                self.tr("Recorded by"),
                self.tr("Note"),
            ],
        )
        self.status_table.setMaximumHeight(180)
        self.fields_table = _table(
            self,
            [
                self.tr("When"),
                self.tr("Field"),
                self.tr("Previous value"),
                self.tr("New value"),
                self.tr("Changed by"),
                self.tr("Version"),
            ],
        )
        for table, stretch in (
            (self.status_table, 5),
            (self.fields_table, 2),
            (self.fields_table, 3),
        ):
            table.horizontalHeader().setStretchLastSection(False)
            table.horizontalHeader().setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
        self.opened_table = _table(self, [self.tr("When"), self.tr("Opened by"), self.tr("How")])
        self.opened_table.setObjectName("who_opened_table")
        self.opened_table.setMaximumHeight(180)
        self.headings: list[QLabel] = []
        for title, table, stretch in (
            (self.tr("Identification status"), self.status_table, 0),
            (self.tr("Changes to the profile"), self.fields_table, 1),
            (self.tr("Who opened this file"), self.opened_table, 0),
        ):
            heading = QLabel(title, self)
            heading.setProperty("role", "section")
            self.headings.append(heading)
            layout.addWidget(heading)
            layout.addWidget(table, stretch)

    def show_client(self, client_id: str) -> None:
        """Load the history of a client."""
        self.client_id = client_id
        lang = self.ctx.lang
        statuses = self.ctx.call(status_history, client_id)
        self.status_table.setRowCount(len(statuses))
        for r, s in enumerate(statuses):
            cells = [
                format_local(s.at),
                VICTIM_STATUS.label(s.old or "unknown", lang),
                VICTIM_STATUS.label(s.new, lang),
                s.decided_by or "",
                s.actor or "",
                s.note or "",
            ]
            for c, text in enumerate(cells):
                self.status_table.setItem(r, c, QTableWidgetItem(text))
        changes = self.ctx.call(field_history, client_id)
        self.fields_table.setRowCount(len(changes))
        for r, ch in enumerate(changes):
            old = field_value(ch.field, ch.old, lang) if ch.old_known else self.tr("(not recorded)")
            cells = [
                format_local(ch.at),
                field_label(ch.field),
                old,
                field_value(ch.field, ch.new, lang),
                ch.actor or "",
                str(ch.version),
            ]
            for c, text in enumerate(cells):
                self.fields_table.setItem(r, c, QTableWidgetItem(text))
        self._show_opened(client_id)

    def _show_opened(self, client_id: str) -> None:
        """Who opened the file: for its case manager and the coordinator, hidden otherwise."""
        try:
            opened = self.ctx.call(who_opened, client_id)
        except NotAllowed:
            opened = None
        self.opened_table.setVisible(opened is not None)
        self.headings[-1].setVisible(opened is not None)
        self.opened_table.setRowCount(len(opened or []))
        for r, row in enumerate(opened or []):
            how = self.tr("Emergency access") if row.action == "emergency_access" else ""
            for c, text in enumerate([format_local(row.at), row.actor, how or self.tr("Opened")]):
                self.opened_table.setItem(r, c, QTableWidgetItem(text))

    def clear(self) -> None:
        self.client_id = None
        self.status_table.setRowCount(0)
        self.fields_table.setRowCount(0)
        self.opened_table.setRowCount(0)

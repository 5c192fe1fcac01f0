"""The Audit area (coordinators and auditors): the audit chain, verified, with filters, and the
emergency accesses a coordinator still has to review.

The chain is verified in a worker before anything is listed; a broken chain is shown as such
(the coded message naming the first bad entry), never as a list.
"""

from __future__ import annotations

import json
from datetime import date, datetime, time, timedelta

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from sosdesk.domain import roles
from sosdesk.domain.messages import CodedError
from sosdesk.services.audit_log import CATEGORIES, AuditFilter, AuditRow, client_id_of, read_audit
from sosdesk.services.emergency import EmergencyAccess, mark_reviewed, to_review
from sosdesk.ui.context import AppContext
from sosdesk.ui.widgets.display import with_key
from sosdesk.ui.widgets.field_message import FieldMessage
from sosdesk.ui.widgets.permission import guard, refusal_text
from sosdesk.ui.widgets.problem_text import failure_text
from sosdesk.ui.widgets.shortcuts import shortcut
from sosdesk.ui.workers import LatestOnly


def _day(text: str, option: str, *, end: bool = False) -> datetime | None:
    if not text.strip():
        return None
    try:
        day = date.fromisoformat(text.strip())
    except ValueError:
        raise CodedError("audit.bad_date", option=option) from None
    return datetime.combine(day + timedelta(days=1) if end else day, time()).astimezone()


def _stamp(at: datetime) -> str:
    return at.astimezone().strftime("%Y-%m-%d %H:%M")


class AuditArea(QWidget):
    """Filters, the verified list, and the review list of emergency accesses."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("audit_area")
        layout = QVBoxLayout(self)
        self.heading = QLabel(self)
        self.heading.setProperty("role", "heading")
        layout.addWidget(self.heading)
        bar = QHBoxLayout()
        self.user = QLineEdit(self)
        self.client = QLineEdit(self)
        self.action = QComboBox(self)
        self.since = QLineEdit(self)
        self.until = QLineEdit(self)
        self.show_button = QPushButton(self)
        self.labels: dict[str, QLabel] = {}
        for key, widget in (
            ("user", self.user),
            ("client", self.client),
            ("action", self.action),
            ("since", self.since),
            ("until", self.until),
        ):
            label = QLabel(self)
            label.setBuddy(widget)
            self.labels[key] = label
            bar.addWidget(label)
            bar.addWidget(widget, 1)
            if isinstance(widget, QLineEdit):
                widget.returnPressed.connect(self.reload)
        bar.addWidget(self.show_button)
        layout.addLayout(bar)
        self.message = FieldMessage(self)
        self.message.setObjectName("audit_message")
        layout.addWidget(self.message)
        self.summary = QLabel(self)
        self.summary.setObjectName("audit_summary")
        self.summary.setProperty("role", "muted")
        layout.addWidget(self.summary)
        self.model = QStandardItemModel(0, 6, self)
        self.table = self._table(self.model, "audit_table")
        layout.addWidget(self.table, 3)
        self.review_heading = QLabel(self)
        self.review_heading.setProperty("role", "heading")
        layout.addWidget(self.review_heading)
        self.review_model = QStandardItemModel(0, 4, self)
        self.review_table = self._table(self.review_model, "review_table")
        layout.addWidget(self.review_table, 1)
        self.review_button = QPushButton(self)
        self.review_button.setObjectName("review_button")
        layout.addWidget(self.review_button, 0, Qt.AlignmentFlag.AlignLeft)
        self._rows: list[AuditRow] = []
        self._review: list[EmergencyAccess] = []
        self._worker = LatestOnly(ctx.pool, self)
        self._worker.answered.connect(self._show)
        self._worker.failed.connect(self._failed)
        self.show_button.clicked.connect(self.reload)
        self.review_button.clicked.connect(self.mark_reviewed)
        shortcut("Alt+A", self, lambda: self.user.setFocus(Qt.FocusReason.ShortcutFocusReason))
        self.retranslate()
        ctx.locked.connect(self.clear)
        ctx.unlocked.connect(self.reload)
        if not ctx.is_locked:
            self.reload()

    def _table(self, model: QStandardItemModel, name: str) -> QTableView:
        table = QTableView(self)
        table.setObjectName(name)
        table.setModel(model)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setAlternatingRowColors(True)
        table.setTabKeyNavigation(False)
        table.verticalHeader().hide()
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        table.horizontalHeader().setStretchLastSection(True)
        return table

    def title(self) -> str:
        return self.tr("Audit")

    def retranslate(self) -> None:
        """Texts in the current language."""
        self.heading.setText(self.tr("Audit: who viewed, changed, printed, exported or published"))
        for key, text in (
            ("user", self.tr("&User")),
            ("client", self.tr("&Client code")),
            ("action", self.tr("&What")),
            ("since", self.tr("&From")),
            ("until", self.tr("&To")),
        ):
            self.labels[key].setText(text)
        self.user.setAccessibleName(self.tr("Only what this user did"))
        self.client.setAccessibleName(self.tr("Only entries about this client (code)"))
        self.action.setAccessibleName(self.tr("Kind of action"))
        self.since.setAccessibleName(self.tr("From this day (YYYY-MM-DD)"))
        self.until.setAccessibleName(self.tr("Up to this day, included (YYYY-MM-DD)"))
        self.since.setPlaceholderText("YYYY-MM-DD")
        self.until.setPlaceholderText("YYYY-MM-DD")
        keep = self.action.currentData()
        self.action.clear()
        names = {
            "viewed": self.tr("Viewed"),
            "changed": self.tr("Changed"),
            "printed": self.tr("Printed"),
            "exported": self.tr("Exported"),
            "imported": self.tr("Imported"),
            "published": self.tr("Published"),
            "backed_up": self.tr("Backed up or restored"),
            "emergency": self.tr("Emergency accesses"),
            "users": self.tr("Users and passphrases"),
        }
        self.action.addItem(self.tr("Everything"), None)
        for key in CATEGORIES:
            self.action.addItem(names.get(key, key), key)
        self.action.setCurrentIndex(max(0, self.action.findData(keep)))
        self.show_button.setText(with_key(self.tr("Show"), "Enter"))
        self.show_button.setAccessibleName(self.tr("Show the entries"))
        self.model.setHorizontalHeaderLabels(
            [
                self.tr("No."),
                self.tr("When"),
                self.tr("Who"),
                self.tr("Action"),
                self.tr("Client or record"),
                self.tr("Details"),
            ]
        )
        self.table.setAccessibleName(self.tr("Audit entries, newest first"))
        self.review_heading.setText(self.tr("Emergency accesses to review"))
        self.review_model.setHorizontalHeaderLabels(
            [self.tr("No."), self.tr("When"), self.tr("Who"), self.tr("Client")]
        )
        self.review_table.setAccessibleName(self.tr("Emergency accesses to review"))
        self.review_button.setText(self.tr("Mark as &reviewed"))
        self.review_button.setAccessibleName(self.tr("Mark the chosen emergency access reviewed"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # -- reading ---------------------------------------------------------------------------

    def reload(self) -> None:
        """Verify the chain and list the entries matching the filters (in a worker)."""
        if self.ctx.is_locked:
            return
        self.message.show_problem(None)
        why = refusal_text(self.ctx, roles.READ_AUDIT)
        for w in (self.user, self.client, self.action, self.since, self.until, self.show_button):
            w.setEnabled(not why)
        if why:
            self._clear_tables()
            self.summary.setText(why)
            self._load_review()
            return
        try:
            wanted = AuditFilter(
                user=self.user.text().strip() or None,
                action=self.action.currentData(),
                since=_day(self.since.text(), self.tr("From")),
                until=_day(self.until.text(), self.tr("To"), end=True),
            )
        except CodedError as exc:
            self.message.show_problem(failure_text(exc))
            return
        code = self.client.text().strip()
        self.summary.setText(self.tr("Verifying the audit chain…"))
        call = self.ctx.caller()

        def work() -> list[AuditRow]:
            client_id = call(client_id_of, code) if code else None
            return call(read_audit, AuditFilter(**{**wanted.__dict__, "client_id": client_id}))

        self._worker.submit(work)
        self._load_review()

    def _show(self, rows: list[AuditRow]) -> None:
        self._rows = rows
        self.model.removeRows(0, self.model.rowCount())
        for r in rows:
            target = r.client_code or r.entity_id or ""
            detail = json.dumps(r.detail, ensure_ascii=False, sort_keys=True) if r.detail else ""
            items = [str(r.seq), _stamp(r.at), r.actor, r.action, target, detail]
            self.model.appendRow([QStandardItem(t) for t in items])
        self.summary.setText(
            self.tr("The audit chain is sound; %n entries shown, newest first.", "", len(rows))
        )

    def _failed(self, exc: object) -> None:
        self._clear_tables()
        text = failure_text(exc) if isinstance(exc, BaseException) else ""
        self.summary.setText("")
        self.message.show_problem(text)

    def _load_review(self) -> None:
        self.review_model.removeRows(0, self.review_model.rowCount())
        may = guard(self.ctx, roles.REVIEW_EMERGENCY, self.review_button, self.review_table)
        self._review = self.ctx.call(to_review) if may else []
        for e in self._review:
            items = [str(e.seq), _stamp(e.at), e.actor, e.client_code]
            row = [QStandardItem(t) for t in items]
            for item in row:
                item.setToolTip(e.reason)
            self.review_model.appendRow(row)
        self.review_button.setEnabled(may and bool(self._review))

    def mark_reviewed(self) -> None:
        """Record that the chosen emergency access was reviewed (it leaves the list)."""
        index = self.review_table.currentIndex()
        if self.ctx.is_locked or not index.isValid() or index.row() >= len(self._review):
            return
        self.ctx.call(mark_reviewed, self._review[index.row()].seq)
        self._load_review()

    def _clear_tables(self) -> None:
        self._rows = []
        self.model.removeRows(0, self.model.rowCount())

    def clear(self) -> None:
        """Drop everything on screen (lock)."""
        self._worker.cancel()
        self._clear_tables()
        self._review = []
        self.review_model.removeRows(0, self.review_model.rowCount())
        self.summary.clear()
        self.message.show_problem(None)

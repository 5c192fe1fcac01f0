"""The left side of the documents dialog: which document, language, period, kinds, redaction."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QWidget,
)

from sosdesk.domain.vocab import DOCUMENT_KIND, EVENT_KIND
from sosdesk.services.documents_data import DEFAULT_KINDS, Choice, DocumentRequest

# Kinds a chronology can show, in the order of the vocabulary.
CHRONOLOGY_KINDS = tuple(k for k in EVENT_KIND.codes() if k != "amendment")


def _qdate(d: date) -> QDate:
    return QDate(d.year, d.month, d.day)


def _pydate(q: QDate) -> date:
    return date(q.year(), q.month(), q.day())


class OptionsPanel(QWidget):
    """Builds a DocumentRequest from what the user chose; `changed` fires on every edit."""

    changed = Signal()

    def __init__(self, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._lang = lang
        form = QFormLayout(self)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)

        self.kind = QComboBox()
        for term in DOCUMENT_KIND:
            self.kind.addItem(term.label(lang), term.code)
        self.language = QComboBox()
        for code, text in (
            ("sr-Cyrl", self.tr("Serbian, Cyrillic")),
            ("sr-Latn", self.tr("Serbian, Latin")),
            ("en", self.tr("English")),
        ):
            self.language.addItem(text, code)

        self.whole = QCheckBox(self.tr("&Whole period"))
        self.since = QDateEdit()
        self.until = QDateEdit()
        for edit in (self.since, self.until):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("dd.MM.yyyy.")
        today = date.today()
        self.since.setDate(_qdate(today.replace(day=1)))
        self.until.setDate(_qdate(today))
        span = QWidget()
        row = QHBoxLayout(span)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.since, 1)
        row.addWidget(QLabel("–"))
        row.addWidget(self.until, 1)

        self.kinds = QListWidget()
        self.kinds.setMaximumHeight(150)
        for code in CHRONOLOGY_KINDS:
            item = QListWidgetItem(EVENT_KIND.label(code, lang))
            item.setData(Qt.ItemDataRole.UserRole, code)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            checked = code in DEFAULT_KINDS
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
            self.kinds.addItem(item)
        self.hearing = QComboBox()
        self.entry = QComboBox()

        self.profile = QComboBox()
        self.profile.addItem(self.tr("Full (name, address, phones)"), "full")
        self.profile.addItem(
            self.tr("Pseudonymised (client code; no addresses, phones or shelter locations)"),
            "pseudonymised",
        )
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(self.tr("optional; at least 8 characters"))

        self._rows: dict[str, QLabel] = {}
        for key, text, widget in (
            ("kind", self.tr("&Document"), self.kind),
            ("language", self.tr("&Language"), self.language),
            ("whole", "", self.whole),
            ("period", self.tr("Pe&riod"), span),
            ("kinds", self.tr("&Entries"), self.kinds),
            ("hearing", self.tr("&Hearing"), self.hearing),
            ("entry", self.tr("&Addressee"), self.entry),
            ("profile", self.tr("&Redaction"), self.profile),
            ("password", self.tr("PDF pass&word"), self.password),
        ):
            label = QLabel(text)
            label.setBuddy(widget)
            self._rows[key] = label
            form.addRow(label, widget)
        self._span = span

        for combo in (self.kind, self.language, self.hearing, self.entry, self.profile):
            combo.currentIndexChanged.connect(self.changed)
            # Long labels (a court's name, the redaction profile) must not widen the panel.
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(16)
        self.kind.currentIndexChanged.connect(self._show_rows)
        self.whole.toggled.connect(self._toggle_whole)
        self.whole.toggled.connect(self.changed)
        self.since.dateChanged.connect(self.changed)
        self.until.dateChanged.connect(self.changed)
        self.kinds.itemChanged.connect(self.changed)
        self.password.textChanged.connect(self.changed)
        self._show_rows()

    # -- filling -------------------------------------------------------------------------------

    def set_span(self, span: tuple[date, date] | None) -> None:
        """Default period: the client's whole timeline."""
        if span is not None:
            self.since.setDate(_qdate(span[0]))
            self.until.setDate(_qdate(max(span[1], date.today())))

    def set_hearings(self, choices: list[Choice]) -> None:
        """The court hearings to choose from (newest first)."""
        self.hearing.clear()
        for c in choices:
            self.hearing.addItem(f"{c.when.strftime('%d.%m.%Y.')}  {c.label}", c.id)

    def set_entries(self, choices: list[Choice]) -> None:
        """The directory entries the client was referred to."""
        self.entry.clear()
        for c in choices:
            self.entry.addItem(f"{c.label}  ({c.when.strftime('%d.%m.%Y.')})", c.id)

    # -- reading -------------------------------------------------------------------------------

    def document(self) -> str:
        return str(self.kind.currentData())

    def password_text(self) -> str | None:
        """The PDF password, or None for a plain PDF."""
        return self.password.text() or None

    def request(self, client_id: str) -> DocumentRequest:
        """What is chosen, as a request for the services."""
        kind = self.document()
        # A hearing or a referral is chosen by itself; the period does not apply to them.
        whole = self.whole.isChecked() or kind in ("accompaniment", "referral")
        kinds = None
        if kind == "chronology":
            kinds = frozenset(
                str(self.kinds.item(i).data(Qt.ItemDataRole.UserRole))
                for i in range(self.kinds.count())
                if self.kinds.item(i).checkState() == Qt.CheckState.Checked
            )
        return DocumentRequest(
            kind=kind,
            client_id=client_id,
            lang=str(self.language.currentData()),
            since=None if whole else _pydate(self.since.date()),
            until=None if whole else _pydate(self.until.date()),
            kinds=kinds,
            profile=str(self.profile.currentData()),
            hearing_id=self.hearing.currentData() if kind == "accompaniment" else None,
            entry_id=self.entry.currentData() if kind == "referral" else None,
        )

    # -- visibility ----------------------------------------------------------------------------

    def _toggle_whole(self, on: bool) -> None:
        self.since.setEnabled(not on)
        self.until.setEnabled(not on)

    def _show_rows(self) -> None:
        kind = self.document()
        dated = kind not in ("accompaniment", "referral")
        visible = {
            "kinds": kind == "chronology",
            "hearing": kind == "accompaniment",
            "entry": kind == "referral",
            "whole": dated,
            "period": dated,
        }
        widgets = {
            "kinds": self.kinds,
            "hearing": self.hearing,
            "entry": self.entry,
            "whole": self.whole,
            "period": self._span,
        }
        for key, show in visible.items():
            self._rows[key].setVisible(show)
            widgets[key].setVisible(show)

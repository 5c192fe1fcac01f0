"""The organisation header editor (Office area, Alt+Z): the details every document's header
shows, with a live preview rendered by the documents' own layout. Ctrl+S saves (coordinators
only, recorded in the audit chain, as `sosdesk document org`), Esc closes without saving."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QSize, Qt, QTimer
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from sosdesk.documents.header_preview import header_preview
from sosdesk.domain.messages import CodedError, ValidationFailed
from sosdesk.services.organisation import Organisation, get_organisation, set_organisation
from sosdesk.ui.context import AppContext
from sosdesk.ui.documents.printing import load_pdf
from sosdesk.ui.i18n import current_lang
from sosdesk.ui.widgets.display import with_key
from sosdesk.ui.widgets.field_message import FieldMessage
from sosdesk.ui.widgets.problem_text import error_text, failure_text
from sosdesk.ui.widgets.shortcuts import shortcut

# (field, English label); SOS numbers are typed comma-separated.
FIELDS = (
    ("name", "Name (Serbian)"),
    ("name_en", "Name (English)"),
    ("unit", "Service (Serbian)"),
    ("unit_en", "Service (English)"),
    ("address", "Address"),
    ("place", "Place of issue"),
    ("sos_numbers", "SOS numbers (comma-separated)"),
    ("phone", "Phone"),
    ("email", "E-mail"),
    ("web", "Web"),
    ("timezone", "Time zone"),
)
PREVIEW_WIDTH = 900  # pixels of the rendered page width; the header is its top part


def _value(org: Organisation, name: str) -> str:
    value = getattr(org, name)
    return ", ".join(value) if name == "sos_numbers" else str(value)


class OrgDialog(QDialog):
    """Edit the organisation header with a live preview."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("org_dialog")
        self.ctx = ctx
        self.saved: Organisation | None = None
        self.original = ctx.call(get_organisation)
        self.edits: dict[str, QLineEdit] = {}
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.labels: dict[str, QLabel] = {}
        for name, _label in FIELDS:
            edit = QLineEdit(self)
            edit.setObjectName(f"org_{name}")
            edit.setMaxLength(200)
            edit.setText(_value(self.original, name))
            edit.textChanged.connect(self._changed)
            label = QLabel(self)
            label.setBuddy(edit)
            form.addRow(label, edit)
            self.edits[name] = edit
            self.labels[name] = label
        layout.addLayout(form)
        self.preview_title = QLabel(self)
        self.preview_title.setProperty("role", "subheading")
        layout.addWidget(self.preview_title)
        self.preview = QLabel(self)
        self.preview.setObjectName("org_preview")
        self.preview.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.preview.setMinimumHeight(150)
        layout.addWidget(self.preview)
        self.error = FieldMessage(self)
        layout.addWidget(self.error)
        buttons = QHBoxLayout()
        self.save_button = QPushButton(self)
        self.save_button.setProperty("role", "primary")
        self.save_button.clicked.connect(self.save)
        self.close_button = QPushButton(self)
        self.close_button.clicked.connect(self.reject)
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.close_button)
        layout.addLayout(buttons)
        shortcut("Ctrl+S", self, self.save)
        # The preview follows typing once it pauses (rendering a page takes a moment).
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(250)
        self.timer.timeout.connect(self.refresh_preview)
        self.retranslate()
        self.refresh_preview()

    def retranslate(self) -> None:
        """Texts in the current language."""
        self.setWindowTitle(self.tr("Organisation header"))
        for name, label in FIELDS:
            self.labels[name].setText(self.tr(label))
            self.edits[name].setAccessibleName(self.tr(label))
        self.preview_title.setText(self.tr("Preview of a document header"))
        self.preview.setAccessibleName(self.tr("Preview of a document header"))
        self.save_button.setText(with_key(self.tr("Save"), "Ctrl+S"))
        self.close_button.setText(with_key(self.tr("Close"), "Esc"))

    def changes(self) -> dict[str, Any]:
        """The fields that differ from what is saved."""
        out: dict[str, Any] = {}
        for name, edit in self.edits.items():
            text = edit.text().strip()
            if text == _value(self.original, name):
                continue
            if name == "sos_numbers":
                out[name] = [n.strip() for n in text.split(",") if n.strip()]
            else:
                out[name] = text
        return out

    def _changed(self) -> None:
        self.timer.start()

    def refresh_preview(self) -> None:
        """Render the header with the typed details (nothing is saved)."""
        try:
            pdf = self.ctx.call(header_preview, self.changes(), current_lang())
        except ValidationFailed as exc:
            self.error.say(" ".join(error_text(p) for p in exc.problems))
            return
        self.error.say("")
        doc, buffer = load_pdf(pdf, None)
        try:
            size = doc.pagePointSize(0)
            height = int(PREVIEW_WIDTH * size.height() / size.width())
            page: QImage = doc.render(0, QSize(PREVIEW_WIDTH, height))
        finally:
            doc.close()
            buffer.close()
        top = page.copy(0, 0, PREVIEW_WIDTH, height // 6)  # the header band
        self.preview.setPixmap(QPixmap.fromImage(top))

    def save(self) -> None:
        """Save the changed details (Ctrl+S) and close."""
        try:
            self.saved = self.ctx.call(set_organisation, self.changes())
        except ValidationFailed as exc:
            self.error.say(" ".join(error_text(p) for p in exc.problems))
            return
        except CodedError as exc:  # refused (not a coordinator) or the disk: say it, stay open
            self.error.say(failure_text(exc))
            return
        self.accept()

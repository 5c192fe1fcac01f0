"""The preferences of the unlocked user: theme, text size, language and idle lock."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QSpinBox, QWidget

from sosdesk.services.preferences import FONT_SIZES, IDLE_MINUTES, Preferences

LANGUAGE_NAMES = (
    ("sr-Latn", "Srpski (latinica)"),
    ("sr-Cyrl", "Српски (ћирилица)"),
    ("en", "English"),
)


class PreferencesDialog(QDialog):
    """`chosen()` returns the preferences as set in the dialog."""

    def __init__(self, prefs: Preferences, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Preferences"))
        self.theme = QComboBox(self)
        for code, text in (
            ("auto", self.tr("Automatic: dark from 19:00 to 07:00")),
            ("light", self.tr("Light")),
            ("dark", self.tr("Dark (night shift)")),
        ):
            self.theme.addItem(text, code)
        self.theme.setCurrentIndex(max(0, self.theme.findData(prefs.theme)))
        self.font_size = QSpinBox(self)
        self.font_size.setRange(FONT_SIZES.start, FONT_SIZES.stop - 1)
        self.font_size.setValue(prefs.font_size)
        self.lang = QComboBox(self)
        for code, text in LANGUAGE_NAMES:
            self.lang.addItem(text, code)
        self.lang.setCurrentIndex(max(0, self.lang.findData(prefs.lang)))
        self.idle = QSpinBox(self)
        self.idle.setRange(IDLE_MINUTES.start, IDLE_MINUTES.stop - 1)
        self.idle.setValue(prefs.idle_minutes)
        self.idle.setSuffix(self.tr(" min"))
        form = QFormLayout(self)
        form.addRow(self.tr("&Theme"), self.theme)
        form.addRow(self.tr("Text &size"), self.font_size)
        form.addRow(self.tr("&Language"), self.lang)
        form.addRow(self.tr("&Lock after idle"), self.idle)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def chosen(self) -> Preferences:
        return Preferences(
            theme=str(self.theme.currentData()),
            font_size=self.font_size.value(),
            lang=str(self.lang.currentData()),
            idle_minutes=self.idle.value(),
        )

"""F1: the keys of the area in view, then every keyboard shortcut of the desk, on one page.

The area's keys are read from what the area itself shows (its key hints, buttons that name
their key, captions with an Alt letter), so F1 can never promise a key the screen does not.
"""

from __future__ import annotations

import re

from PySide6.QtWidgets import (
    QAbstractButton,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from sosdesk.ui.widgets.accessible_names import clean
from sosdesk.ui.widgets.mnemonics import mnemonic_key

_KEY = re.compile(
    r"^(?:(?:Ctrl|Alt|Shift)\+)*(?:F\d{1,2}|Space|Enter|Esc|Tab|Del|[A-Z0-9])"
    r"(?:\s*(?:,|/|…)\s*(?:(?:Ctrl|Alt|Shift)\+)*(?:F\d{1,2}|Space|Enter|Esc|Tab|Del|[A-Z0-9]))*$"
)
_BUTTON_KEY = re.compile(r"^(.*?)\s*\(([^()]+)\)$")


def area_keys(root: QWidget) -> list[tuple[str, str]]:
    """(key, what) pairs the visible part of `root` shows, in screen order, each key once."""
    found: dict[str, str] = {}
    for w in root.findChildren(QWidget):
        if not w.isVisible():
            continue
        if isinstance(w, QAbstractButton) and w.text():
            named = _BUTTON_KEY.match(w.text())
            if named and _KEY.match(named.group(2)):
                found.setdefault(named.group(2), clean(named.group(1)))
            elif mnemonic_key(w.text()):
                found.setdefault(mnemonic_key(w.text()), clean(w.text()))
        elif isinstance(w, QLabel) and w.text():
            if w.buddy() is not None and mnemonic_key(w.text()):
                found.setdefault(mnemonic_key(w.text()), clean(w.text()))
            for piece in w.text().split(" · "):
                key, _, what = piece.partition(": ")
                if what and _KEY.match(key.strip()):
                    found.setdefault(key.strip(), what.strip())
    return list(found.items())


class ShortcutHelp(QDialog):
    """A plain list; Escape closes it."""

    def __init__(
        self,
        parent: QWidget | None = None,
        area: tuple[str, list[tuple[str, str]]] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Keyboard shortcuts"))
        rows = [
            ("Ctrl+K", self.tr("Find a client or a call")),
            ("Ctrl+N", self.tr("Take a new call")),
            ("Ctrl+T", self.tr("Quick tally (information call, no client)")),
            ("Ctrl+S, Ctrl+Enter", self.tr("Save the call")),
            ("Ctrl+Shift+X", self.tr("Discard the call (press twice)")),
            ("Alt+L / Alt+W / Alt+U", self.tr("Find a client / new client / unlink")),
            ("Alt+E, Alt+1 … Alt+6", self.tr("Emergency checklist and its steps")),
            ("Alt+F", self.tr("Follow-up")),
            ("F4, Alt+Down", self.tr("Show every choice of a list")),
            ("Ctrl+1 … Ctrl+9, Ctrl+0", self.tr("Switch area (Areas menu: their names)")),
            ("Ctrl+Shift+L / Ctrl+Shift+H", self.tr("Call log / handover to the next shift")),
            ("Ctrl+Shift+M", self.tr("Open a missing-child case (during a call too)")),
            ("Ctrl+L", self.tr("Lock the desk")),
            ("Ctrl+Shift+D", self.tr("Dark or light theme")),
            ("Ctrl++ / Ctrl+- / Ctrl+Alt+0", self.tr("Larger, smaller, normal text")),
            ("Ctrl+,", self.tr("Preferences")),
            ("Ctrl+Q", self.tr("Quit")),
        ]
        # One column width for both lists, from the longest key (the text is monospaced).
        pairs = rows + (list(area[1]) if area is not None and area[1] else [])
        width = max(len(keys) for keys, _what in pairs) + 2
        text = "\n".join(f"{keys:<{width}}{what}" for keys, what in rows)
        if area is not None and area[1]:
            title, keys_of_area = area
            here = "\n".join(f"{keys:<{width}}{what}" for keys, what in keys_of_area)
            text = f"{title}\n{here}\n\n{self.tr('Everywhere')}\n{text}"
        label = QLabel(text, self)
        self.text = text
        label.setStyleSheet("font-family: 'DejaVu Sans Mono', monospace;")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(buttons)

"""Keyboard shortcuts with an explicit reach.

PySide ignores a `context` given together with a callable to the QShortcut constructor, which
silently makes every such shortcut window-wide; here the context is set on the object itself.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QWidget


def shortcut(
    keys: str,
    parent: QWidget,
    slot: Callable[[], Any],
    context: Qt.ShortcutContext = Qt.ShortcutContext.WidgetWithChildrenShortcut,
    *,
    window: bool = False,
) -> QShortcut:
    """`keys` runs `slot` while the focus is inside `parent` (its whole window with `window`)."""
    sc = QShortcut(QKeySequence(keys), parent)
    sc.setContext(Qt.ShortcutContext.WindowShortcut if window else context)
    sc.activated.connect(slot)
    return sc

"""Accessible names for every control a screen reader can reach (issue 18, problem 9).

Most controls already have a visible caption: a label whose buddy is the control (or the holder
the control sits in), a form row's label, a placeholder, a tab. `AccessibleNames` watches every
widget as it is shown and, when a focusable one has no accessible name of its own, gives it the
caption a sighted user reads next to it, so no area needs a second list of names to keep in step.
A name set in code always wins; tables get their column headings as the description.
"""

from __future__ import annotations

import re

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTableView,
    QTabWidget,
    QTextEdit,
    QTreeView,
    QWidget,
)

_HOPS = 3  # a control inside a holder inside a row: the caption is at most this far up
_KEY_HINT = re.compile(r"\s*\((?:Ctrl|Alt|Shift|F\d)[^)]*\)\s*$")


def clean(text: str) -> str:
    """A caption as a name: no mnemonic ampersand, no trailing colon or key hint."""
    text = _KEY_HINT.sub("", text.replace("&&", "\0").replace("&", "").replace("\0", "&"))
    return text.strip().rstrip(":").strip()


def _buddy_caption(widget: QWidget) -> str:
    window = widget.window()
    chain = [widget]
    for _ in range(_HOPS):
        parent = chain[-1].parentWidget()
        if parent is None:
            break
        chain.append(parent)
    for label in window.findChildren(QLabel):
        if label.buddy() in chain and label.text():
            return clean(label.text())
    for item in chain[1:]:
        layout = item.layout()
        if isinstance(layout, QFormLayout):
            for below in chain[: chain.index(item)]:
                caption = layout.labelForField(below)
                if isinstance(caption, QLabel) and caption.text():
                    return clean(caption.text())
    return ""


def _place(widget: QWidget) -> str:
    """Where the widget sits: the tab it is on, else the title of its area or window."""
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QTabWidget):
            for i in range(parent.count()):
                page = parent.widget(i)
                if page is not None and (page is widget or page.isAncestorOf(widget)):
                    return clean(parent.tabText(i))
        title = getattr(parent, "title", None)
        if callable(title):
            value = title()
            if isinstance(value, str) and value:
                return clean(value)
        parent = parent.parentWidget()
    return clean(widget.window().windowTitle())


def _headings(view: QAbstractItemView) -> str:
    model = view.model()
    if isinstance(view, QTableView):
        count = view.horizontalHeader().count()
    elif isinstance(view, QTreeView):
        count = view.header().count()
    else:
        return ""  # a list has no headings
    if model is None:
        return ""
    names = [
        str(model.headerData(c, Qt.Orientation.Horizontal) or "") for c in range(min(count, 4))
    ]
    return ", ".join(n for n in names if n)


def _qt_name(widget: QWidget) -> str:
    face = QAccessible.queryAccessibleInterface(widget)
    return face.text(QAccessible.Text.Name).strip() if face is not None else ""


def derived_name(widget: QWidget) -> str:
    """The caption a sighted user reads for `widget` ("" when there is none)."""
    caption = _buddy_caption(widget)
    if caption:
        return caption
    if isinstance(widget, (QLineEdit, QPlainTextEdit, QTextEdit)):
        hint = widget.placeholderText()
        if hint:
            return clean(hint)
    if widget.toolTip():
        return clean(widget.toolTip())
    return _place(widget)


def name_widget(widget: QWidget) -> None:
    """Give a focusable widget without a name the caption next to it."""
    if widget.focusPolicy() == Qt.FocusPolicy.NoFocus or widget.accessibleName():
        return
    if isinstance(widget, QComboBox):
        # Qt names a combo box by its current value ("Unknown"); the caption says what it is.
        caption = _buddy_caption(widget)
        if caption:
            widget.setAccessibleName(caption)
    elif not _qt_name(widget):  # a button's or a check box's own text is already its name
        name = derived_name(widget)
        if name:
            widget.setAccessibleName(name)
    if isinstance(widget, QAbstractItemView) and not widget.accessibleDescription():
        headings = _headings(widget)
        if headings:
            widget.setAccessibleDescription(headings)


class AccessibleNames(QObject):
    """Names every focusable widget soon after it is shown (installed once, on the application).

    The show event only notes the widget; naming runs at the next turn of the event loop, when
    the widget's labels exist and nothing is being built or torn down.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pending: list[QWidget] = []
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self.flush)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Show and watched.isWidgetType():
            self._pending.append(watched)  # type: ignore[arg-type]
            if not self._timer.isActive():
                self._timer.start()
        return False

    def flush(self) -> None:
        """Name what was shown since the last turn of the event loop."""
        pending, self._pending = self._pending, []
        for widget in pending:
            if shiboken6.isValid(widget) and widget.isVisible():
                name_widget(widget)

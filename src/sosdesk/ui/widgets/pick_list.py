"""A type-ahead pick list for one value of a vocabulary (line, caller type, urgency, ...).
Other areas may reuse it: `PickList.for_vocabulary(vocab, lang)`.

A different control from `VocabCombo` (a drop-down): this one is typed into, finds a term by
any part of its label in either script and says what is wrong with text that matches nothing,
for the intake form where the operator types while listening. `VocabCombo` serves dialogs'
short fixed lists, where the arrow keys are quicker than typing.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import QWidget

from sosdesk.domain.vocab import Vocabulary
from sosdesk.ui.theme import repolish
from sosdesk.ui.widgets.type_ahead import Option, TypeAheadEdit


def vocabulary_options(
    vocab: Vocabulary, lang: str, only: Iterable[str] | None = None
) -> list[Option]:
    """(code, label) pairs of a vocabulary in `lang`, optionally limited to some codes."""
    allowed = set(only) if only is not None else None
    return [(t.code, t.label(lang)) for t in vocab if allowed is None or t.code in allowed]


class PickList(TypeAheadEdit):
    """Holds one code; shows its label. `problem()` says what is wrong with the typed text."""

    picked = Signal(object)  # the code, or None when cleared

    def __init__(self, parent: QWidget | None = None, *, required: bool = False) -> None:
        super().__init__(parent)
        self.required = required
        self._code: str | None = None
        self._invalid = False
        self.chosen.connect(self._on_chosen)

    @classmethod
    def for_vocabulary(
        cls,
        vocab: Vocabulary,
        lang: str,
        *,
        required: bool = False,
        only: Iterable[str] | None = None,
        parent: QWidget | None = None,
    ) -> PickList:
        """A pick list over a vocabulary."""
        pick = cls(parent, required=required)
        pick.set_options(vocabulary_options(vocab, lang, only))
        return pick

    def set_options(self, options: list[Option]) -> None:
        """Replace the choices (a language change relabels the current value)."""
        super().set_options(options)
        if self._code is not None:
            label = self.label_of(self._code)
            if label:
                self.setText(label)
            else:
                self.set_code(None)

    def code(self) -> str | None:
        """The chosen code (None when empty or unresolved)."""
        return self._code

    def set_code(self, code: str | None) -> None:
        """Choose a code programmatically (unknown codes clear the field)."""
        label = self.label_of(code) if code else ""
        self._code = code if label else None
        self.setText(label)
        self.hide_drop()
        self._set_invalid(False)

    def _on_chosen(self, code: str) -> None:
        self.set_code(code)
        self.picked.emit(self._code)

    def commit_text(self) -> None:
        """Resolve what was typed: an exact label or the single best match becomes the value."""
        typed = self.text().strip()
        if not typed:
            changed = self._code is not None
            self._code = None
            self._set_invalid(False)
            if changed:
                self.picked.emit(None)
            return
        if self._code is not None and typed == self.label_of(self._code):
            self._set_invalid(False)
            return
        found = self.matches(typed)
        if found:
            self._on_chosen(found[0][0])
        else:
            self._code = None
            self._set_invalid(True)

    def problem(self) -> str | None:
        """Why the field cannot be used as it is (None when fine)."""
        if self._invalid:
            return self.tr(
                "Not in the list: type a few letters and pick one ({0} shows all)"
            ).format("F4")
        if self.required and self._code is None:
            return self.tr("Required: pick one from the list ({0} shows all)").format("F4")
        return None

    def _set_invalid(self, invalid: bool) -> None:
        if invalid != self._invalid:
            self._invalid = invalid
            self.setProperty("invalid", invalid)
            repolish(self)

    def focusInEvent(self, e: QFocusEvent) -> None:
        super().focusInEvent(e)
        self.selectAll()  # typing replaces the current choice
        if e.reason() == Qt.FocusReason.MouseFocusReason:  # after the click placed the cursor
            QTimer.singleShot(0, self.selectAll)

"""A drop-down of vocabulary terms for the client file's forms; the code travels as item data.

The intake form's type-ahead `PickList` serves long lists typed into; this one serves the short,
fixed lists of dialogs, where the arrow keys are quicker than typing.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtWidgets import QComboBox, QWidget

from sosdesk.domain.vocab import Term, Vocabulary


class VocabCombo(QComboBox):
    """A pick list of vocabulary terms; the code travels as item data."""

    def __init__(
        self,
        vocab: Vocabulary,
        lang: str,
        *,
        empty: str | None = None,
        terms: Iterable[Term] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.vocab = vocab
        self._lang = lang
        self.set_terms(terms if terms is not None else list(vocab), empty)

    def set_lang(self, lang: str) -> None:
        """Relabel the terms in another language (live language switch)."""
        self._lang = lang

    def set_terms(self, terms: Iterable[Term], empty: str | None = None) -> None:
        """Replace the offered terms (an `empty` label adds a "nothing chosen" first item)."""
        current = self.code()
        self.blockSignals(True)
        self.clear()
        if empty is not None:
            self.addItem(empty, None)
        for t in terms:
            self.addItem(t.label(self._lang), t.code)
        self.blockSignals(False)
        self.set_code(current)

    def code(self) -> str | None:
        """The chosen code (None: nothing chosen)."""
        value = self.currentData()
        return str(value) if value is not None else None

    def set_code(self, code: str | None) -> None:
        """Choose a code (unknown codes choose the first item)."""
        index = self.findData(code) if code is not None else -1
        self.setCurrentIndex(max(index, 0))

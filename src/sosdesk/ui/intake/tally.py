"""Quick tally: an information or prevention call counted in a few keystrokes, with no client.
Ctrl+T opens it with the cursor on the category; type a few letters, Enter, Ctrl+Enter saves.
Line, caller type and language keep the last values used, so the next tally is as quick.
"""

from __future__ import annotations

import itertools

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import QFormLayout, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from sosdesk.domain.clock import utcnow
from sosdesk.domain.validation import ValidationFailed
from sosdesk.domain.vocab import CALL_CATEGORY, CALLER_TYPE, LANGUAGE, LINE, TALLY_CATEGORIES
from sosdesk.services.calls import CallInput, save_call
from sosdesk.services.session import StoreError
from sosdesk.services.views import CallView
from sosdesk.ui.context import AppContext
from sosdesk.ui.widgets.field_message import FieldMessage
from sosdesk.ui.widgets.pick_list import PickList, vocabulary_options
from sosdesk.ui.widgets.problem_text import error_text
from sosdesk.ui.widgets.shortcuts import shortcut

FIELDS = ("category", "caller_type", "line", "language")
DEFAULTS = {"caller_type": "citizen", "line": "sos_24_7", "language": "sr"}


def _tally_codes() -> list[str]:
    return [c for c in CALL_CATEGORY.codes() if c in TALLY_CATEGORIES]


class QuickTally(QWidget):
    """Emits `saved(CallView)` for each tally and `closed` on Escape."""

    saved = Signal(object)
    closed = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("QuickTally")
        self._opened = utcnow()
        self._count = 0
        self.heading = QLabel(self)
        self.heading.setProperty("role", "heading")
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.intro.setProperty("role", "muted")
        vocabs = {
            "category": (CALL_CATEGORY, _tally_codes()),
            "caller_type": (CALLER_TYPE, None),
            "line": (LINE, None),
            "language": (LANGUAGE, None),
        }
        self.picks = {
            name: PickList.for_vocabulary(vocab, ctx.lang, required=True, only=only, parent=self)
            for name, (vocab, only) in vocabs.items()
        }
        self.labels = {name: QLabel(self) for name in FIELDS}
        self.messages = {name: FieldMessage(self) for name in FIELDS}
        form = QFormLayout()
        for name in FIELDS:
            self.picks[name].setObjectName(f"tally_{name}")
            self.labels[name].setBuddy(self.picks[name])
            box = QVBoxLayout()
            box.setSpacing(2)
            box.addWidget(self.picks[name])
            box.addWidget(self.messages[name])
            form.addRow(self.labels[name], box)
        self.save_button = QPushButton(self)
        self.save_button.setObjectName("tally_save")
        self.save_button.setProperty("role", "primary")
        self.save_button.clicked.connect(self.save)
        self.close_button = QPushButton(self)
        self.close_button.clicked.connect(self.closed.emit)
        self.counter = QLabel(self)
        self.counter.setObjectName("tally_counter")
        self.counter.setProperty("role", "notice")
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.close_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 16)
        layout.addWidget(self.heading)
        layout.addWidget(self.intro)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(self.counter)
        layout.addStretch(1)
        self.setMaximumWidth(720)
        self._tab_order()
        for keys in ("Ctrl+Return", "Ctrl+Enter", "Ctrl+S"):
            shortcut(keys, self, self.save)
        shortcut("Escape", self, self.closed.emit)
        self._defaults = dict(DEFAULTS)
        self.retranslate()

    def _tab_order(self) -> None:
        chain = [*self.picks.values(), self.save_button, self.close_button]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

    def open(self) -> None:
        """Ready for the next tally: last line, caller type and language; cursor on category."""
        self._tab_order()  # again: moving into the window may reshuffle the focus chain
        self._opened = utcnow()
        for name, pick in self.picks.items():
            pick.set_code(self._defaults.get(name))
            self.messages[name].show_problem(None)
        self.picks["category"].setFocus()

    def save(self) -> CallView | None:
        """Save the tally as a call without a client; nothing is saved on a problem."""
        if self.ctx.is_locked:
            return None
        problems: dict[str, str] = {}
        for name, pick in self.picks.items():
            pick.commit_text()
            problem = pick.problem()
            if problem:
                problems[name] = problem
        for name, message in self.messages.items():
            message.show_problem(problems.get(name))
        if problems:
            self.picks[next(n for n in FIELDS if n in problems)].setFocus()
            return None
        code = {name: pick.code() or "" for name, pick in self.picks.items()}
        try:
            view = self.ctx.call(
                save_call,
                CallInput(
                    line=code["line"],
                    caller_type=code["caller_type"],
                    language=code["language"],
                    categories=[code["category"]],
                    started_at=self._opened,
                    ended_at=utcnow(),
                ),
            )
        except ValidationFailed as exc:
            for err in exc.errors:
                name = "category" if err.field == "categories" else err.field
                if name in self.messages:
                    self.messages[name].show_problem(error_text(err))
            return None
        except StoreError as exc:
            self.messages["category"].show_problem(
                self.tr("Not saved: {0}").format(error_text(exc))
            )
            return None
        self._defaults.update({k: code[k] for k in ("caller_type", "line", "language")})
        self._count += 1
        self.counter.setText(self.tr("Saved. Tallies in this session: {0}").format(self._count))
        self.saved.emit(view)
        self.open()
        return view

    def clear(self) -> None:
        """Drop the values on show (on lock); the counter is no client data but goes too."""
        for pick in self.picks.values():
            pick.set_code(None)
            pick.hide_drop()
        for message in self.messages.values():
            message.show_problem(None)
        self.counter.clear()

    def relabel(self) -> None:
        vocabs = {
            "category": (CALL_CATEGORY, _tally_codes()),
            "caller_type": (CALLER_TYPE, None),
            "line": (LINE, None),
            "language": (LANGUAGE, None),
        }
        for name, (vocab, only) in vocabs.items():
            self.picks[name].set_options(vocabulary_options(vocab, self.ctx.lang, only))

    def retranslate(self) -> None:
        self.heading.setText(self.tr("Quick tally: information and prevention calls"))
        self.intro.setText(
            self.tr(
                "No client and no summary: type a few letters of the "
                "category, {0}, then {1} saves. {2} goes back."
            ).format("Enter", "Ctrl+Enter", "Escape")
        )
        names = {
            "category": self.tr("Category"),
            "caller_type": self.tr("Caller type"),
            "line": self.tr("Line"),
            "language": self.tr("Language"),
        }
        for name, text in names.items():
            self.labels[name].setText(text)
        self.save_button.setText(self.tr("Save tally ({0})").format("Ctrl+Enter"))
        self.close_button.setText(self.tr("Back ({0})").format("Esc"))

    def changeEvent(self, e: QEvent) -> None:
        if e.type() == QEvent.Type.LanguageChange:
            self.relabel()
            self.retranslate()
        super().changeEvent(e)

"""The client part of the intake form: find and link an existing client inline (name, code or
phone, any script), or register a new client with the essentials, or leave it empty.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from sosdesk.domain.codes import CodeError, parse_client_code
from sosdesk.domain.countries import COUNTRY
from sosdesk.domain.vocab import GENDER
from sosdesk.services.cases import cases_of
from sosdesk.services.clients import NotFound, check_age, check_identity, find_by_code
from sosdesk.services.errors import NotAllowed
from sosdesk.services.search import search_clients
from sosdesk.services.views import SearchHit
from sosdesk.ui.context import AppContext
from sosdesk.ui.widgets.datetime_field import format_date
from sosdesk.ui.widgets.drop_list import DropItem, DropList
from sosdesk.ui.widgets.field_message import FieldMessage
from sosdesk.ui.widgets.pick_list import PickList, vocabulary_options
from sosdesk.ui.widgets.problem_text import error_text
from sosdesk.ui.widgets.query_edit import QueryEdit
from sosdesk.ui.workers import LatestOnly

NEW_FIELDS = (
    "given_name",
    "family_name",
    "nickname",
    "gender",
    "estimated_age",
    "phones",
    "citizenship",
)


class ClientLink(QWidget):
    """Emits `changed` whenever the link or a new-client field changes."""

    changed = Signal()
    results_shown = Signal(int)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.mode = "none"  # none | linked | new
        self.client_id: str | None = None
        self.client_label = ""
        self._hits: dict[str, SearchHit] = {}

        self.find_edit = QueryEdit(self, clear_on_escape=True)
        self.find_edit.setObjectName("client_find")
        self.drop = DropList(self.find_edit, min_width=420)
        self.drop.chosen.connect(self._link_key)
        self.runner = LatestOnly(ctx.pool, self)
        self.runner.answered.connect(self._show_hits)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(60)
        self._timer.timeout.connect(self._lookup)
        self.find_edit.textEdited.connect(lambda _t: self._timer.start())
        self.find_edit.navigate.connect(self.drop.step)
        self.find_edit.accepted.connect(self._enter)
        self.find_edit.escaped.connect(self.drop.hide)

        self.linked_label = QLabel(self)
        self.linked_label.setObjectName("client_linked")
        self.linked_label.setProperty("role", "section")
        self.linked_label.setWordWrap(True)
        # The call joins one of the linked client's open cases (offered, the open one chosen).
        self.case = QComboBox(self)
        self.case.setObjectName("client_case")
        self.unlink_button = QPushButton(self)
        self.unlink_button.setObjectName("client_unlink")
        self.unlink_button.clicked.connect(self.unlink)
        self.new_button = QPushButton(self)
        self.new_button.setObjectName("client_new")
        self.new_button.setCheckable(True)
        self.new_button.toggled.connect(self._toggle_new)

        self.new_box = QWidget(self)
        self.given = QLineEdit(self.new_box)
        self.family = QLineEdit(self.new_box)
        self.nickname = QLineEdit(self.new_box)
        self.gender = PickList.for_vocabulary(GENDER, ctx.lang, parent=self.new_box)
        self.age = QLineEdit(self.new_box)
        self.age.setMaxLength(3)
        self.phone = QLineEdit(self.new_box)
        self.citizenship = PickList.for_vocabulary(COUNTRY, ctx.lang, parent=self.new_box)
        self.new_edits: dict[str, QWidget] = dict(
            zip(
                NEW_FIELDS,
                (
                    self.given,
                    self.family,
                    self.nickname,
                    self.gender,
                    self.age,
                    self.phone,
                    self.citizenship,
                ),
                strict=True,
            )
        )
        self.messages = {name: FieldMessage(self.new_box) for name in NEW_FIELDS}
        self.new_labels = {name: QLabel(self.new_box) for name in NEW_FIELDS}
        form = QFormLayout(self.new_box)
        form.setContentsMargins(12, 4, 0, 4)
        for name in NEW_FIELDS:
            edit = self.new_edits[name]
            edit.setObjectName(f"new_{name}")
            self.new_labels[name].setBuddy(edit)
            box = QVBoxLayout()
            box.setSpacing(2)
            box.addWidget(edit)
            box.addWidget(self.messages[name])
            form.addRow(self.new_labels[name], box)
            if isinstance(edit, QLineEdit):
                edit.textEdited.connect(lambda _t: self.changed.emit())
            if isinstance(edit, PickList):
                edit.picked.connect(lambda _c: self.changed.emit())
        self.new_box.hide()

        self.message = FieldMessage(self)
        self.message.setObjectName("client_message")
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.find_edit, 3)
        top.addWidget(self.linked_label, 3)
        top.addWidget(self.case, 2)
        top.addWidget(self.unlink_button)
        top.addWidget(self.new_button)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(4)
        outer.addLayout(top)
        outer.addWidget(self.message)
        outer.addWidget(self.new_box)
        self._sync_visibility()
        self.retranslate()

    # -- finding and linking ---------------------------------------------------------------

    def _lookup(self) -> None:
        text = self.find_edit.text()
        if self.ctx.is_locked or not text.strip():
            self.drop.hide()
            return
        call = self.ctx.caller()
        self.runner.submit(lambda: call(search_clients, text, 8))

    def _show_hits(self, hits: object) -> None:
        found = [h for h in hits if isinstance(h, SearchHit)] if isinstance(hits, list) else []
        if self.ctx.is_locked or not self.find_edit.text().strip() or self.mode != "none":
            found = []
        self._hits = {h.ref: h for h in found}
        items = [DropItem(h.ref, h.title, h.detail) for h in found]
        if not found and self.find_edit.text().strip() and self.mode == "none":
            items = [
                DropItem(
                    None, self.tr("No client matches; {0} registers a new one").format("Alt+W")
                )
            ]
        self.drop.show_items(items)
        self.results_shown.emit(len(found))

    def _enter(self) -> None:
        if self.drop.accept_current():
            return
        text = self.find_edit.text().strip()
        if not text:
            self.focusNextChild()
            return
        try:
            code = parse_client_code(text)
        except CodeError:
            self._timer.stop()
            self._lookup()
            return
        try:
            client = self.ctx.call(find_by_code, str(code))
        except NotFound:
            self.message.show_problem(
                self.tr(
                    "No client with code {0}. Check the code, or register a new client ({1})."
                ).format(code, "Alt+W")
            )
            return
        self.link(client.id, f"{client.code}  {client.display_name}")

    def _link_key(self, key: str) -> None:
        hit = self._hits.get(key)
        if hit is not None:
            self.link(hit.ref, hit.title)

    def link(self, client_id: str, label: str) -> None:
        """Link the call to an existing client."""
        self.mode, self.client_id, self.client_label = "linked", client_id, label
        self._offer_cases(client_id)
        self.new_button.setChecked(False)
        self.find_edit.clear()
        self.drop.hide()
        self.message.show_problem(None)
        self._sync_visibility()
        self.changed.emit()
        self.unlink_button.setFocus()

    def _offer_cases(self, client_id: str) -> None:
        self.case.clear()
        self.case.addItem(self.tr("(no case)"), None)
        try:
            cases = self.ctx.call(cases_of, client_id)
        except NotAllowed:  # a role that sees the safety card, not the file: no case to join
            cases = []
        for case in cases:
            if case.is_open:
                opened = format_date(case.opened_at.astimezone().date())
                self.case.addItem(self.tr("Case opened %1").replace("%1", opened), case.id)
        self.case.setCurrentIndex(self.case.count() - 1)

    def case_id(self) -> str | None:
        """The case the call joins (None: no case, or no client linked)."""
        return self.case.currentData() if self.mode == "linked" else None

    def unlink(self) -> None:
        """Back to no client."""
        if self.mode != "linked":
            return
        self.mode, self.client_id, self.client_label = "none", None, ""
        self._sync_visibility()
        self.changed.emit()
        self.find_edit.setFocus()

    def _toggle_new(self, on: bool) -> None:
        if on:
            self.mode, self.client_id, self.client_label = "new", None, ""
        elif self.mode == "new":
            self.mode = "none"
        self._sync_visibility()
        self.changed.emit()
        if on:
            self.given.setFocus()

    def _sync_visibility(self) -> None:
        linked = self.mode == "linked"
        self.find_edit.setVisible(self.mode == "none")
        self.linked_label.setVisible(linked)
        self.linked_label.setText(self.client_label if linked else "")
        self.unlink_button.setVisible(linked)
        self.case.setVisible(linked and self.case.count() > 1)
        self.new_button.setVisible(not linked)
        self.new_box.setVisible(self.mode == "new")
        self.retranslate()

    def prefill_phone(self, phone: str) -> None:
        """The caller's number becomes the new client's, unless one was typed."""
        if not self.phone.text().strip():
            self.phone.setText(phone)

    # -- form state ------------------------------------------------------------------------

    def new_client_fields(self) -> dict[str, Any]:
        """The essentials typed for a new client, as the client service takes them."""
        out: dict[str, Any] = {}
        for name in ("given_name", "family_name", "nickname"):
            value = self.new_edits[name]
            assert isinstance(value, QLineEdit)
            if value.text().strip():
                out[name] = value.text()
        if self.gender.code():
            out["gender"] = self.gender.code()
        if self.citizenship.code():
            out["citizenship"] = self.citizenship.code()
        if self.phone.text().strip():
            out["phones"] = [self.phone.text()]
        age = self.estimated_age()
        if age is not None:
            out["estimated_age"] = age
        return out

    def problems(self) -> dict[str, str]:
        """Field problems the form can see before saving (age, pick lists, essentials)."""
        found: dict[str, str] = {}
        if self.mode != "new":
            return found
        age = self.age.text().strip()
        for err in check_age(int(age) if age.isdigit() else age or None):
            found[err.field] = error_text(err)
        for name, pick in (("gender", self.gender), ("citizenship", self.citizenship)):
            problem = pick.problem()
            if problem:
                found[name] = problem
        fields = self.new_client_fields()
        for err in check_identity(fields):
            found.setdefault(err.field, error_text(err))
        return found

    def estimated_age(self) -> int | None:
        age = self.age.text().strip()
        return int(age) if age.isdigit() else None

    def show_problems(self, problems: dict[str, str]) -> None:
        for name, label in self.messages.items():
            label.show_problem(problems.get(name))

    def state(self) -> dict[str, Any]:
        """JSON-safe state for the draft."""
        return {
            "mode": self.mode,
            "client_id": self.client_id,
            "client_label": self.client_label,
            "find": self.find_edit.text(),
            "age": self.age.text(),
            "new": {**self.new_client_fields(), "phone_text": self.phone.text()},
        }

    def restore(self, state: dict[str, Any]) -> None:
        """Put a draft's client part back."""
        self.reset()
        mode = state.get("mode", "none")
        new = state.get("new") or {}
        if mode == "linked" and state.get("client_id"):
            self.link(str(state["client_id"]), str(state.get("client_label", "")))
            return
        self.find_edit.setText(str(state.get("find", "")))
        if mode == "new":
            self.new_button.setChecked(True)
            for name in ("given_name", "family_name", "nickname"):
                edit = self.new_edits[name]
                assert isinstance(edit, QLineEdit)
                edit.setText(str(new.get(name, "")))
            self.gender.set_code(new.get("gender"))
            self.citizenship.set_code(new.get("citizenship"))
            self.phone.setText(str(new.get("phone_text", "")))
            self.age.setText(str(state.get("age", "")))

    def reset(self) -> None:
        """No client, every field empty (a new call, or a lock)."""
        self._timer.stop()
        self.runner.cancel()
        self.mode, self.client_id, self.client_label = "none", None, ""
        self.case.clear()
        self._hits = {}
        self.find_edit.clear()
        self.drop.clear()
        self.drop.hide()
        self.new_button.setChecked(False)
        for edit in (self.given, self.family, self.nickname, self.age, self.phone):
            edit.clear()
        self.gender.set_code(None)
        self.citizenship.set_code(None)
        self.message.show_problem(None)
        self.show_problems({})
        self._sync_visibility()

    def focus_widgets(self) -> list[QWidget]:
        """The widgets of this part in tab order."""
        return [
            self.find_edit,
            self.case,
            self.unlink_button,
            self.new_button,
            *self.new_edits.values(),
        ]

    # -- language --------------------------------------------------------------------------

    def relabel(self) -> None:
        """Vocabulary labels in the current language."""
        self.gender.set_options(vocabulary_options(GENDER, self.ctx.lang))
        self.citizenship.set_options(vocabulary_options(COUNTRY, self.ctx.lang))

    def retranslate(self) -> None:
        self.find_edit.setPlaceholderText(
            self.tr("Find the client: name, code or phone ({0} links)").format("Enter")
        )
        self.unlink_button.setText(self.tr("Unlink ({0})").format("Alt+U"))
        self.case.setAccessibleName(self.tr("Case"))
        self.new_button.setText(
            self.tr("Cancel new client ({0})").format("Alt+W")
            if self.mode == "new"
            else self.tr("New client ({0})").format("Alt+W")
        )
        names = {
            "given_name": self.tr("Given name"),
            "family_name": self.tr("Family name"),
            "nickname": self.tr("Nickname"),
            "gender": self.tr("Gender"),
            "estimated_age": self.tr("Age (estimate)"),
            "phones": self.tr("Phone"),
            "citizenship": self.tr("Citizenship"),
        }
        for name, text in names.items():
            self.new_labels[name].setText(text)

    def changeEvent(self, e: QEvent) -> None:
        if e.type() == QEvent.Type.LanguageChange:
            self.relabel()
            self.retranslate()
        super().changeEvent(e)

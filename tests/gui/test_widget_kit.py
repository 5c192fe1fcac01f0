"""The one widget kit: shortcuts reach only their parent, one date parser for every form."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from sosdesk.domain.clock import desk_zone
from sosdesk.ui.widgets.datetime_field import (
    BadDateTime,
    DateField,
    DateTimeField,
    parse_date,
    parse_local,
)
from sosdesk.ui.widgets.shortcuts import shortcut

TODAY = date(2026, 11, 21)


def test_a_shortcut_fires_only_while_the_focus_is_inside_its_parent(qtbot: QtBot) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    row = QHBoxLayout(window)
    left, right = QWidget(window), QWidget(window)
    left_edit, right_edit = QLineEdit(left), QLineEdit(right)
    QHBoxLayout(left).addWidget(left_edit)
    QHBoxLayout(right).addWidget(right_edit)
    row.addWidget(left)
    row.addWidget(right)
    fired: list[str] = []
    shortcut("Ctrl+K", left, lambda: fired.append("left"))
    shortcut("Ctrl+K", right, lambda: fired.append("right"))
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()

    left_edit.setFocus()
    qtbot.waitUntil(left_edit.hasFocus)
    qtbot.keyClick(left_edit, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    right_edit.setFocus()
    qtbot.waitUntil(right_edit.hasFocus)
    qtbot.keyClick(right_edit, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)

    # Window-wide shortcuts with the same key are ambiguous: neither would fire.
    assert fired == ["left", "right"]


def test_a_window_shortcut_fires_anywhere_in_the_window(qtbot: QtBot) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    inner, other = QWidget(window), QLineEdit(window)
    row = QHBoxLayout(window)
    row.addWidget(inner)
    row.addWidget(other)
    fired: list[str] = []
    shortcut("Ctrl+J", inner, lambda: fired.append("x"), window=True)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    other.setFocus()
    qtbot.waitUntil(other.hasFocus)
    qtbot.keyClick(other, Qt.Key.Key_J, Qt.KeyboardModifier.ControlModifier)
    assert fired == ["x"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("23:10", datetime(2026, 11, 21, 23, 10)),
        ("23.10", datetime(2026, 11, 21, 23, 10)),
        ("21.11.2026", datetime(2026, 11, 21, 0, 0)),
        ("21.11.2026.", datetime(2026, 11, 21, 0, 0)),
        ("21.11.2026 23:10", datetime(2026, 11, 21, 23, 10)),
        ("21. 11. 2026  23:10", datetime(2026, 11, 21, 23, 10)),
        ("3.4. 7:05", datetime(2026, 4, 3, 7, 5)),
        ("2026-11-21", datetime(2026, 11, 21, 0, 0)),
        ("2026-11-21 23:10", datetime(2026, 11, 21, 23, 10)),
        ("2026-11-21T23:10", datetime(2026, 11, 21, 23, 10)),
    ],
)
def test_one_parser_accepts_what_either_form_accepted(text: str, expected: datetime) -> None:
    parsed = parse_local(text, today=TODAY)
    assert parsed is not None
    assert parsed == expected.replace(tzinfo=desk_zone())  # the organisation's zone (issue 18)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("31.02.2026 10:00", "impossible"),
        ("25:00", "impossible"),
        ("21.11.", "format"),
        ("tomorrow", "format"),
        ("21.11.2026 23:10 x", "format"),
    ],
)
def test_the_parser_refuses_with_a_reason(text: str, kind: str) -> None:
    with pytest.raises(BadDateTime) as refused:
        parse_local(text, today=TODAY)
    assert refused.value.kind == kind


def test_the_field_accepts_both_forms_everywhere(qtbot: QtBot) -> None:
    """The intake field used to refuse `21.11.2026`; the dialogs' field refused `23:10`."""
    field = DateTimeField()
    qtbot.addWidget(field)
    for text in ("21.11.2026", "23:10", "21.11.2026 23:10"):
        field.setText(text)
        assert field.problem() is None, text
        assert field.value() is not None
    field.setText("31.02.2026 10:00")
    assert field.problem() is not None
    with pytest.raises(ValueError):
        field.value()


def test_a_date_field_takes_a_day_not_a_time(qtbot: QtBot) -> None:
    field = DateField()
    qtbot.addWidget(field)
    field.setText("21.11.2026.")
    assert field.value() == date(2026, 11, 21)
    assert parse_date("2026-11-21") == date(2026, 11, 21)
    assert parse_date("  ") is None
    for bad in ("21.11.2026 23:10", "23:10", "30.02.2026"):
        with pytest.raises(ValueError):
            parse_date(bad)


def test_error_text_renders_coded_errors_in_the_ui_language(qapp: object) -> None:
    from sosdesk.domain.messages import CodedError, FieldError, Problem
    from sosdesk.ui import i18n
    from sosdesk.ui.widgets.problem_text import error_text, failure_text

    before = i18n.current_lang()
    try:
        i18n.install("sr-Cyrl")
        assert i18n.current_lang() == "sr-Cyrl"
        assert error_text(FieldError("summary", "field.required")) == "Обавезно"
        assert error_text(Problem("field.invalid", {"count": 2})).startswith("Исправите")
        assert "(KeyError)" in failure_text(KeyError("Ana"))
        assert "Ana" not in failure_text(KeyError("Ana"))
        i18n.install("en")
        assert error_text(CodedError("field.invalid", count=3)) == (
            "Correct the marked fields (3); nothing was saved."
        )
        i18n.install("sr-Latn")
        # A screen's own check is coded too (no English prose parsed back).
        assert error_text(FieldError("phones", "ui.phone_entry_bad_length", n=2)).startswith(
            "Broj 2: "
        )
    finally:
        i18n.install(before)

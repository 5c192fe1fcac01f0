"""PySide6 must not leak references to None/True (6.12 on CPython 3.11 did, and the
interpreter aborted after some thousands of calls: a night shift makes far more)."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication, QLabel


class _Emitter(QObject):
    fired = Signal()


def test_void_calls_and_emits_keep_reference_counts(qapp: QApplication) -> None:
    label = QLabel()
    emitter = _Emitter()
    none_before, true_before = sys.getrefcount(None), sys.getrefcount(True)
    for _ in range(2_000):
        label.setText("x")
        emitter.fired.emit()
    # Small drift from the interpreter itself is fine; a leak loses one per call.
    assert abs(sys.getrefcount(None) - none_before) < 100
    assert abs(sys.getrefcount(True) - true_before) < 100

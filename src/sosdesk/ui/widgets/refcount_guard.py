"""A guard against a reference-counting defect of PySide6 6.12 on CPython 3.11.

Every call of a PySide method that returns nothing hands back `None` without taking a
reference to it, and `Signal.emit()` does the same with `True`. From CPython 3.12 these
objects are immortal and nothing happens; on 3.11 their count drops by one per call until
the interpreter aborts ("deallocating None"), after some thousands of calls or on the way
out. Until PySide or the Python version changes, the guard raises their reference counts
(never to be given back: they live as long as the interpreter anyway) whenever they run low.
"""

from __future__ import annotations

import ctypes
import sys

FLOOR = 1_000_000  # raise the count when it falls below this
RAISE_BY = 10_000_000
_timer: object | None = None


def needed() -> bool:
    """Whether this interpreter can be hurt (None/True/False are mortal before 3.12)."""
    return sys.version_info < (3, 12) and sys.implementation.name == "cpython"


def top_up() -> int:
    """Raise the reference count of None/True/False where it runs low; how many were raised."""
    if not needed():
        return 0
    raised = 0
    for obj in (None, True, False):
        if sys.getrefcount(obj) < FLOOR:
            # ob_refcnt is the first field of every CPython object (3.11, non-debug build).
            ctypes.c_ssize_t.from_address(id(obj)).value += RAISE_BY
            raised += 1
    return raised


def install(interval_ms: int = 1000) -> None:
    """Top up now and then every `interval_ms` while the Qt event loop runs."""
    global _timer
    top_up()
    if _timer is not None or not needed():
        return
    from PySide6.QtCore import QTimer

    timer = QTimer()
    timer.setInterval(interval_ms)
    timer.timeout.connect(top_up)
    timer.start()
    _timer = timer

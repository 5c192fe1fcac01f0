"""Logging that cannot leak: a bounded in-memory tail of redacted records, never written to disk.

Every module logs with `logging.getLogger(__name__)`. `install()` gives the `sosdesk` logger one
handler: a ring of the last `TAIL_SIZE` records, shown in Help → Diagnostics so an operator can
copy it into a support request, and cleared when the desk locks. The logger does not propagate,
so no handler configured elsewhere (a file, a console) ever sees our records.

Redaction keeps only what cannot name a person: numbers, record ids (UUIDs), dotted or
underscored codes (`store.wrong_passphrase`, `prevention_info`) and values marked `Code(...)`;
every other argument becomes `‹…›`. An exception keeps its type and the module it came from,
never its message or traceback (they may quote what was typed). The standard library has no
such filter, hence this module.
"""

from __future__ import annotations

import logging
import re
import threading
from collections import deque
from datetime import UTC, datetime
from types import TracebackType

TAIL_SIZE = 500
ROOT = "sosdesk"
REDACTED = "‹…›"

_ID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
_CODE = re.compile(r"^[a-z][a-z0-9]*(?:[._][a-z0-9]+)+$")


class Code(str):
    """A string the caller vouches for: a code, a desk code, a module or a type name."""

    __slots__ = ()


def safe(value: object) -> object:
    """The value when it cannot hold client data; the redaction mark otherwise."""
    if value is None or isinstance(value, bool | int | float | Code):
        return value
    if isinstance(value, str) and (_ID.match(value) or _CODE.match(value)):
        return value
    if isinstance(value, type) and issubclass(value, BaseException):
        return value.__name__
    return REDACTED


def origin(tb: TracebackType | None) -> str:
    """The module in which an exception was raised (the innermost frame)."""
    module = "?"
    while tb is not None:
        module = str(tb.tb_frame.f_globals.get("__name__", "?"))
        tb = tb.tb_next
    return module


class RedactingFilter(logging.Filter):
    """Replaces arguments that may hold client data and reduces exceptions to type and module."""

    def filter(self, record: logging.LogRecord) -> bool:
        args = record.args
        if isinstance(args, dict):
            record.args = {k: safe(v) for k, v in args.items()}
        elif args:
            record.args = tuple(safe(a) for a in args)
        if record.exc_info and record.exc_info[0] is not None:
            kind, _exc, tb = record.exc_info
            code = getattr(_exc, "code", None)
            extra = f" code={code}" if isinstance(code, str) and _CODE.match(code) else ""
            record.msg = f"{record.msg} [{kind.__name__} in {origin(tb)}{extra}]"
        record.exc_info = None
        record.exc_text = None
        record.stack_info = None
        return True


class TailHandler(logging.Handler):
    """Keeps the last `size` formatted records in memory; nothing else."""

    def __init__(self, size: int = TAIL_SIZE) -> None:
        super().__init__(logging.INFO)
        self._lines: deque[str] = deque(maxlen=size)
        self._guard = threading.Lock()
        self.addFilter(RedactingFilter())

    def emit(self, record: logging.LogRecord) -> None:
        try:
            when = datetime.fromtimestamp(record.created, UTC).strftime("%H:%M:%S")
            line = f"{when} {record.levelname} {record.name}: {record.getMessage()}"
        except Exception:  # a bad format string must not break the caller
            line = f"{record.levelname} {record.name}: (unformattable record)"
        with self._guard:
            self._lines.append(line)

    def lines(self) -> list[str]:
        """The tail, oldest first."""
        with self._guard:
            return list(self._lines)

    def clear(self) -> None:
        """Forget everything (on lock)."""
        with self._guard:
            self._lines.clear()


_handler: TailHandler | None = None


def install(size: int = TAIL_SIZE) -> TailHandler:
    """Attach the tail to the `sosdesk` logger (once) and keep our records away from any other."""
    global _handler
    logger = logging.getLogger(ROOT)
    if _handler is None:
        _handler = TailHandler(size)
    for old in list(logger.handlers):
        if old is not _handler:  # e.g. a file handler someone configured: never to disk
            logger.removeHandler(old)
    if _handler not in logger.handlers:
        logger.addHandler(_handler)
    logger.setLevel(logging.INFO)
    logger.propagate = False
    return _handler


def tail() -> list[str]:
    """The redacted records kept so far (empty before `install`)."""
    return _handler.lines() if _handler is not None else []


def clear() -> None:
    """Forget the tail (the desk locked)."""
    if _handler is not None:
        _handler.clear()

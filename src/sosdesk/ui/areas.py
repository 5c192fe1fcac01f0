"""The areas of the main window, in tab order, registered statically.

Each area is a QWidget built as `Class(ctx)` that implements `Area`: a translated `title()`,
`clear()` (drop every piece of client data on lock) and `reload()` (read its data again). An
area that fails to build is replaced by `AreaFailed`, which says so in the user's language and
logs the reason: an error the user sees, never a tab that silently goes missing.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from sosdesk.domain.messages import CodedError
from sosdesk.logtail import Code
from sosdesk.ui.context import AppContext
from sosdesk.ui.widgets.problem_text import failure_text

_log = logging.getLogger(__name__)


@runtime_checkable
class Area(Protocol):
    """What the window asks of every area."""

    def title(self) -> str:
        """The tab's name in the current language."""
        ...

    def clear(self) -> None:
        """Drop every piece of client data on screen (the desk locked)."""
        ...

    def reload(self) -> None:
        """Read the area's data again."""
        ...


@dataclass(frozen=True)
class AreaSpec:
    """One tab: its key, its shortcut, how to build it, and its name should building fail."""

    key: str
    shortcut: str
    build: Callable[[AppContext], QWidget]
    name: str  # English source of the title, translated like the area's own `title()`


class _OnFirstUse:
    """Builds `module.name(ctx)`, importing the module only then: the areas pull in PDF,
    privacy accounting and report code that the unlock screen must not wait for."""

    def __init__(self, module: str, name: str) -> None:
        self.module, self.name = module, name

    def load(self) -> Callable[[AppContext], QWidget]:
        """The area's class, its module imported now if it was not yet."""
        built: Callable[[AppContext], QWidget] = getattr(
            importlib.import_module(self.module), self.name
        )
        return built

    def __call__(self, ctx: AppContext) -> QWidget:
        return self.load()(ctx)


def _area(key: str, shortcut: str, package: str, cls: str, name: str) -> AreaSpec:
    """An area whose class `cls` lives in `sosdesk.ui.<package>.area`, imported on first use."""
    return AreaSpec(key, shortcut, _OnFirstUse(f"sosdesk.ui.{package}.area", cls), name)


AREAS: tuple[AreaSpec, ...] = (
    _area("calls", "Ctrl+1", "intake", "CallsArea", "Calls"),
    _area("clients", "Ctrl+2", "clients", "ClientsArea", "Clients"),
    _area("followups", "Ctrl+3", "followups", "FollowUpsArea", "Follow-ups"),
    _area("directory", "Ctrl+4", "directory", "DirectoryArea", "Directory"),
    _area("sync", "Ctrl+5", "sync", "SyncArea", "Exchange"),
    _area("statistics", "Ctrl+6", "statistics", "StatisticsArea", "Statistics"),
    _area("audit", "Ctrl+7", "audit", "AuditArea", "Audit"),
    _area("office", "Ctrl+8", "office", "OfficeArea", "Office"),
    _area("casework", "Ctrl+9", "casework", "CaseworkArea", "Casework"),
    _area("missing", "Ctrl+0", "missing", "MissingChildrenArea", "Missing children"),
)


class AreaFailed(QWidget):
    """Stands in for an area that could not be built: says why, holds no data."""

    def __init__(self, spec: AreaSpec, error: BaseException, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(f"area_failed_{spec.key}")
        self.spec = spec
        self.error = error
        self.message = QLabel(self)
        self.message.setObjectName("area_failed_message")
        self.message.setProperty("role", "error")
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # reachable, read aloud
        layout = QVBoxLayout(self)
        layout.addWidget(self.message, 1)
        self.setFocusProxy(self.message)
        self.retranslate()

    def title(self) -> str:
        return QCoreApplication.translate("AreaFailed", self.spec.name)

    def clear(self) -> None:
        """Nothing of a client is shown here."""

    def reload(self) -> None:
        """Nothing to read."""

    def retranslate(self) -> None:
        text = self.tr("This part of the desk could not be opened: {0}").format(
            failure_text(self.error)
        )
        self.message.setText(text)
        self.message.setAccessibleName(text)

    def changeEvent(self, e: QEvent) -> None:
        if e.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(e)


def build_area(spec: AreaSpec, ctx: AppContext) -> QWidget:
    """The area, or a visible `AreaFailed` (logged) when building it raises."""
    try:
        widget = spec.build(ctx)
        if not isinstance(widget, Area):
            raise CodedError("internal.unexpected", kind="Area")
    except Exception as exc:  # one broken area must not keep the desk from opening
        _log.error("area %s failed to build", Code(spec.key), exc_info=exc)
        return AreaFailed(spec, exc)
    _log.info("area %s built", Code(spec.key))
    return widget


# Areas the desk opens by itself (a lookup's result opens the client file): their modules are
# imported once the desk is idle after unlock, so the first file opened does not wait 0.1 s.
WARM_AFTER_UNLOCK = ("clients",)


def warm_up() -> None:
    """Import the modules of the WARM_AFTER_UNLOCK areas now, building nothing."""
    for spec in AREAS:
        if spec.key in WARM_AFTER_UNLOCK and isinstance(spec.build, _OnFirstUse):
            spec.build.load()

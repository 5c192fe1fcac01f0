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


AREAS: tuple[AreaSpec, ...] = (
    AreaSpec("calls", "Ctrl+1", _OnFirstUse("sosdesk.ui.intake.area", "CallsArea"), "Calls"),
    AreaSpec("clients", "Ctrl+2", _OnFirstUse("sosdesk.ui.clients.area", "ClientsArea"), "Clients"),
    AreaSpec(
        "followups",
        "Ctrl+3",
        _OnFirstUse("sosdesk.ui.followups.area", "FollowUpsArea"),
        "Follow-ups",
    ),
    AreaSpec(
        "directory",
        "Ctrl+4",
        _OnFirstUse("sosdesk.ui.directory.area", "DirectoryArea"),
        "Directory",
    ),
    AreaSpec("sync", "Ctrl+5", _OnFirstUse("sosdesk.ui.sync.area", "SyncArea"), "Exchange"),
    AreaSpec(
        "statistics",
        "Ctrl+6",
        _OnFirstUse("sosdesk.ui.statistics.area", "StatisticsArea"),
        "Statistics",
    ),
    AreaSpec("audit", "Ctrl+7", _OnFirstUse("sosdesk.ui.audit.area", "AuditArea"), "Audit"),
    AreaSpec("office", "Ctrl+8", _OnFirstUse("sosdesk.ui.office.area", "OfficeArea"), "Office"),
    AreaSpec(
        "casework",
        "Ctrl+9",
        _OnFirstUse("sosdesk.ui.casework.area", "CaseworkArea"),
        "Casework",
    ),
    AreaSpec(
        "missing",
        "Ctrl+0",
        _OnFirstUse("sosdesk.ui.missing.area", "MissingChildrenArea"),
        "Missing children",
    ),
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


def warm_up(keys: tuple[str, ...] | None = None) -> None:
    """Import the modules of these areas (default: WARM_AFTER_UNLOCK) now, building nothing."""
    keys = WARM_AFTER_UNLOCK if keys is None else keys
    for spec in AREAS:
        if spec.key in keys and isinstance(spec.build, _OnFirstUse):
            spec.build.load()

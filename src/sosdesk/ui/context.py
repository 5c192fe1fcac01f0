"""What every area of the window shares: who is at the desk, the language, a way to run service
calls, and app-wide signals. Widgets never hold the `Database`: `call(service, ...)` hands it to
the service, so a Session or the data key is never one dot away from a widget.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Concatenate, ParamSpec, TypeVar

from PySide6.QtCore import QObject, QThreadPool, Signal

from sosdesk.services.access import end_emergencies
from sosdesk.services.session import Database

P = ParamSpec("P")
R = TypeVar("R")


class DeskLocked(RuntimeError):
    """A service call was attempted while the desk is locked."""

    def __init__(self) -> None:
        super().__init__("the desk is locked")


class ServiceCaller:
    """Runs service calls on the database open when it was made (for a worker thread)."""

    __slots__ = ("__db",)

    def __init__(self, db: Database) -> None:
        self.__db = db

    def __call__(
        self, fn: Callable[Concatenate[Database, P], R], /, *args: P.args, **kwargs: P.kwargs
    ) -> R:
        return fn(self.__db, *args, **kwargs)


class DeskContext(QObject):
    """Handed to every area: user, desk, role, language, service calls, and the signals."""

    open_client_requested = Signal(str)  # client id: show that client's file
    data_changed = Signal(str)  # entity name ("calls", "clients", "events", ...) after a write
    locked = Signal()  # the database was closed: drop every piece of client data on screen
    unlocked = Signal()  # a database is open again (service calls work)

    def __init__(self, db: Database | None, lang: str = "sr-Latn") -> None:
        super().__init__()
        self.__db = db
        self.lang = lang
        self.pool = QThreadPool.globalInstance()

    def caller(self) -> ServiceCaller:
        """Service calls bound to the open database (to run in a worker); DeskLocked if locked."""
        if self.__db is None:
            raise DeskLocked
        return ServiceCaller(self.__db)

    def call(
        self, fn: Callable[Concatenate[Database, P], R], /, *args: P.args, **kwargs: P.kwargs
    ) -> R:
        """`fn(database, *args, **kwargs)`: a service call on the open database."""
        return self.caller()(fn, *args, **kwargs)

    @property
    def is_locked(self) -> bool:
        return self.__db is None

    @property
    def user_id(self) -> str:
        """The id of the user who unlocked the desk."""
        return self.caller()(lambda db: db.actor.user_id)

    @property
    def user_name(self) -> str:
        """The display name of the user who unlocked the desk."""
        return self.caller()(lambda db: db.actor.name)

    @property
    def role(self) -> str:
        """The role of the user who unlocked the desk."""
        return self.caller()(lambda db: db.actor.role)

    @property
    def desk_code(self) -> str:
        """The code of this desk (BG1, ..., or the office's)."""
        return self.caller()(lambda db: db.desk.desk_code)

    @property
    def is_office(self) -> bool:
        """Whether this database is the Centre's office rather than a desk."""
        return self.caller()(lambda db: db.desk.is_office)

    def set_db(self, db: Database | None) -> None:
        """Swap the database (None on lock) and tell every area (the window calls this)."""
        if self.__db is not None and self.__db is not db:
            end_emergencies(self.__db)  # an emergency access to a file ends when the desk locks
        self.__db = db
        (self.unlocked if db is not None else self.locked).emit()


# The name areas and tests have used so far.
AppContext = DeskContext

"""What every area of the window shares: the unlocked database, language, and app-wide signals."""

from __future__ import annotations

from PySide6.QtCore import QObject, QThreadPool, Signal

from sosdesk.services.session import Database


class AppContext(QObject):
    """Handed to every area. Widgets call services with `ctx.db`; they never open a Session."""

    open_client_requested = Signal(str)  # client id: show that client's file
    data_changed = Signal(str)  # entity name ("calls", "clients", "events", ...) after a write
    locked = Signal()  # the database was closed: drop every piece of client data on screen
    unlocked = Signal()  # a database is open again (ctx.db is valid)

    def __init__(self, db: Database | None, lang: str = "sr-Latn") -> None:
        super().__init__()
        self._db = db
        self.lang = lang
        self.pool = QThreadPool.globalInstance()

    @property
    def db(self) -> Database:
        """The unlocked database; raises if the desk is locked."""
        if self._db is None:
            raise RuntimeError("the desk is locked")
        return self._db

    @property
    def is_locked(self) -> bool:
        return self._db is None

    def set_db(self, db: Database | None) -> None:
        """Swap the database (None on lock) and tell every area."""
        self._db = db
        (self.unlocked if db is not None else self.locked).emit()

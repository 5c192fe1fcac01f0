"""ORM models. Import from here: every table registers on `Base.metadata`."""

from sosdesk.store.models import stats as _stats_tables  # noqa: F401  (registers statistics facts)
from sosdesk.store.models import sync as _sync_tables  # noqa: F401  (registers sync tables)
from sosdesk.store.models.base import Base, SyncedMixin, UtcDateTime, utcnow
from sosdesk.store.models.calls import Call
from sosdesk.store.models.cases import Case, CaseGoal
from sosdesk.store.models.clients import Client
from sosdesk.store.models.directory import DirectoryEntry
from sosdesk.store.models.events import Event
from sosdesk.store.models.followups import FollowUp
from sosdesk.store.models.missing import MissingCase, MissingStep
from sosdesk.store.models.system import (
    AuditEntry,
    Change,
    CodeCounter,
    DeviceIdentity,
    Draft,
    SearchRef,
    Setting,
    User,
)

__all__ = [
    "AuditEntry",
    "Base",
    "Call",
    "Case",
    "CaseGoal",
    "Change",
    "Client",
    "CodeCounter",
    "DeviceIdentity",
    "DirectoryEntry",
    "Draft",
    "Event",
    "FollowUp",
    "MissingCase",
    "MissingStep",
    "SearchRef",
    "Setting",
    "SyncedMixin",
    "User",
    "UtcDateTime",
    "utcnow",
]

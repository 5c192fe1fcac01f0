"""Settings of the night shift a coordinator sets for the whole desk: how long the idle lock
waits while a call is in progress (the operator listens and types nothing; the desk must not
ask for her passphrase while the caller talks, but must not stay open for ever either)."""

from __future__ import annotations

from datetime import tzinfo

from sosdesk.domain import roles
from sosdesk.domain.validation import FieldError, ValidationFailed
from sosdesk.services.access import require
from sosdesk.services.organisation import get_organisation, zone
from sosdesk.store.database import Database
from sosdesk.store.models import Setting

HOLD_KEY = "call_idle_hold_minutes"
DEFAULT_HOLD = 60  # an hour of listening without a key press is already a long call
MAX_HOLD = 240


def call_hold_minutes(db: Database) -> int:
    """Minutes without input the idle lock waits during a call (0: no pause at all)."""
    with db.session() as s:
        row = s.get(Setting, HOLD_KEY)
    value = row.value if row is not None else None
    return value if isinstance(value, int) and 0 <= value <= MAX_HOLD else DEFAULT_HOLD


def set_call_hold_minutes(db: Database, minutes: int) -> int:
    """Change the pause (coordinators only, 0…240 minutes); recorded in the audit chain."""
    require(db, roles.EDIT_ORGANISATION)  # a desk-wide setting, as the header is
    if not isinstance(minutes, int) or not 0 <= minutes <= MAX_HOLD:
        raise ValidationFailed([FieldError("minutes", "nightshift.hold_range", max=MAX_HOLD)])
    with db.transaction() as tx:
        tx.session.merge(Setting(key=HOLD_KEY, value=minutes))
        tx.audit("settings_changed", "settings", HOLD_KEY, {"minutes": minutes})
    return minutes


def desk_time_zone(db: Database) -> tzinfo:
    """The organisation's time zone (Europe/Belgrade unless set): screens show it, documents
    print it, so the same instant reads the same on both."""
    return zone(get_organisation(db))

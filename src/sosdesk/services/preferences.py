"""Per-user preferences of the desk window (theme, font size, language, idle lock), kept in the
`preferences` JSON column of the user's row, so they follow the user inside the encrypted file.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, replace
from typing import Any

from sqlalchemy import select

from sosdesk.domain.validation import Checker
from sosdesk.services.errors import NotFoundUser
from sosdesk.store.database import Database
from sosdesk.store.models import User

THEMES = ("auto", "light", "dark")
LANGS = ("sr-Latn", "sr-Cyrl", "en")
FONT_SIZES = range(9, 25)
IDLE_MINUTES = range(1, 61)


@dataclass(frozen=True)
class Preferences:
    """What one user chose; defaults are what a new operator gets."""

    theme: str = "auto"  # "auto": dark from 19:00 to 07:00 (night shift), light otherwise
    font_size: int = 11
    lang: str = "sr-Latn"
    idle_minutes: int = 5

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


DEFAULTS = Preferences()


def _from_json(data: Any) -> Preferences:
    """Stored values, each replaced by its default when missing or out of range."""
    if not isinstance(data, dict):
        return DEFAULTS
    theme = data.get("theme") if data.get("theme") in THEMES else DEFAULTS.theme
    lang = data.get("lang") if data.get("lang") in LANGS else DEFAULTS.lang
    size = data.get("font_size")
    idle = data.get("idle_minutes")
    return Preferences(
        theme=str(theme),
        font_size=size if isinstance(size, int) and size in FONT_SIZES else DEFAULTS.font_size,
        lang=str(lang),
        idle_minutes=idle if isinstance(idle, int) and idle in IDLE_MINUTES else 5,
    )


def check(prefs: Preferences) -> Preferences:
    """Validate preferences; raises ValidationFailed naming each bad one."""
    c = Checker()
    if prefs.theme not in THEMES:
        c.fail("theme", "prefs.theme")
    if prefs.lang not in LANGS:
        c.fail("lang", "prefs.lang")
    if prefs.font_size not in FONT_SIZES:
        c.fail("font_size", "prefs.font_size", min=FONT_SIZES.start, max=FONT_SIZES.stop - 1)
    if prefs.idle_minutes not in IDLE_MINUTES:
        c.fail("idle_minutes", "prefs.idle_minutes")
    c.done()
    return prefs


def load_preferences(db: Database) -> Preferences:
    """The unlocked user's preferences (defaults for anything never set)."""
    with db.session() as s:
        stored = s.execute(
            select(User.preferences).where(User.id == db.actor.user_id)
        ).scalar_one_or_none()
    return _from_json(stored)


def update_preferences(db: Database, **changes: Any) -> Preferences:
    """Change some preferences of the unlocked user; returns the new set."""
    with db.transaction() as tx:
        user = tx.session.get(User, db.actor.user_id)
        if user is None:  # the row was deactivated and removed under us: nothing to keep
            raise NotFoundUser("prefs.user_gone")
        new = check(replace(_from_json(user.preferences), **changes))
        merged = {**(user.preferences or {}), **new.to_json()}
        tx.update(user, {"preferences": merged})
    return new

"""The rules for users, in one place: what a user name may be, who must stay a coordinator."""

from __future__ import annotations

from sosdesk.store.errors import UserRefused

# The `users.name` column is String(64); the office checks the same limit on a batch.
USER_NAME_MAX = 64


def check_user_name(name: str) -> str:
    """The name if it is 1..64 printable characters without surrounding spaces; else refused."""
    if (
        not name
        or len(name) > USER_NAME_MAX
        or name != name.strip()
        or not name.isprintable()
        or any(0xD800 <= ord(ch) <= 0xDFFF for ch in name)
    ):
        raise UserRefused("store.user_name", limit=USER_NAME_MAX)
    if "@" in name:
        # `name@DESK` is how colleagues from other desks arrive through sync; a local name
        # with `@` could collide with one of them.
        raise UserRefused("store.user_name_at")
    return name

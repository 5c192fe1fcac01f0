"""Controls a role may not use: disabled, and the tooltip says which permission is missing.

The rule itself lives in the services (`sosdesk.services.access`); the screen only asks
`may(...)` so that what is refused is visibly unavailable rather than failing on a click.
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from sosdesk.services import access
from sosdesk.services.errors import NotAllowed
from sosdesk.ui.context import AppContext
from sosdesk.ui.widgets.problem_text import error_text


def refusal_text(ctx: AppContext, permission: str, client_id: str | None = None) -> str:
    """Why the unlocked user may not do `permission` ('' when she may, or the desk is locked)."""
    if ctx.is_locked:
        return ""
    try:
        ctx.call(access.require, permission, client_id)
    except NotAllowed as refused:
        return error_text(refused)
    return ""


def may(ctx: AppContext, permission: str, client_id: str | None = None) -> bool:
    """Whether the unlocked user may do `permission` (False while the desk is locked)."""
    return not ctx.is_locked and bool(ctx.call(access.may, permission, client_id))


def guard(
    ctx: AppContext, permission: str, *widgets: QWidget, client_id: str | None = None
) -> bool:
    """Enable `widgets` when the user may do `permission`; else disable them and explain why
    in their tooltip (read by screen readers as the description). Returns whether she may."""
    why = refusal_text(ctx, permission, client_id)
    for w in widgets:
        w.setEnabled(not why)
        w.setToolTip(why)
        w.setAccessibleDescription(why)
    return not why

"""The areas of the main window, in tab order. Each is `Class(ctx, parent=None)`, a QWidget with
`title() -> str` (translated) and `clear()` (drop client data on lock); it reloads on
`ctx.unlocked`. An area whose module is not importable is left out of the window.
"""

from __future__ import annotations

# (key, module, class name, shortcut)
AREAS: tuple[tuple[str, str, str, str], ...] = (
    ("calls", "sosdesk.ui.intake.area", "CallsArea", "Ctrl+1"),
    ("clients", "sosdesk.ui.clients.area", "ClientsArea", "Ctrl+2"),
    ("followups", "sosdesk.ui.followups.area", "FollowUpsArea", "Ctrl+3"),
    ("directory", "sosdesk.ui.directory.area", "DirectoryArea", "Ctrl+4"),
    ("sync", "sosdesk.ui.sync.area", "SyncArea", "Ctrl+5"),
    ("statistics", "sosdesk.ui.statistics.area", "StatisticsArea", "Ctrl+6"),
)

"""`sosdesk` with no sub-command opens the desk window."""

from __future__ import annotations

import argparse

from sosdesk.commands.common import UserError


def run_gui(args: argparse.Namespace) -> int:
    """Start the GUI (unlock screen first)."""
    try:
        from sosdesk.app import run_app  # type: ignore[import-not-found, unused-ignore]
    except ImportError:
        raise UserError(
            "the desk window is not part of this build yet; see `sosdesk --help` for the commands"
        ) from None
    return int(run_app(args))

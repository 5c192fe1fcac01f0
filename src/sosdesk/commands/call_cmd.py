"""`sosdesk call correct --call ID --field NAME --value V --reason R`: correct one field of a
saved call; the original stays in the call's history."""

from __future__ import annotations

import argparse
from typing import Any

from sosdesk.commands.common import add_db_args, open_db
from sosdesk.services.call_corrections import FIELDS, correct_call


def _correct(args: argparse.Namespace) -> int:
    db = open_db(args)
    try:
        view = correct_call(db, args.call, args.field, args.value, args.reason or "")
    finally:
        db.close()
    print(f"{view.id}\t{args.field} corrected")
    return 0


def register(sub: Any) -> None:
    """Add `call correct`."""
    p = sub.add_parser("call", help="saved calls: correct a field with a reason")
    csub = p.add_subparsers(dest="call_command", required=True)
    c = csub.add_parser("correct", help="correct one field of a saved call (reason required)")
    add_db_args(c)
    c.add_argument("--call", required=True, help="the call's id")
    c.add_argument("--field", required=True, help=f"one of: {', '.join(FIELDS)}")
    c.add_argument(
        "--value",
        required=True,
        help="the corrected value (lists comma-separated, times ISO with zone, "
        "a client code for --field client, empty to clear or unlink)",
    )
    c.add_argument("--reason", default="", help="why the call is corrected")
    c.set_defaults(handler=_correct)

"""`sosdesk office set-aside`: the coordinator's decision on a desk's refused batch that
completion cannot fix. Without `--yes` it only shows the records that would be set aside and
why; with `--yes` (and `--receipts`) it applies the batch without them and writes the desk's
receipt. Registered by `office_cmd` (this module has no `register` of its own)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from sosdesk.commands.common import UserError, add_db_args, open_db
from sosdesk.commands.sync_cmd import friendly, set_aside_lines
from sosdesk.domain.messages import render, resolve_lang
from sosdesk.domain.messages.core import Param
from sosdesk.sync.errors import SyncError
from sosdesk.sync.set_aside_decision import apply_without, look_at_refused


@friendly
def _set_aside(args: argparse.Namespace) -> int:
    lang = resolve_lang(getattr(args, "lang", None))
    receipts = Path(args.receipts).expanduser() if args.receipts else None
    if args.yes and receipts is None:
        raise UserError(render("set_aside.receipts_needed", None, lang))
    if receipts is not None and not receipts.is_dir():
        raise SyncError("sync.no_receipts_folder", folder=str(receipts))
    db = open_db(args)
    try:
        plan = look_at_refused(db, args.desk)
        params: dict[str, Param] = {
            "desk": plan.desk,
            "seq": plan.seq,
            "records": plan.records,
            "count": len(plan.set_aside),
        }
        if not args.yes:
            print(render("set_aside.office_plan", params, lang))
            print("\n".join(set_aside_lines(plan.set_aside, lang)))
            print(render("set_aside.run_again", None, lang))
            return 0
        assert receipts is not None
        done = apply_without(db, args.desk, plan, receipts)
    finally:
        db.close()
    print(render("set_aside.office_done", {**params, "inserted": done.inserted}, lang))
    print("\n".join(set_aside_lines(done.set_aside, lang)))
    if done.receipt is not None:
        print(f"  {done.receipt}")
    return 0


def add_set_aside(osub: Any) -> None:
    """Add `sosdesk office set-aside` to the office's sub-commands."""
    a = osub.add_parser(
        "set-aside",
        help="apply a desk's refused batch without the records that do not fit (coordinator)",
    )
    add_db_args(a)
    a.add_argument("--desk", required=True, metavar="ID", help="desk code or device id")
    a.add_argument("--receipts", metavar="DIR", help="write the desk's receipt here")
    a.add_argument(
        "--yes", action="store_true", help="decide: apply without them (else only show them)"
    )
    a.set_defaults(handler=_set_aside)

"""`sosdesk retention [--apply] [--set RULE=N]`: what the retention rules say is due, and
applying it (coordinator)."""

from __future__ import annotations

import argparse
from typing import Any

from sosdesk.commands.common import UserError, add_db_args, open_db
from sosdesk.services.retention import (
    DEFAULTS,
    apply_retention,
    check_allowed,
    due,
    rules,
    set_rules,
)


def _settings(pairs: list[str]) -> dict[str, int]:
    out: dict[str, int] = {}
    for pair in pairs:
        name, _, value = pair.partition("=")
        if not value.strip().isdigit():
            raise UserError("cli.bad_take", field=name[:40])
        out[name.strip()] = int(value)
    return out


def _run(args: argparse.Namespace) -> int:
    wanted = _settings(args.set or [])
    db = open_db(args)
    try:
        if wanted or args.apply:
            check_allowed(db)  # before anything is printed
        if wanted:
            set_rules(db, wanted)
        for name, value in rules(db).items():
            print(f"rule\t{name}\t{value}")
        todo = due(db)
        print(f"due\tcalls\t{todo.calls}")
        print(f"due\tclients\t{len(todo.clients)}")
        if args.apply:
            done = apply_retention(db)
            print(f"applied\tcalls\t{done['calls']}")
            print(f"applied\tclients\t{done['clients']}")
    finally:
        db.close()
    return 0


def register(sub: Any) -> None:
    """Add `retention`."""
    p = sub.add_parser("retention", help="list (and with --apply, apply) what retention removes")
    add_db_args(p)
    p.add_argument("--apply", action="store_true", help="apply what is due now")
    p.add_argument(
        "--set",
        action="append",
        metavar="RULE=N",
        help=f"change a period (rules: {', '.join(DEFAULTS)})",
    )
    p.set_defaults(handler=_run)

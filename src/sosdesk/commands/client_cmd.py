"""`sosdesk client merge|anonymise|erase`: merge two registrations of one person, or remove a
client's personal data on request (with the legal basis and the reason)."""

from __future__ import annotations

import argparse
from datetime import timedelta
from typing import Any

from sosdesk.commands.common import UserError, add_db_args, open_db
from sosdesk.services.duplicates_across import duplicates_across_desks
from sosdesk.services.erasure import LEGAL_BASES, forget
from sosdesk.services.merge import FIELDS, merge_clients
from sosdesk.store.models import utcnow


def _choices(pairs: list[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for pair in pairs:
        name, _, how = pair.partition("=")
        if not how:
            raise UserError("cli.bad_take", field=name[:40])
        out[name.strip()] = how.strip()
    return out


def _merge(args: argparse.Namespace) -> int:
    choose = _choices(args.take or [])
    db = open_db(args)
    try:
        view = merge_clients(db, args.keep, args.absorb, args.reason or "", choose)
    finally:
        db.close()
    print(f"{view.absorb_code} merged into {view.keep_code}")
    return 0


def _forget(mode: str) -> Any:
    def run(args: argparse.Namespace) -> int:
        db = open_db(args)
        try:
            view = forget(
                db,
                args.client.strip().upper(),
                mode,
                args.reason or "",
                legal_basis=args.basis,
                despite_proceeding=args.despite_proceeding,
            )
        finally:
            db.close()
        counts = ", ".join(f"{k} {v}" for k, v in view.removed.items() if isinstance(v, int))
        print(f"{view.client_code} {'anonymised' if mode == 'anonymise' else 'erased'}: {counts}")
        return 0

    return run


def _duplicates(args: argparse.Namespace) -> int:
    db = open_db(args)
    try:
        since = utcnow() - timedelta(days=args.days)
        pairs = duplicates_across_desks(db, since=since)
    finally:
        db.close()
    for p in pairs:
        print(f"{p.code}\t{p.other_code}\t{','.join(p.reasons)}")
    return 0


def register(sub: Any) -> None:
    """Add `client merge`, `client anonymise` and `client erase`."""
    p = sub.add_parser("client", help="clients: merge duplicates, anonymise or erase on request")
    csub = p.add_subparsers(dest="client_command", required=True)
    m = csub.add_parser("merge", help="merge the client --absorb into --keep")
    add_db_args(m)
    m.add_argument("--keep", required=True, help="the code of the client that stays")
    m.add_argument("--absorb", required=True, help="the code of the client merged into it")
    m.add_argument("--reason", default="", help="why they are the same person")
    m.add_argument(
        "--take",
        action="append",
        metavar="FIELD=absorb|both",
        help=f"take a field from the absorbed client (fields: {', '.join(FIELDS)})",
    )
    m.set_defaults(handler=_merge)
    d = csub.add_parser(
        "duplicates", help="clients of different desks that may be the same person (office)"
    )
    add_db_args(d)
    d.add_argument("--days", type=int, default=30, help="clients registered in the last N days")
    d.set_defaults(handler=_duplicates)
    for mode, text in (
        ("anonymise", "remove the client's personal data, keep the coded facts"),
        ("erase", "remove everything of the client (statistics will say so)"),
    ):
        c = csub.add_parser(mode, help=text)
        add_db_args(c)
        c.add_argument("--client", required=True, help="the client's code")
        c.add_argument("--reason", default="", help="why (the request, its date)")
        c.add_argument(
            "--basis", default="request", choices=LEGAL_BASES, help="the legal basis (ZZPL)"
        )
        c.add_argument(
            "--despite-proceeding",
            action="store_true",
            help="confirm although the client has an open case with court hearings",
        )
        c.set_defaults(handler=_forget(mode))

"""`sosdesk office ...`: the office's side of sync (enrol and revoke desks, import batches and
write receipts, export to a desk, the conflict queue, quarantine)."""

from __future__ import annotations

import argparse
import json
import math
from pathlib import Path
from typing import Any

from sosdesk.commands.common import UserError, add_db_args, open_db
from sosdesk.commands.set_aside_cmd import add_set_aside
from sosdesk.commands.sync_cmd import confirm_fingerprint, friendly, report_imports
from sosdesk.sync.batch_format import Limits
from sosdesk.sync.conflicts import list_conflicts, resolve_conflict
from sosdesk.sync.errors import SyncError
from sosdesk.sync.export import export_office
from sosdesk.sync.identity import read_identity
from sosdesk.sync.importer import import_batches
from sosdesk.sync.peers import enroll_desk, list_peers, require_office, revoke_desk
from sosdesk.sync.quarantine import quarantined

MAX_SIZE_MB = 1024 * 1024  # a terabyte: anything larger is a typing mistake


def _value(v: Any) -> str:
    text = json.dumps(v, ensure_ascii=False)
    return text if len(text) <= 60 else text[:57] + "..."


@friendly
def _enroll(args: argparse.Namespace) -> int:
    ident = read_identity(Path(args.file))
    confirmed = confirm_fingerprint(args, ident)
    db = open_db(args)
    try:
        peer = enroll_desk(db, ident, expect=confirmed, re_enrol=args.re_enrol)
    finally:
        db.close()
    print(f"Desk {peer.desk_code} enrolled; its batches will be accepted.")
    print(f"Fingerprint: {peer.fingerprint} (it must match what the desk reads out by phone)")
    return 0


@friendly
def _revoke(args: argparse.Namespace) -> int:
    db = open_db(args)
    try:
        peer = revoke_desk(db, args.desk)
    finally:
        db.close()
    print(f"Desk {peer.desk_code} is revoked: its batches are refused from now on.")
    return 0


@friendly
def _desks(args: argparse.Namespace) -> int:
    db = open_db(args)
    try:
        require_office(db)
        peers = list_peers(db)
    finally:
        db.close()
    if not peers:
        print("No desk is enrolled yet (sosdesk office enroll --db OFFICE FILE).")
    for p in peers:
        state = f"revoked {p.revoked_at:%Y-%m-%d}" if p.revoked_at else "active"
        extra = f", {p.held} held" if p.held else ""
        extra += f", {p.undelivered} batch(es) to it unconfirmed" if p.undelivered else ""
        print(f"{p.desk_code:6} {p.fingerprint}  {state}, last batch {p.last_seq}{extra}")
    return 0


@friendly
def _import(args: argparse.Namespace) -> int:
    receipts = Path(args.receipts).expanduser() if args.receipts else None
    limits = None
    if args.max_size is not None:
        if not math.isfinite(args.max_size) or not 0 < args.max_size <= MAX_SIZE_MB:
            raise SyncError("sync.bad_max_size")
        limits = Limits(max_file_bytes=int(args.max_size * 1024 * 1024))
    db = open_db(args)
    try:
        require_office(db)
        outcomes = import_batches(
            db, [Path(p).expanduser() for p in args.batches], receipts_dir=receipts, limits=limits
        )
    finally:
        db.close()
    return report_imports(outcomes)


@friendly
def _export(args: argparse.Namespace) -> int:
    db = open_db(args)
    try:
        result = export_office(db, args.desk, Path(args.out).expanduser())
    finally:
        db.close()
    if result.nothing:
        print(f"Nothing to send to {args.desk.upper()}: it has everything from the office.")
        return 0
    if result.new_seq is not None:
        print(
            f"Batch {result.new_seq} for {args.desk.upper()} written: {result.records:,} records."
        )
    if result.rewritten:
        print(
            f"Not yet confirmed by the desk, written again: batch "
            f"{', '.join(map(str, result.rewritten))}."
        )
    for f in result.files:
        print(f"  {f}")
    return 0


@friendly
def _conflicts(args: argparse.Namespace) -> int:
    db = open_db(args)
    try:
        if args.resolve:
            if (args.pick is None) == (args.value is None):
                raise UserError("give either --pick N or --value JSON with --resolve")
            merged = args.value is not None
            value: Any = None
            if merged:
                try:
                    value = json.loads(args.value)
                except ValueError:
                    raise UserError('--value must be JSON, e.g. "high" or ["sr", "en"]') from None
            c = resolve_conflict(db, args.resolve, pick=args.pick, value=value, merged=merged)
            print(
                f"Resolved: {c.record_label} {c.field} = {_value(c.resolution)}; the desks get "
                "it with their next office batch."
            )
            return 0
        rows = list_conflicts(db, include_resolved=args.all)
    finally:
        db.close()
    if not rows:
        print("No conflicts to review.")
        return 0
    for c in rows:
        print(
            f"{c.id[:8]}  {c.record_label}  {c.entity}.{c.field} (from version {c.base_version})"
            f"  [{c.state}]  now: {_value(c.current)}"
        )
        for i, cand in enumerate(c.candidates, 1):
            when = f"{cand.written_at:%Y-%m-%d %H:%M}" if cand.written_at else "?"
            print(f"    {i}. {_value(cand.value)}  by {cand.desk_code} at {when} UTC")
    print("Resolve with: sosdesk office conflicts --resolve ID --pick N (or --value JSON)")
    return 0


@friendly
def _quarantine(args: argparse.Namespace) -> int:
    db = open_db(args)
    try:
        rows = quarantined(db)
    finally:
        db.close()
    if not rows:
        print("Nothing was refused.")
    for q in rows:
        who = f"{q.peer_code} batch {q.seq}" if q.peer_code else "unknown sender"
        print(f"{q.received_at:%Y-%m-%d %H:%M}  {q.file_name}  {who}  {q.reason}: {q.message}")
    return 0


def register(sub: Any) -> None:
    """Add `sosdesk office ...`."""
    p = sub.add_parser("office", help="office side of sync: desks, import, export, conflicts")
    osub = p.add_subparsers(dest="office_command", required=True, metavar="ACTION")

    a = osub.add_parser("enroll", help="accept batches from a desk (its identity file)")
    add_db_args(a)
    a.add_argument("file", metavar="FILE")
    a.add_argument(
        "--fingerprint", metavar="DIGITS", help="the fingerprint read out by phone (else asked)"
    )
    a.add_argument(
        "--re-enrol",
        dest="re_enrol",
        action="store_true",
        help="accept a revoked desk again (coordinator only)",
    )
    a.set_defaults(handler=_enroll)

    a = osub.add_parser("revoke", help="refuse batches from a desk from now on")
    add_db_args(a)
    a.add_argument("--desk", required=True, metavar="ID", help="desk code or device id")
    a.set_defaults(handler=_revoke)

    a = osub.add_parser("desks", help="enrolled desks and their fingerprints")
    add_db_args(a)
    a.set_defaults(handler=_desks)

    a = osub.add_parser("import", help="import desk batches; write receipts")
    add_db_args(a)
    a.add_argument("--receipts", metavar="DIR", help="write a receipt per applied batch here")
    a.add_argument("--max-size", type=float, metavar="MB", help="refuse larger files")
    a.add_argument("batches", nargs="+", metavar="BATCH")
    a.set_defaults(handler=_import)

    a = osub.add_parser("export", help="write the batch for one desk into a folder")
    add_db_args(a)
    a.add_argument("--desk", required=True, metavar="ID", help="desk code or device id")
    a.add_argument("--out", required=True, metavar="DIR")
    a.set_defaults(handler=_export)

    a = osub.add_parser("conflicts", help="list (or --resolve) fields two desks changed")
    add_db_args(a)
    a.add_argument("--all", action="store_true", help="also list resolved conflicts")
    a.add_argument("--resolve", metavar="ID", help="conflict id (the first characters suffice)")
    a.add_argument("--pick", type=int, metavar="N", help="keep value number N")
    a.add_argument("--value", metavar="JSON", help="or set a merged value (JSON)")
    a.set_defaults(handler=_conflicts)

    a = osub.add_parser("quarantine", help="refused batch files and why")
    add_db_args(a)
    a.set_defaults(handler=_quarantine)

    add_set_aside(osub)

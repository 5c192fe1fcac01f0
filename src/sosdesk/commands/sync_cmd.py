"""`sosdesk sync ...`: a desk's side of sync (identity, trust the office, export, receipts,
import from the office, status)."""

from __future__ import annotations

import argparse
import functools
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sosdesk.commands.common import UserError, add_db_args, open_db
from sosdesk.domain.messages import CodedError, render, resolve_lang
from sosdesk.files import FileProblem
from sosdesk.sync.errors import Rejected, SyncError
from sosdesk.sync.export import export_desk
from sosdesk.sync.identity import PublicIdentity, read_identity, write_identity
from sosdesk.sync.importer import import_batches
from sosdesk.sync.peers import trust_office
from sosdesk.sync.receipts import import_receipt
from sosdesk.sync.status import desk_status
from sosdesk.sync.views import ImportOutcome, SetAsideRecord, still_waiting

YES = frozenset({"y", "yes", "d", "da", "д", "да"})
EXIT_REJECTED = 2
EXIT_HELD = 3

Handler = Callable[[argparse.Namespace], int]


def _lang(args: argparse.Namespace) -> str:
    return resolve_lang(getattr(args, "lang", None))


def friendly(handler: Handler) -> Handler:
    """Sync and file errors become one clear line in the user's language and exit code 2
    (never a traceback)."""

    @functools.wraps(handler)
    def run(args: argparse.Namespace) -> int:
        try:
            return handler(args)
        except Rejected as exc:
            if exc.code == "sync.rejected":
                raise UserError(f"refused: {exc.message}") from None
            raise UserError(exc.text(_lang(args))) from None
        except CodedError as exc:
            raise UserError(exc.text(_lang(args))) from None

    return run


def confirm_fingerprint(args: argparse.Namespace, ident: PublicIdentity) -> str:
    """The fingerprint the user confirmed: `--fingerprint`, or a yes typed at a terminal after
    seeing it. Without a terminal and without `--fingerprint`, nothing is accepted."""
    if args.fingerprint is not None:
        return str(args.fingerprint)
    lang = _lang(args)
    if not sys.stdin.isatty():
        raise SyncError("sync.confirm_needed", code=ident.desk_code, fingerprint=ident.fingerprint)
    print(render("sync.confirm_prompt", {"code": ident.desk_code}, lang))
    print(f"  {ident.fingerprint}")
    try:
        answer = input(render("sync.confirm_question", None, lang) + " ")
    except EOFError:
        answer = ""
    if answer.strip().lower() not in YES:
        raise SyncError("sync.confirm_declined", code=ident.desk_code)
    return ident.fingerprint


def set_aside_lines(records: tuple[SetAsideRecord, ...], lang: str) -> list[str]:
    """One line per set-aside record: where it is in the batch, which record, and why."""
    return [
        "  "
        + render("set_aside.record", {"line": r.line, "table": r.entity, "id": r.record_id}, lang)
        + r.problem.text(lang)
        for r in records
    ]


def report_imports(outcomes: list[ImportOutcome], lang: str | None = None) -> int:
    """Print one line per batch; exit 0 (all applied or already applied), 2 or 3."""
    for o in outcomes:
        print(f"{o.status:9} {o.file}: {o.message}")
    withheld = sum(o.withheld for o in outcomes if o.status == "applied")
    if withheld:
        print(render("sync.withheld", {"count": withheld}, resolve_lang(lang)))
    applied = sum(o.status == "applied" for o in outcomes)
    replayed = sum(o.status == "replayed" for o in outcomes)
    held = len(still_waiting(outcomes))  # a batch held, then applied in this run, is done
    rejected = sum(o.status == "rejected" for o in outcomes)
    receipts = sum(o.receipt is not None for o in outcomes)
    print(
        f"{applied} applied, {replayed} already applied, {held} held, {rejected} rejected"
        + (f"; {receipts} receipt(s) written" if receipts else "")
    )
    if rejected:
        print("Rejected files were kept in quarantine (nothing of them was applied).")
        answered = sum(o.status == "rejected" and o.receipt is not None for o in outcomes)
        if answered:
            print(
                f"{answered} of them were answered with a refusal receipt: take the receipts "
                "back to the desk; its next export sends those batches again, completed."
            )
        for o in outcomes:
            if o.problem is not None and o.problem.code == "office.record_does_not_fit":
                hint: dict[str, int | str] = {"seq": o.seq or 0, "desk": o.peer_code or ""}
                print(render("set_aside.hint", hint, resolve_lang(None)))
        return EXIT_REJECTED
    if held:
        print("Held batches wait for an earlier batch from the same desk: import it too.")
        return EXIT_HELD
    return 0


@friendly
def _identity(args: argparse.Namespace) -> int:
    db = open_db(args)
    try:
        ident = write_identity(db, Path(args.out))
    finally:
        db.close()
    role = "office" if ident.role == "office" else "desk"
    print(f"Identity of {role} {ident.desk_code} written to {args.out}.")
    print(f"Fingerprint (compare it by phone): {ident.fingerprint}")
    return 0


@friendly
def _trust(args: argparse.Namespace) -> int:
    ident = read_identity(Path(args.file))
    confirmed = confirm_fingerprint(args, ident)
    db = open_db(args)
    try:
        peer = trust_office(db, ident, expect=confirmed, replace=args.replace)
    finally:
        db.close()
    print(f"This desk now sends its batches to office {peer.desk_code}.")
    print(f"Office fingerprint: {peer.fingerprint} (it must match what the office reads out)")
    return 0


@friendly
def _export(args: argparse.Namespace) -> int:
    db = open_db(args)
    try:
        result = export_desk(db, Path(args.out).expanduser())
    finally:
        db.close()
    if result.nothing:
        print("Nothing to export: every change has reached the office.")
        return 0
    if result.new_seq is not None:
        print(f"Batch {result.new_seq} written: {result.records:,} records.")
    if result.rewritten:
        nums = ", ".join(map(str, result.rewritten))
        print(f"Not yet confirmed by the office, written again: batch {nums}.")
    for f in result.files:
        print(f"  {f}")
    print("Take the file(s) to the office; bring the receipts back (sosdesk sync receipt).")
    return 0


@friendly
def _receipt(args: argparse.Namespace) -> int:
    db = open_db(args)
    failed = False
    try:
        for name in args.files:
            try:
                out = import_receipt(db, Path(name))
            except Rejected as exc:
                print(f"refused   {Path(name).name}: {exc.message}")
                failed = True
                continue
            except FileProblem as exc:
                print(f"refused   {Path(name).name}: {exc.text(_lang(args))}")
                failed = True
                continue
            if out.problem is not None:
                print(f"refused   batch {out.seq}: {out.problem.text(_lang(args))}")
                print("          " + render("office.send_again", {"seq": out.seq}, _lang(args)))
                continue
            print(f"ok        {Path(name).name}: {out.message}")
            if out.set_aside:
                params = {"seq": out.seq, "count": len(out.set_aside)}
                print("          " + render("set_aside.desk_done", params, _lang(args)))
                print("\n".join(set_aside_lines(out.set_aside, _lang(args))))
    finally:
        db.close()
    return 2 if failed else 0


@friendly
def _import(args: argparse.Namespace) -> int:
    db = open_db(args)
    try:
        if db.desk.is_office:
            raise SyncError("sync.use_office_import")
        outcomes = import_batches(db, [Path(p).expanduser() for p in args.files])
    finally:
        db.close()
    return report_imports(outcomes, _lang(args))


@friendly
def _status(args: argparse.Namespace) -> int:
    db = open_db(args)
    try:
        st = desk_status(db)
    finally:
        db.close()
    print(f"Desk {st.desk_code}, fingerprint {st.fingerprint}")
    if st.office_code is None:
        print("No office trusted yet: sosdesk sync trust-office --db PATH FILE")
    else:
        print(f"Office {st.office_code}, fingerprint {st.office_fingerprint}")
    print(f"Changes not yet in a batch: {st.unexported_changes:,}")
    if st.undelivered:
        print("Batches not yet confirmed by the office (export writes them again):")
        for b in st.undelivered:
            state = "numbered, file not written" if b.state == "pending" else "written"
            print(f"  batch {b.seq}: {b.records:,} records, {state}, {b.created_at:%Y-%m-%d %H:%M}")
    else:
        print("Every exported batch has reached the office.")
    if st.last_delivered:
        print(f"Last confirmed: batch {st.last_delivered.seq}")
    if st.last_from_office:
        print(f"Last batch from the office: {st.last_from_office.seq}")
    if st.held_from_office:
        print(f"Office batches held (an earlier one is missing): {st.held_from_office}")
    return 0


def register(sub: Any) -> None:
    """Add `sosdesk sync ...`."""
    p = sub.add_parser("sync", help="desk side of sync: identity, export, receipts, import")
    ssub = p.add_subparsers(dest="sync_command", required=True, metavar="ACTION")

    a = ssub.add_parser("identity", help="write this database's public identity file")
    add_db_args(a)
    a.add_argument("--out", required=True, metavar="FILE")
    a.set_defaults(handler=_identity)

    a = ssub.add_parser("trust-office", help="send batches to this office (its identity file)")
    add_db_args(a)
    a.add_argument("file", metavar="FILE")
    a.add_argument(
        "--fingerprint", metavar="DIGITS", help="the fingerprint read out by phone (else asked)"
    )
    a.add_argument("--replace", action="store_true", help="replace the office trusted so far")
    a.set_defaults(handler=_trust)

    a = ssub.add_parser("export", help="write the batch(es) for the office into a folder")
    add_db_args(a)
    a.add_argument("--out", required=True, metavar="DIR")
    a.set_defaults(handler=_export)

    a = ssub.add_parser("receipt", help="import the office's receipt file(s)")
    add_db_args(a)
    a.add_argument("files", nargs="+", metavar="FILE")
    a.set_defaults(handler=_receipt)

    a = ssub.add_parser("import", help="import batch file(s) from the office")
    add_db_args(a)
    a.add_argument("files", nargs="+", metavar="FILE")
    a.set_defaults(handler=_import)

    a = ssub.add_parser("status", help="what has not reached the office yet")
    add_db_args(a)
    a.set_defaults(handler=_status)

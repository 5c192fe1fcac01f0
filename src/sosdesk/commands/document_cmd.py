"""`sosdesk document ...`: court-support PDFs, their verification and the organisation header."""

from __future__ import annotations

import argparse
import os
import re
from datetime import date
from pathlib import Path
from typing import Any

from sosdesk.commands.common import EXIT_UNSOUND, UserError, add_db_args, open_db, read_secret
from sosdesk.domain.vocab import DOCUMENT_KIND, EVENT_KIND, LANGS
from sosdesk.files import FileProblem, read_bounded, write_private
from sosdesk.services import organisation, print_register
from sosdesk.services.clients import NotFound, find_by_code
from sosdesk.services.documents_data import DocumentRequest, NothingToPrint

ENV_PDF_PASSWORD = "SOSDESK_PDF_PASSWORD"
# Far above any document we issue (a 2,000-event chronology is a few megabytes).
MAX_PDF = 256 * 1024 * 1024
_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$|^(\d{1,2})\.(\d{1,2})\.(\d{4})\.?$")


def parse_day(text: str, option: str) -> date:
    """`2026-03-01` or `1.3.2026.`; UserError naming the option otherwise."""
    m = _DATE.match(text.strip())
    try:
        if m and m.group(1):
            return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        if m:
            return date(int(m.group(6)), int(m.group(5)), int(m.group(4)))
    except ValueError:
        pass
    raise UserError(f"{option} {text!r} is not a date: write it as YYYY-MM-DD, e.g. 2026-03-01")


def check_output(path: Path, overwrite: bool) -> Path:
    """Refuse an output path that cannot be written, before any work is done."""
    path = Path(os.path.abspath(path.expanduser()))
    try:
        str(path).encode("utf-8")
    except UnicodeEncodeError:
        raise UserError("cli.bad_name") from None
    if path.is_symlink():
        raise FileProblem("file.symlink", path)
    if path.is_dir():
        raise UserError(f"--out {path.name} is a folder; give a file name such as doc.pdf")
    folder = path.parent
    if not folder.is_dir():
        raise FileProblem("file.no_folder", path)
    if not os.access(folder, os.W_OK | os.X_OK):
        raise FileProblem("file.not_writable", path)
    if path.exists() and not overwrite:
        raise UserError("cli.output_exists", name=path.name)
    return path


def write_pdf(path: Path, data: bytes, *, overwrite: bool = False) -> None:
    """Write the PDF atomically (mode 0600, never through a link); a failure is coded."""
    write_private(path, data, overwrite=overwrite)


def _kinds(text: str | None) -> frozenset[str] | None:
    if not text:
        return None
    kinds = frozenset(k.strip() for k in text.split(",") if k.strip())
    unknown = sorted(kinds - set(EVENT_KIND.codes()))
    if unknown:
        raise UserError(f"--kinds: unknown kind {unknown[0]}; use {', '.join(EVENT_KIND.codes())}")
    return kinds


def _password(value: str | None) -> str | None:
    if value == "-":
        return read_secret(ENV_PDF_PASSWORD, "PDF password: ", confirm=True)
    return value


def _produce(args: argparse.Namespace) -> int:
    from sosdesk.documents.produce import build, check_password, issue_with_retry

    since = parse_day(args.since, "--from") if args.since else None
    until = parse_day(args.until, "--to") if args.until else None
    if since and until and until < since:
        raise UserError(
            f"--to {until.isoformat()} is before --from {since.isoformat()}; swap them or fix one"
        )
    kinds = _kinds(args.kinds)
    out = check_output(Path(args.out), args.overwrite)
    password = _password(args.password)
    check_password(password)
    db = open_db(args)
    try:
        try:
            client = find_by_code(db, args.client)
            request = DocumentRequest(
                kind=args.document,
                client_id=client.id,
                lang=args.lang,
                since=since,
                until=until,
                kinds=kinds,
                profile="pseudonymised" if args.redact else "full",
                hearing_id=args.hearing,
                entry_id=args.to_entry,
            )
            built = build(db, request, password=password)
            done = issue_with_retry(
                db, built, "file", lambda b: write_pdf(out, b.pdf, overwrite=args.overwrite)
            )
        except (NotFound, NothingToPrint) as exc:
            raise UserError(str(exc)) from None
    finally:
        db.close()
    locked = ", password-protected" if done.encrypted else ""
    print(
        f"Wrote {out}: {done.title} {done.number} ({done.pages} "
        f"page{'s' if done.pages != 1 else ''}{locked})."
    )
    print(f"SHA-256 {done.sha256} recorded in the print register.")
    return 0


def _verify(args: argparse.Namespace) -> int:
    path = Path(args.file).expanduser()
    data = read_bounded(path, MAX_PDF)
    db = open_db(args)
    try:
        result = print_register.verify(db, data)
        desk = db.desk.desk_code
        tz = organisation.zone(organisation.get_organisation(db))
    finally:
        db.close()
    kind = DOCUMENT_KIND.label(result.kind or "", "en") if result.kind else "document"
    when = result.issued_at.astimezone(tz).strftime("%Y-%m-%d %H:%M") if result.issued_at else "?"
    if result.status == "issued":
        where = (
            "this desk"
            if (result.number or "").startswith(f"{desk}-")
            else "desk " + ((result.number or "?").split("-")[0])
        )
        chain = (
            ""
            if result.in_audit_chain
            else " (known from a synced timeline, not this desk's audit chain)"
        )
        print(
            f"ISSUED: {path.name} is {kind} {result.number}, issued by {where} on {when} "
            f"by {result.issued_by or 'an unknown user'}{chain}."
        )
        return 0
    if result.status == "modified":
        print(
            f"NOT AUTHENTIC: {path.name} claims to be {kind} {result.number} (issued on {when}),"
            " but its content differs from the PDF that was issued: it was changed."
        )
        return EXIT_UNSOUND
    print(
        f"UNKNOWN: {path.name} is not a PDF issued by this desk (no matching record"
        f"{' for ' + result.number if result.number else ''})."
    )
    return EXIT_UNSOUND


def _org(args: argparse.Namespace) -> int:
    changes: dict[str, Any] = {
        k: v
        for k, v in {
            "name": args.name,
            "name_en": args.name_en,
            "unit": args.unit,
            "unit_en": args.unit_en,
            "address": args.address,
            "place": args.place,
            "phone": args.phone,
            "email": args.email,
            "web": args.web,
            "timezone": args.timezone,
            "sos_numbers": args.sos,
        }.items()
        if v is not None
    }
    db = open_db(args)
    try:
        if changes:
            try:
                org = organisation.set_organisation(db, changes)
            except PermissionError as exc:
                raise UserError(str(exc)) from None
        else:
            org = organisation.get_organisation(db)
    finally:
        db.close()
    for label, value in (
        ("name", org.name),
        ("name (en)", org.name_en),
        ("unit", org.unit),
        ("unit (en)", org.unit_en),
        ("address", org.address),
        ("place", org.place),
        ("SOS numbers", ", ".join(org.sos_numbers)),
        ("phone", org.phone),
        ("e-mail", org.email),
        ("web", org.web),
        ("time zone", org.timezone),
    ):
        print(f"{label:12} {value}")
    return 0


def register(sub: Any) -> None:
    """Add `sosdesk document`."""
    p = sub.add_parser("document", help="court-support PDFs: produce, verify, header settings")
    dsub = p.add_subparsers(dest="document", metavar="DOCUMENT", required=True)
    for kind in DOCUMENT_KIND.codes():
        d = dsub.add_parser(kind, help=DOCUMENT_KIND.label(kind, "en"))
        add_db_args(d)
        d.add_argument("--client", required=True, metavar="CODE", help="e.g. BG1-2026-0142")
        d.add_argument("--out", required=True, metavar="FILE.pdf", help="where to write the PDF")
        d.add_argument("--lang", default="sr-Cyrl", choices=LANGS)
        d.add_argument("--from", dest="since", metavar="DATE", help="first day (YYYY-MM-DD)")
        d.add_argument("--to", dest="until", metavar="DATE", help="last day (YYYY-MM-DD)")
        d.add_argument(
            "--redact",
            action="store_true",
            help="pseudonymise: client code, no addresses, phones or shelters",
        )
        d.add_argument(
            "--password",
            metavar="P",
            help=f"encrypt the PDF ('-' reads ${ENV_PDF_PASSWORD} or asks)",
        )
        d.add_argument("--overwrite", action="store_true", help="replace an existing file")
        if kind == "chronology":
            d.add_argument("--kinds", metavar="K,K", help="event kinds (default: all support)")
        else:
            d.set_defaults(kinds=None)
        d.add_argument("--hearing", metavar="ID", help="court hearing event (accompaniment)")
        d.add_argument(
            "--to-entry", dest="to_entry", metavar="ID", help="directory entry (referral)"
        )
        d.set_defaults(handler=_produce)
    v = dsub.add_parser("verify", help="was this PDF issued by this desk, and when?")
    add_db_args(v)
    v.add_argument("file", metavar="FILE.pdf")
    v.set_defaults(handler=_verify)
    o = dsub.add_parser("org", help="show or change the organisation header (coordinator)")
    add_db_args(o)
    for name in (
        "name",
        "name-en",
        "unit",
        "unit-en",
        "address",
        "place",
        "phone",
        "email",
        "web",
        "timezone",
    ):
        o.add_argument(f"--{name}", dest=name.replace("-", "_"))
    o.add_argument("--sos", action="append", metavar="NUMBER", help="SOS number (repeat)")
    o.set_defaults(handler=_org)

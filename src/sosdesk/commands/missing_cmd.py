"""`sosdesk missing summary`: the case summary PDF of a missing child, for the police or a
foreign 116 000 line (pseudonymised unless `--full`), numbered and recorded in the register."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from sosdesk.commands.common import UserError, add_db_args, open_db
from sosdesk.commands.document_cmd import ENV_PDF_PASSWORD, _password, check_output, write_pdf
from sosdesk.domain.messages import CodedError, render, resolve_lang
from sosdesk.domain.validation import ValidationFailed
from sosdesk.domain.vocab import LANGS


def _summary(args: argparse.Namespace) -> int:
    from sosdesk.documents.missing_summary import build_summary, issue_summary
    from sosdesk.services.missing_children import find_missing_case

    out = check_output(Path(args.out), args.overwrite)
    password = _password(args.password)
    db = open_db(args)
    try:
        try:
            case = find_missing_case(db, args.case)
            profile = "full" if args.full else "pseudonymised"
            built = build_summary(db, case.id, args.lang, profile, password=password)
            issue_summary(db, built, "file")
            write_pdf(out, built.pdf, overwrite=args.overwrite)
        except ValidationFailed as exc:
            first = exc.errors[0]
            raise UserError(render(first.code, first.params, resolve_lang())) from None
        except CodedError as exc:
            raise UserError(render(exc.code, exc.params, resolve_lang())) from None
    finally:
        db.close()
    locked = ", password-protected" if built.encrypted else ""
    print(f"Wrote {out}: {built.data.code} {built.number} ({built.pages} page(s){locked}).")
    print(f"SHA-256 {built.sha256} recorded in the print register.")
    return 0


def register(sub: Any) -> None:
    """Add `sosdesk missing summary`."""
    p = sub.add_parser("missing", help="the 116 000 line: missing-child case summaries")
    msub = p.add_subparsers(dest="missing_command", required=True, metavar="COMMAND")
    s = msub.add_parser("summary", help="case summary PDF for the police or a foreign line")
    add_db_args(s)
    s.add_argument("--case", required=True, metavar="CODE", help="e.g. NC-BG1-2026-0007")
    s.add_argument("--out", required=True, metavar="FILE.pdf")
    s.add_argument("--lang", default="sr-Cyrl", choices=LANGS)
    s.add_argument("--full", action="store_true", help="print the child's name (full profile)")
    s.add_argument(
        "--password", metavar="P", help=f"encrypt the PDF ('-' reads ${ENV_PDF_PASSWORD})"
    )
    s.add_argument("--overwrite", action="store_true", help="replace an existing file")
    s.set_defaults(handler=_summary)

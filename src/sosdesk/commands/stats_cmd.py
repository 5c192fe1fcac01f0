"""`sosdesk stats report` (annual statistical report, PDF and CSV tables) and `sosdesk stats
ctdc` (the k-anonymised CTDC-shaped file of a year's victims)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from sosdesk.commands.common import UserError, add_db_args, open_db
from sosdesk.stats.anonymity import AnonymityReport
from sosdesk.stats.ctdc_export import DEFAULT_K, ctdc_export
from sosdesk.stats.facts import ensure_facts
from sosdesk.stats.labels import LANGS
from sosdesk.stats.report import build_report, write_private
from sosdesk.stats.suppression import SuppressionRule
from sosdesk.store.database import Database

_NAMES = {
    "gender": "gender",
    "age": "age group",
    "citizenship": "citizenship",
    "exploitation": "exploitation type",
    "country": "country of exploitation",
}
_LEVELS = {
    "age": ("", "kept as majority status (adult/minor) only", "suppressed"),
    "citizenship": ("", "generalised to regions", "suppressed"),
    "exploitation": ("", "generalised to sexual / labour / other", "suppressed"),
    "country": ("", "generalised to regions", "suppressed"),
    "gender": ("", "suppressed"),
}


def _year(value: str) -> int:
    try:
        year = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a year: {value!r} (write it as 2025)") from None
    if not 1990 <= year <= 2100:
        raise argparse.ArgumentTypeError("a year between 1990 and 2100")
    return year


def _k(value: str) -> int:
    try:
        return int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"--k must be a whole number, not {value!r}") from None


def _check_k(k: int) -> None:
    if k < 2:
        raise UserError(
            f"--k {k} would publish single persons: use --k 2 or more (default 11); "
            "nothing was written"
        )


def _check_out(path: Path, suffix: str) -> Path:
    out = path.expanduser()
    if out.is_dir():
        raise UserError(f"{out} is a folder: give a file name ending in {suffix}")
    if not out.parent.exists():
        raise UserError(f"the folder {out.parent} does not exist; create it or choose another")
    return out


def _audit(db: Database, action: str, detail: dict[str, Any]) -> None:
    with db.transaction() as tx:
        tx.audit(action, "statistics", None, detail)


def _report(args: argparse.Namespace) -> int:
    _check_k(args.k)
    out = _check_out(Path(args.out), ".pdf")
    db = open_db(args)
    try:
        ensure_facts(db)
        report = build_report(db, args.year, args.lang, SuppressionRule(k=args.k))
        write_private(out, report.pdf)
        written = [out.name]
        if args.csv:
            folder = Path(args.csv).expanduser()
            if folder.exists() and not folder.is_dir():
                raise UserError(f"--csv {folder} is a file; give a folder")
            for name, content in report.csv.items():
                write_private(folder / name, content.encode("utf-8-sig"))
            written.append(f"{len(report.csv)} CSV files")
        _audit(
            db,
            "stats_report",
            {
                "year": args.year,
                "lang": args.lang,
                "k": args.k,
                "file": out.name,
                "csv": bool(args.csv),
            },
        )
    finally:
        db.close()
    if report.is_empty:
        print(
            f"No calls, clients or activities are recorded for {args.year}; "
            f"the report says so. Written: {out}"
        )
    else:
        s = report.dashboard.summary
        print(f"Annual report {args.year} written: {out} ({', '.join(written[1:]) or 'PDF only'})")
        print(
            f"  calls {s.calls}, new clients {s.new_clients}, identified victims "
            f"{s.identified_victims}; tables of persons suppressed at k = {args.k}"
        )
    return 0


def describe(report: AnonymityReport) -> list[str]:
    """What the anonymisation did, in counts (no values, no persons)."""
    lines = [f"k = {report.k}: {report.rows_out} of {report.rows_in} victims written."]
    for qi, level in report.global_levels.items():
        if level:
            lines.append(f"  {_NAMES[qi]}: {_LEVELS[qi][level]} for every row")
    for qi, rows in report.locally_suppressed.items():
        lines.append(f"  {_NAMES[qi]}: suppressed in {rows} more row(s)")
    if report.withheld:
        lines.append(
            f"  {report.withheld} row(s) withheld: too few victims to publish them "
            f"without singling anyone out"
        )
    if len(lines) == 1:
        lines.append("  nothing needed to be generalised or suppressed")
    return lines


def _ctdc(args: argparse.Namespace) -> int:
    _check_k(args.k)
    out = _check_out(Path(args.out), ".csv")
    db = open_db(args)
    try:
        if db.actor.role not in ("consultant", "coordinator"):
            raise UserError("the CTDC export is for consultants and coordinators")
        ensure_facts(db)
        export = ctdc_export(db, args.year, args.k)
        write_private(out, export.csv_text().encode("utf-8"))
        _audit(
            db,
            "stats_ctdc_export",
            {"year": args.year, "k": args.k, "file": out.name, "rows": export.report.rows_out},
        )
    finally:
        db.close()
    if export.report.rows_in == 0:
        print(
            f"No identified or presumed victims were registered in {args.year}; "
            f"{out} has only the header row."
        )
        return 0
    print(f"CTDC export {args.year} written: {out}")
    for line in describe(export.report):
        print(line)
    return 0


def register(sub: Any) -> None:
    """Add `stats report` and `stats ctdc`."""
    p = sub.add_parser("stats", help="annual statistical report and CTDC export")
    ssub = p.add_subparsers(dest="stats_command", required=True, metavar="COMMAND")

    r = ssub.add_parser("report", help="the annual statistical report (PDF, optional CSV)")
    add_db_args(r)
    r.add_argument("--year", type=_year, required=True)
    r.add_argument("--out", required=True, metavar="FILE.pdf")
    r.add_argument("--lang", choices=LANGS, default="sr-Cyrl")
    r.add_argument("--csv", metavar="DIR", help="also write every table as CSV into DIR")
    r.add_argument(
        "--k",
        type=_k,
        default=DEFAULT_K,
        help="tables of persons: counts under k are hidden (default 11)",
    )
    r.set_defaults(handler=_report)

    c = ssub.add_parser("ctdc", help="k-anonymised CTDC-shaped CSV of a year's victims")
    add_db_args(c)
    c.add_argument("--year", type=_year, required=True)
    c.add_argument("--out", required=True, metavar="FILE.csv")
    c.add_argument(
        "--k",
        type=_k,
        default=DEFAULT_K,
        help="every combination of quasi-identifiers occurs at least k times",
    )
    c.set_defaults(handler=_ctdc)

"""`sosdesk stats report` (the annual report: suppressed tables or differential privacy),
`sosdesk stats ctdc` (the k-anonymised CTDC file of a year's victims), `sosdesk stats
budget` (the privacy-loss ledger of a year) and `sosdesk stats mce` (the 116 000 line's
yearly figures for Missing Children Europe)."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sosdesk.commands.common import UserError, add_db_args, open_db
from sosdesk.domain.ctdc_codebook import DATASOURCES
from sosdesk.domain.messages import CodedError, render, resolve_lang
from sosdesk.services.missing_children import require_figures
from sosdesk.services.privacy_ledger import Ledger, ledger, set_budget
from sosdesk.stats.ctdc_export import DEFAULT_DATASOURCE, DEFAULT_K, CtdcExport
from sosdesk.stats.ctdc_notes import ctdc_method_notes
from sosdesk.stats.dp_queries import DEFAULT_CALL_BOUND, GROUPS
from sosdesk.stats.labels import LANGS
from sosdesk.stats.mce import DEFAULT_K as MCE_K
from sosdesk.stats.mce import mce_figures, write_mce_csv
from sosdesk.stats.publish import (
    DP_MODE,
    K_MODE,
    MODES,
    ReportRequest,
    publish_ctdc,
    publish_report,
)

_NAMES = {
    "gender": "gender",
    "age": "age group",
    "citizenship": "citizenship",
    "exploitation": "exploitation type",
    "country": "country of exploitation",
    "means": "means of control",
    "recruiter": "recruiter relation",
}
_LEVELS = {
    "age": ("", "kept as majority status (adult/minor) only", "suppressed"),
    "exploitation": ("", "kept as sexual / labour flags only", "suppressed"),
    "means": ("", "kept as 'means recorded or not' only", "suppressed"),
}


def _year(value: str) -> int:
    try:
        year = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a year: {value!r} (write it as 2025)") from None
    if not 1990 <= year <= 2100:
        raise argparse.ArgumentTypeError("a year between 1990 and 2100")
    return year


def _int(value: str) -> int:
    try:
        return int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"a whole number, not {value!r}") from None


def _epsilon(value: str) -> float:
    try:
        return float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"a number such as 1 or 0.5, not {value!r}") from None


def _groups(value: str) -> tuple[str, ...]:
    chosen = tuple(dict.fromkeys(v.strip() for v in value.split(",") if v.strip()))
    wrong = [g for g in chosen if g not in GROUPS]
    if wrong or not chosen:
        raise argparse.ArgumentTypeError(f"choose from {','.join(GROUPS)}, comma-separated")
    return chosen


def _coded(handler: Callable[[argparse.Namespace], int]) -> Callable[[argparse.Namespace], int]:
    """Coded errors become one line in the user's language (they hold no client data)."""

    def run(args: argparse.Namespace) -> int:
        try:
            return handler(args)
        except CodedError as exc:
            raise UserError(render(exc.code, exc.params, resolve_lang())) from None

    return run


def _ledger_line(book: Ledger) -> str:
    if book.budget is None:
        return f"privacy budget {book.year}: not set"
    return (
        f"privacy budget {book.year}: ε = {book.budget:g}, spent {book.spent:.4g} in "
        f"{book.releases} release(s), left {book.left:.4g}"
    )


def _report(args: argparse.Namespace) -> int:
    req = ReportRequest(
        year=args.year,
        out=Path(args.out).expanduser(),
        lang=args.lang,
        mode=args.mode,
        k=args.k,
        epsilon=args.epsilon,
        call_bound=args.call_bound,
        csv_dir=Path(args.csv).expanduser() if args.csv else None,
        overwrite=args.overwrite,
        groups=args.tables,
    )
    db = open_db(args)
    try:
        done = publish_report(db, req)
    finally:
        db.close()
    extra = len(done.files) - 1
    if done.summary.get("empty"):
        print(
            f"No calls, clients or activities are recorded for {args.year}; "
            f"the report says so. Written: {req.out}"
        )
        return 0
    print(
        f"Annual report {args.year} written: {req.out} "
        f"({f'{extra} CSV files' if extra else 'PDF only'})"
    )
    if done.release is not None and done.ledger is not None:
        print(
            f"  differential privacy: ε = {done.release.spent:.4g} over "
            f"{len(done.release.tables)} tables (privacy unit: one person)"
        )
        for t in done.release.tables:
            print(f"  {t.key}: accuracy ±{t.accuracy} (95%), ε = {t.epsilon:.4g}")
        print("  " + _ledger_line(done.ledger))
    else:
        print(
            f"  calls {done.summary.get('calls', 0)}; tables of persons suppressed at k = {req.k}"
        )
    return 0


def describe(export: CtdcExport) -> list[str]:
    """What the anonymisation did, in counts (no values, no persons)."""
    report = export.report
    lines = [f"k = {report.k}: {report.rows_out} of {report.rows_in} victims written."]
    for qi, level in report.global_levels.items():
        if level:
            how = _LEVELS.get(qi, ("", "suppressed", "suppressed"))[level]
            lines.append(f"  {_NAMES[qi]}: {how} for every row")
    for qi, rows in report.locally_suppressed.items():
        lines.append(f"  {_NAMES[qi]}: suppressed in {rows} more row(s)")
    if export.suppressed_cells:
        lines.append("  cells emptied, by column (recorded but not written):")
        for column, n in sorted(export.suppressed_cells.items(), key=lambda c: (-c[1], c[0])):
            lines.append(f"    {column}: {n}")
    if export.extra_countries_dropped:
        lines.append(
            f"  {export.extra_countries_dropped} row(s) had several countries of exploitation: "
            "only the first recorded is written (CTDC has one country per cell)"
        )
    if report.withheld:
        lines.append(
            f"  {report.withheld} row(s) withheld: too few victims to publish them "
            f"without singling anyone out"
        )
    if len(lines) == 1:
        lines.append("  nothing needed to be generalised or suppressed")
    return lines


def _ctdc(args: argparse.Namespace) -> int:
    out = Path(args.out).expanduser()
    db = open_db(args)
    try:
        export = publish_ctdc(
            db, args.year, out, k=args.k, datasource=args.datasource, overwrite=args.overwrite
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
    for line in describe(export):
        print(line)
    print("Method notes:")
    for note in ctdc_method_notes(resolve_lang()):
        print(f"  - {note}")
    return 0


def _budget(args: argparse.Namespace) -> int:
    db = open_db(args)
    try:
        book = (
            set_budget(db, args.year, args.set) if args.set is not None else ledger(db, args.year)
        )
    finally:
        db.close()
    print(_ledger_line(book))
    return 0


def _mce(args: argparse.Namespace) -> int:
    out = Path(args.out).expanduser()
    db = open_db(args)
    try:
        require_figures(db)
        figures = mce_figures(db, args.year, k=args.k)
    finally:
        db.close()
    write_mce_csv(figures, out, args.lang, overwrite=args.overwrite)
    opened = figures.part("category").total
    print(
        f"116 000 figures {args.year} written: {out} "
        f"(calls {figures.calls}, cases opened {opened}; counts under k = {args.k} hidden)"
    )
    return 0


def register(sub: Any) -> None:
    """Add `stats report`, `stats ctdc` and `stats budget`."""
    p = sub.add_parser("stats", help="annual statistical report, CTDC export, privacy budget")
    ssub = p.add_subparsers(dest="stats_command", required=True, metavar="COMMAND")

    r = ssub.add_parser("report", help="the annual statistical report (PDF, optional CSV)")
    add_db_args(r)
    r.add_argument("--year", type=_year, required=True)
    r.add_argument("--out", required=True, metavar="FILE.pdf")
    r.add_argument("--lang", choices=LANGS, default="sr-Cyrl")
    r.add_argument("--csv", metavar="DIR", help="also write every table as CSV into DIR")
    r.add_argument(
        "--mode",
        choices=MODES,
        default=K_MODE,
        help=f"{K_MODE}: counts under k hidden; {DP_MODE}: differential privacy (OpenDP)",
    )
    r.add_argument(
        "--k", type=_int, default=DEFAULT_K, help="mode k: counts under k are hidden (11)"
    )
    r.add_argument(
        "--epsilon", type=_epsilon, default=1.0, help="mode dp: privacy loss of the release (1)"
    )
    r.add_argument(
        "--call-bound",
        type=_int,
        default=DEFAULT_CALL_BOUND,
        help=f"mode dp: calls one person adds to a call table ({DEFAULT_CALL_BOUND})",
    )
    r.add_argument(
        "--tables",
        type=_groups,
        default=GROUPS,
        metavar="GROUPS",
        help="mode dp: groups of tables, comma-separated (default clients,victims,calls)",
    )
    r.add_argument("--overwrite", action="store_true", help="replace files that exist")
    r.set_defaults(handler=_coded(_report))

    c = ssub.add_parser("ctdc", help="k-anonymised CTDC-format CSV of a year's victims")
    add_db_args(c)
    c.add_argument("--year", type=_year, required=True)
    c.add_argument("--out", required=True, metavar="FILE.csv")
    c.add_argument(
        "--k",
        type=_int,
        default=DEFAULT_K,
        help="every combination of the columns an adversary may know occurs at least k times",
    )
    c.add_argument("--datasource", choices=tuple(DATASOURCES), default=DEFAULT_DATASOURCE)
    c.add_argument("--overwrite", action="store_true", help="replace the file if it exists")
    c.set_defaults(handler=_coded(_ctdc))

    b = ssub.add_parser("budget", help="the privacy-loss ledger of a year; --set the budget")
    add_db_args(b)
    b.add_argument("--year", type=_year, required=True)
    b.add_argument(
        "--set", type=_epsilon, metavar="EPSILON", help="coordinator: the year's ε budget"
    )
    b.set_defaults(handler=_coded(_budget))

    m = ssub.add_parser("mce", help="116 000 yearly figures for Missing Children Europe (CSV)")
    add_db_args(m)
    m.add_argument("--year", type=_year, required=True)
    m.add_argument("--out", required=True, metavar="FILE.csv")
    m.add_argument("--lang", choices=LANGS, default="en")
    m.add_argument("--k", type=_int, default=MCE_K, help="counts of children under k are hidden")
    m.add_argument("--overwrite", action="store_true", help="replace the file if it exists")
    m.set_defaults(handler=_coded(_mce))

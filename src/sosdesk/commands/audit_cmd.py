"""`sosdesk audit`: read the audit chain (coordinators and auditors), verified first.

`--user` here filters by who acted; the user who unlocks is `sosdesk --user NAME audit` or
$SOSDESK_USER. A broken chain is refused with exit 1 and the first bad entry named.
"""

from __future__ import annotations

import argparse
import json
from datetime import date, datetime, time, timedelta
from typing import Any

from sosdesk.commands.common import open_db
from sosdesk.domain.messages import CodedError
from sosdesk.services.audit_log import CATEGORIES, AuditFilter, client_id_of, read_audit
from sosdesk.services.emergency import mark_reviewed, to_review


def _day(text: str | None, option: str, *, end: bool = False) -> datetime | None:
    """Local midnight of the day (the day after, for `--to`, so the day is included)."""
    if text is None:
        return None
    try:
        day = date.fromisoformat(text.strip())
    except ValueError:
        raise CodedError("audit.bad_date", option=option) from None
    if end:
        day += timedelta(days=1)
    return datetime.combine(day, time()).astimezone()


def _stamp(at: datetime) -> str:
    return at.astimezone().strftime("%Y-%m-%d %H:%M:%S")


def _audit(args: argparse.Namespace) -> int:
    db = open_db(args)
    try:
        if args.review is not None:
            mark_reviewed(db, args.review)
            print(f"Emergency access {args.review} marked as reviewed.")
            return 0
        if args.emergencies:
            for e in to_review(db):
                print(f"{e.seq}\t{_stamp(e.at)}\t{e.actor}\t{e.client_code}\t{e.reason}")
            return 0
        client_id = client_id_of(db, args.client) if args.client else None
        wanted = AuditFilter(
            user=args.who,
            client_id=client_id,
            action=args.action,
            since=_day(args.since, "--from"),
            until=_day(args.until, "--to", end=True),
            limit=args.limit,
        )
        rows = read_audit(db, wanted)
    finally:
        db.close()
    print(f"# audit chain verified; {len(rows)} entries, newest first")
    for r in rows:
        detail: dict[str, Any] = r.detail
        target = r.client_code or (r.entity_id or "")
        text = json.dumps(detail, ensure_ascii=False, sort_keys=True) if detail else ""
        print(f"{r.seq}\t{_stamp(r.at)}\t{r.actor}\t{r.action}\t{r.entity}\t{target}\t{text}")
    return 0


def register(sub: Any) -> None:
    """Add `audit`."""
    p = sub.add_parser("audit", help="list the audit (coordinators and auditors), chain verified")
    p.add_argument("--db", dest="db_sub", metavar="PATH", help="database file")
    p.add_argument("--user", dest="who", metavar="NAME", help="only what this user did")
    p.add_argument("--client", metavar="CODE", help="only entries about this client")
    p.add_argument("--action", help="an action, or one of: " + ", ".join(CATEGORIES))
    p.add_argument("--from", dest="since", metavar="YYYY-MM-DD", help="from this day on")
    p.add_argument("--to", dest="until", metavar="YYYY-MM-DD", help="up to this day, included")
    p.add_argument("--limit", type=int, default=1000, help="at most this many entries")
    p.add_argument("--emergencies", action="store_true", help="emergency accesses not yet reviewed")
    p.add_argument("--review", type=int, metavar="SEQ", help="mark an emergency access reviewed")
    p.set_defaults(handler=_audit)

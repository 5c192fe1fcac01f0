"""`sosdesk search QUERY`: the lookup of the desk window, one match per line."""

from __future__ import annotations

import argparse
from typing import Any

from sosdesk.commands.common import add_db_args, open_db
from sosdesk.services.search import search


def _search(args: argparse.Namespace) -> int:
    db = open_db(args)
    try:
        hits = search(db, " ".join(args.query), limit=args.limit)
    finally:
        db.close()
    for h in hits:
        lead = h.title.split()[0] if h.kind == "client" else h.ref
        rest = h.title[len(lead) :].strip() if h.kind == "client" else h.title
        print("\t".join(x for x in (lead, h.kind, rest, h.detail) if x))
    if not hits:
        print("no matches")
    return 0


def register(sub: Any) -> None:
    """Add `search`."""
    p = sub.add_parser("search", help="find clients and calls (any script, any fragment)")
    add_db_args(p)
    p.add_argument("query", nargs="+")
    p.add_argument("--limit", type=int, default=20)
    p.set_defaults(handler=_search)

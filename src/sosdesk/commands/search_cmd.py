"""`sosdesk search QUERY`: the lookup of the desk window, one match per line, each beginning
with the client code or the call id."""

from __future__ import annotations

import argparse
from typing import Any

from sosdesk.commands.common import UserError, add_db_args, open_db
from sosdesk.services.search import search

MAX_LIMIT = 500


def _search(args: argparse.Namespace) -> int:
    query = " ".join(args.query)
    if not query.strip():
        raise UserError("cli.search_empty")
    if not 1 <= args.limit <= MAX_LIMIT:
        raise UserError("cli.search_limit", limit=MAX_LIMIT)
    db = open_db(args)
    try:
        hits = search(db, query, limit=args.limit)
    finally:
        db.close()
    for h in hits:
        if h.kind == "client":
            code, _, name = h.title.partition("  ")
            fields = [code, "client", name.strip(), h.detail]
        else:
            fields = [h.ref, "call", h.title, h.detail.replace("\n", " ")]
        print("\t".join(f for f in fields if f))
    if not hits:
        print("no matches")
    return 0


def register(sub: Any) -> None:
    """Add `search`."""
    p = sub.add_parser("search", help="find clients and calls (any script, any fragment)")
    add_db_args(p)
    p.add_argument("query", nargs="+", help="name, client code, phone fragment or words")
    p.add_argument("--limit", type=int, default=20, help="at most this many matches")
    p.set_defaults(handler=_search)

"""Caller lookup as you type: one query over client codes, names, aliases, phone fragments and
call summaries, in any script. Clients come first (best match first), then calls (newest first).
"""

from __future__ import annotations

import re

from sqlalchemy import select, text

from sosdesk.domain.folding import fold_words
from sosdesk.domain.phones import digits_of
from sosdesk.services.views import SearchHit
from sosdesk.store.database import Database
from sosdesk.store.models import Call, Client

_PHONE_LIKE = re.compile(r"^[+\d\s()./-]+$")
# Shorter fragments are too unspecific for a million call summaries; they search clients only.
MIN_CALL_TOKEN = 3


def match_expression(query: str) -> tuple[str, int] | None:
    """The FTS5 MATCH text for a query and its shortest token length (None: nothing to find)."""
    stripped = query.strip()
    if _PHONE_LIKE.match(stripped) and len(digits_of(stripped)) >= 3:
        tokens = [digits_of(stripped)]
    else:
        tokens = fold_words(stripped)
    if not tokens:
        return None
    expr = " AND ".join(f'"{t}"*' for t in tokens)
    return expr, min(len(t) for t in tokens)


def search(db: Database, query: str, limit: int = 20) -> list[SearchHit]:
    """Ranked matches for what the operator typed so far."""
    parsed = match_expression(query)
    if parsed is None:
        return []
    expr, shortest = parsed
    order = "rank" if shortest >= 3 else "f.rowid DESC"
    hits: list[SearchHit] = []
    with db.session() as s:
        client_ids = [r[0] for r in s.execute(text(
            "SELECT r.ref FROM client_fts f JOIN search_refs r ON r.rowid = f.rowid "
            f"WHERE client_fts MATCH :q ORDER BY {order} LIMIT :n"), {"q": expr, "n": limit})]  # fmt: skip
        if client_ids:
            rows = {
                c.id: c
                for c in s.execute(select(Client).where(Client.id.in_(client_ids))).scalars()
            }
            for cid in client_ids:
                c = rows.get(cid)
                if c is None:
                    continue
                name = " ".join(p for p in (c.given_name, c.family_name) if p) or (c.nickname or "")
                extra = ", ".join(c.phones[:1] + (c.aliases or [])[:2])
                hits.append(SearchHit("client", c.id, f"{c.code}  {name}".strip(), extra, c.id))
        room = limit - len(hits)
        if room > 0 and shortest >= MIN_CALL_TOKEN:
            call_ids = [r[0] for r in s.execute(text(
                "SELECT r.ref FROM call_fts f JOIN search_refs r ON r.rowid = f.rowid "
                "WHERE call_fts MATCH :q ORDER BY f.rowid DESC LIMIT :n"), {"q": expr, "n": room})]  # fmt: skip
            if call_ids:
                calls = {
                    c.id: c for c in s.execute(select(Call).where(Call.id.in_(call_ids))).scalars()
                }
                for cid in call_ids:
                    call = calls.get(cid)
                    if call is None:
                        continue
                    when = call.started_at.strftime("%Y-%m-%d %H:%M")
                    summary = (call.summary or "")[:80]
                    hits.append(SearchHit("call", call.id, when, summary, call.client_id))
    return hits

"""A client full of canary values, and a reader that looks for them in every table of a database
opened with its key (FTS shadow tables, drafts, outbox, sync history included)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from sosdesk.services.call_corrections import correct_call
from sosdesk.services.calls import CallInput, save_call
from sosdesk.services.cases import open_case
from sosdesk.services.drafts import save_draft
from sosdesk.services.events import add_event
from sosdesk.services.followups import add_followup
from sosdesk.store.database import Database
from sosdesk.store.raw import pooled_connection

NAME = "Zvrkoslava"
FAMILY = "Kanarinčić"
PHONE = "064 998 7766"
WORD = "plavobradi"
# How each canary may be stored: as typed, folded for the search index, digits of the phone.
NEEDLES = ("zvrkoslava", "kanarin", "9987766", "plavobrad")


def canary_client(db: Database) -> tuple[str, str, str]:
    """A call with the canary client, a note, an open case, a task, a correction and a draft;
    returns (client id, client code, call id)."""
    view = save_call(
        db,
        CallInput(
            categories=["victim_support"],
            caller_type="victim",
            caller_phone=PHONE,
            new_client={
                "given_name": NAME,
                "family_name": FAMILY,
                "phones": [PHONE],
                "birth_date": date(1999, 6, 15),
                "gender": "female",
                "citizenship": "RS",
                "notes": f"zna {WORD}",
            },
            new_client_confirmed=True,
            summary=f"javila se, pominje {WORD}",
        ),
    )
    assert view.client_id is not None
    cid = view.client_id
    add_event(db, cid, "note", datetime(2026, 3, 1, tzinfo=UTC), {"text": f"{NAME} i {WORD}"})
    open_case(db, cid, notes=f"{WORD} u slučaju")
    add_followup(db, datetime.now(UTC) + timedelta(days=1), f"pozvati {NAME}", client_id=cid)
    correct_call(db, view.id, "summary", "javila se", "suvišno")
    save_draft(db, "call", {"new_client": {"given_name": NAME}, "summary": WORD})
    with db.session() as s:
        from sosdesk.store.models import Client

        client = s.get(Client, cid)
        assert client is not None
        code = client.code
    return cid, code, view.id


def found_in(db: Database) -> dict[str, list[str]]:
    """Which tables hold which canary (read with the key, every row of every table)."""
    pooled, conn = pooled_connection(db.engine)
    out: dict[str, list[str]] = {}
    try:
        names = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        for name in names:
            try:
                rows = conn.execute(f'SELECT * FROM "{name}"').fetchall()
            except Exception:  # virtual tables without content (contentless FTS)
                continue
            text = repr(rows).casefold()
            blobs = b"".join(v for r in rows for v in r if isinstance(v, bytes))
            text += blobs.decode("latin-1").casefold()
            text += "".join(ch for ch in text if ch.isdigit())
            hits = [n for n in NEEDLES if n in text]
            if hits:
                out[name] = hits
    finally:
        pooled.close()
    return out


def wal_size(db: Database) -> int:
    """Bytes in the database's write-ahead log (0 when absent or emptied)."""
    wal = Path(f"{db.path}-wal")
    return wal.stat().st_size if wal.exists() else 0

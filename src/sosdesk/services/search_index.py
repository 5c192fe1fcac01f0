"""Keeps the FTS5 search tables in step with clients, calls and directory entries.

Text is folded (sosdesk.domain.folding) before it is indexed, and queries are folded the same
way, so every script and spelling meets. Phone numbers are indexed as every digit suffix of at
least three digits plus the national form, so a fragment from anywhere in the number is a
prefix of some token.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable
from typing import Any

from sqlalchemy import text
from sqlalchemy.orm import Session

from sosdesk.domain.codes import parse_client_code
from sosdesk.domain.folding import fold
from sosdesk.domain.phones import phone_search_forms
from sosdesk.store.raw import driver_connection

TABLES = {"client": "client_fts", "call": "call_fts", "directory": "directory_fts"}


def phone_tokens(numbers: Iterable[str]) -> list[str]:
    """Index tokens for E.164 numbers: digit suffixes (>= 3 digits) and national forms."""
    out: list[str] = []
    for number in numbers:
        forms = phone_search_forms(number)
        intl = forms[0]
        out.extend(intl[i:] for i in range(len(intl) - 2))
        out.extend(forms[1:])
    return out


def code_tokens(code: str) -> list[str]:
    """`BG1-2026-0142` is found as typed, as `bg120260142`, and by its number `142`."""
    tokens = [fold(code), fold(code).replace(" ", "")]
    with contextlib.suppress(ValueError):
        tokens.append(str(parse_client_code(code).number))
    return tokens


def client_body(c: Any) -> str:
    """The folded text under which a client is found."""
    parts: list[str] = [*code_tokens(c.code)]
    for value in (c.given_name, c.family_name, c.nickname, *(c.aliases or [])):
        if value:
            parts.append(fold(value))
    parts.extend(phone_tokens(c.phones or []))
    if c.notes:
        parts.append(fold(c.notes))
    return " ".join(parts)


def call_body(call: Any) -> str:
    """The folded text under which a call is found: summary, actions and the caller's number."""
    parts = [fold(v) for v in (call.summary, call.actions_taken) if v]
    if call.caller_phone:
        parts.extend(phone_tokens([call.caller_phone]))
    return " ".join(parts)


def directory_body(e: Any) -> str:
    """The folded text under which a directory entry is found."""
    parts = [fold(v) for v in (e.name, e.organisation, e.city, e.specialisation, e.address) if v]
    parts.extend(phone_tokens(e.phones or []))
    return " ".join(parts)


def put(session: Session, kind: str, ref: str, body: str) -> None:
    """Index (or re-index) one record. Runs on the connection: no autoflush of pending rows."""
    conn = session.connection()
    rowid = conn.exec_driver_sql(
        "INSERT INTO search_refs (kind, ref) VALUES (?, ?) "
        "ON CONFLICT(ref) DO UPDATE SET kind = excluded.kind RETURNING rowid",
        (kind, ref),
    ).scalar_one()
    # contentless_delete tables accept REPLACE: the old entry of a re-indexed record goes away.
    conn.exec_driver_sql(
        f"INSERT OR REPLACE INTO {TABLES[kind]} (rowid, body) VALUES (?, ?)", (rowid, body)
    )


def put_many(session: Session, kind: str, rows: list[tuple[str, str]]) -> None:
    """Index many new records at once (bulk loads); `rows` are (ref, body)."""
    put_many_raw(driver_connection(session), kind, rows)


def put_many_raw(conn: Any, kind: str, rows: list[tuple[str, str]]) -> None:
    """`put_many` on a DBAPI connection inside the caller's transaction (the demo's bulk path)."""
    if not rows:
        return
    start = conn.execute("SELECT coalesce(max(rowid), 0) FROM search_refs").fetchone()[0] + 1
    conn.executemany(
        "INSERT INTO search_refs (rowid, kind, ref) VALUES (?, ?, ?)",
        [(start + i, kind, ref) for i, (ref, _) in enumerate(rows)],
    )
    conn.executemany(
        f"INSERT INTO {TABLES[kind]} (rowid, body) VALUES (?, ?)",
        [(start + i, body) for i, (_, body) in enumerate(rows)],
    )


def remove(session: Session, kind: str, ref: str) -> None:
    """Drop a record from the index."""
    row = session.execute(text("SELECT rowid FROM search_refs WHERE ref = :r"), {"r": ref}).first()
    if row is None:
        return
    session.execute(text(f"DELETE FROM {TABLES[kind]} WHERE rowid = :id"), {"id": row[0]})
    session.execute(text("DELETE FROM search_refs WHERE rowid = :id"), {"id": row[0]})

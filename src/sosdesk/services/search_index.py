"""Keeps the FTS5 search tables in step with clients, calls and directory entries.

Text is folded (sosdesk.domain.folding) before it is indexed, and queries are folded the same
way, so every script and spelling meets. Phone numbers are indexed as every digit suffix of at
least three digits plus the national form, so a fragment from anywhere in the number is a
prefix of some token.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable
from functools import partial
from typing import Any

from sqlalchemy import text
from sqlalchemy.orm import Session

from sosdesk.domain.codes import parse_client_code
from sosdesk.domain.folding import fold
from sosdesk.domain.phones import phone_search_forms
from sosdesk.store.raw import driver_connection

TABLES = {"client": "client_fts", "call": "call_fts", "directory": "directory_fts"}
# A record's field by name: an ORM object's attribute, or a dict's `get` on import (no object
# is built for each of 100,000 records).
Field = Callable[[str], Any]


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
    folded = fold(code)
    tokens = [folded, folded.replace(" ", "")]
    with contextlib.suppress(ValueError):
        tokens.append(str(parse_client_code(code).number))
    return tokens


def client_body(c: Any) -> str:
    """The folded text under which a client is found."""
    return client_text(partial(getattr, c))


def client_text(get: Field) -> str:
    """`client_body` of a client's fields."""
    parts: list[str] = [*code_tokens(get("code"))]
    for value in (get("given_name"), get("family_name"), get("nickname"), *(get("aliases") or [])):
        if value:
            parts.append(fold(value))
    parts.extend(phone_tokens(get("phones") or []))
    notes = get("notes")
    if notes:
        parts.append(fold(notes))
    return " ".join(parts)


def call_body(call: Any) -> str:
    """The folded text under which a call is found: summary, actions and the caller's number."""
    return call_text(partial(getattr, call))


def call_text(get: Field) -> str:
    """`call_body` of a call's fields."""
    parts = [fold(v) for v in (get("summary"), get("actions_taken")) if v]
    phone = get("caller_phone")
    if phone:
        parts.extend(phone_tokens([phone]))
    return " ".join(parts)


def directory_body(e: Any) -> str:
    """The folded text under which a directory entry is found."""
    return directory_text(partial(getattr, e))


def directory_text(get: Field) -> str:
    """`directory_body` of a directory entry's fields."""
    names = ("name", "organisation", "city", "specialisation", "address")
    parts = [fold(v) for v in map(get, names) if v]
    parts.extend(phone_tokens(get("phones") or []))
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

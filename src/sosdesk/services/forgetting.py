"""The effects of a client merge and of a tombstone (anonymise / erase) on one database.

These run on the driver connection inside the caller's transaction, the same code where the
merge or erasure is made and wherever its record is received (sync/apply.py), so every desk
and the office end in the same state whatever order batches arrive in. They bypass the
outbox on purpose: the merge or tombstone record is what travels, not its effects.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any

from sqlalchemy.orm import Session

from sosdesk.services import search_index
from sosdesk.store.models.calls import CALL_TEXT
from sosdesk.store.raw import driver_connection

ANONYMISE = "anonymise"
ERASE = "erase"
MODES = (ANONYMISE, ERASE)
# What anonymisation blanks, per table. Coded, non-identifying facts stay (gender, birth year,
# citizenship, exploitation types, assistance types and costs) so statistics do not change.
CLIENT_PERSONAL: dict[str, Any] = {
    "given_name": None,
    "family_name": None,
    "nickname": None,
    "name_cyrillic": None,
    "aliases": [],
    "birth_date": None,
    "phones": [],
    "address": None,
    "notes": None,
    "consent_scope": None,
    "extra": {},
}
CALL_PERSONAL: dict[str, Any] = dict.fromkeys(CALL_TEXT)
CASE_PERSONAL: dict[str, Any] = {"notes": None}
GOAL_PERSONAL: dict[str, Any] = {"text": "—", "reviews": []}
FOLLOWUP_PERSONAL: dict[str, Any] = {"what": "—"}
CORRECTION_PERSONAL: dict[str, Any] = {"old_value": None, "new_value": None, "reason": "—"}
PERSONAL: dict[str, dict[str, Any]] = {
    "clients": CLIENT_PERSONAL,
    "calls": CALL_PERSONAL,
    "cases": CASE_PERSONAL,
    "case_goals": GOAL_PERSONAL,
    "followups": FOLLOWUP_PERSONAL,
    "call_corrections": CORRECTION_PERSONAL,
    "events": {"payload": None},  # scrubbed key by key (scrub_payload)
}
# Free text inside event payloads; the ones a kind requires keep a dash so the event stays valid.
FREE_TEXT = frozenset(
    {
        "note",
        "provider",
        "place",
        "accompanied_by",
        "court",
        "case_number",
        "outcome",
        "entry_name",
        "reason",
        "decided_by",
        "text",
        "summary",
        "caller_phone",
        "actions_taken",
        "given_name",
        "family_name",
        "nickname",
        "address",
        "notes",
    }
)
_REQUIRED_TEXT = frozenset({"text", "court", "reason"})
_IN = 500
# An outbox row in a batch written but not yet acknowledged: the batch is written again from
# the outbox and checked against its signed hash, so the row keeps its content until then.
_UNDELIVERED = (
    "SELECT 1 FROM sync_batches b WHERE b.direction = 'out' AND b.state IN ('pending', "
    "'exported') AND changes.seq BETWEEN b.first_change AND b.last_change"
)


def scrub_payload(value: Any) -> Any:
    """An event payload without its free text (nested maps too); codes and amounts stay."""
    if isinstance(value, dict):
        out: dict[str, Any] = {}
        for k, v in value.items():
            if k in FREE_TEXT and isinstance(v, str | list) and v:
                out[k] = "—" if k in _REQUIRED_TEXT else None
            else:
                out[k] = scrub_payload(v)
        return out
    if isinstance(value, list):
        return [scrub_payload(v) for v in value]
    return value


def scrub_fields(entity: str, fields: dict[str, Any]) -> dict[str, Any]:
    """A record's fields (as they travel) with the personal ones blanked."""
    blank = PERSONAL.get(entity)
    if blank is None:
        return fields
    out = dict(fields)
    for k in fields:
        if entity == "events" and k == "payload":
            out[k] = scrub_payload(fields[k])
        elif k in blank:
            out[k] = blank[k]
    if entity == "clients" and fields.get("birth_date") and not fields.get("birth_year"):
        out["birth_year"] = int(str(fields["birth_date"])[:4])
    return out


@dataclass
class Affected:
    """The ids of every row that belongs to one client, by table."""

    ids: dict[str, list[str]] = field(default_factory=dict)

    def count(self) -> dict[str, int]:
        return {k: len(v) for k, v in self.ids.items() if v}


def _parts(ids: list[str]) -> list[list[str]]:
    return [ids[i : i + _IN] for i in range(0, len(ids), _IN)]


def _select_ids(conn: Any, sql: str, ids: list[str], extra: tuple[Any, ...] = ()) -> list[str]:
    out: list[str] = []
    for part in _parts(ids):
        marks = ",".join("?" * len(part))
        out.extend(r[0] for r in conn.execute(sql.format(marks=marks), [*extra, *part]))
    return out


def affected_rows(conn: Any, client_id: str, call_ids: list[str]) -> Affected:
    """Everything of a client: its calls (and those named), events, cases, goals, tasks."""
    calls = {r[0] for r in conn.execute("SELECT id FROM calls WHERE client_id = ?", (client_id,))}
    calls.update(_select_ids(conn, "SELECT id FROM calls WHERE id IN ({marks})", call_ids))
    call_list = sorted(calls)
    cases = [r[0] for r in conn.execute("SELECT id FROM cases WHERE client_id = ?", (client_id,))]
    a = Affected()
    a.ids["clients"] = [
        r[0] for r in conn.execute("SELECT id FROM clients WHERE id = ?", (client_id,))
    ]
    a.ids["calls"] = call_list
    a.ids["events"] = [
        r[0] for r in conn.execute("SELECT id FROM events WHERE client_id = ?", (client_id,))
    ]
    a.ids["cases"] = cases
    a.ids["case_goals"] = _select_ids(
        conn, "SELECT id FROM case_goals WHERE case_id IN ({marks})", cases
    )
    tasks = {
        r[0] for r in conn.execute("SELECT id FROM followups WHERE client_id = ?", (client_id,))
    }
    tasks.update(
        _select_ids(conn, "SELECT id FROM followups WHERE call_id IN ({marks})", call_list)
    )
    a.ids["followups"] = sorted(tasks)
    a.ids["call_corrections"] = _select_ids(
        conn, "SELECT id FROM call_corrections WHERE call_id IN ({marks})", call_list
    )
    return a


def _needles(conn: Any, client_id: str) -> list[str]:
    row = conn.execute(
        "SELECT code, given_name, family_name, nickname, phones FROM clients WHERE id = ?",
        (client_id,),
    ).fetchone()
    out = [client_id]
    if row is None:
        return out
    code, given, family, nick, phones = row
    out.extend(v for v in (code, given, family, nick) if v and len(v) >= 3)
    out.extend(p[-7:] for p in json.loads(phones or "[]") if len(p) >= 7)
    return out


def _forget_drafts(conn: Any, needles: list[str], call_ids: list[str]) -> int:
    """Drafts (unsaved forms) that name the client: deleted, they are no record of anything."""
    wanted = [n.casefold() for n in [*needles, *call_ids]]
    gone = []
    for rid, payload, note in conn.execute("SELECT id, payload, note FROM drafts"):
        text = json.dumps(json.loads(payload or "{}"), ensure_ascii=False) + (note or "")
        digits = "".join(ch for ch in text if ch.isdigit())
        low = text.casefold()
        if any(n in low or (n.isdigit() and n in digits) for n in wanted):
            gone.append(rid)
    conn.executemany("DELETE FROM drafts WHERE id = ?", [(g,) for g in gone])
    return len(gone)


def _scrub_rows(conn: Any, entity: str, ids: list[str]) -> None:
    blank = PERSONAL[entity]
    if entity == "events":
        for part in _parts(ids):
            marks = ",".join("?" * len(part))
            rows = conn.execute(
                f"SELECT id, payload FROM events WHERE id IN ({marks})", part
            ).fetchall()
            conn.executemany(
                "UPDATE events SET payload = ? WHERE id = ?",
                [
                    (json.dumps(scrub_payload(json.loads(p or "{}")), ensure_ascii=False), i)
                    for i, p in rows
                ],
            )
        return
    sets = ", ".join(f"{k} = ?" for k in blank)
    values = [json.dumps(v) if isinstance(v, list | dict) else v for v in blank.values()]
    if entity == "clients":
        sets += ", birth_year = coalesce(birth_year, CAST(substr(birth_date, 1, 4) AS INTEGER))"
        # The year must be taken before the date is blanked: one statement reads old values.
    for part in _parts(ids):
        marks = ",".join("?" * len(part))
        conn.execute(f"UPDATE {entity} SET {sets} WHERE id IN ({marks})", [*values, *part])


def _scrub_sync_history(conn: Any, a: Affected, *, erase: bool) -> None:
    """The outbox keeps only blanked fields; received writes and conflicts of the personal
    fields (all of them, for an erasure) are dropped."""
    for entity, ids in a.ids.items():
        personal = sorted(PERSONAL[entity])
        for part in _parts(ids):
            marks = ",".join("?" * len(part))
            rows = conn.execute(
                f"SELECT seq, fields FROM changes WHERE entity = ? AND entity_id IN ({marks}) "
                f"AND NOT EXISTS ({_UNDELIVERED})",
                [entity, *part],
            ).fetchall()
            conn.executemany(
                "UPDATE changes SET fields = ? WHERE seq = ?",
                [
                    (json.dumps(scrub_fields(entity, json.loads(f)), ensure_ascii=False), seq)
                    for seq, f in rows
                ],
            )
            only = "" if erase else f" AND field IN ({','.join('?' * len(personal))})"
            extra = [] if erase else personal
            for table in ("sync_field_writes", "sync_conflicts"):
                conn.execute(
                    f"DELETE FROM {table} WHERE entity = ? AND entity_id IN ({marks}){only}",
                    [entity, *part, *extra],
                )


def _unindex(conn: Any, ids: list[str]) -> None:
    for part in _parts(ids):
        marks = ",".join("?" * len(part))
        rows = conn.execute(
            f"SELECT rowid, kind FROM search_refs WHERE ref IN ({marks})", part
        ).fetchall()
        for rowid, kind in rows:
            conn.execute(f"DELETE FROM {search_index.TABLES[kind]} WHERE rowid = ?", (rowid,))
        conn.executemany("DELETE FROM search_refs WHERE rowid = ?", [(r[0],) for r in rows])


def reindex_client(conn: Any, client_id: str) -> None:
    """Put a client's current row back into the search index (after a merge or a scrub)."""
    cur = conn.execute(
        "SELECT code, given_name, family_name, nickname, aliases, phones, notes "
        "FROM clients WHERE id = ?",
        (client_id,),
    ).fetchone()
    if cur is None:
        return
    code, given, family, nick, aliases, phones, notes = cur
    row = SimpleNamespace(
        code=code,
        given_name=given,
        family_name=family,
        nickname=nick,
        aliases=json.loads(aliases or "[]"),
        phones=json.loads(phones or "[]"),
        notes=notes,
    )
    _put(conn, "client", client_id, search_index.client_body(row))


def _put(conn: Any, kind: str, ref: str, body: str) -> None:
    rowid = conn.execute(
        "INSERT INTO search_refs (kind, ref) VALUES (?, ?) "
        "ON CONFLICT(ref) DO UPDATE SET kind = excluded.kind RETURNING rowid",
        (kind, ref),
    ).fetchone()[0]
    conn.execute(
        f"INSERT OR REPLACE INTO {search_index.TABLES[kind]} (rowid, body) VALUES (?, ?)",
        (rowid, body),
    )


_CALL_LINKS = ("events", "missing_cases")


def _has_table(conn: Any, name: str) -> bool:
    row = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (name,)
    ).fetchone()
    return row is not None


def _delete_rows(conn: Any, a: Affected, client_id: str) -> None:
    calls = a.ids["calls"]
    for part in _parts(calls):
        marks = ",".join("?" * len(part))
        # Another client's timeline, or a missing-child case opened from the call, may point at
        # one of these calls: it keeps its record, without the link.
        for table in _CALL_LINKS:
            if _has_table(conn, table):
                conn.execute(f"UPDATE {table} SET call_id = NULL WHERE call_id IN ({marks})", part)
    order = ("call_corrections", "followups", "events", "case_goals", "cases", "calls")
    for entity in order:
        for part in _parts(a.ids[entity]):
            marks = ",".join("?" * len(part))
            if entity == "events":  # amendments first: they point at what they amend
                conn.execute(
                    f"DELETE FROM events WHERE id IN ({marks}) AND amends_id IS NOT NULL", part
                )
            conn.execute(f"DELETE FROM {entity} WHERE id IN ({marks})", part)
    conn.execute("DELETE FROM clients WHERE id = ?", (client_id,))


def forget_client(conn: Any, client_id: str, call_ids: list[str], mode: str) -> dict[str, Any]:
    """Anonymise or erase one client here; returns how many rows of each table it touched."""
    a = affected_rows(conn, client_id, call_ids)
    drafts = _forget_drafts(conn, _needles(conn, client_id), a.ids["calls"])
    _scrub_sync_history(conn, a, erase=mode == ERASE)
    if mode == ERASE:
        _unindex(conn, [client_id, *a.ids["calls"]])
        _delete_rows(conn, a, client_id)
    else:
        for entity, ids in a.ids.items():
            _scrub_rows(conn, entity, ids)
        _unindex(conn, a.ids["calls"])  # a call without text has nothing to be found by
        reindex_client(conn, client_id)  # found by its code only
    counts: dict[str, Any] = dict(a.count())
    if a.ids["cases"]:
        counts["case_ids"] = a.ids["cases"]  # ids only: goals of these cases sent later stay out
    if drafts:
        counts["drafts"] = drafts
    return counts


def merge_into(conn: Any, keep_id: str, absorb_id: str, absorb_code: str) -> bool:
    """Move everything of `absorb_id` to `keep_id`, keep its code as an alias, delete it.

    Idempotent: a merge already applied (the absorbed row gone) changes nothing.
    """
    exists = conn.execute("SELECT aliases FROM clients WHERE id = ?", (absorb_id,)).fetchone()
    keep = conn.execute("SELECT aliases FROM clients WHERE id = ?", (keep_id,)).fetchone()
    if exists is None or keep is None:
        return False
    for table in ("calls", "events", "cases", "followups", "stat_event_facts"):
        conn.execute(f"UPDATE {table} SET client_id = ? WHERE client_id = ?", (keep_id, absorb_id))
    aliases = list(json.loads(keep[0] or "[]"))
    if absorb_code not in aliases:
        aliases.append(absorb_code)
        conn.execute(
            "UPDATE clients SET aliases = ? WHERE id = ?",
            (json.dumps(aliases, ensure_ascii=False), keep_id),
        )
    _unindex(conn, [absorb_id])
    conn.execute("DELETE FROM clients WHERE id = ?", (absorb_id,))
    reindex_client(conn, keep_id)
    return True


@dataclass
class Forgotten:
    """What this database has merged away or forgotten, for filtering incoming records."""

    clients: dict[str, str] = field(default_factory=dict)  # client id -> mode
    calls: dict[str, str] = field(default_factory=dict)  # call id -> mode
    merged: dict[str, str] = field(default_factory=dict)  # absorbed id -> survivor id
    cases: dict[str, str] = field(default_factory=dict)  # case id -> mode

    @classmethod
    def load(cls, conn: Any) -> Forgotten:
        """Read every tombstone and merge recorded here."""
        out = cls()
        rows = conn.execute("SELECT client_id, mode, call_ids, removed FROM erasures").fetchall()
        for cid, mode, calls, removed in rows:
            cases = (json.loads(removed or "{}") or {}).get("case_ids") or []
            out.add_erasure(cid, mode, json.loads(calls or "[]"), cases)
        for absorb, keep in conn.execute("SELECT absorb_id, keep_id FROM client_merges"):
            out.merged[absorb] = keep
        return out

    def add_erasure(
        self, client_id: str, mode: str, call_ids: list[str], case_ids: list[str]
    ) -> None:
        """Remember a tombstone (an erasure outranks an anonymisation)."""
        for known, ids in ((self.clients, [client_id]), (self.calls, call_ids)):
            for i in ids:
                if known.get(i) != ERASE:
                    known[i] = mode
        for i in case_ids:
            if self.cases.get(i) != ERASE:
                self.cases[i] = mode

    def survivor(self, client_id: str) -> str:
        """The client a merged-away id now stands for (itself when never merged)."""
        seen = set()
        while client_id in self.merged and client_id not in seen:
            seen.add(client_id)
            client_id = self.merged[client_id]
        return client_id

    def mode_of(self, entity: str, rid: str, fields: dict[str, Any]) -> str | None:
        """Whether an incoming record belongs to a forgotten client (and how)."""
        if entity == "clients":
            return self.clients.get(rid)
        if entity == "calls" and rid in self.calls:
            return self.calls[rid]
        cid = fields.get("client_id")
        if isinstance(cid, str) and cid in self.clients:
            return self.clients[cid]
        call = fields.get("call_id")
        if isinstance(call, str) and call in self.calls:
            return self.calls[call]
        case = fields.get("case_id")
        if isinstance(case, str) and case in self.cases:
            return self.cases[case]
        if entity == "cases" and rid in self.cases:
            return self.cases[rid]
        return None


def scrub_outbox(conn: Any, f: Forgotten) -> int:
    """Blank the personal fields of outbox rows of forgotten clients that may be blanked now
    (their batch acknowledged since); idempotent. Returns how many rows it rewrote."""
    ids = {**f.clients, **f.calls, **f.cases}
    if not ids:
        return 0
    wanted = sorted(ids)
    done = 0
    for part in _parts(wanted):
        marks = ",".join("?" * len(part))
        rows = conn.execute(
            "SELECT seq, entity, fields FROM changes WHERE entity IN "
            "('clients', 'calls', 'events', 'cases', 'case_goals', 'followups', "
            f"'call_corrections') AND (entity_id IN ({marks}) OR json_extract(fields, "
            f"'$.client_id') IN ({marks}) OR json_extract(fields, '$.call_id') IN ({marks}) "
            f"OR json_extract(fields, '$.case_id') IN ({marks})) AND NOT EXISTS ({_UNDELIVERED})",
            [*part, *part, *part, *part],
        ).fetchall()
        changed = []
        for seq, entity, fields in rows:
            old = json.loads(fields)
            new = scrub_fields(entity, old)
            if new != old:
                changed.append((json.dumps(new, ensure_ascii=False), seq))
        conn.executemany("UPDATE changes SET fields = ? WHERE seq = ?", changed)
        done += len(changed)
    return done


def scrub_call_text(session: Session, call_ids: list[str]) -> None:
    """After a call's text was cleared: its corrections' old values and its index entry go."""
    conn = driver_connection(session)
    a = Affected({"call_corrections": []})
    a.ids["call_corrections"] = _select_ids(
        conn, "SELECT id FROM call_corrections WHERE call_id IN ({marks})", call_ids
    )
    _scrub_rows(conn, "call_corrections", a.ids["call_corrections"])
    _unindex(conn, call_ids)

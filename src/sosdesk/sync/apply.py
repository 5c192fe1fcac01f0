"""Applying validated records inside the importer's one transaction.

- Inserts are idempotent by id (a record seen before is skipped), so events stay append-only.
- Field updates are last-writer-wins by hybrid logical clock, per field, against every write
  this database knows: its outbox (local edits; at the office also everything relayed) and,
  at a desk, the writes received from the office (`sync_field_writes`).
- At the office, an update of a field that another desk changed from the same base version to
  a different value opens (or extends) a conflict; the clock still decides what the record
  shows until a coordinator chooses.
- At the office every applied record is also appended to the outbox (with its origin), so it
  can be relayed to the other desks.

Records are handled in chunks with bulk statements on the transaction's own connection: the
memory used does not grow with the size of the batch.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass
from operator import itemgetter
from typing import Any

from sqlalchemy import select

from sosdesk.domain.hlc import Timestamp
from sosdesk.domain.ids import new_id
from sosdesk.services import forgetting, search_index
from sosdesk.services.caseload import store_weights
from sosdesk.stats.facts_bulk import facts_added_in_bulk
from sosdesk.store.models.sync import SyncConflict
from sosdesk.store.raw import driver_connection
from sosdesk.store.tx import Tx
from sosdesk.sync import errors
from sosdesk.sync.errors import Rejected
from sosdesk.sync.schema import BadField, Record, check_fields, entities, insert_order

_FORGETTING = frozenset({"erasures", "client_merges"})
_IN_LIMIT = 500  # ids per IN (...) query, well under SQLite's variable limit
_SEARCH_KIND = {"clients": "client", "calls": "call", "directory_entries": "directory"}
_TEXT = {
    "clients": search_index.client_text,
    "calls": search_index.call_text,
    "directory_entries": search_index.directory_text,
}


@dataclass
class ApplyStats:
    """What one batch did to this database."""

    inserted: int = 0
    already_present: int = 0
    fields_applied: int = 0
    fields_superseded: int = 0
    conflicts: int = 0
    max_hlc: str = ""
    forgotten: int = 0  # tombstones applied: the file is vacuumed after the import


@dataclass
class _Write:
    hlc: str
    origin: str
    base: int
    value: Any


def _parse_stored(v: Any) -> Any:
    # JSON columns have numeric affinity in SQLite: numbers come back as numbers.
    if v is None or isinstance(v, int | float):
        return v
    return json.loads(v)


class Applier:
    """Applies records in order; call `add` for each and `finish` once."""

    def __init__(self, tx: Tx, *, office: bool, origins: dict[str, str], chunk: int = 4000):
        self.tx = tx
        self.office = office
        self.origins = origins
        self.stats = ApplyStats()
        self._chunk_size = chunk
        self._buffer: list[Record] = []
        self._conn: Any = driver_connection(tx.session)
        self._entities = entities()
        self._order = insert_order()
        self._conflicts: dict[tuple[str, str, str, int], list[dict[str, Any]]] = {}
        self._reindex: dict[str, set[str]] = defaultdict(set)
        self._forgotten = forgetting.Forgotten.load(self._conn)
        # Cases and clients written: their cases' weights are recomputed here, never taken from
        # a batch (the weight table and the year are each database's own).
        self._weighed: dict[str, set[str]] = defaultdict(set)

    # -- public --------------------------------------------------------------------------

    def add(self, rec: Record) -> None:
        """Queue one record; a full chunk is written at once."""
        self._buffer.append(rec)
        if rec.hlc > self.stats.max_hlc:
            self.stats.max_hlc = rec.hlc
        if rec.entity in _FORGETTING:
            # A merge or tombstone acts on everything before it, and filters what follows.
            seen = bool(self._existing([rec]))
            self._buffer.pop()
            self._flush()
            self._buffer.append(rec)
            self._flush()
            if not seen:
                self._forget(rec)
            return
        if len(self._buffer) >= self._chunk_size:
            self._flush()

    def finish(self) -> ApplyStats:
        """Write what is left, re-index updated records, record conflicts."""
        self._flush()
        self._reindex_updated()
        if self._weighed:
            store_weights(
                self.tx.session,
                case_ids=self._weighed["cases"],
                client_ids=self._weighed["clients"],
            )
        self._store_conflicts()
        return self.stats

    def scrub_outbox(self) -> None:
        """After acknowledgements: batches acknowledged since a tombstone lose what it removed."""
        if self._forgotten.clients:
            forgetting.scrub_outbox(self._conn, self._forgotten)

    # -- one chunk -----------------------------------------------------------------------

    def _existing(self, recs: list[Record]) -> set[tuple[str, str]]:
        wanted: dict[str, set[str]] = defaultdict(set)
        for r in recs:
            wanted[r.entity].add(r.id)
        found: set[tuple[str, str]] = set()
        for entity, ids in wanted.items():
            for part in _parts(sorted(ids)):
                marks = ",".join("?" * len(part))
                rows = self._conn.execute(f"SELECT id FROM {entity} WHERE id IN ({marks})", part)
                found.update((entity, row[0]) for row in rows)
        return found

    def _field_writes(self, recs: list[Record]) -> dict[tuple[str, str, str], list[_Write]]:
        """Every known write to the fields of the records updated in this chunk: the outbox
        (local edits, and at the office everything relayed) plus writes received here."""
        wanted: dict[str, set[str]] = defaultdict(set)
        for r in recs:
            if r.op == "update":
                wanted[r.entity].add(r.id)
        out: dict[tuple[str, str, str], list[_Write]] = defaultdict(list)
        for entity, ids in wanted.items():
            for part in _parts(sorted(ids)):
                marks = ",".join("?" * len(part))
                rows = self._conn.execute(
                    "SELECT entity_id, fields, hlc, origin_device, base_version FROM changes "
                    f"WHERE entity_id IN ({marks}) AND entity = ? AND op = 'update'",
                    [*part, entity],
                )
                for eid, fields, hlc, origin, base in rows:
                    for fname, value in json.loads(fields).items():
                        out[(entity, eid, fname)].append(_Write(hlc, origin, base, value))
                rows = self._conn.execute(
                    "SELECT entity_id, field, hlc, origin, base_version, value FROM "
                    f"sync_field_writes WHERE entity = ? AND entity_id IN ({marks})",
                    [entity, *part],
                )
                for eid, fname, hlc, origin, base, value in rows:
                    out[(entity, eid, fname)].append(
                        _Write(hlc, origin, base, _parse_stored(value))
                    )
        return out

    def _flush(self) -> None:
        recs, self._buffer = self._buffer, []
        if not recs:
            return
        existing = self._existing(recs)
        writes = self._field_writes(recs)
        inserts: dict[str, list[dict[str, Any]]] = defaultdict(list)
        pending: dict[tuple[str, str], tuple[dict[str, Any], dict[str, Any]]] = {}
        updates: list[tuple[str, str, dict[str, Any], str, int]] = []
        relay: list[tuple[Any, ...]] = []
        new_writes: list[tuple[Any, ...]] = []
        for r in recs:
            kept = self._filter(r)
            if kept is None:
                self.stats.already_present += 1
                continue
            r = kept
            key = (r.entity, r.id)
            if r.entity in ("cases", "clients"):
                self._weighed[r.entity].add(r.id)
            if r.op == "insert":
                if key in existing or key in pending:
                    self.stats.already_present += 1
                    continue
                row = self._entities[r.entity].default_row()
                row.update(r.values)
                row.update(id=r.id, updated_hlc=r.hlc, origin_device=r.origin, version=1)
                py = dict(r.fields)
                if r.entity == "users":
                    self._foreign_user(row, r.origin)
                inserts[r.entity].append(row)
                pending[key] = (row, py)
                self.stats.inserted += 1
            else:
                if key not in existing and key not in pending:
                    if self._forgotten.clients and r.entity in forgetting.PERSONAL:
                        # A change made elsewhere before a tombstone reached it: the row is gone.
                        self.stats.already_present += 1
                        continue
                    raise Rejected(
                        errors.INVALID_RECORD,
                        f"record {r.seq} changes a {r.entity} record this database does not have",
                        "office.missing_record",
                        line=r.seq,
                        table=r.entity,
                    )
                # An update of a user never gets here: parse_record refuses it (AUTHORS_ONLY).
                applied = self._update_fields(r, writes, new_writes)
                # Clock and version move with every update seen, applied or superseded, so
                # the result does not depend on the order batches arrive in.
                if key in pending:
                    row, py = pending[key]
                    row.update(applied)
                    py.update({k: r.fields[k] for k in applied if k in r.fields})
                    row["updated_hlc"] = max(row["updated_hlc"], r.hlc)
                    row["version"] = max(row["version"], r.base + 1)
                else:
                    updates.append((r.entity, r.id, applied, r.hlc, r.base + 1))
                    if applied and r.entity in _SEARCH_KIND:
                        self._reindex[r.entity].add(r.id)
            if self.office:
                relay.append(
                    (
                        r.entity,
                        r.id,
                        r.op,
                        _relayed(r),
                        r.base,
                        r.hlc,
                        r.origin,
                    )
                )
        self._write(inserts, pending, updates, relay, new_writes)

    # -- merges and tombstones -------------------------------------------------------------

    def _filter(self, r: Record) -> Record | None:
        """A record as it may land here after merges and tombstones (None: it may not)."""
        f = self._forgotten
        if r.entity in _FORGETTING or (not f.clients and not f.merged):
            return r
        if r.entity == "clients" and r.id in f.merged:
            return None
        cid = r.fields.get("client_id")
        if isinstance(cid, str) and cid in f.merged:
            keep = f.survivor(cid)
            r.fields = {**r.fields, "client_id": keep}
            r.values = {**r.values, "client_id": keep}
        mode = f.mode_of(r.entity, r.id, r.fields)
        if mode is None:
            return r
        if mode == forgetting.ERASE:
            return None
        if r.entity in forgetting.PERSONAL:
            r.fields = forgetting.scrub_fields(r.entity, r.fields)
            try:
                r.values = check_fields(self._entities[r.entity], r.op, r.fields)
            except BadField:
                return None
        return r

    def _forget(self, r: Record) -> None:
        """Apply a merge or a tombstone received here, as where it was made."""
        f, c = self._forgotten, self._conn
        v = r.fields

        def exists(client_id: object) -> bool:
            row = c.execute("SELECT 1 FROM clients WHERE id = ?", (client_id,)).fetchone()
            return row is not None

        if r.entity == "erasures":
            cid, mode, calls = v.get("client_id"), v.get("mode"), v.get("call_ids") or []
            if mode not in forgetting.MODES or not isinstance(calls, list):
                raise Rejected(
                    errors.INVALID_RECORD,
                    f"record {r.seq} is not a valid erasure",
                    "sync.forgotten_bad",
                    line=r.seq,
                )
            if not exists(cid) and cid not in f.clients:
                raise Rejected(
                    errors.INVALID_RECORD,
                    f"record {r.seq} removes a client this database does not have",
                    "sync.forgotten_unknown",
                    line=r.seq,
                )
            removed = forgetting.forget_client(c, str(cid), [str(x) for x in calls], str(mode))
            sent = v.get("removed") or {}
            cases = [*(sent.get("case_ids") or []), *(removed.get("case_ids") or [])]
            f.add_erasure(str(cid), str(mode), [str(x) for x in calls], cases)
            self.stats.forgotten += 1
            return
        keep, absorb, code = v.get("keep_id"), v.get("absorb_id"), v.get("absorb_code")
        if absorb in f.merged:
            return
        if not exists(keep) or not exists(absorb):
            raise Rejected(
                errors.INVALID_RECORD,
                f"record {r.seq} merges a client this database does not have",
                "sync.forgotten_unknown",
                line=r.seq,
            )
        forgetting.merge_into(c, str(keep), str(absorb), str(code))
        f.merged[str(absorb)] = str(keep)

    def _update_fields(
        self,
        r: Record,
        writes: dict[tuple[str, str, str], list[_Write]],
        new_writes: list[tuple[Any, ...]],
    ) -> dict[str, Any]:
        applied: dict[str, Any] = {}
        for name, stored in r.values.items():
            value = r.fields[name]
            history = writes[(r.entity, r.id, name)]
            if any(w.hlc == r.hlc for w in history):
                continue  # this very write was seen before
            if self.office:
                self._check_conflict(r, name, value, history)
            newest = max((w.hlc for w in history), default="")
            if r.hlc > newest:
                applied[name] = stored
                self.stats.fields_applied += 1
            else:
                self.stats.fields_superseded += 1
            history.append(_Write(r.hlc, r.origin, r.base, value))
            if not self.office:  # at the office the relayed outbox row is the record of it
                new_writes.append(
                    (
                        r.entity,
                        r.id,
                        name,
                        r.hlc,
                        r.origin,
                        r.base,
                        json.dumps(value, ensure_ascii=False),
                    )
                )
        return applied

    def _check_conflict(self, r: Record, name: str, value: Any, history: list[_Write]) -> None:
        rivals = [w for w in history if w.base == r.base]
        if not any(w.origin != r.origin and w.value != value for w in rivals):
            return
        key = (r.entity, r.id, name, r.base)
        found = self._conflicts.setdefault(key, [])
        for w in [*rivals, _Write(r.hlc, r.origin, r.base, value)]:
            if all(c["hlc"] != w.hlc for c in found):
                found.append({"value": w.value, "origin": w.origin, "hlc": w.hlc})

    def _foreign_user(self, row: dict[str, Any], origin: str) -> None:
        # Users of other desks are kept as authors only: always renamed name@DESK (so no name
        # sent can equal one that unlocks this database) and locked, never able to log in.
        if row.get("name") is not None:
            row["name"] = f"{row['name']}@{self.origins.get(origin, origin[:8])}"
        row["active"] = 0

    def _write(
        self,
        inserts: dict[str, list[dict[str, Any]]],
        pending: dict[tuple[str, str], tuple[dict[str, Any], dict[str, Any]]],
        updates: list[tuple[str, str, dict[str, Any], str, int]],
        relay: list[tuple[Any, ...]],
        new_writes: list[tuple[Any, ...]],
    ) -> None:
        c = self._conn
        for entity in self._order:
            rows = inserts.get(entity)
            if not rows:
                continue
            cols = list(rows[0])
            sql = f"INSERT INTO {entity} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})"
            with facts_added_in_bulk(c, entity):
                # Every row has every column (default_row): one getter makes all the tuples.
                c.executemany(sql, map(itemgetter(*cols), rows))
            kind = _SEARCH_KIND.get(entity)
            if kind is not None:
                text = _TEXT[entity]
                search_index.put_many(
                    self.tx.session,
                    kind,
                    [(row["id"], text(pending[(entity, row["id"])][1].get)) for row in rows],
                )
        for entity, rid, applied, hlc, version in updates:
            sets = "".join(f"{k} = ?, " for k in applied)
            c.execute(
                f"UPDATE {entity} SET {sets}updated_hlc = max(updated_hlc, ?), "
                "version = max(version, ?) WHERE id = ?",
                [*applied.values(), hlc, version, rid],
            )
        if relay:
            c.executemany(
                "INSERT INTO changes (entity, entity_id, op, fields, base_version, hlc, "
                "origin_device, batch_id) VALUES (?, ?, ?, ?, ?, ?, ?, NULL)",
                relay,
            )
        if new_writes:
            c.executemany(
                "INSERT OR IGNORE INTO sync_field_writes (entity, entity_id, field, hlc, origin, "
                "base_version, value) VALUES (?, ?, ?, ?, ?, ?, ?)",
                new_writes,
            )

    # -- after the last chunk ------------------------------------------------------------

    def _reindex_updated(self) -> None:
        s = self.tx.session
        for entity, ids in self._reindex.items():
            table = self._entities[entity].table
            text = _TEXT[entity]
            for part in _parts(sorted(ids)):
                for row in s.execute(select(table).where(table.c.id.in_(part))).mappings():
                    search_index.put(s, _SEARCH_KIND[entity], row["id"], text(row.get))

    def _store_conflicts(self) -> None:
        s = self.tx.session
        for (entity, eid, name, base), found in self._conflicts.items():
            row = s.execute(
                select(SyncConflict).where(
                    SyncConflict.entity == entity,
                    SyncConflict.entity_id == eid,
                    SyncConflict.field == name,
                    SyncConflict.base_version == base,
                )
            ).scalar_one_or_none()
            if row is None:
                s.add(
                    SyncConflict(
                        id=new_id(),
                        entity=entity,
                        entity_id=eid,
                        field=name,
                        base_version=base,
                        candidates=_sorted(found),
                        state="open",
                        detected_at=self.tx.now,
                    )
                )
                self.stats.conflicts += 1
                continue
            known = {c["hlc"] for c in row.candidates}
            extra = [c for c in found if c["hlc"] not in known]
            if extra:
                row.candidates = _sorted([*row.candidates, *extra])
                row.state = "open"
                self.stats.conflicts += 1
        s.flush()

    def receive_clock(self) -> None:
        """Merge the newest clock seen, so local writes after the import sort after it."""
        if not self.stats.max_hlc:
            return
        try:
            self.tx.clock.receive(Timestamp.decode(self.stats.max_hlc))
        except ValueError:
            raise Rejected(
                errors.CLOCK_AHEAD,
                "the sender's clock is more than a day ahead of "
                "this computer's; check the date and time on both",
            ) from None


def _relayed(r: Record) -> str:
    # The fields as received when their text is known: the same JSON, not encoded again.
    return r.raw_fields if r.raw_fields is not None else json.dumps(r.fields, ensure_ascii=False)


def _sorted(candidates: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return sorted(candidates, key=lambda c: str(c["hlc"]))


def _parts(ids: list[str]) -> list[list[str]]:
    return [ids[i : i + _IN_LIMIT] for i in range(0, len(ids), _IN_LIMIT)]

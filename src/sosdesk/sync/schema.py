"""What may travel in a batch, and the check of every record against it.

The synced entities are the tables whose rows carry the sync columns (SyncedMixin); their
columns are read from the ORM, so a column added by a later migration travels without a
change here. Values are checked by column type, and codes against the vocabularies, before
anything is written. `users.preferences` is a local setting and never leaves the desk.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from functools import cached_property
from typing import Any

from sqlalchemy import JSON, BigInteger, Boolean, Date, Integer, LargeBinary, String, Table, Text

from sosdesk.domain.casework_vocab import GOAL_STATUS, NEED_DOMAIN
from sosdesk.domain.countries import COUNTRY
from sosdesk.domain.events import validate_event
from sosdesk.domain.messages import CodedError
from sosdesk.domain.missing_children import (
    MC_AFTER,
    MC_CATEGORY,
    MC_CONTACT_CHANNEL,
    MC_LIVING,
    MC_OUTCOME,
    MC_REPORTER,
    MC_RISK,
    MC_STEP,
)
from sosdesk.domain.validation import ValidationFailed
from sosdesk.domain.vocab import (
    CALL_CATEGORY,
    CALLER_TYPE,
    CASE_PHASE,
    CLOSE_REASON,
    CURRENCY,
    DIRECTION,
    DIRECTORY_KIND,
    EMERGENCY_STEP,
    EVENT_KIND,
    EXPLOITATION,
    GENDER,
    LANGUAGE,
    LINE,
    MEANS_OF_CONTROL,
    RECRUITER_RELATION,
    RISK_LEVEL,
    ROLE,
    URGENCY,
    VICTIM_STATUS,
    Vocabulary,
)
from sosdesk.store.errors import StoreError
from sosdesk.store.json_text import dump_json
from sosdesk.store.models import Base, SyncedMixin, UtcDateTime
from sosdesk.sync import errors
from sosdesk.sync.errors import Rejected, SyncError
from sosdesk.sync.record_line import split_line

SYNC_META = ("id", "updated_hlc", "origin_device", "version")
# Local-only columns: never exported, refused on import.
LOCAL_ONLY: dict[str, frozenset[str]] = {
    "users": frozenset({"preferences"}),
    # Derived from the case, its client and this database's weight table: recomputed on import.
    "cases": frozenset({"weight", "child_until"}),
}
# Timeline events are append-only; merges and tombstones are single facts; indicator list
# versions and approved plans never change.
IMMUTABLE = frozenset(
    {
        "events",
        "call_corrections",
        "client_merges",
        "erasures",
        "missing_steps",
        "indicator_lists",
        "plan_approvals",
    }
)
# The desk's own to-do list stays with the desk; everything else is history the night shift
# at another desk may need.
NOT_TO_DESKS = frozenset({"followups"})
# Users travel only as authors (the calls, events and cases they wrote point at them): a new
# row, stored locked and renamed name@DESK. An update of a user never travels, so no batch
# can change who unlocks a database (docs/architecture.md, "Sync: what each side may send").
AUTHORS_ONLY = frozenset({"users"})
DESK = "desk"
OFFICE = "office"
RECORD_KEYS = frozenset({"seq", "entity", "id", "op", "base", "hlc", "origin", "fields"})
_UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
# A clock value as Timestamp.encode writes it, before its device id.
_HLC_HEAD = re.compile(r"[0-9]{13}-[0-9]{6}-")
_DT_FORMAT = "%Y-%m-%dT%H:%M:%S.%fZ"

_VOCAB: dict[tuple[str, str], Vocabulary] = {
    ("clients", "gender"): GENDER,
    ("clients", "status"): VICTIM_STATUS,
    ("clients", "exploitation_types"): EXPLOITATION,
    ("clients", "means_of_control"): MEANS_OF_CONTROL,
    ("clients", "recruiter_relation"): RECRUITER_RELATION,
    ("clients", "risk_level"): RISK_LEVEL,
    ("clients", "citizenship"): COUNTRY,
    ("clients", "languages"): LANGUAGE,
    ("clients", "recruitment_countries"): COUNTRY,
    ("clients", "exploitation_countries"): COUNTRY,
    ("calls", "line"): LINE,
    ("calls", "direction"): DIRECTION,
    ("calls", "caller_type"): CALLER_TYPE,
    ("calls", "language"): LANGUAGE,
    ("calls", "categories"): CALL_CATEGORY,
    ("calls", "urgency"): URGENCY,
    ("calls", "emergency_steps"): EMERGENCY_STEP,
    ("cases", "phase"): CASE_PHASE,
    ("cases", "close_reason"): CLOSE_REASON,
    ("case_goals", "need_domain"): NEED_DOMAIN,
    ("case_goals", "status"): GOAL_STATUS,
    ("events", "kind"): EVENT_KIND,
    ("events", "currency"): CURRENCY,
    ("directory_entries", "kind"): DIRECTORY_KIND,
    ("directory_entries", "languages"): LANGUAGE,
    ("users", "role"): ROLE,
    ("missing_cases", "category"): MC_CATEGORY,
    ("missing_cases", "reporter_kind"): MC_REPORTER,
    ("missing_cases", "living"): MC_LIVING,
    ("missing_cases", "gender"): GENDER,
    ("missing_cases", "citizenship"): COUNTRY,
    ("missing_cases", "languages"): LANGUAGE,
    ("missing_cases", "countries"): COUNTRY,
    ("missing_cases", "risks"): MC_RISK,
    ("missing_cases", "outcome"): MC_OUTCOME,
    ("missing_cases", "after"): MC_AFTER,
    ("missing_cases", "contact_channel"): MC_CONTACT_CHANNEL,
    ("missing_steps", "kind"): MC_STEP,
}


class OutgoingRefused(SyncError, StoreError):
    """A change that could never be sent (a value that does not fit its column); nothing is
    saved. Also a StoreError, so today's command line answers it with exit 2."""

    code = "sync.bad_column"

    def __init__(self, table: str, column: str, why: str) -> None:
        # Straight to CodedError: StoreError's constructor keeps only `store.*` codes.
        CodedError.__init__(self, "sync.bad_column", table=table, column=column, why=why)


class BadValue(ValueError):
    """A value that does not fit its column."""


Converter = Callable[[Any], Any]  # JSON value -> value as stored by SQLite


def _text(limit: int | None) -> Converter:
    def conv(v: Any) -> Any:
        if not isinstance(v, str):
            raise BadValue("expected text")
        if limit is not None and len(v) > limit:
            raise BadValue(f"longer than {limit} characters")
        return v

    return conv


def _int(v: Any) -> Any:
    if not isinstance(v, int) or isinstance(v, bool) or abs(v) > 2**62:
        raise BadValue("expected a whole number")
    return v


def _bool(v: Any) -> Any:
    if not isinstance(v, bool):
        raise BadValue("expected true or false")
    return 1 if v else 0


def _datetime(v: Any) -> Any:
    if not isinstance(v, str) or len(v) > 40:
        raise BadValue("expected a date and time")
    try:
        dt = datetime.fromisoformat(v)
    except ValueError:
        raise BadValue("expected a date and time") from None
    if len(v) in (25, 32) and v.endswith("+00:00"):
        # The form desks send (isoformat of a UTC time): rewrite without reformatting.
        return f"{v[:19]}{v[19:26] if len(v) == 32 else '.000000'}Z"
    if dt.utcoffset() is None:
        raise BadValue("a time without time zone")
    return dt.astimezone(UTC).strftime(_DT_FORMAT)


def _date(v: Any) -> Any:
    if not isinstance(v, str) or len(v) != 10:
        raise BadValue("expected a date")
    try:
        return date.fromisoformat(v).isoformat()
    except ValueError:
        raise BadValue("expected a date") from None


def _json(kind: type | None, vocab: Vocabulary | None, codes: frozenset[str]) -> Converter:
    def conv(v: Any) -> Any:
        if kind is not None and not isinstance(v, kind):
            raise BadValue(f"expected a {'list' if kind is list else 'map'}")
        if not v and kind is not None:
            return "[]" if kind is list else "{}"
        if vocab is not None and not _all_known(v, codes):
            for item in v:
                if not isinstance(item, str) or item not in codes:
                    raise BadValue(f"unknown {vocab.name}: {str(item)[:40]}")
        return dump_json(v)

    return conv


def _all_known(items: Any, known: frozenset[str]) -> bool:
    try:
        return known.issuperset(items)
    except TypeError:  # an unhashable item (a list or map in the list): not a code
        return False


def _coded(inner: Converter, vocab: Vocabulary, codes: frozenset[str]) -> Converter:
    def conv(v: Any) -> Any:
        out = inner(v)
        if not isinstance(v, str) or v not in codes:
            raise BadValue(f"unknown {vocab.name}: {str(v)[:40]}")
        return out

    return conv


@dataclass(frozen=True)
class Column:
    """How one column travels: its converter and whether it may be null. A text column also
    has its longest length and, if coded, its codes: a text value within those is stored as
    it came, without calling the converter (most of the fields of a batch)."""

    name: str
    convert: Converter
    nullable: bool
    default: Any
    text_limit: int = 0  # 0: not a text column, always through the converter
    codes: frozenset[str] | None = None


@dataclass(frozen=True)
class Entity:
    """A synced table: its columns (without the sync bookkeeping) in table order."""

    name: str
    table: Table
    columns: dict[str, Column]
    local_defaults: dict[str, Any]
    required: frozenset[str]  # what an insert must carry

    def default_row(self) -> dict[str, Any]:
        """Storage values for columns not sent: local-only ones, and those an older desk lacks."""
        return dict(self._defaults)

    @cached_property
    def _defaults(self) -> dict[str, Any]:
        out = dict(self.local_defaults)
        out.update((c.name, c.default) for c in self.columns.values())
        return out

    @cached_property
    def checks(self) -> dict[str, tuple[Converter, bool, int, frozenset[str] | None]]:
        """Each column's converter, whether it may be null, its text limit and codes, looked
        up once per field."""
        return {
            name: (c.convert, c.nullable, c.text_limit, c.codes) for name, c in self.columns.items()
        }


def _json_kind(column: Any) -> type | None:
    default = column.default
    arg = getattr(default, "arg", None)
    if callable(arg):
        name = getattr(arg, "__name__", "")
        if name in ("list", "dict"):
            return list if name == "list" else dict
        try:
            made = arg(None)
        except TypeError:
            return None
        return type(made) if isinstance(made, list | dict) else None
    return None


def _column(table: str, column: Any) -> Column:
    """How a column travels, from one reading of its type and its vocabulary."""
    t = column.type
    vocab = _VOCAB.get((table, column.name))
    codes = frozenset(vocab.codes()) if vocab is not None else frozenset()
    limit = 0
    conv: Converter
    if isinstance(t, UtcDateTime):
        conv = _datetime
    elif isinstance(t, JSON):
        conv = _json(_json_kind(column), vocab, codes)
        vocab = None  # its items are checked by the converter itself
    elif isinstance(t, Date):
        conv = _date
    elif isinstance(t, Boolean):
        conv = _bool
    elif isinstance(t, Integer | BigInteger):
        conv = _int
    elif isinstance(t, LargeBinary):
        raise TypeError(f"{table}.{column.name}: binary columns do not travel")
    else:  # text: String (with its length), Text, or a type read as text
        length = t.length if isinstance(t, String) and not isinstance(t, Text) else None
        conv, limit = _text(length), length or sys.maxsize
    if vocab is not None:
        conv = _coded(conv, vocab, codes)
    return Column(
        column.name,
        conv,
        bool(column.nullable),
        _storage_default(column),
        limit,
        codes if limit and vocab is not None else None,
    )


def _storage_default(column: Any) -> Any:
    default = column.default
    if default is None or isinstance(column.type, UtcDateTime | Date):
        return None  # times are never made up: an insert must carry them
    arg = default.arg
    if callable(arg):
        try:
            arg = arg(None)
        except TypeError:
            arg = arg()
    if isinstance(column.type, JSON):
        return json.dumps(arg)
    if isinstance(arg, bool):
        return 1 if arg else 0
    return arg


def _build() -> dict[str, Entity]:
    out: dict[str, Entity] = {}
    for mapper in Base.registry.mappers:
        cls = mapper.class_
        if not issubclass(cls, SyncedMixin):
            continue
        table = mapper.local_table
        assert isinstance(table, Table)
        local = LOCAL_ONLY.get(table.name, frozenset())
        skip = set(SYNC_META) | local
        cols = {c.name: _column(table.name, c) for c in table.columns if c.name not in skip}
        defaults = {c.name: _storage_default(c) for c in table.columns if c.name in local}
        required = frozenset(
            c for c, col in cols.items() if not col.nullable and col.default is None
        )
        # A plain str: SQLAlchemy's quoted_name is a str subclass, which the driver binds
        # through its slow adaptation path (every relayed record names its entity).
        name = str(table.name)
        out[name] = Entity(name, table, cols, defaults, required)
    return out


_ENTITIES: dict[str, Entity] | None = None


def entities() -> dict[str, Entity]:
    """Synced tables by name (built once, after every model is imported)."""
    global _ENTITIES
    if _ENTITIES is None:
        _ENTITIES = _build()
    return _ENTITIES


def insert_order() -> list[str]:
    """Synced tables in foreign-key order (referenced tables first)."""
    known = entities()
    return [t.name for t in Base.metadata.sorted_tables if t.name in known]


@dataclass(slots=True)
class Record:
    """One validated change: `fields` as sent (what is relayed), `values` as stored."""

    seq: int
    entity: str
    id: str
    op: str
    base: int
    hlc: str
    origin: str
    fields: dict[str, Any]
    values: dict[str, Any]
    # The exact JSON text `fields` was read from, when the line was in the standard form:
    # relayed as it came (None: encode `fields` again).
    raw_fields: str | None = None


def may_send(sender: str, entity: str, op: str) -> bool:
    """Whether a desk (`sender="desk"`) or the office may send this change of `entity`."""
    if entity not in entities():
        return False
    if sender == OFFICE and entity in NOT_TO_DESKS:
        return False
    return not (op == "update" and entity in AUTHORS_ONLY)


def not_owned(line_no: int, sender: str, entity: str) -> Rejected:
    """The refusal of a change the sender may not send; it names the table."""
    table = entity[:40]
    whom = "a desk" if sender == DESK else "the office"
    return Rejected(
        errors.NOT_OWNED,
        f"record {line_no} changes the table {table}, which {whom} may not send",
        f"sync.not_owned_by_{sender}",
        line=line_no,
        table=table,
    )


def _bad(line_no: int, msg: str) -> Rejected:
    return Rejected(errors.INVALID_RECORD, f"record {line_no} is invalid: {msg}")


def _no_constants(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


def _of_origin(hlc: str, origin: str) -> bool:
    """Whether `hlc` is a clock value of the device `origin` (Timestamp.encode's form)."""
    return len(hlc) == 21 + len(origin) and hlc.endswith(origin) and bool(_HLC_HEAD.match(hlc))


def parse_record(raw: bytes, line_no: int, sender: str | None = None) -> Record:
    """Parse and check one payload line sent by `sender` ("desk", "office"; None: no rule of
    ownership); raises Rejected(MALFORMED / INVALID_RECORD / NOT_OWNED)."""
    try:
        text = raw.decode("utf-8")
        split = split_line(text)  # when it splits, the keys are exactly RECORD_KEYS
        doc, raw_fields = split if split else (json.loads(text, parse_constant=_no_constants), None)
    except (UnicodeDecodeError, ValueError):
        raise Rejected(errors.MALFORMED, f"record {line_no} is not valid JSON") from None
    if split is None and (not isinstance(doc, dict) or doc.keys() != RECORD_KEYS):
        raise _bad(line_no, "unexpected or missing keys")
    name = doc["entity"]
    entity = entities().get(name) if isinstance(name, str) else None
    if entity is None:
        if sender is not None and isinstance(name, str) and name in Base.metadata.tables:
            raise not_owned(line_no, sender, name)
        raise _bad(line_no, f"unknown or unexpected entity {str(name)[:40]!r}")
    rid, op, base, hlc, origin = doc["id"], doc["op"], doc["base"], doc["hlc"], doc["origin"]
    seq, fields = doc["seq"], doc["fields"]
    if not isinstance(rid, str) or not _UUID.match(rid):
        raise _bad(line_no, "the record id is not an id")
    if op not in ("insert", "update"):
        raise _bad(line_no, "op is neither insert nor update")
    if op == "update" and entity.name in IMMUTABLE:
        raise _bad(line_no, "timeline events cannot be changed, only amended")
    if sender is not None and not may_send(sender, entity.name, op):
        raise not_owned(line_no, sender, entity.name)
    for name, v in (("seq", seq), ("base", base)):
        if not isinstance(v, int) or isinstance(v, bool) or v < 0:
            raise _bad(line_no, f"{name} is not a number")
    if not isinstance(origin, str) or not _UUID.match(origin):
        raise _bad(line_no, "origin is not a device id")
    if not isinstance(hlc, str) or not _of_origin(hlc, origin):
        raise _bad(line_no, "the clock value is not one of its origin desk")
    if not isinstance(fields, dict) or not fields:
        raise _bad(line_no, "no fields")
    try:
        values = check_fields(entity, op, fields)
    except BadField as exc:
        raise _bad(line_no, exc.why) from None
    return Record(seq, entity.name, rid, op, base, hlc, origin, fields, values, raw_fields)


class BadField(ValueError):
    """A field that may not travel: `column` names it, `why` says why (no value in it)."""

    def __init__(self, column: str, why: str) -> None:
        super().__init__(why)
        self.column = column
        self.why = why


def check_fields(entity: Entity, op: str, fields: dict[str, Any]) -> dict[str, Any]:
    """The column checks of a record's fields, the same on the way out (outbox) and the way
    in (import); returns the values as stored, or raises BadField."""
    values: dict[str, Any] = {}
    checks = entity.checks
    for name, v in fields.items():
        check = checks.get(name)
        if check is None:
            raise BadField(str(name)[:40], f"unknown field {entity.name}.{str(name)[:40]}")
        if v is None:
            if not check[1]:
                raise BadField(name, f"{entity.name}.{name} cannot be empty")
            values[name] = None
            continue
        convert, _, limit, codes = check
        if limit and type(v) is str and len(v) <= limit and (codes is None or v in codes):
            values[name] = v  # text as stored; anything else is left to the converter
            continue
        try:
            values[name] = convert(v)
        except BadValue as exc:
            raise BadField(name, f"{entity.name}.{name}: {exc}") from None
    if op == "insert" and not entity.required <= fields.keys():
        missing = sorted(entity.required - fields.keys())
        raise BadField(missing[0], f"{entity.name} is missing {', '.join(missing[:5])}")
    if entity.name == "events" and op == "insert":
        try:
            validate_event(fields.get("kind", ""), fields.get("payload") or {})
        except ValidationFailed as exc:
            raise BadField("payload", f"event payload: {str(exc)[:200]}") from None
        except (KeyError, TypeError, AttributeError):
            raise BadField("payload", "event payload is not valid") from None
    return values


def travelling_fields(entity: str, op: str, fields: dict[str, Any]) -> dict[str, Any] | None:
    """The part of an outbox row that is exported (None: nothing of it travels)."""
    if op == "update" and entity in AUTHORS_ONLY:
        return None
    drop = LOCAL_ONLY.get(entity)
    if drop:
        fields = {k: v for k, v in fields.items() if k not in drop}
    return fields or None


def check_outgoing(entity: str, op: str, fields: dict[str, Any]) -> None:
    """Refuse, at write time, an outbox row the office would refuse for a column (so a desk
    can never export a batch that blocks every later one); raises `OutgoingRefused`."""
    known = entities().get(entity)
    if known is None:
        return
    sent = travelling_fields(entity, op, fields)
    if sent is None:
        return
    try:
        check_fields(known, op, sent)
    except BadField as exc:
        raise OutgoingRefused(entity, exc.column, exc.why) from None


def vocabulary(entity: str, field: str) -> Vocabulary | None:
    """The vocabulary a column's codes come from (for showing labels), if any."""
    return _VOCAB.get((entity, field))

"""Clients: create with a desk-unique code, update with version history, read, find."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from sosdesk.domain import roles
from sosdesk.domain.codes import format_client_code, parse_client_code
from sosdesk.domain.countries import COUNTRY
from sosdesk.domain.phones import PhoneError, normalise_phone
from sosdesk.domain.validation import MAX_NAME, Checker, FieldError, ValidationFailed
from sosdesk.domain.vocab import (
    EXPLOITATION,
    GENDER,
    LANGUAGE,
    MEANS_OF_CONTROL,
    RECRUITER_RELATION,
    RISK_LEVEL,
    VICTIM_STATUS,
)
from sosdesk.services import search_index
from sosdesk.services.access import require
from sosdesk.services.caseload import store_weights
from sosdesk.services.errors import NotFound as NotFound  # re-exported: callers import it from here
from sosdesk.services.views import ClientView, to_view
from sosdesk.store.database import Database
from sosdesk.store.models import Client, ClientMerge, CodeCounter
from sosdesk.store.tx import Tx

MAX_AGE = 110

EDITABLE = (
    "given_name",
    "family_name",
    "nickname",
    "name_cyrillic",
    "aliases",
    "gender",
    "birth_date",
    "birth_year",
    "estimated_age",
    "citizenship",
    "languages",
    "phones",
    "address",
    "status",
    "exploitation_types",
    "means_of_control",
    "recruiter_relation",
    "recruitment_countries",
    "exploitation_countries",
    "consent_date",
    "consent_scope",
    "consent_share_institutions",
    "risk_level",
    "notes",
)


def clean_client(data: dict[str, Any], *, today: date | None = None) -> dict[str, Any]:
    """Validate client fields (only those present); raises ValidationFailed."""
    c = Checker()
    out: dict[str, Any] = {}
    unknown = set(data) - set(EDITABLE)
    for name in sorted(unknown):
        c.fail(name, "client.unknown_field")
    for name in ("given_name", "family_name", "nickname"):
        if name in data:
            out[name] = c.text(name, data[name], max_len=MAX_NAME)
    if "name_cyrillic" in data:
        out["name_cyrillic"] = c.text("name_cyrillic", data["name_cyrillic"], max_len=2 * MAX_NAME)
    if "aliases" in data:
        out["aliases"] = [
            a for a in (c.text("aliases", a, max_len=MAX_NAME) for a in data["aliases"] or []) if a
        ]
    if "gender" in data:
        out["gender"] = c.choice("gender", data["gender"], GENDER) or "unknown"
    if "birth_date" in data:
        out["birth_date"] = c.past_date("birth_date", data["birth_date"], today=today)
    if "birth_year" in data and data["birth_year"] is not None:
        year = data["birth_year"]
        this_year = (today or date.today()).year
        if not isinstance(year, int) or not 1900 <= year <= this_year:
            c.fail("birth_year", "field.year_range", max=this_year)
        else:
            out["birth_year"] = year
    elif "birth_year" in data:
        out["birth_year"] = None
    if out.get("birth_date") and "birth_year" not in out:
        out["birth_year"] = out["birth_date"].year
    if "estimated_age" in data:
        age_problems = check_age(data["estimated_age"])
        c.add(age_problems)
        if not age_problems:
            out["estimated_age"] = data["estimated_age"]
    if "citizenship" in data:
        out["citizenship"] = c.choice("citizenship", data["citizenship"], COUNTRY)
    if "languages" in data:
        out["languages"] = c.choices("languages", data["languages"], LANGUAGE)
    if "phones" in data:
        phones: list[str] = []
        for raw in data["phones"] or []:
            try:
                p = normalise_phone(raw)
            except PhoneError as exc:
                c.fail_with("phones", exc)
                continue
            if p not in phones:
                phones.append(p)
        out["phones"] = phones
    if "address" in data:
        out["address"] = c.text("address", data["address"], max_len=500)
    if "status" in data:
        out["status"] = c.choice("status", data["status"], VICTIM_STATUS) or "unknown"
    if "exploitation_types" in data:
        out["exploitation_types"] = c.choices(
            "exploitation_types", data["exploitation_types"], EXPLOITATION
        )
    if "means_of_control" in data:
        out["means_of_control"] = c.choices(
            "means_of_control", data["means_of_control"], MEANS_OF_CONTROL
        )
    if "recruiter_relation" in data:
        out["recruiter_relation"] = c.choice(
            "recruiter_relation", data["recruiter_relation"], RECRUITER_RELATION
        )
    for name in ("recruitment_countries", "exploitation_countries"):
        if name in data:
            out[name] = c.choices(name, data[name], COUNTRY)
    if "consent_date" in data:
        out["consent_date"] = c.past_date("consent_date", data["consent_date"], today=today)
    if "consent_scope" in data:
        out["consent_scope"] = c.text("consent_scope", data["consent_scope"], max_len=1000)
    if "consent_share_institutions" in data:
        out["consent_share_institutions"] = bool(data["consent_share_institutions"])
    if "risk_level" in data:
        out["risk_level"] = c.choice("risk_level", data["risk_level"], RISK_LEVEL) or "unknown"
    if "notes" in data:
        out["notes"] = c.text("notes", data["notes"])
    c.done()
    return out


def next_client_code(session: Session, desk: str, year: int) -> str:
    """Allocate the next code for the desk and year (inside a write transaction)."""
    counter = session.get(CodeCounter, (desk, year))
    if counter is None:
        counter = CodeCounter(desk=desk, year=year, last=0)
        session.add(counter)
    counter.last += 1
    return format_client_code(desk, year, counter.last)


def insert_client(tx: Tx, desk: str, fields: dict[str, Any]) -> Client:
    """Insert a validated client inside an open transaction (also used by call intake)."""
    code = next_client_code(tx.session, desk, tx.now.year)
    client = Client(code=code, **{k: v for k, v in fields.items()})
    for name, default in (
        ("aliases", []),
        ("languages", []),
        ("phones", []),
        ("exploitation_types", []),
        ("means_of_control", []),
        ("recruitment_countries", []),
        ("exploitation_countries", []),
        ("gender", "unknown"),
        ("status", "unknown"),
        ("risk_level", "unknown"),
        ("consent_share_institutions", False),
        ("extra", {}),
    ):
        if getattr(client, name) is None:
            setattr(client, name, default)
    tx.insert(client, audit_detail={"code": code})
    search_index.put(tx.session, "client", client.id, search_index.client_body(client))
    return client


def check_age(age: object, field_name: str = "estimated_age") -> list[FieldError]:
    """The age rule on every path (a client, a call's new client, a form's live check): empty,
    or whole years from 0 to `MAX_AGE`."""
    if age is None or (isinstance(age, int) and not isinstance(age, bool) and 0 <= age <= MAX_AGE):
        return []
    return [FieldError(field_name, "field.age_range", min=0, max=MAX_AGE)]


IDENTIFYING = ("given_name", "family_name", "nickname", "phones", "notes")


def check_identity(fields: dict[str, Any]) -> list[FieldError]:
    """The rule for a new client, on every path (the client form, a call's new client, a form's
    live check): something to know them by, a name, a nickname, a phone or a note."""
    if any(fields.get(k) for k in IDENTIFYING):
        return []
    return [FieldError("given_name", "client.nothing_to_know")]


def create_client(db: Database, data: dict[str, Any]) -> ClientView:
    """Register a new client; at least a name, nickname, phone or note is needed."""
    require(db, roles.TAKE_CALLS)
    fields = clean_client(data)
    problems = check_identity(fields)
    if problems:
        raise ValidationFailed(problems)
    with db.transaction() as tx:
        client = insert_client(tx, db.desk.desk_code, fields)
        view: ClientView = to_view(ClientView, client)
    return view


def update_client(db: Database, client_id: str, data: dict[str, Any]) -> list[str]:
    """Change client fields; returns the names that changed (each is a new version)."""
    require(db, roles.CORRECT, client_id)
    fields = clean_client(data)
    with db.transaction() as tx:
        client = tx.session.get(Client, client_id)
        if client is None:
            raise NotFound("not_found.client", id=client_id)
        changed = tx.update(client, fields)
        if changed:
            search_index.put(tx.session, "client", client.id, search_index.client_body(client))
            store_weights(tx.session, client_ids=[client.id])
    return changed


def get_client(db: Database, client_id: str, *, audit_view: bool = True) -> ClientView:
    """Read a client; the view is recorded in the audit chain (who looked at whose file)."""
    require(db, roles.SEE_CLIENT_FILE, client_id)
    if audit_view:
        with db.transaction() as tx:
            client = tx.session.get(Client, client_id)
            if client is None:
                raise NotFound("not_found.client", id=client_id)
            tx.audit("view", "clients", client_id)
            view: ClientView = to_view(ClientView, client)
            return view
    with db.session() as s:
        client = s.get(Client, client_id)
        if client is None:
            raise NotFound("not_found.client", id=client_id)
        view = to_view(ClientView, client)
        return view


def find_by_code(db: Database, code: str) -> ClientView:
    """The client with a code such as `BG1-2026-0142` (NotFound or CodeError otherwise)."""
    normal = str(parse_client_code(code))  # CodeError says what a code looks like
    with db.session() as s:
        client = s.execute(select(Client).where(Client.code == normal)).scalar_one_or_none()
        seen: set[str] = set()
        while client is None and normal not in seen:
            # A merged-away code stays an alias of the client it was merged into.
            seen.add(normal)
            keep = s.execute(
                select(ClientMerge.keep_id).where(ClientMerge.absorb_code == normal)
            ).scalar_one_or_none()
            if keep is None:
                break
            client = s.get(Client, keep)
            if client is None:
                normal = (
                    s.execute(
                        select(ClientMerge.absorb_code).where(ClientMerge.absorb_id == keep)
                    ).scalar_one_or_none()
                    or normal
                )
        if client is None:
            raise NotFound("not_found.client_code", code=str(parse_client_code(code)))
        view: ClientView = to_view(ClientView, client)
        return view


def _same(a: Any, b: Any) -> bool:
    """Equal, counting None, "" and [] as the same empty value."""
    return bool(a == b or (a in (None, "", []) and b in (None, "", [])))


def update_client_fields(
    db: Database, client_id: str, data: dict[str, Any], original: dict[str, Any]
) -> list[str]:
    """Like `update_client`, for an editor that loaded the client earlier: `original` holds the
    values the editor started from. A field someone else changed meanwhile is refused (nothing
    is written); changes to other fields, by others or by this user's own events, are kept.
    """
    require(db, roles.CORRECT, client_id)
    fields = clean_client(data)
    with db.transaction() as tx:
        client = tx.session.get(Client, client_id)
        if client is None:
            raise NotFound("not_found.client", id=client_id)
        clashes = []
        for name in sorted(fields):
            now = getattr(client, name)
            before = original.get(name)
            before = list(before) if isinstance(before, tuple) else before
            if not _same(now, before):
                clashes.append(FieldError(name, "client.changed_meanwhile"))
        if clashes:
            raise ValidationFailed(clashes)
        changed = tx.update(client, fields)
        if changed:
            search_index.put(tx.session, "client", client.id, search_index.client_body(client))
            store_weights(tx.session, client_ids=[client.id])
    return changed


def client_age(c: ClientView, today: date | None = None) -> int | None:
    """The one age a screen shows: from the birth date, else the birth year, else the estimate
    recorded (grown by the years since the file was opened). An estimate is ignored once a
    birth date or year is known, so a file never shows two different ages."""
    today = today or date.today()
    if c.birth_date:
        b = c.birth_date
        return today.year - b.year - ((today.month, today.day) < (b.month, b.day))
    if c.birth_year:
        return today.year - c.birth_year
    if c.estimated_age is not None:
        return c.estimated_age + (today.year - c.created_at.year)
    return None

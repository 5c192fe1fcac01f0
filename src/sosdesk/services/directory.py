"""The referral directory: lawyers, psychotherapists, medical partners, shelters, institutions,
NGOs, embassies. Searchable in any script through the folded `directory_fts` index; an entry
not verified for over a year is stale. Entries are never deleted (events point at them):
they are deactivated.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import or_, select, text

from sosdesk.domain import roles
from sosdesk.domain.folding import fold_words
from sosdesk.domain.phones import PhoneError, normalise_phone
from sosdesk.domain.validation import MAX_NAME, Checker, FieldError, ValidationFailed
from sosdesk.domain.vocab import DIRECTORY_KIND, LANGUAGE
from sosdesk.services import search_index
from sosdesk.services.access import require
from sosdesk.services.errors import NotFound
from sosdesk.services.search import match_expression
from sosdesk.store.database import Database
from sosdesk.store.models import DirectoryEntry

STALE_AFTER = timedelta(days=365)
FIELDS = (
    "kind",
    "name",
    "organisation",
    "city",
    "address",
    "phones",
    "email",
    "languages",
    "specialisation",
    "notes",
    "last_verified",
    "active",
)


@dataclass(frozen=True)
class DirectoryView:
    """One directory entry as lists and pickers show it."""

    id: str
    kind: str
    name: str
    organisation: str | None
    city: str | None
    address: str | None
    phones: tuple[str, ...]
    email: str | None
    languages: tuple[str, ...]
    specialisation: str | None
    notes: str | None
    last_verified: date | None
    active: bool
    version: int

    def is_stale(self, today: date | None = None) -> bool:
        """Never verified, or last verified more than a year ago."""
        if self.last_verified is None:
            return True
        return (today or date.today()) - self.last_verified > STALE_AFTER


def _view(e: DirectoryEntry) -> DirectoryView:
    return DirectoryView(
        e.id,
        e.kind,
        e.name,
        e.organisation,
        e.city,
        e.address,
        tuple(e.phones or ()),
        e.email,
        tuple(e.languages or ()),
        e.specialisation,
        e.notes,
        e.last_verified,
        e.active,
        e.version,
    )


def clean_entry(data: dict[str, Any], *, today: date | None = None) -> dict[str, Any]:
    """Validate directory fields (only those present); raises ValidationFailed."""
    c = Checker()
    out: dict[str, Any] = {}
    for name in sorted(set(data) - set(FIELDS)):
        c.fail(name, "directory.unknown_field")
    if "kind" in data:
        out["kind"] = c.choice("kind", data["kind"], DIRECTORY_KIND, required=True)
    if "name" in data:
        out["name"] = c.text("name", data["name"], required=True, max_len=200)
    for name, limit in (
        ("organisation", 200),
        ("city", MAX_NAME),
        ("address", 500),
        ("specialisation", 2000),
        ("notes", 5000),
    ):
        if name in data:
            out[name] = c.text(name, data[name], max_len=limit)
    if "email" in data:
        email = c.text("email", data["email"], max_len=200)
        if email and ("@" not in email or " " in email or email.startswith("@")):
            c.fail("email", "field.not_email")
        out["email"] = email
    if "phones" in data:
        phones: list[str] = []
        for raw in data["phones"] or []:
            raw = (raw or "").strip()
            if not raw:
                continue
            if raw.isdigit() and len(raw) <= 4:  # short emergency numbers (192, 194)
                phones.append(raw)
                continue
            try:
                number = normalise_phone(raw)
            except PhoneError as exc:
                c.fail("phones", f"phone.entry_{exc.code.removeprefix('phone.')}", value=raw)
                continue
            if number not in phones:
                phones.append(number)
        out["phones"] = phones
    if "languages" in data:
        out["languages"] = c.choices("languages", data["languages"], LANGUAGE)
    if "last_verified" in data:
        out["last_verified"] = c.past_date("last_verified", data["last_verified"], today=today)
    if "active" in data:
        out["active"] = bool(data["active"])
    c.done()
    return out


def kinds_named(query: str) -> set[str]:
    """Kinds whose label (in any language or script) the query names: `advok`, `суд`, `embassy`."""
    words = fold_words(query)
    if not words:
        return set()
    out = set()
    for term in DIRECTORY_KIND:
        label_words = fold_words(" ".join((term.sr_latn, term.en)))
        if all(any(lw.startswith(w) for lw in label_words) for w in words):
            out.add(term.code)
    return out


def search_directory(
    db: Database,
    query: str = "",
    *,
    kinds: set[str] | None = None,
    include_inactive: bool = False,
    limit: int = 500,
) -> list[DirectoryView]:
    """Entries matching what was typed (any script, any word prefix), by kind and name."""
    q = select(DirectoryEntry)
    if kinds:
        q = q.where(DirectoryEntry.kind.in_(sorted(kinds)))
    if not include_inactive:
        q = q.where(DirectoryEntry.active.is_(True))
    with db.session() as s:
        if query.strip():
            parsed = match_expression(query)
            if parsed is None:
                return []
            ids = [
                r[0]
                for r in s.execute(
                    text(
                        "SELECT r.ref FROM directory_fts f JOIN search_refs r ON r.rowid = f.rowid "
                        "WHERE directory_fts MATCH :q ORDER BY rank LIMIT :n"
                    ),
                    {"q": parsed[0], "n": limit},
                )
            ]
            by_kind = kinds_named(query)
            if not ids and not by_kind:
                return []
            q = q.where(or_(DirectoryEntry.id.in_(ids), DirectoryEntry.kind.in_(sorted(by_kind))))
        rows = s.execute(q.order_by(DirectoryEntry.kind, DirectoryEntry.name).limit(limit))
        return [_view(e) for e in rows.scalars()]


def get_entry(db: Database, entry_id: str) -> DirectoryView:
    """One entry."""
    with db.session() as s:
        e = s.get(DirectoryEntry, entry_id)
        if e is None:
            raise NotFound("not_found.directory_entry", id=entry_id)
        return _view(e)


def create_entry(db: Database, data: dict[str, Any]) -> DirectoryView:
    """Add an entry; a kind and a name are required."""
    require(db, roles.EDIT_DIRECTORY)
    fields = clean_entry({"kind": None, "name": None, **data})
    with db.transaction() as tx:
        entry = DirectoryEntry(**{"phones": [], "languages": [], "active": True, **fields})
        tx.insert(entry, audit_detail={"kind": entry.kind})
        search_index.put(tx.session, "directory", entry.id, search_index.directory_body(entry))
        view = _view(entry)
    return view


def update_entry(
    db: Database, entry_id: str, data: dict[str, Any], *, expected_version: int | None = None
) -> list[str]:
    """Change fields of an entry; refuses if someone changed it since `expected_version`."""
    require(db, roles.EDIT_DIRECTORY)
    fields = clean_entry(data)
    with db.transaction() as tx:
        entry = tx.session.get(DirectoryEntry, entry_id)
        if entry is None:
            raise NotFound("not_found.directory_entry", id=entry_id)
        if expected_version is not None and entry.version != expected_version:
            raise ValidationFailed([FieldError("version", "directory.changed_meanwhile")])
        changed = tx.update(entry, fields)
        if changed:
            search_index.put(tx.session, "directory", entry.id, search_index.directory_body(entry))
    return changed


def mark_verified(db: Database, entry_id: str, on: date | None = None) -> DirectoryView:
    """Record that the entry's details were checked (today by default)."""
    require(db, roles.EDIT_DIRECTORY)
    update_entry(db, entry_id, {"last_verified": on or date.today()})
    return get_entry(db, entry_id)


def names(db: Database, ids: set[str]) -> dict[str, str]:
    """Entry names by id (for timeline details)."""
    if not ids:
        return {}
    with db.session() as s:
        rows = s.execute(
            select(DirectoryEntry.id, DirectoryEntry.name).where(DirectoryEntry.id.in_(sorted(ids)))
        )
        return {r[0]: r[1] for r in rows}

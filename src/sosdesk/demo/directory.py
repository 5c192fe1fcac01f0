"""The demo directory: the seed list of institutions and organisations, written once."""

from __future__ import annotations

from datetime import date

from sosdesk.demo.context import DemoContext
from sosdesk.demo.directory_seed import ENTRIES
from sosdesk.domain.phones import normalise_phone
from sosdesk.services import search_index
from sosdesk.store.database import Database
from sosdesk.store.models import DirectoryEntry


def generate_directory(db: Database, g: DemoContext) -> int:
    """Write the seed entries unless a directory exists; returns how many were added."""
    with db.transaction() as tx:
        existing = tx.session.query(DirectoryEntry.id).all()
        if existing:
            g.directory_ids = [row[0] for row in existing]
            return 0
        for kind, name, org, city, phone, langs, spec in ENTRIES:
            verified = date.fromordinal(date.today().toordinal() - g.r.randrange(10, 700))
            entry = DirectoryEntry(
                kind=kind,
                name=name,
                organisation=org or None,
                city=city or None,
                phones=[normalise_phone(phone)] if len(phone) > 4 else [],
                languages=list(langs),
                specialisation=spec or None,
                last_verified=verified,
                active=True,
            )
            tx.insert(entry)
            search_index.put(tx.session, "directory", entry.id, search_index.directory_body(entry))
            g.directory_ids.append(entry.id)
    return len(ENTRIES)


def directory_names(db: Database) -> dict[str, str]:
    """Entry names by id (events name their provider or referral target)."""
    with db.session() as s:
        return {e.id: e.name for e in s.query(DirectoryEntry).all()}

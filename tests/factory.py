"""Builders shared by the tests: records made through the services, as a user would make them.

Tests that only need one record build it themselves; what several areas use lives here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from sosdesk.services.calls import CallInput, save_call
from sosdesk.services.clients import create_client
from sosdesk.services.events import add_event, amend_event
from sosdesk.store.database import Database
from sosdesk.store.engine import open_raw
from sosdesk.store.models import DirectoryEntry

ADDRESS = "Ulica Cara Dušana 12, Zemun"
PHONE_TYPED = "063 123 4567"
PHONE_E164 = "+381631234567"
OTHER_PHONE = "064 555 1234"


@dataclass(frozen=True)
class Fixture:
    """A client with a varied timeline; ids to refer to its parts."""

    client_id: str
    code: str
    lawyer_id: str
    shelter_id: str
    hearing_ids: tuple[str, ...]
    amended_id: str


def at(day: int, hour: int = 9, month: int = 3) -> datetime:
    """A UTC time in March 2026 (Belgrade is UTC+1 then)."""
    return datetime(2026, month, day, hour, 0, tzinfo=UTC)


def add_directory(db: Database, kind: str, name: str, address: str, city: str) -> str:
    """A directory entry (the directory service belongs to another area)."""
    with db.transaction() as tx:
        entry = DirectoryEntry(
            kind=kind,
            name=name,
            organisation=None,
            city=city,
            address=address,
            phones=["+381113345566"],
            languages=["sr"],
            active=True,
        )
        tx.insert(entry)
        return str(entry.id)


def make_story(db: Database) -> Fixture:
    """Build the story through the services (also used by the GUI tests)."""
    client = create_client(
        db,
        {
            "given_name": "Milica",
            "family_name": "Jovanović",
            "phones": [PHONE_TYPED],
            "address": ADDRESS,
            "gender": "female",
            "birth_date": date(1995, 3, 2),
            "citizenship": "RS",
            "languages": ["sr", "en"],
            "nickname": "Mica",
        },
    )
    lawyer = add_directory(db, "lawyer", "adv. Jelena Marić", "Knez Mihailova 5", "Beograd")
    shelter = add_directory(db, "shelter", "Sigurna kuća Vračar", "Njegoševa 40", "Beograd")
    cid = client.id
    medical = add_event(
        db,
        cid,
        "assistance",
        at(2),
        {
            "type": "medical",
            "subtype": "med_general",
            "provider": "Dom zdravlja Stari grad",
            "amount": "1500.50",
            "currency": "RSD",
            "note": "Pregled E002 obavljen",
        },
    )
    add_event(
        db,
        cid,
        "assistance",
        at(3),
        {"type": "technical", "subtype": "tech_transport", "amount": "12.35", "currency": "EUR"},
    )
    add_event(
        db,
        cid,
        "assistance",
        at(4),
        {
            "type": "accommodation",
            "subtype": "acc_shelter",
            "provider": "Sigurna kuća Vračar",
            "provider_id": shelter,
            "amount": "0.10",
            "currency": "EUR",
        },
    )
    add_event(
        db,
        cid,
        "field_action",
        at(5),
        {
            "type": "home_visit",
            "place": "Njegoševa 40, Beograd",
            "accompanied_by": "mobilni tim",
            "note": "Poseta E005",
        },
    )
    h1 = add_event(
        db,
        cid,
        "court_hearing",
        at(10, 8),
        {
            "court": "Viši sud u Beogradu",
            "case_number": "K 123/2025",
            "proceeding": "criminal",
            "client_role": "injured_witness",
            "accompanied_by": "pravnica i psihološkinja",
            "outcome": "saslušana kao svedok E010",
        },
    )
    add_event(
        db,
        cid,
        "field_action",
        at(10, 7),
        {
            "type": "accompany_court",
            "place": "Viši sud u Beogradu",
            "accompanied_by": "Jelena, pravnica",
            "note": "Pratnja E010b",
        },
    )
    add_event(
        db,
        cid,
        "referral",
        at(12),
        {
            "entry_id": lawyer,
            "entry_name": "adv. Jelena Marić",
            "reason": "zastupanje u parničnom postupku E012",
            "consent": True,
        },
    )
    add_event(
        db,
        cid,
        "referral",
        at(13),
        {
            "entry_id": shelter,
            "entry_name": "Sigurna kuća Vračar",
            "reason": "siguran smeštaj E013",
            "consent": True,
        },
    )
    add_event(
        db,
        cid,
        "note",
        at(15),
        {"text": f"Milica je zvala sa broja {OTHER_PHONE}; Милици je potreban prevod. E015"},
    )
    add_event(
        db,
        cid,
        "assistance",
        at(20),
        {"type": "technical", "subtype": "tech_transport", "amount": "0.20", "currency": "EUR"},
    )
    h2 = add_event(
        db,
        cid,
        "court_hearing",
        at(25, 9),
        {
            "court": "Prvi osnovni sud u Beogradu",
            "case_number": "P 77/2026",
            "proceeding": "civil_damages",
            "client_role": "plaintiff",
            "outcome": "odloženo E025",
        },
    )
    add_event(db, cid, "note", at(1, 9, month=4), {"text": "Van perioda E401"})
    add_event(db, cid, "note", at(28, 9, month=2), {"text": "Pre perioda E228"})
    amend_event(db, medical.id, {"amount": "1400.00"}, "pogrešno unet iznos")
    return Fixture(cid, client.code, lawyer, shelter, (h1.id, h2.id), medical.id)


def call_about(db: Database, summary: str, minutes_ago: int, **extra: object) -> str:
    """A saved call with this summary, started `minutes_ago`; returns its id."""
    started = datetime.now(UTC) - timedelta(minutes=minutes_ago)
    data = CallInput(
        categories=["prevention_info"],
        summary=summary,
        started_at=started,
        ended_at=started + timedelta(minutes=3),
        **extra,
    )  # type: ignore[arg-type]
    return save_call(db, data).id


def take_call(db: Database, who: str, summary: str = "Poziv", **client: Any) -> str:
    """A call with a new client (and its timeline event); returns the client id."""
    view = save_call(
        db,
        CallInput(
            categories=["victim_support"],
            caller_type="victim",
            new_client={"given_name": who, **client},
            summary=summary,
        ),
    )
    assert view.client_id is not None
    return view.client_id


def calls_in_file(path: Path, key: bytes) -> int:
    """Calls in a database file such as a backup (opened read-only, as a check opens it)."""
    conn = open_raw(path, key, readonly=True)
    try:
        return int(conn.execute("SELECT count(*) FROM calls").fetchone()[0])
    finally:
        conn.close()

"""A small data set with hand-counted totals, built through the services (clients, calls,
events, follow-ups) on a real encrypted database. Times are Belgrade local times."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from sosdesk.services.calls import CallInput, save_call
from sosdesk.services.clients import create_client
from sosdesk.services.events import add_event, correct_event, get_event
from sosdesk.store.database import Database
from sosdesk.store.models import FollowUp

BELGRADE = ZoneInfo("Europe/Belgrade")


def local(*parts: int, fold: int = 0) -> datetime:
    """A Belgrade wall time as an aware UTC datetime."""
    return datetime(*parts, tzinfo=BELGRADE, fold=fold).astimezone(UTC)  # type: ignore[misc]


@contextmanager
def clock(monkeypatch: pytest.MonkeyPatch, moment: datetime) -> Iterator[None]:
    """Transactions opened inside see `moment` as now (a client's registration time)."""
    with monkeypatch.context() as m:
        m.setattr("sosdesk.store.tx.utcnow", lambda: moment)
        yield


@dataclass
class Handmade:
    clients: dict[str, str] = field(default_factory=dict)  # label -> id
    calls: dict[str, str] = field(default_factory=dict)
    events: dict[str, str] = field(default_factory=dict)


CLIENTS: dict[str, tuple[datetime, dict[str, Any]]] = {
    "C1": (
        local(2025, 3, 10, 10, 0),
        {
            "given_name": "Jelena",
            "gender": "female",
            "birth_date": date(2000, 6, 15),
            "citizenship": "RS",
            "status": "potential",
            "exploitation_types": ["sexual"],
            "exploitation_countries": ["DE"],
            "means_of_control": ["debt_bondage", "threats"],
            "recruiter_relation": "friend",
        },
    ),
    "C2": (
        local(2025, 7, 1, 9, 0),
        {
            "given_name": "Olena",
            "gender": "female",
            "birth_year": 2008,
            "citizenship": "UA",
            "status": "potential",
            "exploitation_types": ["forced_labour", "forced_begging"],
            "exploitation_countries": ["RS"],
        },
    ),
    # Registered one minute before local midnight: still 2025.
    "C3": (
        local(2025, 12, 31, 23, 59),
        {
            "nickname": "Mile",
            "gender": "male",
            "estimated_age": 30,
            "citizenship": "RS",
            "status": "potential",
        },
    ),
    # Thirty seconds after local midnight: 2026 (in UTC it is still 31 December).
    "C4": (local(2026, 1, 1, 0, 0, 30), {"nickname": "Neko", "status": "not_victim"}),
    # 23:10 UTC on 31 December 2024 is 00:10 on 1 January 2025 in Belgrade: her 18th birthday.
    "C5": (
        local(2025, 1, 1, 0, 10),
        {
            "given_name": "Amra",
            "gender": "female",
            "birth_date": date(2007, 1, 1),
            "citizenship": "BA",
        },
    ),
    # Marked identified on the file, without a status-change event.
    "C6": (
        local(2025, 5, 5, 12, 0),
        {"given_name": "Sanja", "gender": "female", "citizenship": "RS", "status": "identified"},
    ),
    "C7": (
        local(2024, 6, 1, 12, 0),
        {
            "given_name": "Marija",
            "gender": "female",
            "citizenship": "RS",
            "status": "presumed",
            "estimated_age": 40,
        },
    ),
    "C8": (
        local(2024, 11, 11, 12, 0),
        {"given_name": "Dragana", "gender": "female", "citizenship": "RS", "status": "presumed"},
    ),
}

# label -> (local start, line, categories, caller type, urgency, client label or None)
CALLS: dict[str, tuple[datetime, str, list[str], str, str, str | None]] = {
    "K1": (local(2025, 12, 31, 23, 59), "sos_24_7", ["victim_support"], "victim", "urgent", "C3"),
    "K2": (
        local(2026, 1, 1, 0, 0, 30),
        "free_line",
        ["prevention_info"],
        "citizen",
        "routine",
        None,
    ),
    "K3": (
        local(2025, 1, 1, 0, 0),
        "email",
        ["work_abroad", "safe_migration"],
        "anonymous",
        "routine",
        None,
    ),
    "K4": (local(2024, 12, 31, 23, 59, 59), "sos_24_7", ["silent"], "anonymous", "routine", None),
    # Spring forward: 01:30 CET, then 03:30 CEST, on 30 March 2025.
    "K5": (local(2025, 3, 30, 1, 30), "sos_24_7", ["victim_support"], "victim", "routine", "C1"),
    "K6": (local(2025, 3, 30, 3, 30), "sos_24_7", ["prevention_info"], "citizen", "routine", None),
    # Fall back: 02:30 happens twice on 26 October 2025.
    "K7": (
        local(2025, 10, 26, 2, 30, fold=0),
        "free_line",
        ["prevention_info"],
        "citizen",
        "routine",
        None,
    ),
    "K8": (
        local(2025, 10, 26, 2, 30, fold=1),
        "free_line",
        ["report_suspicion"],
        "institution",
        "routine",
        None,
    ),
    "K9": (
        local(2025, 7, 15, 14, 0),
        "walk_in",
        ["legal_advice", "psychological"],
        "family",
        "immediate_danger",
        "C2",
    ),
    "K10": (local(2025, 7, 15, 14, 20), "sos_24_7", ["silent"], "anonymous", "routine", None),
}


def build(db: Database, monkeypatch: pytest.MonkeyPatch) -> Handmade:
    """Create the data set; the expected totals are in test_counts.py, counted by hand."""
    h = Handmade()
    for label, (moment, data) in CLIENTS.items():
        with clock(monkeypatch, moment):
            h.clients[label] = create_client(db, data).id
    for label, (moment, line, cats, caller, urgency, client) in CALLS.items():
        call = save_call(
            db,
            CallInput(
                line=line,
                started_at=moment,
                categories=cats,
                caller_type=caller,
                urgency=urgency,
                client_id=h.clients[client] if client else None,
            ),
        )
        h.calls[label] = call.id

    def ev(label: str, client: str, kind: str, moment: datetime, payload: dict[str, Any]) -> None:
        h.events[label] = add_event(db, h.clients[client], kind, moment, payload).id

    ev(
        "E1",
        "C1",
        "assistance",
        local(2025, 4, 1, 10, 0),
        {"type": "medical", "subtype": "med_general", "amount": "1500.50", "currency": "RSD"},
    )
    ev(
        "E2",
        "C1",
        "assistance",
        local(2025, 5, 1, 10, 0),
        {"type": "legal", "amount": "200", "currency": "EUR"},
    )
    ev(
        "E3",
        "C2",
        "assistance",
        local(2025, 8, 1, 10, 0),
        {"type": "medical", "amount": "99.99", "currency": "RSD"},
    )
    ev(
        "E4",
        "C2",
        "assistance",
        local(2025, 12, 31, 23, 30),
        {"type": "accommodation", "amount": "1000", "currency": "RSD"},
    )
    ev("E5", "C3", "assistance", local(2026, 1, 1, 0, 30), {"type": "information"})
    ev(
        "E6",
        "C1",
        "assistance",
        local(2025, 6, 1, 10, 0),
        {"type": "technical", "amount": "10", "currency": "RSD"},
    )
    ev(
        "E7",
        "C2",
        "assistance",
        local(2025, 9, 1, 10, 0),
        {"type": "psychological", "amount": "500", "currency": "RSD"},
    )
    ev(
        "E8",
        "C6",
        "assistance",
        local(2024, 12, 1, 10, 0),
        {"type": "interpreter", "amount": "300", "currency": "RSD"},
    )
    ev("F1", "C1", "field_action", local(2025, 2, 10, 9, 0), {"type": "accompany_court"})
    ev("F2", "C2", "field_action", local(2025, 2, 11, 9, 0), {"type": "home_visit"})
    ev("F3", "C2", "field_action", local(2024, 5, 5, 9, 0), {"type": "accompany_court"})
    ev(
        "H1",
        "C1",
        "court_hearing",
        local(2025, 3, 3, 9, 0),
        {"court": "Viši sud u Beogradu", "proceeding": "criminal", "client_role": "witness"},
    )
    ev(
        "H2",
        "C7",
        "court_hearing",
        local(2025, 4, 4, 9, 0),
        {"court": "Viši sud u Beogradu", "proceeding": "criminal"},
    )
    ev(
        "H3",
        "C1",
        "court_hearing",
        local(2025, 5, 5, 9, 0),
        {"court": "Prvi osnovni sud u Beogradu", "proceeding": "civil_damages"},
    )
    ev("S1", "C1", "status_change", local(2025, 6, 6, 9, 0), {"to_status": "identified"})
    ev("S2", "C7", "status_change", local(2025, 2, 1, 9, 0), {"to_status": "identified"})
    ev("S3", "C8", "status_change", local(2024, 12, 31, 23, 30), {"to_status": "identified"})
    ev("S4", "C8", "status_change", local(2025, 3, 3, 9, 0), {"to_status": "identified"})
    ev("S5", "C2", "status_change", local(2025, 7, 2, 9, 0), {"to_status": "presumed"})
    # Corrections: an amount, and two events moved across the year's edge.
    correct_event(db, h.events["E6"], _payload(db, h.events["E6"], amount="12.25"), "iznos")
    correct_event(
        db,
        h.events["E7"],
        _payload(db, h.events["E7"]),
        "pogrešan datum",
        occurred_at=local(2026, 2, 1, 10, 0),
    )
    correct_event(
        db,
        h.events["E8"],
        _payload(db, h.events["E8"]),
        "pogrešan datum",
        occurred_at=local(2025, 2, 2, 10, 0),
    )
    _followups(db, h)
    return h


def _payload(db: Database, event_id: str, **changes: Any) -> dict[str, Any]:
    from sosdesk.services.events import editable_payload

    data = editable_payload(get_event(db, event_id))
    data.update(changes)
    return data


def _followups(db: Database, h: Handmade) -> None:
    due = local(2025, 7, 16, 10, 0)
    plan = [
        (due, local(2025, 7, 16, 10, 45)),  # on time (within the hour)
        (due, local(2025, 7, 16, 11, 30)),  # late
        (local(2025, 8, 1, 10, 0), None),  # never done: overdue
        (local(2026, 1, 5, 10, 0), None),
    ]  # due in 2026
    for i, (due_at, done_at) in enumerate(plan):
        save_call(
            db,
            CallInput(
                line="sos_24_7",
                started_at=local(2024, 3, 1, 10, i),
                categories=["follow_up"],
                caller_type="victim",
                client_id=h.clients["C7"],
                follow_up_at=due_at,
                follow_up_what="Pozvati klijentkinju",
            ),
        )
        if done_at is not None:
            with db.transaction() as tx:
                row = (
                    tx.session.query(FollowUp)
                    .filter(FollowUp.due_at == due_at, FollowUp.done_at.is_(None))
                    .first()
                )
                assert row is not None
                tx.update(row, {"done_at": done_at, "done_by": db.actor.user_id})

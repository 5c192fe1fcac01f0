"""Merging two clients on one encrypted database: the survivor takes the chosen fields, calls,
events, cases and documents move, the absorbed code is an alias, statistics count one person;
a merge into itself or into an erased client changes nothing. Statistics after anonymisation
equal a hand count; after an erasure the method notes say so."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import text

from sosdesk.domain.validation import ValidationFailed
from sosdesk.services.cases import open_case
from sosdesk.services.clients import find_by_code, get_client
from sosdesk.services.erasure import forget
from sosdesk.services.errors import NotAllowed
from sosdesk.services.events import add_event
from sosdesk.services.merge import merge_clients
from sosdesk.services.search import search_clients
from sosdesk.stats.dashboard import compute_dashboard
from sosdesk.stats.method_notes import erasure_note
from sosdesk.stats.periods import Period
from sosdesk.store.database import Database
from tests.conftest import PASSPHRASE
from tests.factory import take_call
from tests.sync.helpers import snapshot

YEAR = datetime.now(UTC).year


def _code(db: Database, client_id: str) -> str:
    return get_client(db, client_id, audit_view=False).code


def _count(db: Database, sql: str) -> int:
    with db.engine.connect() as c:
        return int(c.execute(text(sql)).scalar_one())


def test_merge_moves_everything_and_counts_one_person(db: Database) -> None:
    keep = take_call(db, "Jovana", summary="prvi", gender="female")
    absorb = take_call(db, "Jovanka", summary="drugi", nickname="Joca", phones=["0641112233"])
    add_event(db, absorb, "assistance", datetime(YEAR, 1, 5, tzinfo=UTC), {"type": "medical"})
    open_case(db, absorb)
    assert compute_dashboard(db, Period.year(YEAR)).summary.new_clients == 2
    keep_code, absorb_code = _code(db, keep), _code(db, absorb)
    view = merge_clients(
        db, keep_code, absorb_code, "ista osoba", {"phones": "both", "given_name": "absorb"}
    )
    assert set(view.fields_taken) == {"phones", "given_name", "aliases"}
    survivor = find_by_code(db, absorb_code)  # the absorbed code is an alias
    assert survivor.id == keep and survivor.given_name == "Jovanka"
    assert list(survivor.phones) == ["+381641112233"] and "Joca" in survivor.aliases
    assert absorb_code in survivor.aliases
    assert _count(db, f"SELECT count(*) FROM calls WHERE client_id = '{keep}'") == 2
    assert _count(db, f"SELECT count(*) FROM cases WHERE client_id = '{keep}'") == 1
    assert _count(db, f"SELECT count(*) FROM events WHERE client_id = '{absorb}'") == 0
    assert _count(db, f"SELECT count(*) FROM stat_event_facts WHERE client_id = '{keep}'") == 1
    summary = compute_dashboard(db, Period.year(YEAR)).summary
    assert (summary.new_clients, summary.assisted_clients, summary.calls) == (1, 1, 2)
    assert [h.ref for h in search_clients(db, absorb_code)] == [keep]


def test_bad_merges_change_nothing(db: Database, db_path) -> None:  # type: ignore[no-untyped-def]
    a = _code(db, take_call(db, "Ana"))
    b = _code(db, take_call(db, "Bojana"))
    c = _code(db, take_call(db, "Cveta"))
    forget(db, c, "erase", "zahtev")
    before = snapshot(db)
    for keep, absorb, reason, code in (
        (a, a, "x", "merge.same_client"),
        (a, c, "x", "merge.erased"),
        (c, a, "x", "merge.erased"),
        (a, b, " ", "merge.reason_required"),
    ):
        with pytest.raises(ValidationFailed) as err:
            merge_clients(db, keep, absorb, reason)
        assert err.value.errors[0].code == code
    with pytest.raises(ValidationFailed):
        merge_clients(db, a, b, "x", {"code": "absorb"})
    assert snapshot(db) == before
    db.add_user("mila", "Mila", "operator", PASSPHRASE)
    op = Database.open(db_path, user="mila", passphrase=PASSPHRASE)
    try:
        with pytest.raises(NotAllowed):
            merge_clients(op, a, b, "x")
    finally:
        op.close()
    merge_clients(db, a, b, "x")
    with pytest.raises(ValidationFailed) as err:
        merge_clients(db, a, b, "x")
    assert err.value.errors[0].code == "merge.already_merged"


def test_statistics_unchanged_by_anonymisation_and_erasure_is_noted(db: Database) -> None:
    # Hand count: 3 clients (2 female, 1 male), 3 calls, 2 medical assistances costing 1500.00.
    ids = [
        take_call(db, "Ivana", gender="female", citizenship="RS", birth_year=1990),
        take_call(db, "Mira", gender="female", citizenship="UA", birth_year=2008),
        take_call(db, "Petar", gender="male", citizenship="RS", birth_year=1985),
    ]
    for cid in ids[:2]:
        add_event(
            db,
            cid,
            "assistance",
            datetime(YEAR, 1, 9, tzinfo=UTC),
            {"type": "medical", "amount": "750.00", "currency": "RSD"},
        )
    period = Period.year(YEAR)
    before = compute_dashboard(db, period, compare=False)
    assert (before.summary.new_clients, before.summary.calls) == (3, 3)
    assert (before.summary.assistance, before.summary.costs) == (2, {"RSD": 150000})
    forget(db, _code(db, ids[1]), "anonymise", "zahtev")
    after = compute_dashboard(db, period, compare=False)
    assert after.summary == before.summary
    assert [t.rows for t in after.tables] == [t.rows for t in before.tables]
    assert after.erased_clients == 0
    forget(db, _code(db, ids[2]), "erase", "zahtev")
    erased = compute_dashboard(db, period, compare=False)
    assert (erased.summary.new_clients, erased.erased_clients) == (2, 1)
    assert "1 client files were erased" in str(erasure_note("en", erased.erased_clients))
    assert erasure_note("en", 0) is None

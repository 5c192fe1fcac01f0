"""The stored case weight never travels: each database recomputes it on import from the case,
its client and its own weight table."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from sosdesk.services.caseload import set_case_factors, set_weights
from sosdesk.services.cases import move_phase, open_case
from sosdesk.services.clients import update_client
from sosdesk.store.database import Database
from sosdesk.store.models import Case
from sosdesk.sync.schema import travelling_fields
from tests.casework.test_stored_weight import assert_stored_weights_hold
from tests.sync.helpers import Net, desk_to_office, new_net, office_to_desk, take_call


@pytest.fixture
def two(tmp_path: Path) -> Iterator[Net]:
    n = new_net(tmp_path, "BG1", "NS1")
    yield n
    n.close()


def _weight(db: Database, case_id: str) -> tuple[int | None, int | None]:
    with db.session() as s:
        row = s.execute(select(Case.weight, Case.child_until).where(Case.id == case_id)).one()
    return row.weight, row.child_until


def test_weight_is_recomputed_on_import_at_the_office_and_the_other_desk(two: Net) -> None:
    bg1, ns1, office = two.desks["BG1"], two.desks["NS1"], two.office
    # NS1 weighs crisis cases differently: its figure must come from its own table.
    set_weights(ns1, {"phase": {"identification": 3, "crisis": 9, "recovery": 2}})
    client = take_call(bg1, "Milica")
    case = open_case(bg1, client, phase="identification")
    assert [o.status for o in desk_to_office(two, "BG1")] == ["applied"]
    assert [o.status for o in office_to_desk(two, "NS1")[1]] == ["applied"]
    for db in (bg1, office, ns1):
        assert_stored_weights_hold(db, date.today())
    # Every kind of factor changes at BG1; the updates travel, the weight does not.
    update_client(bg1, client, {"risk_level": "high", "birth_year": date.today().year - 16})
    move_phase(bg1, case.id, "crisis")
    set_case_factors(bg1, case.id, court_open=True)
    assert [o.status for o in desk_to_office(two, "BG1")] == ["applied"]
    # The first batch comes again (NS1 sent no receipt yet) and is recognised as replayed.
    assert [o.status for o in office_to_desk(two, "NS1")[1]] == ["replayed", "applied"]
    for db in (bg1, office, ns1):
        assert_stored_weights_hold(db, date.today())
    # crisis 4 + high 2 + court 1 (child 2 applied when read, born 16 years ago)
    assert _weight(bg1, case.id) == _weight(office, case.id) == (7, date.today().year + 2)
    assert _weight(ns1, case.id) == (9 + 2 + 1, date.today().year + 2)


def test_the_weight_columns_are_never_exported() -> None:
    fields = {"phase": "crisis", "weight": 7, "child_until": 2030}
    assert travelling_fields("cases", "update", fields) == {"phase": "crisis"}
    assert travelling_fields("cases", "update", {"weight": 7}) is None

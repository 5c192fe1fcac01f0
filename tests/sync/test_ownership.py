"""What each side may send (docs/architecture.md, "Sync: what each side may send"): a batch
never changes who can unlock a database, and a row the sender does not own refuses it all."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from sosdesk.domain.messages import CodedError
from sosdesk.store.database import Database
from sosdesk.store.models import Base, User
from sosdesk.sync import batch_format as bf
from sosdesk.sync.importer import import_batches
from sosdesk.sync.schema import AUTHORS_ONLY, NOT_TO_DESKS, entities
from tests.conftest import PASSPHRASE
from tests.sync.forge import UUID_A, forge, record
from tests.sync.helpers import (
    OFFICE_USER,
    Net,
    count,
    desk_to_office,
    office_to_desk,
    snapshot,
    take_call,
)
from tests.sync.test_bad_input import NOW, USER

NEVER = sorted(set(Base.metadata.tables) - set(entities()))
FROM_DESK_REFUSED = [(t, "insert") for t in NEVER] + [(t, "update") for t in AUTHORS_ONLY]
FROM_OFFICE_REFUSED = (
    FROM_DESK_REFUSED
    + [(t, "insert") for t in NOT_TO_DESKS]
    + [(t, "update") for t in NOT_TO_DESKS]
)
CLIENT = {"code": "BG1-2026-0009", "created_at": NOW, "given_name": "Ana"}


def _user_row(db: Database, name: str) -> tuple[str, str, bool]:
    with db.session() as s:
        u = s.execute(select(User).where(User.name == name)).scalar_one()
        return u.id, u.role, u.active


def test_a_desk_cannot_lock_the_office_or_another_desk_out(net: Net) -> None:
    bg1, ns1 = net.desks["BG1"], net.desks["NS1"]
    take_call(net.office, "Mila")  # the office's users travel with its work
    take_call(ns1, "Jovana")
    desk_to_office(net, "NS1")
    office_to_desk(net, "BG1")
    office_user = _user_row(net.office, OFFICE_USER)
    ns1_user = _user_row(ns1, "ana")
    # At BG1 the office's and NS1's users are locked authors; a coordinator there cannot "add"
    # (re-activate) them: a name with @ is refused, coded, and nothing changes.
    for name in (f"{OFFICE_USER}@HQ", "ana@NS1"):
        with pytest.raises(CodedError) as caught:
            bg1.add_user(name, "Koordinatorka", "operator", PASSPHRASE)
        assert caught.value.code == "store.user_name_at"
    assert not _user_row(bg1, f"{OFFICE_USER}@HQ")[2] and not _user_row(bg1, "ana@NS1")[2]
    take_call(bg1, "Mila")
    [outcome] = desk_to_office(net, "BG1")
    assert outcome.status == "applied", outcome
    office_to_desk(net, "NS1")
    assert _user_row(net.office, OFFICE_USER) == office_user
    assert _user_row(ns1, "ana") == ns1_user
    office_path, ns1_path = net.office.path, ns1.path
    net.office.close()
    ns1.close()
    Database.open(office_path, user=OFFICE_USER, passphrase=PASSPHRASE).close()
    Database.open(ns1_path, user="ana", passphrase=PASSPHRASE).close()
    net.office = Database.open(office_path, user=OFFICE_USER, passphrase=PASSPHRASE)
    net.desks["NS1"] = Database.open(ns1_path, user="ana", passphrase=PASSPHRASE)


def test_users_arrive_only_as_locked_authors_under_a_name_that_cannot_unlock(pair: Net) -> None:
    bg1 = pair.desks["BG1"]
    bg1.add_user(OFFICE_USER, "Ista imena", "coordinator", PASSPHRASE)
    desk_to_office(pair, "BG1")
    with pair.office.session() as s:
        rows = {u.name: u.active for u in s.execute(select(User)).scalars()}
    assert rows[OFFICE_USER] is True  # the office's own, untouched
    assert rows[f"{OFFICE_USER}@BG1"] is False and rows["ana@BG1"] is False


def _bad_record(sender: Database, table: str, op: str, seq: int = 2) -> dict[str, Any]:
    return record(sender, table, {"x": 1}, op=op, seq=seq, rid=f"{UUID_A[:-3]}9{seq:02d}")


@pytest.mark.parametrize(("table", "op"), FROM_DESK_REFUSED)
def test_every_table_a_desk_does_not_own_is_refused_by_name(
    pair: Net, tmp_path: Path, table: str, op: str
) -> None:
    bg1 = pair.desks["BG1"]
    lines = [record(bg1, "users", USER, seq=1), _bad_record(bg1, table, op)]
    path = forge(bg1, pair.office, tmp_path / "f", lines)
    before = snapshot(pair.office)
    [outcome] = import_batches(pair.office, [path])
    assert (outcome.status, outcome.reason) == ("rejected", "not_owned"), outcome
    assert f"table {table}," in outcome.message
    assert snapshot(pair.office) == before


@pytest.mark.parametrize(("table", "op"), FROM_OFFICE_REFUSED)
def test_every_table_the_office_may_not_send_is_refused_by_name(
    pair: Net, tmp_path: Path, table: str, op: str
) -> None:
    bg1, office = pair.desks["BG1"], pair.office
    lines = [record(office, "users", USER, seq=1), _bad_record(office, table, op)]
    path = forge(
        office,
        bg1,
        tmp_path / "f",
        lines,
        kind=bf.KIND_OFFICE,
        origins={office.desk.device_id: office.desk.desk_code},
    )
    before = snapshot(bg1)
    [outcome] = import_batches(bg1, [path])
    assert (outcome.status, outcome.reason) == ("rejected", "not_owned"), outcome
    assert f"table {table}," in outcome.message
    assert snapshot(bg1) == before


_GOOD = st.sampled_from(["users", "clients"])


@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    good=st.lists(_GOOD, min_size=0, max_size=4),
    bad=st.sampled_from(FROM_DESK_REFUSED),
    where=st.integers(min_value=0, max_value=4),
)
def test_property_any_row_the_desk_does_not_own_refuses_the_batch_and_changes_nothing(
    pair: Net, good: list[str], bad: tuple[str, str], where: int
) -> None:
    bg1 = pair.desks["BG1"]
    lines: list[dict[str, Any]] = []
    for i, kind in enumerate(good):
        rid = f"{UUID_A[:-3]}1{i:02d}"
        fields = (
            {**USER, "name": f"u{i}"}
            if kind == "users"
            else {**CLIENT, "code": f"BG1-2026-{i + 10:04d}"}
        )
        lines.append(record(bg1, kind, fields, rid=rid))
    lines.insert(min(where, len(lines)), _bad_record(bg1, *bad))
    for seq, line in enumerate(lines, 1):
        line["seq"] = seq
        line["hlc"] = f"{1_790_000_000_000 + seq:013d}-000000-{bg1.desk.device_id}"
    before = snapshot(pair.office)
    quarantined = count(pair.office, "sync_quarantine")
    with tempfile.TemporaryDirectory(dir=pair.root) as folder:
        path = forge(bg1, pair.office, Path(folder), lines)
        [outcome] = import_batches(pair.office, [path])
    assert (outcome.status, outcome.reason) == ("rejected", "not_owned"), outcome
    assert bad[0] in outcome.message
    assert snapshot(pair.office) == before
    assert count(pair.office, "sync_quarantine") == quarantined + 1


def test_user_updates_never_leave_the_desk(pair: Net) -> None:
    bg1 = pair.desks["BG1"]
    bg1.add_user("mara", "Mara", "operator", PASSPHRASE)
    desk_to_office(pair, "BG1")
    bg1.add_user("mara", "Mara Nova", "coordinator", PASSPHRASE)  # an update of her row
    [outcome] = desk_to_office(pair, "BG1")
    assert outcome.status == "applied" and outcome.records == 0, outcome
    assert _user_row(pair.office, "mara@BG1")[1:] == ("operator", False)

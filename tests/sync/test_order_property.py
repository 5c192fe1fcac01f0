"""Property: whatever the order, and however often each batch is delivered, the office ends in
the same state with the same conflicts."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import text

from sosdesk.services.clients import update_client
from sosdesk.services.events import add_event
from sosdesk.store import kdf
from sosdesk.store.database import Database
from sosdesk.store.keyfile import keyfile_path
from sosdesk.sync.export import export_desk
from sosdesk.sync.importer import import_batches
from tests.conftest import PASSPHRASE
from tests.sync.helpers import OFFICE_USER, desk_to_office, new_net, office_to_desk, take_call

# Columns that record *when* this office did something, not what it holds.
_WHEN = {"detected_at", "recorded_at", "done_at", "received_at", "id"}


@dataclass(frozen=True)
class Scenario:
    office_copy: Path  # the office before any of the batches (database + key file)
    batches: tuple[Path, ...]


def _state(db: Database) -> dict[str, Any]:
    """What the office holds, leaving out local bookkeeping that records arrival order."""
    out: dict[str, Any] = {}
    with db.engine.connect() as c:
        for table in ("clients", "calls", "events", "users", "directory_entries"):
            out[table] = sorted(map(tuple, c.execute(text(f"SELECT * FROM {table}"))))
        out["outbox"] = sorted(
            map(
                tuple,
                c.execute(
                    text(
                        "SELECT entity, entity_id, op, fields, base_version, hlc, origin_device FROM changes"
                    )
                ),
            )
        )
        rows = c.execute(text("SELECT * FROM sync_conflicts")).mappings()
        out["conflicts"] = sorted(
            tuple(sorted((k, str(v)) for k, v in r.items() if k not in _WHEN)) for r in rows
        )
        out["ledger"] = sorted(
            map(
                tuple,
                c.execute(
                    text("SELECT peer, seq, hash, state FROM sync_batches WHERE direction = 'in'")
                ),
            )
        )
        out["search"] = sorted(map(tuple, c.execute(text("SELECT kind, ref FROM search_refs"))))
    return out


@pytest.fixture(scope="module")
def scenario() -> Iterator[Scenario]:
    with pytest.MonkeyPatch.context() as mp, tempfile.TemporaryDirectory() as tmp:
        mp.setattr(kdf, "DEFAULT_KDF", kdf.FAST_KDF)
        root = Path(tmp)
        net = new_net(root, "BG1", "NS1", "NI1")
        bg1, ns1, ni1 = (net.desks[c] for c in ("BG1", "NS1", "NI1"))
        shared = take_call(bg1, "Radmila")
        desk_to_office(net, "BG1")
        office_to_desk(net, "NS1")
        office_to_desk(net, "NI1")
        net.office.checkpoint()
        copy = root / "pristine"
        copy.mkdir()
        shutil.copy2(net.office.path, copy / net.office.path.name)
        shutil.copy2(keyfile_path(net.office.path), keyfile_path(copy / net.office.path.name))
        batches: list[Path] = []
        stick = net.stick("all")
        # Each desk: two batches; the shared client is edited concurrently.
        update_client(bg1, shared, {"risk_level": "high", "nickname": "Raša"})
        take_call(bg1, "Bojana")
        batches += export_desk(bg1, stick).files
        update_client(ns1, shared, {"risk_level": "medium"})
        add_event(ns1, shared, "note", datetime.now(UTC), {"text": "pratnja u CZR"})
        batches += export_desk(ns1, stick).files
        update_client(ni1, shared, {"nickname": "Rada", "notes": "zove noću"})
        batches += export_desk(ni1, stick).files
        take_call(bg1, "Gordana")
        update_client(bg1, shared, {"notes": "premeštena u sklonište"})
        batches += [f for f in export_desk(bg1, stick).files if f not in batches]
        update_client(ns1, shared, {"status": "presumed"})
        batches += [f for f in export_desk(ns1, stick).files if f not in batches]
        net.close()
        yield Scenario(copy / "hq.db", tuple(dict.fromkeys(batches)))


def _deliver(s: Scenario, order: list[Path], workdir: Path) -> dict[str, Any]:
    target = workdir / "hq.db"
    shutil.copy2(s.office_copy, target)
    shutil.copy2(keyfile_path(s.office_copy), keyfile_path(target))
    db = Database.open(target, user=OFFICE_USER, passphrase=PASSPHRASE)
    try:
        outcomes = import_batches(db, order)
        assert all(o.status in ("applied", "replayed", "held") for o in outcomes), outcomes
        return _state(db)
    finally:
        db.close()


@pytest.fixture(scope="module")
def canonical(scenario: Scenario) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as tmp, pytest.MonkeyPatch.context() as mp:
        mp.setattr(kdf, "DEFAULT_KDF", kdf.FAST_KDF)
        state = _deliver(scenario, list(scenario.batches), Path(tmp))
    assert len(state["conflicts"]) >= 1  # the scenario does make a conflict
    return state


@settings(
    max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_any_order_and_duplication_gives_the_same_office(
    scenario: Scenario, canonical: dict[str, Any], data: st.DataObject
) -> None:
    order = list(data.draw(st.permutations(list(scenario.batches))))
    for extra in data.draw(st.lists(st.sampled_from(list(scenario.batches)), max_size=3)):
        order.insert(data.draw(st.integers(0, len(order))), extra)
    with tempfile.TemporaryDirectory() as tmp:
        assert _deliver(scenario, order, Path(tmp)) == canonical

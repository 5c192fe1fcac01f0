"""A tombstone or merge for an id the office does not have, a malformed one, or one in a batch
signed by another desk: the batch is refused with a clear reason and nothing changes."""

from __future__ import annotations

from pathlib import Path

import pytest

from sosdesk.services.clients import get_client
from sosdesk.sync.importer import import_batches
from tests.factory import take_call
from tests.sync.forge import UUID_A, forge, record
from tests.sync.helpers import Net, desk_to_office, snapshot

UNKNOWN = "01900000-0000-7000-8000-0000000000aa"


def _tomb(client_id: str, mode: str = "erase") -> dict[str, object]:
    return {
        "client_id": client_id,
        "client_code": "BG1-2026-0001",
        "mode": mode,
        "legal_basis": "request",
        "reason": "x",
        "call_ids": [],
        "removed": {},
        "author_id": None,
    }


@pytest.mark.parametrize(
    ("entity", "fields", "says"),
    [
        ("erasures", _tomb(UNKNOWN), "removes a client this database does not have"),
        ("erasures", _tomb("{known}", mode="shred"), "is not a valid erasure"),
        (
            "client_merges",
            {
                "keep_id": "{known}",
                "absorb_id": UNKNOWN,
                "absorb_code": "BG1-2026-0009",
                "reason": "x",
                "author_id": None,
            },
            "merges a client this database does not have",
        ),
    ],
)
def test_a_bad_tombstone_or_merge_is_refused(
    net: Net, tmp_path: Path, entity: str, fields: dict[str, object], says: str
) -> None:
    known = take_call(net.desks["BG1"], "Vesna")
    desk_to_office(net, "BG1")
    ns1 = net.desks["NS1"]  # has sent nothing yet: its first batch
    before = snapshot(net.office)
    filled = {k: (known if v == "{known}" else v) for k, v in fields.items()}
    filled["created_at"] = "2026-12-01T10:00:00+00:00"
    path = forge(ns1, net.office, tmp_path / "f", [record(ns1, entity, filled)])
    [outcome] = import_batches(net.office, [path])
    assert outcome.status == "rejected" and says in outcome.message
    assert snapshot(net.office) == before
    assert get_client(net.office, known, audit_view=False).given_name == "Vesna"


def test_a_tombstone_signed_by_another_desk_is_refused(net: Net, tmp_path: Path) -> None:
    bg1, ns1 = net.desks["BG1"], net.desks["NS1"]
    known = take_call(bg1, "Vesna")
    desk_to_office(net, "BG1")
    before = snapshot(net.office)
    lines = [record(ns1, "erasures", _tomb(known), rid=UUID_A)]
    path = forge(ns1, net.office, tmp_path / "f", lines, signer=bg1)
    [outcome] = import_batches(net.office, [path])
    assert (outcome.status, outcome.reason) == ("rejected", "bad_signature")
    assert snapshot(net.office) == before

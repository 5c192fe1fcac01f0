"""The demo generator, split into one generator per entity, still gives the data the single
module gave for a seed (values recorded from the single module before the split, on a fixed
clock)."""

from __future__ import annotations

import hashlib
import json
from types import SimpleNamespace

import pytest
from sqlalchemy import text

from sosdesk.demo.generator import generate
from sosdesk.store.database import Database

FIXED_NOW = 1_796_000_000.0  # 2026-11-30, so the codes' years do not follow the real clock


def fingerprint(db: Database) -> dict[str, object]:
    """Counts, the first client codes and a digest of names, summaries and event kinds."""
    with db.session() as s:
        clients = [
            list(map(str, r))
            for r in s.execute(
                text("SELECT code, given_name, family_name FROM clients ORDER BY code")
            )
        ]
        calls = [
            list(map(str, r))
            for r in s.execute(
                text("SELECT started_at, summary, categories FROM calls ORDER BY 1, 2")
            )
        ]
        kinds = [
            list(map(str, r))
            for r in s.execute(
                text("SELECT kind, count(*) FROM events GROUP BY kind ORDER BY kind")
            )
        ]
        first = [
            r[0]
            for r in s.execute(text("SELECT code FROM clients ORDER BY created_at, code LIMIT 4"))
        ]
    blob = json.dumps([clients, calls, kinds], ensure_ascii=False).encode()
    return {"first": first, "digest": hashlib.sha256(blob).hexdigest()[:16]}


def test_same_seed_same_data_as_before_the_split(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("sosdesk.demo.context.time", SimpleNamespace(time=lambda: FIXED_NOW))
    result = generate(db, 120, 11)
    counts = (result.calls, result.clients, result.events, result.followups, result.directory)
    assert counts == EXPECTED_COUNTS
    assert result.long_client_code == EXPECTED_LONG_CODE
    assert fingerprint(db) == EXPECTED_FINGERPRINT


EXPECTED_COUNTS = (120, 12, 4939, 12, 29)
EXPECTED_LONG_CODE = "BG1-2024-0001"
EXPECTED_FINGERPRINT: dict[str, object] = {
    "first": ["BG1-2024-0004", "BG1-2024-0003", "BG1-2024-0002", "BG1-2024-0001"],
    "digest": "bc508cfea108ba9c",
}

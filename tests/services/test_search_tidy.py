"""Tidying the search index merges its segments a step at a time and never changes what a
lookup finds (real encrypted database)."""

from __future__ import annotations

from sosdesk.services.search import search
from sosdesk.services.search_tidy import FRAGMENTED, segments, tidy_step
from sosdesk.store.database import Database
from sosdesk.store.engine import open_raw
from sosdesk.store.raw import driver_connection
from tests.factory import take_call

NAMES = ["Đorđe", "Milica", "Jelena", "Ana", "Vesna", "Marija", "Ivana", "Bojana", "Olga"]
QUERIES = ["đorđe", "Мили", "jel", "ana", "063", "4567", "poziv o pasošu"]


def _found(db: Database) -> dict[str, list[tuple[str, str]]]:
    return {q: [(h.kind, h.ref) for h in search(db, q)] for q in QUERIES}


def test_tidying_merges_the_segments_and_finds_the_same(db: Database) -> None:
    for i in range(60):  # each save indexes in its own transaction: one new segment each
        who = NAMES[i % len(NAMES)]
        take_call(db, who, f"poziv o pasošu {i}", phones=[f"+38163{1234567 + i}"])
    before = segments(db)
    assert before["call_fts"] > FRAGMENTED and before["client_fts"] > FRAGMENTED
    # As on a big desk, where the segments lie on different levels and FTS5's own merges
    # leave them be: here they would merge only sixteen at a time.
    with db.transaction() as tx:
        conn = driver_connection(tx.session)
        for table in ("call_fts", "client_fts"):
            conn.execute(f"INSERT INTO {table}({table}, rank) VALUES('usermerge', 16)")
    found = _found(db)
    assert all(found.values())  # every query finds something: the comparison can fail

    steps = 0
    while not tidy_step(db, pages=2):  # tiny steps: the merge carries on across them
        steps += 1
        assert steps < 2_000, segments(db)
    after = segments(db)

    assert steps >= 2  # client_fts and call_fts were each merged
    assert after["call_fts"] == 1 and after["client_fts"] == 1
    assert _found(db) == found
    assert tidy_step(db)  # compact: nothing more to do


def test_a_compact_index_is_left_as_it_is_and_nothing_is_written(db: Database) -> None:
    for who in NAMES[:3]:
        take_call(db, who)
    before = segments(db)
    assert max(before.values()) <= FRAGMENTED
    # SQLite counts another connection's commits in `data_version`: a compact index, found
    # every 15 minutes of a quiet desk, must not cost a write transaction and its flush.
    watcher = open_raw(db.path, db.data_key)
    try:
        version = watcher.execute("PRAGMA data_version").fetchone()[0]
        assert tidy_step(db)
        assert watcher.execute("PRAGMA data_version").fetchone()[0] == version
        assert segments(db) == before
        take_call(db, "Vesna")  # the watcher does see a commit: the comparison can fail
        assert watcher.execute("PRAGMA data_version").fetchone()[0] != version
    finally:
        watcher.close()

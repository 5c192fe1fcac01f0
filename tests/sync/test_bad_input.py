"""Every bad batch is refused with a clear reason, quarantined, and the office is unchanged."""

from __future__ import annotations

import os
import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from sosdesk.store.models import utcnow
from sosdesk.sync import batch_format as bf
from sosdesk.sync.container import CHUNK
from sosdesk.sync.errors import SyncError
from sosdesk.sync.export import export_desk
from sosdesk.sync.identity import read_identity, write_identity
from sosdesk.sync.importer import import_batches
from sosdesk.sync.peers import enroll_desk, revoke_desk
from sosdesk.sync.views import ImportOutcome
from tests.sync.forge import forge, record
from tests.sync.helpers import Net, count, desk_to_office, make_db, snapshot, take_call

NOW = utcnow().isoformat()
USER = {
    "name": "vesna",
    "display_name": "Vesna",
    "role": "operator",
    "active": True,
    "created_at": NOW,
}


def refused(net: Net, path: Path, reason: str | None = None, **kw: Any) -> ImportOutcome:
    """Import one file that must be refused; the office must be exactly as before."""
    before = snapshot(net.office)
    quarantined = count(net.office, "sync_quarantine")
    [outcome] = import_batches(net.office, [path], **kw)
    assert outcome.status == "rejected", outcome
    if reason is not None:
        assert outcome.reason == reason, outcome
    assert outcome.message and "Traceback" not in outcome.message
    assert snapshot(net.office) == before
    assert count(net.office, "sync_quarantine") == quarantined + 1
    return outcome


@pytest.fixture
def big_batch(pair: Net) -> Iterator[tuple[Net, Path]]:
    """A real batch from BG1 spanning several encrypted chunks (long notes)."""
    bg1 = pair.desks["BG1"]
    rng = random.Random(1)
    for i in range(8):
        words = " ".join(
            rng.choice(["pratnja", "sud", "Beograd", "pasoš", "rad"]) for _ in range(2500)
        )
        take_call(bg1, f"Klijentkinja{i}", words[:19_000])
    result = export_desk(bg1, pair.stick("big"))
    [path] = result.files
    assert path.stat().st_size > 3 * CHUNK
    yield pair, path


def _variant(src: Path, folder: Path, data: bytes) -> Path:
    folder.mkdir(exist_ok=True)
    out = folder / f"v{len(list(folder.iterdir()))}.sosbatch"
    out.write_bytes(data)
    return out


def test_a_flipped_byte_anywhere_is_refused(big_batch: tuple[Net, Path], tmp_path: Path) -> None:
    net, path = big_batch
    data = path.read_bytes()
    n = len(data)
    rng = random.Random(20261122)
    # The magic, the sealed key block, every chunk boundary, the last bytes, and random spots.
    spots = {0, 5, 8, 9, 30, 60, 100, 112, 113, 200, n - 1, n - 2, n - 17, n - 18}
    spots |= {9 + 104 + k * (CHUNK + 17) + d for k in range(n // CHUNK + 1) for d in (-1, 0, 1)}
    spots |= {rng.randrange(n) for _ in range(25)}
    for pos in sorted(p for p in spots if 0 <= p < n):
        bad = bytearray(data)
        bad[pos] ^= 1 << rng.randrange(8)
        refused(net, _variant(path, tmp_path / "flip", bytes(bad)))
    [ok] = import_batches(net.office, [path])
    assert ok.status == "applied"  # the original is still fine


def test_truncation_at_any_offset_is_refused(big_batch: tuple[Net, Path], tmp_path: Path) -> None:
    net, path = big_batch
    data = path.read_bytes()
    n = len(data)
    cuts = {0, 1, 8, 9, 50, 113, 9 + 104 + CHUNK + 17, 9 + 104 + 2 * (CHUNK + 17), n // 2, n - 1}
    cuts |= {random.Random(3).randrange(n) for _ in range(10)}
    for cut in sorted(cuts):
        outcome = refused(net, _variant(path, tmp_path / "cut", data[:cut]))
        assert outcome.reason in ("truncated", "damaged", "not_a_batch", "wrong_recipient")


def test_appended_garbage_is_refused(big_batch: tuple[Net, Path], tmp_path: Path) -> None:
    net, path = big_batch
    data = path.read_bytes()
    for extra in (b"\x00", b"x" * 100, os.urandom(CHUNK + 17), os.urandom(3 * CHUNK)):
        refused(net, _variant(path, tmp_path / "tail", data + extra))


def test_batch_for_another_office_is_refused(pair: Net, tmp_path: Path) -> None:
    other = make_db(tmp_path / "elsewhere", "HQ2", office=True)
    path = forge(
        pair.desks["BG1"], other, tmp_path / "f", [record(pair.desks["BG1"], "users", USER)]
    )
    out = refused(pair, path, "wrong_recipient")
    assert "another" in out.message or "someone else" in out.message
    other.close()


def test_header_naming_another_recipient_is_refused(pair: Net, tmp_path: Path) -> None:
    bg1 = pair.desks["BG1"]
    path = forge(
        bg1,
        pair.office,
        tmp_path / "f",
        [record(bg1, "users", USER)],
        recipient="01900000-0000-7000-8000-00000000beef",
    )
    refused(pair, path, "wrong_recipient")


def test_unknown_and_revoked_desks_are_refused(pair: Net, tmp_path: Path) -> None:
    stranger = make_db(tmp_path / "stranger", "SU1")
    path = forge(stranger, pair.office, tmp_path / "f", [record(stranger, "users", USER)])
    refused(pair, path, "unknown_sender")
    stranger.close()
    bg1 = pair.desks["BG1"]
    take_call(bg1, "Nada")
    result = export_desk(bg1, pair.stick("before-revoke"))
    revoke_desk(pair.office, "BG1")
    out = refused(pair, result.files[0], "revoked")
    assert "BG1" in out.message and "revoked" in out.message


def test_signature_of_desk_a_on_a_header_claiming_desk_b(net: Net, tmp_path: Path) -> None:
    bg1, ns1 = net.desks["BG1"], net.desks["NS1"]
    path = forge(ns1, net.office, tmp_path / "f", [record(ns1, "users", USER)], signer=bg1)
    out = refused(net, path, "bad_signature")
    assert "NS1" in out.message


def test_replay_is_a_reported_no_op(pair: Net) -> None:
    bg1 = pair.desks["BG1"]
    take_call(bg1, "Sara")
    result = export_desk(bg1, pair.stick("s"))
    import_batches(pair.office, list(result.files))
    before = snapshot(pair.office)
    [again] = import_batches(pair.office, list(result.files))
    assert again.status == "replayed" and "already applied" in again.message
    assert snapshot(pair.office) == before


def test_fork_same_number_other_content_is_refused(pair: Net, tmp_path: Path) -> None:
    bg1 = pair.desks["BG1"]
    desk_to_office(pair, "BG1")
    path = forge(bg1, pair.office, tmp_path / "f", [record(bg1, "users", USER)])  # seq 1 again
    out = refused(pair, path, "fork")
    assert "ALERT" in out.message


def test_fork_next_number_not_following_is_refused(pair: Net, tmp_path: Path) -> None:
    bg1 = pair.desks["BG1"]
    desk_to_office(pair, "BG1")
    path = forge(
        bg1, pair.office, tmp_path / "f", [record(bg1, "users", USER)], seq=2, prev_hash="ab" * 32
    )
    refused(pair, path, "fork")


def test_gap_is_held_then_both_apply_in_order(pair: Net) -> None:
    bg1 = pair.desks["BG1"]
    take_call(bg1, "Prva")
    first = export_desk(bg1, pair.stick("a"))
    take_call(bg1, "Druga")
    second = export_desk(bg1, pair.stick("b"))
    [one] = first.files
    assert (second.rewritten, second.new_seq) == ((1,), 2)
    two = second.files[-1]  # batch 1 written again comes first, then batch 2
    outcomes = import_batches(pair.office, [two])
    assert [(o.status, o.seq) for o in outcomes] == [("held", 2)]
    assert "batch 1 has not arrived" in outcomes[0].message
    assert count(pair.office, "clients") == 0
    outcomes = import_batches(pair.office, [one])
    assert [(o.status, o.seq) for o in outcomes] == [("applied", 1), ("applied", 2)]
    assert count(pair.office, "clients") == 2
    assert not any((pair.office.path.parent / "hq-sync" / "held").iterdir())


def test_oversized_file_is_refused_before_decryption(pair: Net, tmp_path: Path) -> None:
    bg1 = pair.desks["BG1"]
    take_call(bg1, "Velika")
    [path] = export_desk(bg1, pair.stick("s")).files
    out = refused(pair, path, "too_large", limits=bf.Limits(max_file_bytes=100))
    assert "not opened" in out.message
    huge = tmp_path / "huge.sosbatch"
    with open(huge, "wb") as fh:  # sparse: 600 MiB on paper, nothing on disk
        fh.truncate(600 * 1024 * 1024)
    refused(pair, huge, "too_large")


def test_record_count_bomb_is_refused_from_the_header(pair: Net, tmp_path: Path) -> None:
    bg1 = pair.desks["BG1"]
    path = forge(bg1, pair.office, tmp_path / "f", [record(bg1, "users", USER)], records=50_000_000)
    refused(pair, path, "too_large")
    three = [
        record(
            bg1,
            "users",
            {**USER, "name": f"u{i}"},
            seq=i,
            rid=f"01900000-0000-7000-8000-00000000000{i}",
        )
        for i in (1, 2, 3)
    ]
    path = forge(bg1, pair.office, tmp_path / "g", three, records=2)
    refused(pair, path, "count_mismatch")


def _bad_line(
    net: Net, tmp_path: Path, line: bytes | dict[str, Any], reason: str, **kw: Any
) -> str:
    bg1 = net.desks["BG1"]
    good = record(bg1, "users", USER, seq=1)
    path = forge(
        bg1, net.office, tmp_path / f"bad{len(list(tmp_path.iterdir()))}", [good, line], **kw
    )
    return refused(net, path, reason).message


CLIENT = {"code": "BG1-2026-0009", "created_at": NOW, "given_name": "Ana"}


@pytest.mark.parametrize(
    ("mutate", "reason", "words"),
    [
        (lambda r: b'{"seq": 2, "entity": "clients"', "malformed", "not valid JSON"),
        (lambda r: b"[1, 2, 3]", "invalid_record", "unexpected"),
        (lambda r: {**r, "fields": {**CLIENT, "shoe_size": 39}}, "invalid_record", "unknown field"),
        (
            lambda r: {**r, "fields": {**CLIENT, "birth_year": "1990"}},
            "invalid_record",
            "whole number",
        ),
        (
            lambda r: {**r, "fields": {**CLIENT, "risk_level": "extreme"}},
            "invalid_record",
            "unknown risk level",
        ),
        (
            lambda r: {**r, "fields": {**CLIENT, "exploitation_types": ["pirating"]}},
            "invalid_record",
            "unknown exploitation",
        ),
        (
            lambda r: {**r, "fields": {**CLIENT, "created_at": "yesterday"}},
            "invalid_record",
            "date and time",
        ),
        (lambda r: {**r, "entity": "device_identity"}, "not_owned", "device_identity"),
        (lambda r: {**r, "entity": "no_such_table"}, "invalid_record", "unknown"),
        (
            lambda r: {**r, "entity": "events", "op": "update", "fields": {"kind": "note"}},
            "invalid_record",
            "cannot be changed",
        ),
        (
            lambda r: {
                **r,
                "origin": "01900000-0000-7000-8000-000000000777",
                "hlc": "1790000000002-000000-01900000-0000-7000-8000-000000000777",
            },
            "invalid_record",
            "another desk",
        ),
        (lambda r: {**r, "hlc": "1790000000002-000000-someone-else"}, "invalid_record", "clock"),
        (lambda r: {**r, "fields": {"code": "BG1-2026-0009"}}, "invalid_record", "missing"),
        (lambda r: {**r, "fields": {**CLIENT, "notes": float("nan")}}, "malformed", "JSON"),
    ],
)
def test_bad_records_refuse_the_whole_batch(
    pair: Net, tmp_path: Path, mutate: Any, reason: str, words: str
) -> None:
    bg1 = pair.desks["BG1"]
    base = record(bg1, "clients", CLIENT, seq=2, rid="01900000-0000-7000-8000-000000000002")
    line = mutate(base)
    message = _bad_line(pair, tmp_path, line, reason)
    assert words in message
    assert count(pair.office, "users") == 1  # the good first record was not kept either


def test_a_record_pointing_nowhere_refuses_the_batch(pair: Net, tmp_path: Path) -> None:
    bg1 = pair.desks["BG1"]
    event = record(
        bg1,
        "events",
        {
            "client_id": "01900000-0000-7000-8000-00000000dead",
            "kind": "note",
            "occurred_at": NOW,
            "payload": {"text": "x"},
            "created_at": NOW,
        },
        seq=2,
        rid="01900000-0000-7000-8000-000000000003",
    )
    message = _bad_line(pair, tmp_path, event, "invalid_record")
    assert "FOREIGN KEY" in message


def test_schema_from_the_future_is_refused(pair: Net, tmp_path: Path) -> None:
    bg1 = pair.desks["BG1"]
    path = forge(bg1, pair.office, tmp_path / "f", [record(bg1, "users", USER)], schema="9999")
    out = refused(pair, path, "future_schema")
    assert "newer SOS Desk" in out.message


def test_not_a_batch_at_all(pair: Net, tmp_path: Path) -> None:
    junk = tmp_path / "x.sosbatch"
    junk.write_bytes(b"%PDF-1.7 definitely not a batch")
    refused(pair, junk, "not_a_batch")


def test_desk_refuses_bad_office_batches_too(pair: Net, tmp_path: Path) -> None:
    bg1 = pair.desks["BG1"]
    stranger = make_db(tmp_path / "s", "HQ9", office=True)
    u = {**USER, "name": "x"}
    forged = forge(
        stranger, bg1, tmp_path / "a", [record(stranger, "users", u)], kind=bf.KIND_OFFICE
    )
    before = snapshot(bg1)
    [out] = import_batches(bg1, [forged])
    assert (out.status, out.reason) == ("rejected", "unknown_sender")
    # Signed by the right office's id but with a desk's key: a forgery.
    forged = forge(
        pair.office,
        bg1,
        tmp_path / "b",
        [record(pair.office, "users", u)],
        kind=bf.KIND_OFFICE,
        signer=stranger,
    )
    [out] = import_batches(bg1, [forged])
    assert (out.status, out.reason) == ("rejected", "bad_signature")
    assert snapshot(bg1) == before
    stranger.close()


def test_a_new_desk_with_a_taken_code_cannot_be_enrolled(pair: Net, tmp_path: Path) -> None:
    twin = make_db(tmp_path / "twin", "BG1")
    write_identity(twin, tmp_path / "twin.sosid")
    before = snapshot(pair.office)
    with pytest.raises(SyncError, match="already uses the code BG1"):
        enroll_desk(pair.office, read_identity(tmp_path / "twin.sosid"))
    assert snapshot(pair.office) == before
    twin.close()


def test_gap_filled_in_the_same_run_leaves_nothing_waiting(pair: Net) -> None:
    from sosdesk.sync.views import still_waiting

    bg1 = pair.desks["BG1"]
    take_call(bg1, "Prva")
    [one] = export_desk(bg1, pair.stick("a")).files
    take_call(bg1, "Druga")
    two = export_desk(bg1, pair.stick("b")).files[-1]
    outcomes = import_batches(pair.office, [two, one])
    assert [(o.status, o.seq) for o in outcomes] == [("held", 2), ("applied", 1), ("applied", 2)]
    assert still_waiting(outcomes) == []


def test_a_damaged_copy_of_an_applied_batch_is_refused_not_replayed(
    big_batch: tuple[Net, Path], tmp_path: Path
) -> None:
    net, path = big_batch
    [ok] = import_batches(net.office, [path])
    assert ok.status == "applied"
    data = bytearray(path.read_bytes())
    data[len(data) - 100] ^= 0x01  # in the records, far from the signed header
    refused(net, _variant(path, tmp_path / "again", bytes(data)), "damaged")

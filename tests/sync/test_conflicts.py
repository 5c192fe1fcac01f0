"""Conflicts: two desks changing the same field from the same version land in the review queue;
everything else is last-writer-wins by clock; a resolution reaches every desk."""

from __future__ import annotations

import pytest

from sosdesk.services.clients import get_client, update_client
from sosdesk.sync.conflicts import list_conflicts, resolve_conflict
from sosdesk.sync.errors import SyncError
from tests.sync.helpers import Net, desk_to_office, office_to_desk, take_call


def _shared_client(net: Net) -> str:
    """A client made at BG1 that NS1 and NI1 have too (all at version 1)."""
    client = take_call(net.desks["BG1"], "Katarina")
    desk_to_office(net, "BG1")
    office_to_desk(net, "NS1")
    office_to_desk(net, "NI1")
    return client


def test_same_field_from_same_version_goes_to_the_queue(net: Net) -> None:
    c = _shared_client(net)
    update_client(net.desks["BG1"], c, {"risk_level": "high"})
    update_client(net.desks["NS1"], c, {"risk_level": "medium"})  # later: its clock is newer
    desk_to_office(net, "BG1")
    [outcome] = desk_to_office(net, "NS1")
    assert outcome.conflicts == 1 and "conflict" in outcome.message
    [conflict] = list_conflicts(net.office)
    assert (conflict.record_label, conflict.field, conflict.base_version) == (
        get_client(net.office, c, audit_view=False).code,
        "risk_level",
        1,
    )
    assert [(x.value, x.desk_code) for x in conflict.candidates] == [
        ("high", "BG1"),
        ("medium", "NS1"),
    ]
    # Until a coordinator chooses, the newest value shows (last writer wins).
    assert conflict.current == "medium"
    assert get_client(net.office, c, audit_view=False).risk_level == "medium"


def test_different_fields_or_same_value_are_no_conflict(net: Net) -> None:
    c = _shared_client(net)
    update_client(net.desks["BG1"], c, {"risk_level": "high", "nickname": "Kaća"})
    update_client(net.desks["NS1"], c, {"notes": "dolazi sa sestrom", "risk_level": "high"})
    desk_to_office(net, "BG1")
    desk_to_office(net, "NS1")
    assert list_conflicts(net.office) == []
    view = get_client(net.office, c, audit_view=False)
    assert (view.risk_level, view.nickname, view.notes) == ("high", "Kaća", "dolazi sa sestrom")


def test_conflict_does_not_depend_on_arrival_order(net: Net) -> None:
    c = _shared_client(net)
    update_client(net.desks["BG1"], c, {"risk_level": "high"})
    update_client(net.desks["NS1"], c, {"risk_level": "medium"})
    desk_to_office(net, "NS1")
    desk_to_office(net, "BG1")
    [conflict] = list_conflicts(net.office)
    assert [x.value for x in conflict.candidates] == ["high", "medium"]
    assert get_client(net.office, c, audit_view=False).risk_level == "medium"


def test_third_desk_joins_the_same_conflict(net: Net) -> None:
    c = _shared_client(net)
    for code, level in (("BG1", "high"), ("NS1", "medium"), ("NI1", "low")):
        update_client(net.desks[code], c, {"risk_level": level})
    for code in ("NI1", "BG1", "NS1"):
        desk_to_office(net, code)
    [conflict] = list_conflicts(net.office)
    assert [(x.value, x.desk_code) for x in conflict.candidates] == [
        ("high", "BG1"),
        ("medium", "NS1"),
        ("low", "NI1"),
    ]


def test_resolution_reaches_every_desk(net: Net) -> None:
    c = _shared_client(net)
    update_client(net.desks["BG1"], c, {"risk_level": "high"})
    update_client(net.desks["NS1"], c, {"risk_level": "medium"})
    desk_to_office(net, "BG1")
    desk_to_office(net, "NS1")
    [conflict] = list_conflicts(net.office)
    done = resolve_conflict(net.office, conflict.id[:8], pick=1)  # BG1's "high"
    assert done.state == "resolved" and done.resolution == "high"
    assert list_conflicts(net.office) == []
    assert [x.state for x in list_conflicts(net.office, include_resolved=True)] == ["resolved"]
    for code in ("BG1", "NS1", "NI1"):
        office_to_desk(net, code)
        assert get_client(net.desks[code], c, audit_view=False).risk_level == "high", code


def test_merged_value_is_checked_like_any_record(net: Net) -> None:
    c = _shared_client(net)
    update_client(net.desks["BG1"], c, {"languages": ["sr"]})
    update_client(net.desks["NS1"], c, {"languages": ["ro"]})
    desk_to_office(net, "BG1")
    desk_to_office(net, "NS1")
    [conflict] = list_conflicts(net.office)
    with pytest.raises(SyncError, match="unknown language"):
        resolve_conflict(net.office, conflict.id, value=["sr", "klingon"], merged=True)
    with pytest.raises(SyncError, match="between 1 and 2"):
        resolve_conflict(net.office, conflict.id, pick=3)
    resolve_conflict(net.office, conflict.id, value=["sr", "ro"], merged=True)
    assert get_client(net.office, c, audit_view=False).languages == ("sr", "ro")
    with pytest.raises(SyncError, match="already resolved"):
        resolve_conflict(net.office, conflict.id, pick=1)


def test_desk_keeps_its_newer_local_edit_over_an_older_relayed_one(net: Net) -> None:
    c = _shared_client(net)
    update_client(net.desks["BG1"], c, {"notes": "stariji unos"})
    desk_to_office(net, "BG1")
    update_client(net.desks["NS1"], c, {"notes": "noviji unos"})  # newer, not yet sent
    office_to_desk(net, "NS1")  # brings BG1's older note
    assert get_client(net.desks["NS1"], c, audit_view=False).notes == "noviji unos"
    desk_to_office(net, "NS1")
    office_to_desk(net, "BG1")
    assert get_client(net.desks["BG1"], c, audit_view=False).notes == "noviji unos"
    assert get_client(net.office, c, audit_view=False).notes == "noviji unos"

"""Call corrections travel: the office and other desks hold the corrected call and its history;
two desks correcting the same field from the same version meet in the conflict queue."""

from __future__ import annotations

from sosdesk.services.call_corrections import correct_call, corrections_of
from sosdesk.services.calls import get_call, recent_calls
from sosdesk.sync.conflicts import list_conflicts
from tests.sync.helpers import Net, desk_to_office, office_to_desk, take_call


def _shared_call(net: Net) -> str:
    take_call(net.desks["BG1"], "Katarina", summary="pratnja")
    desk_to_office(net, "BG1")
    office_to_desk(net, "NS1")
    [call] = recent_calls(net.desks["NS1"])
    return call.id


def test_a_correction_reaches_the_office_and_another_desk(net: Net) -> None:
    call_id = _shared_call(net)
    correct_call(net.desks["BG1"], call_id, "summary", "pratnja do suda", "pogrešno zapisano")
    desk_to_office(net, "BG1")
    office_to_desk(net, "NS1")
    for db in (net.office, net.desks["NS1"]):
        assert get_call(db, call_id).summary == "pratnja do suda"
        [c] = corrections_of(db, call_id)
        assert (c.old_value, c.new_value, c.base_version) == ("pratnja", "pratnja do suda", 1)
    assert list_conflicts(net.office) == []


def test_same_field_from_same_version_meets_in_the_conflict_queue(net: Net) -> None:
    call_id = _shared_call(net)
    correct_call(net.desks["BG1"], call_id, "urgency", "urgent", "procena BG1")
    correct_call(net.desks["NS1"], call_id, "urgency", "immediate_danger", "procena NS1")
    desk_to_office(net, "BG1")
    desk_to_office(net, "NS1")
    [conflict] = list_conflicts(net.office)
    assert (conflict.field, conflict.base_version) == ("urgency", 1)
    assert sorted(x.value for x in conflict.candidates) == ["immediate_danger", "urgent"]
    assert len(corrections_of(net.office, call_id)) == 2  # both histories are kept

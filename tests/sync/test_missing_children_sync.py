"""A missing child's case travels like a client: desk -> office -> another desk, with its call,
its search steps, the outcome, the repeat episode, and is found there in any script."""

from __future__ import annotations

from datetime import UTC, date, datetime

from sosdesk.services.calls import CallInput, save_call
from sosdesk.services.missing_children import (
    ChildInput,
    add_step,
    get_missing_case,
    open_missing_case,
    record_outcome,
    search_missing_cases,
)
from tests.sync.helpers import Net, count, desk_to_office, office_to_desk


def test_a_case_reaches_the_office_and_the_night_shift_elsewhere(net: Net) -> None:
    bg1, ns1 = net.desks["BG1"], net.desks["NS1"]
    call = save_call(bg1, CallInput(line="missing_116000", categories=["missing_child"]))
    first = open_missing_case(
        bg1,
        ChildInput(category="runaway_national", reporter_kind="parent", child_name="Đurđa Lazić"),
        call_id=call.id,
    )
    add_step(bg1, first.id, "police_report", datetime.now(UTC), {"station": "PU Zvezdara"})
    record_outcome(bg1, first.id, "found_alive", date.today(), after="returned_home")
    again = open_missing_case(
        bg1,
        ChildInput(
            category="runaway_international",
            reporter_kind="police",
            countries=["HU"],
            previous_id=first.id,
        ),
    )
    assert [o.status for o in desk_to_office(net, "BG1")] == ["applied"]
    assert count(net.office, "missing_cases") == 2 and count(net.office, "missing_steps") == 1
    _, outcomes = office_to_desk(net, "NS1")
    assert [o.status for o in outcomes] == ["applied"]
    there = get_missing_case(ns1, again.id)
    assert there.child_name == "Đurđa Lazić" and there.episode == 2 and there.countries == ("HU",)
    done = get_missing_case(ns1, first.id)
    assert done.outcome == "found_alive" and done.police_reported and done.call_id == call.id
    assert {c.id for c in search_missing_cases(ns1, "Ђурђа")} == {first.id, again.id}

"""At the office, a client registered at one desk who may be a client of another desk is listed
for the coordinator; merging them at the office reaches both desks."""

from __future__ import annotations

from sosdesk.services.clients import find_by_code, get_client
from sosdesk.services.duplicates_across import duplicates_across_desks
from sosdesk.services.merge import merge_clients
from tests.factory import take_call
from tests.sync.helpers import Net, desk_to_office, office_to_desk


def test_a_duplicate_from_another_desk_is_listed_and_merged_at_the_office(net: Net) -> None:
    bg = take_call(
        net.desks["BG1"], "Marija", family_name="Petrović", birth_year=1995, summary="Beograd"
    )
    ns = take_call(
        net.desks["NS1"], "Marija", family_name="Petrovic", birth_year=1995, summary="Novi Sad"
    )
    ni = take_call(net.desks["NI1"], "Marija", family_name="Petrović", birth_year=1971)
    for code in ("BG1", "NS1", "NI1"):
        desk_to_office(net, code)
    bg_code = get_client(net.office, bg, audit_view=False).code
    ns_code = get_client(net.office, ns, audit_view=False).code
    pairs = duplicates_across_desks(net.office)
    assert [(p.code, p.other_code, p.reasons) for p in pairs] == [
        (bg_code, ns_code, ("name_birth_year",))
    ]  # once, and not the woman born in 1971
    assert ni not in {bg, ns}
    merge_clients(net.office, bg_code, ns_code, "ista osoba na dva pulta")
    for code in ("BG1", "NS1", "NI1"):
        office_to_desk(net, code)
    for db in (net.office, *net.desks.values()):
        assert find_by_code(db, ns_code).id == bg
    assert duplicates_across_desks(net.office) == []

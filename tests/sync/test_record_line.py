"""Payload lines in the standard form are split with the exact text of their fields (relayed
as received); any other form falls back to a full parse with the same checks."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import text

from sosdesk.store.json_text import dump_json
from sosdesk.sync import errors
from sosdesk.sync.errors import Rejected
from sosdesk.sync.record_line import split_line
from sosdesk.sync.schema import DESK, parse_record
from tests.sync.helpers import Net, desk_to_office, office_to_desk, take_call

ORIGIN = "01900000-0000-7000-8000-0000000000aa"
RID = "01900000-0000-7000-8000-000000000001"
HLC = f"1790000000001-000000-{ORIGIN}"
FIELDS = '{"given_name":"Đorđe \\"Đole\\"","notes":"pasoš, Beč","phones":[]}'


def line(fields: str = FIELDS, *, entity: str = "clients", op: str = "update") -> str:
    """A line exactly as outbox.py writes it."""
    return (
        f'{{"base":1,"entity":"{entity}","fields":{fields},"hlc":"{HLC}",'
        f'"id":"{RID}","op":"{op}","origin":"{ORIGIN}","seq":7}}'
    )


def test_a_standard_line_gives_the_record_and_its_fields_text() -> None:
    doc, raw = split_line(line()) or ({}, "")
    assert doc == json.loads(line())
    assert raw == FIELDS
    rec = parse_record(line().encode(), 1, DESK)
    assert rec.raw_fields == FIELDS
    assert rec.fields == {"given_name": 'Đorđe "Đole"', "notes": "pasoš, Beč", "phones": []}


@pytest.mark.parametrize(
    "other",
    [
        json.dumps(json.loads(line())),  # spaces after separators
        json.dumps(json.loads(line()), sort_keys=False, separators=(",", ":")) + " ",
        line() + "x",
        line()[:-1],
        line().replace('"base":1', '"base": 1'),
        # A second "fields" hidden after the first: a full parse keeps the last one, so the
        # first text must never be taken for the record's fields.
        line('{"notes":"a"},"hlc":"x","fields":{"notes":"b"}'),
        line('{"notes":NaN}'),
        line('{"notes":"a"'),
    ],
)
def test_any_other_form_is_left_to_the_full_parse(other: str) -> None:
    assert split_line(other) is None


def test_a_hidden_second_fields_key_is_never_relayed_as_the_first() -> None:
    sneaky = line('{"notes":"a"},"hlc":"x","fields":{"notes":"b"}')
    rec = parse_record(sneaky.encode(), 1, DESK)
    assert rec.fields == {"notes": "b"} and rec.raw_fields is None


@pytest.mark.parametrize("value", ["NaN", "Infinity", "-Infinity"])
def test_constants_are_still_refused(value: str) -> None:
    with pytest.raises(Rejected) as caught:
        parse_record(line(f'{{"notes":{value}}}').encode(), 1, DESK)
    assert caught.value.reason == errors.MALFORMED


def test_bad_fields_in_a_standard_line_are_still_refused() -> None:
    for fields, why in [
        ('{"notes":5}', "expected text"),
        ('{"nickname":null,"bogus":1}', "unknown field"),
        ('{"risk_level":"extreme"}', "unknown"),
        ("{}", "no fields"),
    ]:
        with pytest.raises(Rejected) as caught:
            parse_record(line(fields).encode(), 1, DESK)
        assert caught.value.reason == errors.INVALID_RECORD
        assert why in caught.value.message


@pytest.mark.parametrize(
    ("other", "kept"),
    [
        (line().replace('"id":"0', '"id":"\\u0030'), True),  # an escape in a plain value
        (line().replace('"base":1', '"base":01'), False),  # not JSON
        (line().replace('"base":1', '"base":-1'), False),
        (line().replace('"seq":7', '"seq":7.0'), False),
        (line().replace('"op":"update"', '"op":null'), False),
    ],
)
def test_plain_values_the_patterns_do_not_take_go_to_the_full_parse(other: str, kept: bool) -> None:
    assert split_line(other) is None
    if kept:
        rec = parse_record(other.encode(), 1, DESK)
        assert rec.id == RID and rec.raw_fields is None
    else:
        with pytest.raises(Rejected):
            parse_record(other.encode(), 1, DESK)


@pytest.mark.parametrize(
    "clock",
    [
        f"+790000000001-000000-{ORIGIN}",
        f"1790000000001-00000-{ORIGIN}",
        f"1790000000001-000000-{ORIGIN}x",
        f"1790000000001-000000-{ORIGIN[:-1]}b",
        "1790000000001-000000-",
        f"1790000000001-000000-{ORIGIN}".replace("-", "_", 1),
    ],
)
def test_a_clock_value_not_of_the_origin_desk_is_refused(clock: str) -> None:
    with pytest.raises(Rejected) as caught:
        parse_record(line().replace(HLC, clock).encode(), 1, DESK)
    assert "clock value" in caught.value.message


def test_the_office_relays_the_fields_text_it_received(net: Net) -> None:
    bg1, ns1 = net.desks["BG1"], net.desks["NS1"]
    take_call(bg1, "Đorđe", 'Ђорђе, pasoš "zadržan" u Beču', notes="Čačak\nnovi red")
    [applied] = desk_to_office(net, "BG1")
    assert applied.status == "applied"
    sql = text("SELECT entity_id, fields FROM changes WHERE entity != 'users' ORDER BY seq")
    with bg1.engine.connect() as c:
        sent = dict(c.execute(sql).all())
    with net.office.engine.connect() as c:
        relayed = dict(c.execute(sql).all())
    assert relayed == sent  # the same text, byte for byte
    _result, [outcome] = office_to_desk(net, "NS1")
    assert outcome.status == "applied"
    with ns1.engine.connect() as c:
        names = c.execute(text("SELECT given_name, notes FROM clients")).all()
    assert ("Đorđe", "Čačak\nnovi red") in names


@pytest.mark.parametrize(
    "value",
    [
        {"call_id": "x", "summary": 'pasoš Ђорђе "navodnici"\n\t\u0000', "n": [1, 2.5, None]},
        ["victim_support", "legal"],
        [],
        {},
        "tekst",
        True,
        12,
        -0.1,
        {"ugnježdeno": {"a": [{"b": False}]}},
    ],
)
def test_json_column_text_is_what_json_dumps_writes(value: object) -> None:
    assert dump_json(value) == json.dumps(value, ensure_ascii=False)

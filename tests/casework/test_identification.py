"""Identification at the Centre: versioned indicator lists, report -> screening -> decision,
the child interview and the statement-capacity assessment, and who may do each."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from sosdesk.domain.clock import utcnow
from sosdesk.domain.indicators import suggested_reading
from sosdesk.domain.validation import ValidationFailed
from sosdesk.services.caseload import case_list
from sosdesk.services.cases import open_case
from sosdesk.services.casework import (
    DECISION_DUE_DAYS,
    decide_identification,
    record_capacity,
    record_child_interview,
    record_report,
    record_screening,
)
from sosdesk.services.clients import create_client, get_client
from sosdesk.services.errors import NotAllowed
from sosdesk.services.followups import followups_of_client
from sosdesk.services.indicator_lists import add_version, current_list, get_list, seed_data
from sosdesk.store.database import Database
from sosdesk.store.models import Event
from sosdesk.store.tx import Actor


def test_seed_lists_hold_the_four_ilo_sets_in_three_languages(db: Database) -> None:
    formal = current_list(db, "formal")
    prelim = current_list(db, "preliminary")
    assert formal.version == 1 and prelim.version == 1
    assert len(formal.indicators.items) == len(seed_data()["items"]) == 37
    assert len(prelim.indicators.items) == 18
    assert "ILO" in formal.indicators.source and "2009" in formal.indicators.source
    assert len(formal.indicators.dimensions) == 6
    for s in ("adult_labour", "adult_sexual", "child_labour", "child_sexual"):
        assert formal.indicators.for_set(s)
    item = formal.indicators.item("cd_isolation")
    assert item is not None
    assert item.label("en") == "Isolation, confinement or surveillance"
    assert item.label("sr-Latn") == "Izolacija, zatočenje ili nadzor"
    assert item.label("sr-Cyrl") == "Изолација, заточење или надзор"
    # Asking again stores nothing new.
    assert current_list(db, "formal").id == formal.id


def test_reading_follows_the_ilo_rule_and_children_need_no_coercion(db: Database) -> None:
    lst = current_list(db, "formal").indicators
    recruitment_and_work = ["dr_nature_of_job", "dr_wages", "ec_hours", "ec_no_pay"]
    adult = suggested_reading(lst, "adult_labour", recruitment_and_work)
    assert adult.strong_dimensions == 2
    assert adult.elements_met == ("recruitment", "exploitation")
    assert not adult.suggests_trafficking  # an adult also needs coercion
    child = suggested_reading(lst, "child_labour", recruitment_and_work)
    assert child.suggests_trafficking
    full = suggested_reading(
        lst, "adult_labour", [*recruitment_and_work, "cd_isolation", "cd_violence"]
    )
    assert full.suggests_trafficking and full.strong_dimensions == 3
    # One strong indicator alone meets no dimension.
    assert suggested_reading(lst, "adult_sexual", ["cd_violence"]).met_dimensions == ()


def test_report_screening_decision_counts_days_and_closes_the_due_followup(db: Database) -> None:
    client = create_client(db, {"nickname": "Lena"})
    case = open_case(db, client.id)
    received = utcnow() - timedelta(days=5)
    report = record_report(
        db,
        client.id,
        source_kind="school",
        grounds="Učenica izostaje, radi noću u kafiću.",
        reporter="pedagoškinja",
        received_at=received,
        case_id=case.id,
    )
    assert report.case_id == case.id
    assert (
        report.payload["due_on"]
        == (received + timedelta(days=DECISION_DUE_DAYS)).date().isoformat()
    )
    [due] = followups_of_client(db, client.id)
    assert due.assigned_to == db.actor.user_id and due.done_at is None
    formal = current_list(db, "formal")
    screening = record_screening(
        db,
        client.id,
        list_id=formal.id,
        stage="formal",
        indicator_set="child_labour",
        observed={
            "dr_nature_of_job": "rekli su joj da je posao u pekari",
            "dr_wages": None,
            "ec_hours": "radi do 4 ujutru",
            "ec_no_school": None,
        },
        case_id=case.id,
        report_id=report.id,
    )
    assert screening.payload["reading"]["suggests_trafficking"] is True
    assert screening.payload["list_version"] == 1
    # The reading never decides: the client is still where she was.
    assert get_client(db, client.id).status != "identified"
    decision = decide_identification(
        db,
        client.id,
        outcome="identified",
        reasons="Vrbovanje obmanom i eksploatacija rada deteta.",
        case_id=case.id,
        report_id=report.id,
        screening_id=screening.id,
    )
    assert decision.payload["days_from_report"] == 5
    assert get_client(db, client.id).status == "identified"
    [closed] = followups_of_client(db, client.id)
    assert closed.done_at is not None
    with db.session() as s:
        kinds = list(s.execute(select(Event.kind).where(Event.case_id == case.id)).scalars())
    assert sorted(kinds) == [
        "identification_decision",
        "identification_report",
        "screening",
        "status_change",
    ]


def test_a_new_list_version_keeps_old_screenings_intact(db: Database) -> None:
    client = create_client(db, {"nickname": "Vesna"})
    v1 = current_list(db, "formal")
    old = record_screening(
        db,
        client.id,
        list_id=v1.id,
        stage="formal",
        indicator_set="adult_sexual",
        observed={"ec_clients": None},
    )
    data = seed_data()
    data["items"] = [i for i in data["items"] if i["code"] != "ec_clients"]
    data["items"].append(
        {
            "code": "ec_online",
            "dimension": "exploitative_conditions",
            "weight": {"adult_sexual": "strong"},
            "en": "Forced to produce online sexual content",
            "sr": "Prisiljena da proizvodi seksualni sadržaj na internetu",
        }
    )
    v2 = add_version(db, "formal", data, "Dodat indikator eksploatacije na internetu")
    assert v2.version == 2 and current_list(db, "formal").id == v2.id
    # The old screening still reads the version it used, with the item that v2 dropped.
    assert old.payload["list_version"] == 1
    assert get_list(db, old.payload["list_id"]).indicators.item("ec_clients") is not None
    with pytest.raises(ValidationFailed, match="not in version 2"):
        record_screening(
            db,
            client.id,
            list_id=v2.id,
            stage="formal",
            indicator_set="adult_sexual",
            observed={"ec_clients": None},
        )
    bad = dict(
        data, items=[{"code": "x", "dimension": "nowhere", "weight": {}, "en": "", "sr": ""}]
    )
    with pytest.raises(ValidationFailed, match="1 problems"):
        add_version(db, "formal", bad, None)


def test_child_interview_and_capacity_are_structured_records(db: Database) -> None:
    client = create_client(db, {"nickname": "Maja"})
    interview = record_child_interview(
        db,
        client.id,
        {"school": "Ne ide u školu od marta.", "work": "Prosi na raskrsnici."},
        guardian_present=True,
        duration_minutes=40,
    )
    assert interview.payload["answers"]["family"] is None
    assert interview.payload["guardian_present"] is True
    with pytest.raises(ValidationFailed, match="at least one topic"):
        record_child_interview(db, client.id, {})
    capacity = record_capacity(
        db,
        client.id,
        capacity="limited",
        reasons="Znaci traume; potrebna osoba od poverenja.",
        trauma_signs=True,
        needs_support_person=True,
    )
    assert capacity.payload["capacity"] == "limited"
    with pytest.raises(ValidationFailed):
        record_capacity(db, client.id, capacity="maybe", reasons="")


def test_roles_gate_identification_and_list_versions(db: Database) -> None:
    client = create_client(db, {"nickname": "Iva"})
    uid = db.add_user("mira", "Mira Jović", "operator", "lozinka-operaterke-1")
    db.actor = Actor(uid, "mira", "operator")
    report = record_report(db, client.id, source_kind="sos_line", grounds="Poziv na SOS liniju.")
    assert report.kind == "identification_report"
    with pytest.raises(NotAllowed) as err:
        decide_identification(db, client.id, outcome="identified", reasons="x")
    assert err.value.code == "casework.not_allowed"
    with pytest.raises(NotAllowed):
        add_version(db, "formal", seed_data(), None)
    assert case_list(db) == []  # an operator sees the case list (no cases yet)
    db.actor = Actor(uid, "mira", "volunteer")
    with pytest.raises(NotAllowed):
        case_list(db)  # a volunteer does not

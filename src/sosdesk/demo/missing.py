"""Demo 116 000 work: missing-child cases opened from the demo's 116 000 calls.

About half of the calls on the 116 000 line open a case; the first cases of the last year go
through every category of Missing Children Europe, international ones name the countries, one
child runs away again (a repeat episode), older cases have an outcome and support after it,
recent ones are still searched for. Written in bulk like the rest of the demo (never synced).
"""

from __future__ import annotations

import calendar
import time
from typing import Any

from sosdesk.demo import corpus
from sosdesk.demo.bulk import Bulk, insert_rows, iso, js
from sosdesk.demo.context import DemoContext
from sosdesk.domain.ids import new_id
from sosdesk.domain.missing_children import INTERNATIONAL, MC_CATEGORY, RUNAWAY

CASE_COLS = (
    "id",
    "created_at",
    "updated_hlc",
    "origin_device",
    "version",
    "code",
    "call_id",
    "opened_at",
    "opened_by",
    "previous_id",
    "child_name",
    "child_aliases",
    "birth_date",
    "age",
    "gender",
    "citizenship",
    "languages",
    "living",
    "description",
    "reporter_kind",
    "reporter_relation",
    "contact_channel",
    "last_seen_on",
    "last_seen_place",
    "circumstances",
    "category",
    "countries",
    "risks",
    "outcome",
    "outcome_on",
    "found_where",
    "found_by",
    "after",
    "closed_at",
)
STEP_COLS = (
    "id",
    "created_at",
    "updated_hlc",
    "origin_device",
    "version",
    "case_id",
    "kind",
    "occurred_at",
    "author_id",
    "payload",
)
DAY = 86400
ABROAD_COUNTRIES = ("DE", "AT", "HU", "HR", "BA", "ME", "IT", "GR", "TR")
CIRCUMSTANCES = (
    "Posle svađe sa roditeljima izašla iz kuće i nije se vratila.",
    "Nije se vratio iz škole; telefon isključen.",
    "Otac je odveo dete tokom viđanja i ne javlja se.",
    "Napustio prihvatni centar noću sa grupom mladića.",
    "Poslednji put viđena na autobuskoj stanici sa nepoznatim muškarcem.",
    "Pobegla iz doma, drugarica kaže da je otišla kod dečka.",
)
RELATION = {"parent": "majka", "guardian": "staratelj", "institution": "vaspitač u domu"}


def _day(ts: float) -> str:
    return time.strftime("%Y-%m-%d", time.gmtime(ts))


def _calls(bulk: Bulk) -> list[tuple[str, str]]:
    # Calls without a case yet: a demo grown a second time adds cases for its new calls only.
    with bulk as conn:
        rows = conn.execute(
            "SELECT id, started_at FROM calls WHERE line = 'missing_116000'"
            " AND id NOT IN (SELECT call_id FROM missing_cases WHERE call_id IS NOT NULL)"
            " ORDER BY started_at"
        ).fetchall()
    return [(str(r[0]), str(r[1])) for r in rows]


def _codes_so_far(bulk: Bulk, desk: str) -> dict[int, int]:
    """The last case number of each year already in the database (codes go on from there)."""
    prefix = f"NC-{desk}-"
    with bulk as conn:
        rows = conn.execute(
            "SELECT substr(code, ?, 4), max(CAST(substr(code, ?) AS INTEGER)) FROM missing_cases"
            " WHERE code LIKE ? GROUP BY 1",
            (len(prefix) + 1, len(prefix) + 6, prefix + "%"),
        ).fetchall()
    return {int(year): int(last) for year, last in rows}


def _ts(stamp: str) -> float:
    return float(calendar.timegm(time.strptime(stamp[:19], "%Y-%m-%dT%H:%M:%S")))


def generate_missing(g: DemoContext, bulk: Bulk) -> int:
    """Cases for the demo's 116 000 calls (every category in the last year); returns how many."""
    r = g.r
    calls = _calls(bulk)
    last_year = time.gmtime(g.now).tm_year
    categories = MC_CATEGORY.codes()
    cases: list[tuple[Any, ...]] = []
    steps: list[tuple[Any, ...]] = []
    seq = _codes_so_far(bulk, g.db.desk.desk_code)
    runaways: list[tuple[str, str, int, str]] = []  # id, name, age, gender of earlier runaways
    in_last_year = 0
    for call_id, started in calls:
        opened = _ts(started)
        year = time.gmtime(opened).tm_year
        if year == last_year and in_last_year < len(categories):
            category = categories[in_last_year]  # every category at least once
            in_last_year += 1
        elif r.random() < 0.3:
            category = r.choices(categories, [30, 6, 8, 6, 3, 10, 6, 2])[0]
        else:
            continue
        person = g.person()
        previous = None
        if category in RUNAWAY and runaways and r.random() < 0.15:
            previous, name, age, gender = r.choice(runaways)  # the same child runs away again
        else:
            gender = r.choice(["female", "male"])
            given = r.choice(corpus.MALE if gender == "male" else corpus.FEMALE)
            name = f"{given} {person['family']}"
            age = r.randint(13, 17) if category in RUNAWAY else r.randint(3, 16)
        seq[year] = seq.get(year, 0) + 1
        case_id = new_id()
        international = category in INTERNATIONAL or (
            category == "criminal_abduction" and r.random() < 0.5
        )
        countries = r.sample(ABROAD_COUNTRIES, r.choice([1, 1, 2])) if international else []
        reporter = r.choices(
            ["parent", "guardian", "institution", "police", "child", "public"],
            [50, 8, 20, 10, 4, 8],
        )[0]
        living = (
            "migrant_centre"
            if category == "migrant"
            else r.choice(["family", "family", "family", "institution", "foster"])
        )
        risks = r.sample(["violence", "exploitation", "trafficking", "substance", "online"], 1)
        risks = risks if r.random() < 0.35 else []
        last_seen = opened - r.uniform(0.2, 2.5) * DAY
        age_now = r.random() < 0.15  # a few come with only the age, no date of birth
        closed = opened < g.now - 45 * DAY or r.random() < 0.3
        outcome = (
            r.choices(["found_alive", "found_deceased", "not_found"], [92, 1, 7])[0]
            if closed
            else None
        )
        outcome_at = min(g.now - 3600, opened + r.uniform(0.5, 30) * DAY)
        after = (
            r.choice(["returned_home", "returned_home", "placed"])
            if outcome == "found_alive"
            else None
        )
        if outcome == "not_found":
            # Not found at year end: the search stays open into the next year.
            outcome, closed = None, False
        city = r.choice(corpus.CITIES)
        cases.append(
            (
                case_id,
                iso(opened),
                g.hlc(),
                g.device,
                1,
                f"NC-{g.db.desk.desk_code}-{year}-{seq[year]:04d}",
                call_id,
                iso(opened),
                g.user,
                previous,
                name,
                js([]),
                None if age_now else f"{year - age}-{r.randint(1, 12):02d}-{r.randint(1, 28):02d}",
                age,
                gender,
                "RS" if category != "migrant" else r.choice(["AF", "SY", "PK", "MA"]),
                js(["sr"] if category != "migrant" else ["fa", "en"]),
                living,
                None,
                reporter,
                RELATION.get(reporter),
                r.choices(["phone", "email", "chat", "in_person"], [80, 10, 5, 5])[0],
                _day(last_seen),
                city,
                r.choice(CIRCUMSTANCES),
                category,
                js(countries),
                js(risks),
                outcome,
                _day(outcome_at) if outcome else None,
                city if outcome else None,
                "policija" if outcome else None,
                after,
                iso(outcome_at) if outcome else None,
            )
        )
        if category in RUNAWAY and previous is None:
            runaways.append((case_id, name, age, gender))

        def step(kind: str, at: float, payload: dict[str, str], cid: str = case_id) -> None:
            steps.append(
                (new_id(), iso(at), g.hlc(), g.device, 1, cid, kind, iso(at), g.user, js(payload))
            )

        if r.random() < 0.85:
            step(
                "police_report",
                opened + 3600,
                {"station": f"PU {city}", "case_number": f"KU {r.randint(100, 9999)}/{year % 100}"},
            )
        step("family_call", opened + DAY, {"note": "porodica obaveštena o toku potrage"})
        if r.random() < 0.5:
            step("csw_contact", opened + 2 * 3600, {"with": f"CSR {city}"})
        for country in countries:
            step("foreign_line", opened + 5 * 3600, {"country": country})
        if r.random() < 0.15:
            step("media_appeal", opened + 2 * DAY, {"channel": "TV", "consent_by": "majka"})
        if outcome is not None:
            for support in r.sample(["psychological", "legal", "reintegration"], r.choice([1, 2])):
                step(
                    "support",
                    outcome_at + r.uniform(1, 10) * DAY,
                    {"support": support, "to": r.choice(["child", "family"])},
                )
    steps = [s for s in steps if s[7] <= iso(g.now)]
    with bulk as conn:
        insert_rows(conn, "missing_cases", CASE_COLS, cases)
        insert_rows(conn, "missing_steps", STEP_COLS, steps)
    return len(cases)

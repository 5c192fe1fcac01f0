"""Demo clients: people with names, phones, statuses and consent, and their search entries."""

from __future__ import annotations

import time
from datetime import UTC, datetime

from sosdesk.demo import corpus
from sosdesk.demo.bulk import CHUNK, Bulk, insert_rows, iso, js
from sosdesk.demo.context import DemoClient, DemoContext, Progress
from sosdesk.domain.folding import fold
from sosdesk.domain.ids import new_id
from sosdesk.domain.vocab import EXPLOITATION, MEANS_OF_CONTROL, RECRUITER_RELATION
from sosdesk.services import search_index
from sosdesk.store.database import Database
from sosdesk.store.models import CodeCounter

CLIENT_COLS = (
    "id",
    "created_at",
    "updated_hlc",
    "origin_device",
    "version",
    "code",
    "given_name",
    "family_name",
    "nickname",
    "aliases",
    "gender",
    "birth_date",
    "birth_year",
    "estimated_age",
    "citizenship",
    "languages",
    "phones",
    "address",
    "status",
    "exploitation_types",
    "means_of_control",
    "recruiter_relation",
    "recruitment_countries",
    "exploitation_countries",
    "consent_date",
    "consent_scope",
    "consent_share_institutions",
    "risk_level",
    "notes",
    "extra",
)


def generate_clients(db: Database, g: DemoContext, n: int, report: Progress) -> list[DemoClient]:
    """Insert `n` clients with desk codes counted on from the desk's counters."""
    r = g.r
    out: list[DemoClient] = []
    bulk = Bulk(db)
    try:
        with db.session() as s:
            counters = {(c.desk, c.year): c.last for c in s.query(CodeCounter).all()}
        desk = db.desk.desk_code
        done = 0
        while done < n:
            size = min(CHUNK, n - done)
            rows, index = [], []
            for _ in range(size):
                p = g.person()
                registered = r.uniform(g.start, g.now - 3600)
                year = datetime.fromtimestamp(registered, UTC).year
                counters[(desk, year)] = counters.get((desk, year), 0) + 1
                code = f"{desk}-{year}-{counters[(desk, year)]:04d}"
                cid = new_id()
                age = r.choices(
                    [r.randint(9, 17), r.randint(18, 29), r.randint(30, 60)], [2, 5, 3]
                )[0]
                birth_year = datetime.fromtimestamp(registered, UTC).year - age
                status = r.choices(
                    ["potential", "presumed", "identified", "not_victim", "unknown"],
                    [35, 25, 15, 10, 15],
                )[0]
                victim = status in ("presumed", "identified", "potential")
                expl = r.sample(EXPLOITATION.codes()[:8], r.choice([1, 1, 1, 2])) if victim else []
                means = r.sample(MEANS_OF_CONTROL.codes(), r.randint(1, 4)) if victim else []
                phones = [g.phone(p["prefix"])] if r.random() < 0.8 else []
                nick = r.choice(corpus.NICKNAMES) if r.random() < 0.2 else None
                exploit_cc = (
                    [r.choice(["RS", "DE", "AT", "TR", "AE", "IT", "GR"])] if victim else []
                )
                row = (
                    cid,
                    iso(registered),
                    g.hlc(),
                    g.device,
                    1,
                    code,
                    p["given"],
                    p["family"],
                    nick,
                    js([]),
                    p["gender"],
                    None,
                    birth_year,
                    age,
                    p["citizenship"],
                    js([p["language"]]),
                    js(phones),
                    None,
                    status,
                    js(expl),
                    js(means),
                    r.choice(RECRUITER_RELATION.codes()) if victim else None,
                    js([p["citizenship"]] if victim else []),
                    js(exploit_cc),
                    time.strftime("%Y-%m-%d", time.gmtime(registered))
                    if r.random() < 0.7
                    else None,
                    "obrada podataka radi pružanja pomoći",
                    int(r.random() < 0.5),
                    r.choices(["low", "medium", "high", "unknown"], [4, 3, 2, 1])[0],
                    None,
                    js({}),
                )
                rows.append(row)
                out.append(DemoClient(cid, code, registered, status))
                body = " ".join(
                    [
                        *search_index.code_tokens(code),
                        fold(p["given"]),
                        fold(p["family"]),
                        fold(nick or ""),
                        *search_index.phone_tokens(phones),
                    ]
                )
                index.append((cid, body))
            with bulk as conn:
                insert_rows(conn, "clients", CLIENT_COLS, rows)
                for (desk_, year), last in counters.items():
                    conn.execute(
                        "INSERT INTO code_counters (desk, year, last) VALUES (?, ?, ?) "
                        "ON CONFLICT(desk, year) DO UPDATE SET last = excluded.last",
                        (desk_, year, last),
                    )
                search_index.put_many_raw(conn, "client", index)
            done += size
            report(done, n, "clients")
    finally:
        bulk.close()
    return out

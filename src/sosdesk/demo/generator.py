"""Seeded synthetic data at scale: a million calls in minutes, written in bulk.

Demo rows are written straight into the tables (and the search index) in chunks, without the
per-row outbox: they are local sample data, never to be synced. One audit entry records the run.
"""

from __future__ import annotations

import json
import random
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from sosdesk.demo import corpus
from sosdesk.demo.directory_seed import ENTRIES
from sosdesk.domain.folding import fold
from sosdesk.domain.ids import new_id
from sosdesk.domain.phones import normalise_phone
from sosdesk.domain.translit import latin_to_cyrillic
from sosdesk.domain.vocab import (
    ASSISTANCE,
    CLIENT_ROLE,
    EXPLOITATION,
    FIELD_ACTION,
    MEANS_OF_CONTROL,
    PROCEEDING,
    RECRUITER_RELATION,
)
from sosdesk.services import search_index
from sosdesk.store.database import Database
from sosdesk.store.models import CodeCounter, DirectoryEntry

Progress = Callable[[int, int, str], None]
CHUNK = 20_000
YEARS_BACK = 3
BENCH_CLIENT_EVENTS = 2_000  # one client gets exactly this long a timeline (benchmarks)


@dataclass(frozen=True)
class DemoResult:
    """What a demo run added."""

    calls: int
    clients: int
    events: int
    followups: int
    directory: int
    long_client_code: str | None


def _iso(ts: float) -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(ts)) + ".000000Z"


def _j(v: Any) -> str:
    return json.dumps(v, ensure_ascii=False)


class _Gen:
    def __init__(self, db: Database, seed: int) -> None:
        self.db = db
        self.r = random.Random(seed)
        self.now = time.time()
        self.start = self.now - YEARS_BACK * 365 * 86400
        self.device = db.desk.device_id
        self.user = db.actor.user_id
        self.directory_ids: list[str] = []

    def hlc(self) -> str:
        return self.db.clock.now().encode()

    def when(self) -> float:
        # Evenings and nights are busier on an SOS line: bias the hour.
        day = self.r.uniform(self.start, self.now)
        base = day - (day % 86400)
        hour = self.r.choices(
            range(24),
            weights=[3, 3, 2, 2, 1, 1, 1, 2, 3, 4, 5, 5, 5, 5, 5, 5, 5, 6, 7, 7, 7, 6, 5, 4],
        )[0]
        return min(self.now - 60, base + hour * 3600 + self.r.uniform(0, 3599))

    def phone(self, prefix: str = "381") -> str:
        if prefix == "381":
            raw = (
                "+3816"
                + str(self.r.choice([0, 1, 2, 3, 4, 5, 6, 9]))
                + str(self.r.randrange(10**6, 10**7))
            )
        else:
            raw = "+" + prefix + str(self.r.randrange(10**8, 10**9))
        return normalise_phone(raw)

    def person(self) -> dict[str, Any]:
        r = self.r
        if r.random() < 0.15:
            cit, lang, prefix, givens, families = r.choice(corpus.FOREIGN)
            given, family = r.choice(givens), r.choice(families)
            gender = r.choices(["female", "male"], [8, 2])[0]
        else:
            cit, lang, prefix = "RS", "sr", "381"
            gender = r.choices(["female", "male", "trans_nonbinary", "unknown"], [75, 20, 2, 3])[0]
            given = r.choice(corpus.MALE if gender == "male" else corpus.FEMALE)
            family = r.choice(corpus.FAMILY)
            if r.random() < 0.3:  # written down in Cyrillic by the operator
                given, family = latin_to_cyrillic(given), latin_to_cyrillic(family)
        return {
            "given": given,
            "family": family,
            "citizenship": cit,
            "language": lang,
            "prefix": prefix,
            "gender": gender,
        }


def generate(db: Database, calls: int, seed: int, progress: Progress | None = None) -> DemoResult:
    """Add `calls` calls with clients (one per ten calls), their timelines and follow-ups."""
    if calls < 1:
        raise ValueError("at least one call")
    g = _Gen(db, seed)
    report = progress or (lambda done, total, label: None)
    directory = _directory(db, g)
    n_clients = max(5, calls // 10)
    clients = _clients(db, g, n_clients, report)
    n_events, n_calls, followups, long_code = _calls_and_events(db, g, clients, calls, report)
    with db.transaction() as tx:
        tx.audit(
            "demo_generated",
            "database",
            None,
            {"calls": n_calls, "clients": len(clients), "events": n_events, "seed": seed},
        )
    return DemoResult(n_calls, len(clients), n_events, followups, directory, long_code)


def _directory(db: Database, g: _Gen) -> int:
    with db.transaction() as tx:
        existing = tx.session.query(DirectoryEntry.id).all()
        if existing:
            g.directory_ids = [row[0] for row in existing]
            return 0
        for kind, name, org, city, phone, langs, spec in ENTRIES:
            verified = date.fromordinal(date.today().toordinal() - g.r.randrange(10, 700))
            entry = DirectoryEntry(
                kind=kind,
                name=name,
                organisation=org or None,
                city=city or None,
                phones=[normalise_phone(phone)] if len(phone) > 4 else [],
                languages=list(langs),
                specialisation=spec or None,
                last_verified=verified,
                active=True,
            )
            tx.insert(entry)
            search_index.put(tx.session, "directory", entry.id, search_index.directory_body(entry))
            g.directory_ids.append(entry.id)
    return len(ENTRIES)


_CLIENT_COLS = (
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


def _insert(conn: Any, table: str, cols: tuple[str, ...], rows: list[tuple[Any, ...]]) -> None:
    marks = ", ".join("?" for _ in cols)
    conn.executemany(f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({marks})", rows)


class _Bulk:
    """Raw keyed connection with chunked IMMEDIATE transactions."""

    def __init__(self, db: Database) -> None:
        self.raw = db.engine.raw_connection()
        self.conn: Any = self.raw.driver_connection

    def __enter__(self) -> Any:
        self.conn.execute("BEGIN IMMEDIATE")
        return self.conn

    def __exit__(self, exc_type: Any, *_: Any) -> None:
        self.conn.execute("ROLLBACK" if exc_type else "COMMIT")

    def close(self) -> None:
        self.raw.close()


def _clients(db: Database, g: _Gen, n: int, report: Progress) -> list[tuple[str, str, float, str]]:
    """Insert clients; returns (id, code, registered-at) for each."""
    r = g.r
    out: list[tuple[str, str, float, str]] = []
    bulk = _Bulk(db)
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
                    _iso(registered),
                    g.hlc(),
                    g.device,
                    1,
                    code,
                    p["given"],
                    p["family"],
                    nick,
                    _j([]),
                    p["gender"],
                    None,
                    birth_year,
                    age,
                    p["citizenship"],
                    _j([p["language"]]),
                    _j(phones),
                    None,
                    status,
                    _j(expl),
                    _j(means),
                    r.choice(RECRUITER_RELATION.codes()) if victim else None,
                    _j([p["citizenship"]] if victim else []),
                    _j(exploit_cc),
                    time.strftime("%Y-%m-%d", time.gmtime(registered))
                    if r.random() < 0.7
                    else None,
                    "obrada podataka radi pružanja pomoći",
                    int(r.random() < 0.5),
                    r.choices(["low", "medium", "high", "unknown"], [4, 3, 2, 1])[0],
                    None,
                    _j({}),
                )
                rows.append(row)
                out.append((cid, code, registered, status))
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
                _insert(conn, "clients", _CLIENT_COLS, rows)
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


_CALL_COLS = (
    "id",
    "created_at",
    "updated_hlc",
    "origin_device",
    "version",
    "line",
    "direction",
    "started_at",
    "ended_at",
    "operator_id",
    "caller_type",
    "caller_phone",
    "language",
    "categories",
    "client_id",
    "summary",
    "actions_taken",
    "referrals_given",
    "urgency",
    "emergency_steps",
)
_EVENT_COLS = (
    "id",
    "created_at",
    "updated_hlc",
    "origin_device",
    "version",
    "client_id",
    "case_id",
    "kind",
    "occurred_at",
    "author_id",
    "payload",
    "amount_minor",
    "currency",
    "amends_id",
    "call_id",
)
_INFO_CATS = ("prevention_info", "work_abroad", "safe_migration", "labour_rights", "silent")
_CLIENT_CATS = (
    "victim_support",
    "report_suspicion",
    "legal_advice",
    "psychological",
    "follow_up",
    "missing_child",
)


def _summary(g: _Gen, templates: tuple[str, ...], name: str = "") -> str:
    text = g.r.choice(templates).format(
        abroad=g.r.choice(corpus.ABROAD), city=g.r.choice(corpus.CITIES), name=name
    )
    return latin_to_cyrillic(text) if g.r.random() < 0.25 else text


def _payload(
    g: _Gen, kind: str, dir_names: dict[str, str]
) -> tuple[dict[str, Any], int | None, str | None]:
    r = g.r
    if kind == "assistance":
        top = r.choice([t for t in ASSISTANCE if not t.group])
        subs = ASSISTANCE.in_group(top.code)
        provider = r.choice(g.directory_ids) if g.directory_ids else None
        costly = top.code in (
            "medical",
            "technical",
            "accommodation",
            "legal",
            "interpreter",
            "repatriation",
            "psychological",
        )
        amount = r.randrange(500, 60_000) * 100 if costly and r.random() < 0.7 else None
        currency = r.choice(["RSD"] * 9 + ["EUR"]) if amount else None
        if currency == "EUR" and amount:
            amount //= 100
        return (
            {
                "type": top.code,
                "subtype": r.choice(subs).code if subs else None,
                "provider_id": provider,
                "provider": dir_names.get(provider or ""),
                "note": None,
            },
            amount,
            currency,
        )
    if kind == "field_action":
        return (
            {
                "type": r.choice(FIELD_ACTION.codes()),
                "place": r.choice(corpus.CITIES),
                "accompanied_by": "mobilni tim",
                "note": None,
            },
            None,
            None,
        )
    if kind == "court_hearing":
        return (
            {
                "court": r.choice(
                    [
                        "Viši sud u Beogradu",
                        "Viši sud u Novom Sadu",
                        "Prvi osnovni sud u Beogradu",
                        "Viši sud u Nišu",
                    ]
                ),
                "court_id": None,
                "case_number": f"K {r.randint(1, 999)}/{r.randint(2022, 2026)}",
                "proceeding": r.choice(PROCEEDING.codes()),
                "client_role": r.choice(CLIENT_ROLE.codes()),
                "accompanied_by": "pravnica i psihološkinja",
                "outcome": r.choice(
                    ["ročište odloženo", "saslušana kao svedok", "presuda doneta", None]
                ),
                "note": None,
            },
            None,
            None,
        )
    if kind == "referral":
        entry = r.choice(g.directory_ids) if g.directory_ids else None
        return (
            {
                "entry_id": entry,
                "entry_name": dir_names.get(entry or ""),
                "reason": "potrebna stručna pomoć",
                "consent": True,
            },
            None,
            None,
        )
    return ({"text": _summary(g, corpus.CLIENT_SUMMARIES, "klijentkinja")}, None, None)


_EXTRA_KINDS = ("assistance", "field_action", "court_hearing", "referral", "note")
_EXTRA_WEIGHTS = (45, 20, 6, 9, 18)


def _calls_and_events(
    db: Database,
    g: _Gen,
    clients: list[tuple[str, str, float, str]],
    n_calls: int,
    report: Progress,
) -> tuple[int, int, int, str | None]:
    r = g.r
    bulk = _Bulk(db)
    dir_names: dict[str, str] = {}
    with db.session() as s:
        dir_names = {e.id: e.name for e in s.query(DirectoryEntry).all()}
    bench = clients[0]
    linkable = clients[1:] or clients
    n_events = 0
    try:
        done = 0
        while done < n_calls:
            size = min(CHUNK, n_calls - done)
            calls, events, call_index = [], [], []
            for _ in range(size):
                cid = new_id()
                client = r.choice(linkable) if r.random() < 0.3 else None
                started = g.when()
                if client is not None and started < client[2]:
                    started = r.uniform(client[2], g.now - 60)
                if client is None:
                    summary = _summary(g, corpus.INFO_SUMMARIES)
                    cats = [r.choice(_INFO_CATS)]
                    caller = r.choice(
                        ["citizen", "citizen", "family", "anonymous", "institution", "media"]
                    )
                    urgency = "routine"
                else:
                    summary = _summary(g, corpus.CLIENT_SUMMARIES, "klijentkinja")
                    cats = r.sample(_CLIENT_CATS, r.choice([1, 1, 2]))
                    caller = r.choice(["victim", "victim", "family", "friend", "institution"])
                    urgency = r.choices(["routine", "urgent", "immediate_danger"], [80, 15, 5])[0]
                steps = (
                    r.sample(["police_192", "centre_notified", "safety_plan", "mobile_team"], 2)
                    if urgency == "immediate_danger"
                    else []
                )
                phone = g.phone() if r.random() < 0.6 else None
                line = r.choices(
                    ["sos_24_7", "free_line", "missing_116000", "email", "walk_in", "field"],
                    [55, 30, 4, 6, 3, 2],
                )[0]
                hlc = g.hlc()
                calls.append(
                    (
                        cid,
                        _iso(started),
                        hlc,
                        g.device,
                        1,
                        line,
                        "incoming",
                        _iso(started),
                        _iso(started + r.randint(20, 1500)),
                        g.user,
                        caller,
                        phone,
                        "sr" if r.random() < 0.9 else r.choice(["en", "uk", "ro", "fa"]),
                        _j(cats),
                        client[0] if client else None,
                        summary,
                        None,
                        _j([]),
                        urgency,
                        _j(steps),
                    )
                )
                call_index.append(
                    (
                        cid,
                        " ".join(
                            [fold(summary), *search_index.phone_tokens([phone] if phone else [])]
                        ),
                    )
                )
                if client is not None:
                    events.append(
                        (
                            new_id(),
                            _iso(started),
                            hlc,
                            g.device,
                            1,
                            client[0],
                            None,
                            "call",
                            _iso(started),
                            g.user,
                            _j({"call_id": cid, "summary": summary}),
                            None,
                            None,
                            None,
                            cid,
                        )
                    )
            with bulk as conn:
                _insert(conn, "calls", _CALL_COLS, calls)
                _insert(conn, "events", _EVENT_COLS, events)
                search_index.put_many_raw(conn, "call", call_index)
            n_events += len(events)
            done += size
            report(done, n_calls, "calls")
        # Timelines beyond calls: most clients have a few events, a few hundred have long ones.
        n_long = max(3, len(clients) * 3 // 1000)
        plan = [(bench, BENCH_CLIENT_EVENTS)]
        for i, c in enumerate(clients[1:]):
            count = (
                r.randint(200, 1500)
                if i < n_long
                else r.choices([0, 1, 2, 3, 5, 8], [30, 20, 15, 15, 12, 8])[0]
            )
            plan.append((c, count))
        # Every presumed or identified client gets its status decision, even with no other events.
        total = sum(max(n, 1) if c[3] in ("presumed", "identified") else n for c, n in plan)
        written = 0
        rows: list[tuple[Any, ...]] = []
        for (client_id, _code, registered, status), count in plan:
            if status in ("presumed", "identified"):
                # The one decision that made the client's current status, as the Centre took it.
                at = r.uniform(registered, g.now - 60)
                decision = {
                    "from_status": "potential",
                    "to_status": status,
                    "note": None,
                    "decided_by": "Centar za zaštitu žrtava trgovine ljudima",
                }
                rows.append(
                    (
                        new_id(),
                        _iso(at),
                        g.hlc(),
                        g.device,
                        1,
                        client_id,
                        None,
                        "status_change",
                        _iso(at),
                        g.user,
                        _j(decision),
                        None,
                        None,
                        None,
                        None,
                    )
                )
                count = max(0, count - 1)
            for _ in range(count):
                kind = r.choices(_EXTRA_KINDS, _EXTRA_WEIGHTS)[0]
                payload, amount, currency = _payload(g, kind, dir_names)
                at = r.uniform(registered, g.now - 60)
                rows.append(
                    (
                        new_id(),
                        _iso(at),
                        g.hlc(),
                        g.device,
                        1,
                        client_id,
                        None,
                        kind,
                        _iso(at),
                        g.user,
                        _j(payload),
                        amount,
                        currency,
                        None,
                        None,
                    )
                )
            if len(rows) >= CHUNK:
                with bulk as conn:
                    _insert(conn, "events", _EVENT_COLS, rows)
                written += len(rows)
                rows = []
                report(written, total, "events")
        if rows:
            with bulk as conn:
                _insert(conn, "events", _EVENT_COLS, rows)
            written += len(rows)
        report(written, total, "events")
        n_events += written
        followups = _followups_and_cases(bulk, g, clients, n_long)
    finally:
        bulk.close()
    return n_events, n_calls, followups, bench[1]


def _followups_and_cases(
    bulk: _Bulk, g: _Gen, clients: list[tuple[str, str, float, str]], n_long: int
) -> int:
    r = g.r
    fu_rows, case_rows = [], []
    for client_id, _code, _registered, _status in r.sample(clients, min(len(clients), 60)):
        due = g.now + r.uniform(-3 * 86400, 7 * 86400)
        done = r.random() < 0.3 and due < g.now
        fu_rows.append(
            (
                new_id(),
                _iso(g.now),
                g.hlc(),
                g.device,
                1,
                _iso(due),
                r.choice(
                    [
                        "Pozvati klijentkinju radi provere bezbednosti",
                        "Dogovoriti pratnju na ročište",
                        "Proveriti smeštaj u skloništu",
                        "Javiti se advokatu u vezi sa tužbom",
                    ]
                ),
                client_id,
                None,
                g.user,
                _iso(due + 600) if done else None,
                g.user if done else None,
            )
        )
    for client_id, _code, registered, _status in clients[: n_long + 1]:
        phase = r.choice(["identification", "crisis", "recovery", "reintegration"])
        case_rows.append(
            (
                new_id(),
                _iso(registered),
                g.hlc(),
                g.device,
                1,
                client_id,
                _iso(registered),
                None,
                phase,
                None,
                g.user,
                None,
            )
        )
    with bulk as conn:
        _insert(
            conn,
            "followups",
            (
                "id",
                "created_at",
                "updated_hlc",
                "origin_device",
                "version",
                "due_at",
                "what",
                "client_id",
                "call_id",
                "assigned_to",
                "done_at",
                "done_by",
            ),
            fu_rows,
        )
        _insert(
            conn,
            "cases",
            (
                "id",
                "created_at",
                "updated_hlc",
                "origin_device",
                "version",
                "client_id",
                "opened_at",
                "closed_at",
                "phase",
                "close_reason",
                "manager_id",
                "notes",
            ),
            case_rows,
        )
    return len(fu_rows)

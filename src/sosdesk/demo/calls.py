"""Demo calls: information calls without a client and calls about a client (with the call's
entry on the client's timeline)."""

from __future__ import annotations

from sosdesk.demo import corpus
from sosdesk.demo.bulk import CHUNK, Bulk, insert_rows, iso, js
from sosdesk.demo.context import DemoClient, DemoContext, Progress
from sosdesk.demo.events import EVENT_COLS
from sosdesk.domain.folding import fold
from sosdesk.domain.ids import new_id
from sosdesk.services import search_index

CALL_COLS = (
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
INFO_CATS = ("prevention_info", "work_abroad", "safe_migration", "labour_rights", "silent")
CLIENT_CATS = (
    "victim_support",
    "report_suspicion",
    "legal_advice",
    "psychological",
    "follow_up",
    "missing_child",
)


def generate_calls(
    g: DemoContext, bulk: Bulk, clients: list[DemoClient], n_calls: int, report: Progress
) -> int:
    """Insert `n_calls` calls (three in ten about a client); returns the timeline entries made.

    The first client is kept out: its timeline is the benchmarks' fixed-length one.
    """
    r = g.r
    linkable = clients[1:] or clients
    n_events = 0
    done = 0
    while done < n_calls:
        size = min(CHUNK, n_calls - done)
        calls, events, call_index = [], [], []
        for _ in range(size):
            cid = new_id()
            client = r.choice(linkable) if r.random() < 0.3 else None
            started = g.when()
            if client is not None and started < client.registered:
                started = r.uniform(client.registered, g.now - 60)
            if client is None:
                summary = g.summary(corpus.INFO_SUMMARIES)
                cats = [r.choice(INFO_CATS)]
                caller = r.choice(
                    ["citizen", "citizen", "family", "anonymous", "institution", "media"]
                )
                urgency = "routine"
            else:
                summary = g.summary(corpus.CLIENT_SUMMARIES, "klijentkinja")
                cats = r.sample(CLIENT_CATS, r.choice([1, 1, 2]))
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
                    iso(started),
                    hlc,
                    g.device,
                    1,
                    line,
                    "incoming",
                    iso(started),
                    iso(started + r.randint(20, 1500)),
                    g.user,
                    caller,
                    phone,
                    "sr" if r.random() < 0.9 else r.choice(["en", "uk", "ro", "fa"]),
                    js(cats),
                    client.id if client else None,
                    summary,
                    None,
                    js([]),
                    urgency,
                    js(steps),
                )
            )
            call_index.append(
                (
                    cid,
                    " ".join([fold(summary), *search_index.phone_tokens([phone] if phone else [])]),
                )
            )
            if client is not None:
                events.append(
                    (
                        new_id(),
                        iso(started),
                        hlc,
                        g.device,
                        1,
                        client.id,
                        None,
                        "call",
                        iso(started),
                        g.user,
                        js({"call_id": cid, "summary": summary}),
                        None,
                        None,
                        None,
                        cid,
                    )
                )
        with bulk as conn:
            insert_rows(conn, "calls", CALL_COLS, calls)
            insert_rows(conn, "events", EVENT_COLS, events)
            search_index.put_many_raw(conn, "call", call_index)
        n_events += len(events)
        done += size
        report(done, n_calls, "calls")
    return n_events

"""Demo follow-ups (some overdue, some done) and cases for the clients with long timelines."""

from __future__ import annotations

from sosdesk.demo.bulk import Bulk, insert_rows, iso
from sosdesk.demo.context import DemoClient, DemoContext
from sosdesk.domain.ids import new_id

FOLLOWUP_COLS = (
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
)
CASE_COLS = (
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
)
TASKS = (
    "Pozvati klijentkinju radi provere bezbednosti",
    "Dogovoriti pratnju na ročište",
    "Proveriti smeštaj u skloništu",
    "Javiti se advokatu u vezi sa tužbom",
)


def generate_casework(g: DemoContext, bulk: Bulk, clients: list[DemoClient], n_long: int) -> int:
    """Follow-ups for up to 60 clients (due from three days ago to a week ahead) and an open
    case for the benchmark client and each long timeline; returns the follow-ups written."""
    r = g.r
    fu_rows, case_rows = [], []
    for client_id, _code, _registered, _status in r.sample(clients, min(len(clients), 60)):
        due = g.now + r.uniform(-3 * 86400, 7 * 86400)
        done = r.random() < 0.3 and due < g.now
        fu_rows.append(
            (
                new_id(),
                iso(g.now),
                g.hlc(),
                g.device,
                1,
                iso(due),
                r.choice(list(TASKS)),
                client_id,
                None,
                g.user,
                iso(due + 600) if done else None,
                g.user if done else None,
            )
        )
    for client_id, _code, registered, _status in clients[: n_long + 1]:
        phase = r.choice(["identification", "crisis", "recovery", "reintegration"])
        case_rows.append(
            (
                new_id(),
                iso(registered),
                g.hlc(),
                g.device,
                1,
                client_id,
                iso(registered),
                None,
                phase,
                None,
                g.user,
                None,
            )
        )
    with bulk as conn:
        insert_rows(conn, "followups", FOLLOWUP_COLS, fu_rows)
        insert_rows(conn, "cases", CASE_COLS, case_rows)
    return len(fu_rows)

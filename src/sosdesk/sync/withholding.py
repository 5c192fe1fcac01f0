"""Office -> desk: which sensitive records a desk must not receive (docs/architecture.md,
"Sync respects roles").

A sensitive event (assistance: medical, psychological and other help with its costs; a court
hearing) or an amendment of one is withheld from a desk when, at the moment the event was
written, its client had an open case whose case managers were all users of other desks (or
of the office). Clients without a case manager are seen by every consultant, so their events
travel. The decision is taken from the office's outbox up to the event itself, so it never
changes later: a batch written again has the same content, an event withheld once is never
sent afterwards, and an amendment follows the event it corrects.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from sosdesk.services.events import SENSITIVE_KINDS

AMENDMENT = "amendment"
_FETCH = 2000


@dataclass
class _State:
    """What the fold knows at one outbox position."""

    desk_users: set[str] = field(default_factory=set)
    cases: dict[str, dict[str, Any]] = field(default_factory=dict)  # case id -> columns
    by_client: dict[Any, set[str]] = field(default_factory=dict)  # client id -> case ids
    withheld: dict[str, bool] = field(default_factory=dict)  # sensitive event id -> withheld

    def case_changed(self, case_id: str, op: str, fields: dict[str, Any]) -> None:
        old = self.cases.get(case_id, {}).get("client_id")
        if op == "delete":
            self.cases.pop(case_id, None)
        else:
            self.cases.setdefault(case_id, {}).update(fields)
        new = self.cases.get(case_id, {}).get("client_id")
        if old != new:  # a merge may move a case to another client
            self.by_client.get(old, set()).discard(case_id)
        if new is not None:
            self.by_client.setdefault(new, set()).add(case_id)

    def managed_elsewhere(self, client_id: Any) -> bool:
        managers = set()
        for case_id in self.by_client.get(client_id, ()):
            case = self.cases[case_id]
            if case.get("closed_at") is None and case.get("manager_id") is not None:
                managers.add(case["manager_id"])
        return bool(managers) and not (managers & self.desk_users)


@dataclass(frozen=True)
class Withheld:
    """Outbox positions to leave out of one batch, and their counts by table and kind."""

    seqs: frozenset[int]
    counts: dict[str, int]

    @property
    def total(self) -> int:
        return len(self.seqs)


def withheld_for(conn: Any, desk_device: str, first: int, last: int) -> Withheld:
    """The sensitive changes in [first, last] that the desk `desk_device` must not receive."""
    kinds = sorted(SENSITIVE_KINDS | {AMENDMENT})
    marks = ",".join("?" * len(kinds))
    cur = conn.execute(
        "SELECT seq, entity, entity_id, op, fields, origin_device FROM changes "
        "WHERE seq <= ? AND (entity IN ('cases', 'users') OR (entity = 'events' AND "
        f"json_extract(fields, '$.kind') IN ({marks}))) ORDER BY seq",
        (last, *kinds),
    )
    state = _State()
    seqs: set[int] = set()
    counts: Counter[str] = Counter()
    while rows := cur.fetchmany(_FETCH):
        for seq, entity, entity_id, op, raw, origin in rows:
            fields = json.loads(raw) if raw else {}
            if entity == "users":
                if op == "insert" and origin == desk_device:
                    state.desk_users.add(entity_id)
            elif entity == "cases":
                state.case_changed(entity_id, op, fields)
            elif (
                op == "insert"
                and _decide(state, entity_id, fields, origin == desk_device)
                and seq >= first
            ):
                seqs.add(int(seq))
                counts[f"events.{fields.get('kind')}"] += 1
    return Withheld(frozenset(seqs), dict(sorted(counts.items())))


def _decide(state: _State, event_id: str, fields: dict[str, Any], own: bool) -> bool:
    """Record and return whether this sensitive event (or amendment) is withheld."""
    if fields.get("kind") == AMENDMENT:
        target = fields.get("amends_id")
        if target not in state.withheld:
            return False  # an amendment of an ordinary event is ordinary
        hold = state.withheld[target] and not own
    else:
        hold = not own and state.managed_elsewhere(fields.get("client_id"))
    state.withheld[event_id] = hold
    return hold

"""Who may do what in casework, until the shared roles matrix takes this over."""

from __future__ import annotations

from sosdesk.services.errors import NotAllowed
from sosdesk.store.database import Database

PROFESSIONALS = frozenset({"consultant", "coordinator"})
COORDINATORS = frozenset({"coordinator"})

PERMISSIONS: dict[str, frozenset[str]] = {
    "casework.identify": PROFESSIONALS,  # screenings, decisions, interviews, capacity
    "casework.report": frozenset({"operator", *PROFESSIONALS}),  # record a report received
    "casework.needs": PROFESSIONALS,
    "casework.reassign": COORDINATORS,
    "casework.approve": COORDINATORS,  # approve a protection plan
    "casework.workload": COORDINATORS,
    # The case list names clients by code with phase and risk: not for volunteers or auditors.
    "casework.case_list": frozenset({"operator", *PROFESSIONALS}),
    "indicator_lists.edit": COORDINATORS,
}


def require(db: Database, permission: str) -> None:
    """Raise NotAllowed unless the unlocked user's role holds `permission`."""
    role = db.actor.role
    if role not in PERMISSIONS[permission]:
        raise NotAllowed("casework.not_allowed", role=role, permission=permission)

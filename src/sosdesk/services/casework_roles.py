"""Casework's names for its permissions, checked by the one gate (`services.access`).

Who holds each is the role matrix (`domain/roles.py`, shown in docs/roles.md).
"""

from __future__ import annotations

from sosdesk.domain import roles
from sosdesk.services import access
from sosdesk.services.errors import NotAllowed
from sosdesk.store.database import Database

# The names casework's services use -> the matrix's permissions.
PERMISSIONS: dict[str, str] = {
    "casework.identify": roles.CASEWORK_IDENTIFY,  # screenings, decisions, interviews, capacity
    "casework.report": roles.CASEWORK_REPORT,  # record a report received
    "casework.needs": roles.CASEWORK_NEEDS,
    "casework.reassign": roles.CASEWORK_REASSIGN,
    "casework.approve": roles.CASEWORK_APPROVE,  # approve a protection plan
    "casework.workload": roles.CASEWORK_WORKLOAD,
    # The case list names clients by code with phase and risk: not for volunteers or auditors.
    "casework.case_list": roles.CASEWORK_CASE_LIST,
    "indicator_lists.edit": roles.EDIT_INDICATOR_LISTS,
}


def require(db: Database, permission: str) -> None:
    """Raise NotAllowed unless the unlocked user's role holds `permission` in the matrix."""
    needed = PERMISSIONS[permission]
    try:
        access.require(db, needed)
    except NotAllowed:
        # Casework's refusals keep their own code (its screens and tests know it); the text
        # names the matrix permission the role lacks.
        raise NotAllowed("casework.not_allowed", role=db.actor.role, permission=needed) from None

"""Who may do what: the roles, every permission the services check, and the matrix as data.

The matrix is the single source of truth: `services/access.py` enforces it and
`docs/roles.md` shows it as a table (a test keeps the two equal).
"""

from __future__ import annotations

from typing import Final

# Roles (codes stored in users.role; the vocabulary ROLE carries their names).
VOLUNTEER: Final = "volunteer"  # an operator in training
OPERATOR: Final = "operator"
CONSULTANT: Final = "consultant"  # case manager
COORDINATOR: Final = "coordinator"
AUDITOR: Final = "auditor"  # read-only: the audit and statistics, no client data

ROLES: Final[tuple[str, ...]] = (VOLUNTEER, OPERATOR, CONSULTANT, COORDINATOR, AUDITOR)

# Permissions.
TAKE_CALLS: Final = "take_calls"
SEE_SAFETY_CARD: Final = "see_safety_card"
SEE_CLIENT_FILE: Final = "see_client_file"  # the full file; consultants: scoped, see below
SEE_SENSITIVE: Final = "see_sensitive"  # medical/psychological details, court, costs
BREAK_GLASS: Final = "break_glass"  # open a full file in a crisis after typing a reason
ADD_EVENT_CONTACT: Final = "add_event_contact"  # contacts, field actions, follow-ups
ADD_EVENT_ASSISTANCE: Final = "add_event_assistance"  # assistance incl. medical/psychological
ADD_EVENT_LEGAL: Final = "add_event_legal"  # court hearings and proceedings
CORRECT: Final = "correct"
PRINT_LETTER: Final = "print_letter"  # referral letters, certificates
PRINT_COURT: Final = "print_court"  # court documents
PRINT_COSTS: Final = "print_costs"  # cost statements
EXPORT_BATCH: Final = "export_batch"
IMPORT_OFFICE: Final = "import_office"
RUN_STATISTICS: Final = "run_statistics"
SEE_RECORDS_BEHIND: Final = "see_records_behind"
PUBLISH: Final = "publish"  # annual report, CTDC export
BACKUP_RESTORE: Final = "backup_restore"
MANAGE_USERS: Final = "manage_users"
EDIT_DIRECTORY: Final = "edit_directory"
EDIT_ORGANISATION: Final = "edit_organisation"
READ_AUDIT: Final = "read_audit"
REVIEW_EMERGENCY: Final = "review_emergency"
# The office tools (backup and restore are BACKUP_RESTORE).
CHECK_DATABASE: Final = "check_database"  # pages, encryption and the audit chain
SEE_PRINT_REGISTER: Final = "see_print_register"  # every document issued here
VERIFY_DOCUMENT: Final = "verify_document"  # was this PDF issued here, unchanged?
# Missing children (the 116 000 line).
OPEN_MISSING_CASE: Final = "open_missing_case"  # from a call; a volunteer sees her own only
SEE_MISSING_CASES: Final = "see_missing_cases"  # every case with the child's name
RECORD_MISSING_SEARCH: Final = "record_missing_search"  # steps, outcome, family call-backs
MISSING_FIGURES: Final = "missing_figures"  # the yearly 116 000 figures
# The Centre's casework.
CASEWORK_REPORT: Final = "casework_report"  # record a report received
CASEWORK_IDENTIFY: Final = "casework_identify"  # screenings, decisions, interviews, capacity
CASEWORK_NEEDS: Final = "casework_needs"  # needs assessments and protection plans
CASEWORK_APPROVE: Final = "casework_approve"  # approve a protection plan
CASEWORK_REASSIGN: Final = "casework_reassign"  # give a case another case manager
CASEWORK_WORKLOAD: Final = "casework_workload"  # the case managers' caseload
CASEWORK_CASE_LIST: Final = "casework_case_list"  # clients by code with phase and risk
EDIT_INDICATOR_LISTS: Final = "edit_indicator_lists"
# Corrections and forgetting across desks.
CORRECT_CALL: Final = "correct_call"  # a call's fields, with a reason
RELINK_CALL: Final = "relink_call"  # move a call to another client
MERGE_CLIENTS: Final = "merge_clients"
LIST_DUPLICATES: Final = "list_duplicates"  # likely duplicates across desks
ANONYMISE_CLIENT: Final = "anonymise_client"
ERASE_CLIENT: Final = "erase_client"
SET_RETENTION: Final = "set_retention"  # change and apply the retention rules
SET_PRIVACY_BUDGET: Final = "set_privacy_budget"  # the statistics' yearly privacy budget
RE_ENROL_DESK: Final = "re_enrol_desk"  # the office accepts a revoked desk again

PERMISSIONS: Final[tuple[str, ...]] = (
    TAKE_CALLS,
    SEE_SAFETY_CARD,
    SEE_CLIENT_FILE,
    SEE_SENSITIVE,
    BREAK_GLASS,
    ADD_EVENT_CONTACT,
    ADD_EVENT_ASSISTANCE,
    ADD_EVENT_LEGAL,
    CORRECT,
    PRINT_LETTER,
    PRINT_COURT,
    PRINT_COSTS,
    EXPORT_BATCH,
    IMPORT_OFFICE,
    RUN_STATISTICS,
    SEE_RECORDS_BEHIND,
    PUBLISH,
    BACKUP_RESTORE,
    MANAGE_USERS,
    EDIT_DIRECTORY,
    EDIT_ORGANISATION,
    READ_AUDIT,
    REVIEW_EMERGENCY,
    CHECK_DATABASE,
    SEE_PRINT_REGISTER,
    VERIFY_DOCUMENT,
    OPEN_MISSING_CASE,
    SEE_MISSING_CASES,
    RECORD_MISSING_SEARCH,
    MISSING_FIGURES,
    CASEWORK_REPORT,
    CASEWORK_IDENTIFY,
    CASEWORK_NEEDS,
    CASEWORK_APPROVE,
    CASEWORK_REASSIGN,
    CASEWORK_WORKLOAD,
    CASEWORK_CASE_LIST,
    EDIT_INDICATOR_LISTS,
    CORRECT_CALL,
    RELINK_CALL,
    MERGE_CLIENTS,
    LIST_DUPLICATES,
    ANONYMISE_CLIENT,
    ERASE_CLIENT,
    SET_RETENTION,
    SET_PRIVACY_BUDGET,
    RE_ENROL_DESK,
)

# Permissions that a consultant holds only for her own clients and clients without a case
# manager; every other role holding them holds them for every client.
CLIENT_SCOPED: Final[frozenset[str]] = frozenset(
    {SEE_CLIENT_FILE, SEE_SENSITIVE, ADD_EVENT_ASSISTANCE, ADD_EVENT_LEGAL, CORRECT}
    | {PRINT_LETTER, PRINT_COURT, PRINT_COSTS}
)
SCOPED_ROLES: Final[frozenset[str]] = frozenset({CONSULTANT})

_CALLS = {TAKE_CALLS, SEE_SAFETY_CARD}
_DESK = _CALLS | {ADD_EVENT_CONTACT, EXPORT_BATCH, BREAK_GLASS}
_CASEWORK = {SEE_CLIENT_FILE, SEE_SENSITIVE, ADD_EVENT_ASSISTANCE, ADD_EVENT_LEGAL, CORRECT}
_PRINT = {PRINT_LETTER, PRINT_COURT, PRINT_COSTS}
_STATS = {RUN_STATISTICS}
# What the areas built beside the matrix let through, kept as they were (coordinators hold
# every permission but breaking the glass).
_MISSING_CALLS = {OPEN_MISSING_CASE}
_MISSING_DESK = _MISSING_CALLS | {SEE_MISSING_CASES, RECORD_MISSING_SEARCH}
_CASEWORK_DESK = {CASEWORK_REPORT, CASEWORK_CASE_LIST}
_CASEWORK_PRO = _CASEWORK_DESK | {CASEWORK_IDENTIFY, CASEWORK_NEEDS}
_FIX_CALLS = {CORRECT_CALL}
_FIX_CLIENTS = _FIX_CALLS | {RELINK_CALL, MERGE_CLIENTS, LIST_DUPLICATES}

MATRIX: Final[dict[str, frozenset[str]]] = {
    VOLUNTEER: frozenset(_CALLS | _MISSING_CALLS),
    # The numbers, never the records behind them.
    OPERATOR: frozenset(_DESK | _STATS | _MISSING_DESK | _CASEWORK_DESK | _FIX_CALLS),
    CONSULTANT: frozenset(
        _DESK
        | _CASEWORK
        | _PRINT
        | _STATS
        | {SEE_RECORDS_BEHIND, PUBLISH}
        | _MISSING_DESK
        | {MISSING_FIGURES}
        | _CASEWORK_PRO
        | _FIX_CLIENTS
    ),
    COORDINATOR: frozenset(PERMISSIONS) - {BREAK_GLASS},
    AUDITOR: frozenset({RUN_STATISTICS, READ_AUDIT}),
}

# Which permission adding an event of each kind needs (kinds not listed: contact, that is
# calls, field actions, referrals and notes; an amendment needs CORRECT).
EVENT_KIND_PERMISSION: Final[dict[str, str]] = {
    "assistance": ADD_EVENT_ASSISTANCE,
    "court_hearing": ADD_EVENT_LEGAL,
    "status_change": ADD_EVENT_LEGAL,
    "document_issued": PRINT_LETTER,
    "amendment": CORRECT,
}

# Which permission printing each document kind needs (kinds not listed: chronology,
# certificate and referral letter).
DOCUMENT_KIND_PERMISSION: Final[dict[str, str]] = {
    "costs": PRINT_COSTS,
    "accompaniment": PRINT_COURT,
}


def allows(role: str, permission: str) -> bool:
    """True when `role` holds `permission` at all (for consultants: for some clients)."""
    return permission in MATRIX.get(role, frozenset())


def event_permission(kind: str) -> str:
    """The permission adding an event of `kind` needs."""
    return EVENT_KIND_PERMISSION.get(kind, ADD_EVENT_CONTACT)


def document_permission(kind: str) -> str:
    """The permission printing a document of `kind` needs."""
    return DOCUMENT_KIND_PERMISSION.get(kind, PRINT_LETTER)


def table_markdown() -> str:
    """The matrix as a Markdown table: one row per permission, one column per role."""
    head = "| permission | " + " | ".join(ROLES) + " |"
    rule = "|---|" + "---|" * len(ROLES)
    rows = [head, rule]
    for perm in PERMISSIONS:
        cells = []
        for role in ROLES:
            if not allows(role, perm):
                cells.append("–")
            elif role in SCOPED_ROLES and perm in CLIENT_SCOPED:
                cells.append("own")
            else:
                cells.append("yes")
        rows.append(f"| {perm} | " + " | ".join(cells) + " |")
    return "\n".join(rows) + "\n"

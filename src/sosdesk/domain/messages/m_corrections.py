"""Messages of call corrections: which field, why, and who may correct a saved call.

Parameters are field names, codes and counts, never client data.
"""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "correction.unknown_field": (
        "a call has no field {field} that can be corrected",
        "Poziv nema polje {field} koje se može ispraviti",
    ),
    "correction.reason_required": (
        "say why the call is corrected",
        "Navedite razlog ispravke poziva",
    ),
    "correction.nothing_changed": (
        "the new value is the same as the current one",
        "Nova vrednost je ista kao postojeća",
    ),
    "correction.bad_time": (
        "give the time as YYYY-MM-DDTHH:MM with a time zone",
        "Unesite vreme kao GGGG-MM-DDTHH:MM sa vremenskom zonom",
    ),
    "call.possible_duplicate": (
        "the new client may already be registered ({count}: {codes}); link that client, "
        "or save again to register a new one anyway",
        "Novi klijent/kinja je možda već upisan/a ({count}: {codes}); povežite tog klijenta/kinju "
        "ili ponovo sačuvajte da upišete novog/novu",
    ),
    "correction.not_allowed": (
        "your role ({role}) may not {permission}",
        "Vaša uloga ({role}) ne dozvoljava: {permission}",
    ),
}

"""Messages of roles and permissions: a refused action names the permission it lacks."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "roles.not_allowed": (
        "Your role ({role}) may not do this: it needs the permission {permission}. "
        "Nothing was changed.",
        "Vaša uloga ({role}) ne može ovo da uradi: potrebna je dozvola {permission}. "
        "Ništa nije promenjeno.",
    ),
    "roles.not_your_client": (
        "This client has another case manager; your role ({role}) sees the files of your own "
        "clients and of clients without a case manager (permission {permission}).",
        "Ovaj klijent ima drugu voditeljku slučaja; vaša uloga ({role}) vidi dosijee svojih "
        "klijenata i klijenata bez voditeljke slučaja (dozvola {permission}).",
    ),
    "roles.unknown_role": (
        "Unknown role {role}: use volunteer, operator, consultant, coordinator or auditor; "
        "nothing was changed.",
        "Nepoznata uloga {role}: upotrebite volunteer, operator, consultant, coordinator ili "
        "auditor; ništa nije promenjeno.",
    ),
    "roles.own_role": (
        "You cannot change your own role; another coordinator does that. Nothing was changed.",
        "Ne možete promeniti sopstvenu ulogu; to radi druga koordinatorka. Ništa nije promenjeno.",
    ),
    "roles.emergency_reason": (
        "An emergency access needs a reason of at least {least} characters; the file stays closed.",
        "Hitni pristup zahteva razlog od najmanje {least} znakova; dosije ostaje zatvoren.",
    ),
}

"""Messages of roles and permissions, emergency access, the readable audit and user management.

A refused action names the permission it lacks (the names are the rows of docs/roles.md).
"""

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
    "not_found.audit_entry": (
        "No emergency access with number {id} in the audit.",
        "U reviziji nema hitnog pristupa sa brojem {id}.",
    ),
    "audit.broken": (
        "The audit chain is broken at entry {seq} ({kind}): the list is not shown. "
        "Tell the coordinator; the database may have been tampered with.",
        "Lanac revizije je prekinut kod unosa {seq} ({kind}): spisak se ne prikazuje. "
        "Obavestite koordinatorku; baza je možda neovlašćeno menjana.",
    ),
    "audit.bad_date": (
        "{option} must be a date such as 2026-03-01; nothing was listed.",
        "{option} mora biti datum, na primer 2026-03-01; ništa nije prikazano.",
    ),
    "users.not_yourself": (
        "You cannot deactivate yourself; another coordinator does that. Nothing was changed.",
        "Ne možete deaktivirati sebe; to radi druga koordinatorka. Ništa nije promenjeno.",
    ),
    "users.unknown_user": (
        "There is no active user with that name (at most {limit} characters); nothing was changed.",
        "Nema aktivnog korisnika sa tim imenom (najviše {limit} znakova); ništa nije promenjeno.",
    ),
    "users.wrong_recovery": (
        "That is not this database's recovery key; the passphrase was not changed.",
        "To nije ključ za oporavak ove baze; lozinka nije promenjena.",
    ),
    "users.passphrases_differ": (
        "The two new passphrases differ; nothing was changed.",
        "Dve nove lozinke se razlikuju; ništa nije promenjeno.",
    ),
}

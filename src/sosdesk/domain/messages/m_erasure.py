"""Messages of merging clients, anonymisation, erasure and retention.

Parameters are codes, roles and counts, never client data.
"""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "erasure.not_allowed": (
        "your role ({role}) may not {permission}",
        "Vaša uloga ({role}) ne dozvoljava: {permission}",
    ),
    "erasure.unknown_mode": (
        "unknown way of forgetting {mode}: anonymise or erase",
        "Nepoznat način brisanja {mode}: anonimizacija ili brisanje",
    ),
    "erasure.unknown_basis": (
        "give the legal basis, one of: {bases}",
        "Navedite pravni osnov, jedan od: {bases}",
    ),
    "erasure.reason_required": (
        "say why the client's data are removed",
        "Navedite zašto se podaci klijenta/kinje uklanjaju",
    ),
    "erasure.already_erased": (
        "client {code} has already been erased",
        "Klijent/kinja {code} je već obrisan/a",
    ),
    "erasure.merged_away": (
        "client {code} was merged into another client: erase that one",
        "Klijent/kinja {code} je spojen/a sa drugim; obrišite tog klijenta/kinju",
    ),
    "erasure.open_proceeding": (
        "client {code} has an open case with court hearings: a coordinator must confirm "
        "(--despite-proceeding)",
        "Klijent/kinja {code} ima otvoren slučaj sa ročištima: koordinator/ka mora da potvrdi "
        "(--despite-proceeding)",
    ),
    "merge.same_client": (
        "a client cannot be merged into itself",
        "Klijent/kinja ne može biti spojen/a sam/a sa sobom",
    ),
    "merge.erased": (
        "client {code} has been erased: nothing can be merged with it",
        "Klijent/kinja {code} je obrisan/a: ne može se spajati",
    ),
    "merge.already_merged": (
        "client {code} was already merged into another client",
        "Klijent/kinja {code} je već spojen/a sa drugim klijentom/kinjom",
    ),
    "merge.unknown_field": (
        "a client has no field {field} to choose",
        "Klijent/kinja nema polje {field} koje se može izabrati",
    ),
    "merge.reason_required": (
        "say why the two clients are the same person",
        "Navedite zašto su to ista osoba",
    ),
    "sync.forgotten_unknown": (
        "record {line} removes a client this database does not have",
        "Zapis {line} uklanja klijenta/kinju koga ova baza nema",
    ),
    "sync.forgotten_bad": (
        "record {line} is not a valid merge or erasure",
        "Zapis {line} nije ispravno spajanje ni brisanje",
    ),
    "retention.bad_setting": (
        "retention of {rule} must be a whole number from {low} to {high}",
        "Rok čuvanja za {rule} mora biti ceo broj od {low} do {high}",
    ),
    "cli.bad_take": (
        "write {field} as NAME=VALUE",
        "Napišite {field} kao NAZIV=VREDNOST",
    ),
    "merge.code_required": (
        "type the code of the client to merge into this one",
        "Upišite šifru klijenta/kinje koji se spaja sa ovim",
    ),
    "erasure.confirm_code": (
        "type the client's code {code} to confirm",
        "Upišite šifru klijenta/kinje {code} kao potvrdu",
    ),
}

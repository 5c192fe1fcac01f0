"""Messages of the night shift: caller recognition and the safety card of a linked client."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "nightshift.card_not_allowed": (
        "Your role ({role}) may not open a client's safety card.",
        "Vaša uloga ({role}) ne dozvoljava otvaranje kartice bezbednosti klijenta/kinje.",
    ),
    "nightshift.coordinator_only": (
        "Only a coordinator may change this setting (your role: {role}).",
        "Samo koordinator/ka može da promeni ovo podešavanje (vaša uloga: {role}).",
    ),
    "nightshift.hold_range": (
        "Enter a number of minutes from 0 to {max}.",
        "Unesite broj minuta od 0 do {max}.",
    ),
}

"""Messages of checks only a screen can make: what was typed in a field, a record gone meanwhile."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "ui.not_datetime": (
        "not a date and time: type it as dd.mm.yyyy hh:mm",
        "Nije datum i vreme: upišite kao dd.mm.gggg čč:mm",
    ),
    "ui.not_date": ("type the date as dd.mm.yyyy", "Upišite datum kao dd.mm.gggg"),
    "ui.digits_only": ("digits only", "Samo cifre"),
    "ui.hearing_needs_date": ("a court hearing needs a date", "Ročište mora imati datum"),
    "ui.amend_reason": ("say why the entry is corrected", "Navedite zašto se unos ispravlja"),
    "ui.client_gone": ("this client file no longer exists", "Ovaj dosije više ne postoji"),
    "ui.record_gone": ("this record no longer exists", "Ovaj zapis više ne postoji"),
    # One of a client's several numbers is wrong: its place in the list, never the number.
    "ui.phone_entry_bad_chars": (
        "number {n}: use digits, spaces and + ( ) / . - only",
        "Broj {n}: koristite samo cifre, razmake i + ( ) / . -",
    ),
    "ui.phone_entry_bad_length": (
        "number {n}: a phone number has 7 to 15 digits with its country code",
        "Broj {n}: broj telefona ima od 7 do 15 cifara sa pozivnim brojem zemlje",
    ),
}

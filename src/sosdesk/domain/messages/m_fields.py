"""Messages of form fields: lengths, pick lists, dates, amounts, phone numbers and codes.

The English texts are, word for word, the sentences the services spoke before they had codes:
screens that still translate English prose (the GUI's fallback) keep showing the same words.
"""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "field.too_long": (
        "at most {max} characters (now {now})",
        "Predugačko: najviše {max} znakova (sada {now})",
    ),
    "field.unknown_value": (
        "unknown value: {value}",
        "Nije vrednost sa liste: {value}",
    ),
    "field.future": ("cannot be in the future", "Ne može biti u budućnosti"),
    "field.far_future": ("implausibly far in the future", "Neverovatno daleko u budućnosti"),
    "field.before_1900": ("before 1900 is not plausible", "Pre 1900. nije verovatno"),
    "field.end_before_start": ("the end is before the start", "Kraj je pre početka"),
    "field.time_zone_missing": ("time zone missing", "Nedostaje vremenska zona"),
    "field.year_range": (
        "a year between 1900 and {max}",
        "Godina između 1900. i {max}.",
    ),
    "field.age_range": ("an age between {min} and {max}", "Uzrast između {min} i {max}"),
    "field.amount_not_number": (
        "not an amount: use digits, e.g. 1500.00",
        "Nije iznos: upišite cifre, npr. 1500,00",
    ),
    "field.amount_negative": ("must be zero or more", "Mora biti nula ili više"),
    "field.amount_decimals": ("at most two decimals", "Najviše dve decimale"),
    "field.amount_too_large": ("implausibly large", "Neverovatno velik iznos"),
    "field.not_email": (
        "not an e-mail address (name@example.org)",
        "Nije adresa e-pošte (ime@primer.org)",
    ),
    "phone.bad_chars": (
        "use digits, spaces and + ( ) / . - only",
        "Koristite samo cifre, razmake i + ( ) / . -",
    ),
    "phone.bad_length": (
        "a phone number has 7 to 15 digits with its country code",
        "Broj telefona ima od 7 do 15 cifara sa pozivnim brojem zemlje",
    ),
    # A list of an organisation's numbers (directory): say which one is wrong.
    "phone.entry_bad_chars": (
        "«{value}»: use digits, spaces and + ( ) / . - only",
        "«{value}»: koristite samo cifre, razmake i + ( ) / . -",
    ),
    "phone.entry_bad_length": (
        "«{value}»: a phone number has 7 to 15 digits with its country code",
        "«{value}»: broj telefona ima od 7 do 15 cifara sa pozivnim brojem zemlje",
    ),
    "code.bad_desk": (
        "a desk code is 2 to 6 capital letters or digits, e.g. BG1",
        "Oznaka punkta ima 2 do 6 velikih slova ili cifara, npr. BG1",
    ),
    "code.number_range": (
        "client number out of range",
        "Redni broj klijenta je van dozvoljenog opsega",
    ),
    "code.bad_client_code": (
        "not a client code: expected DESK-YEAR-NUMBER such as BG1-2026-0142",
        "Nije šifra klijenta: očekuje se PUNKT-GODINA-BROJ, npr. BG1-2026-0142",
    ),
}

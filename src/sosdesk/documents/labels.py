"""The fixed wording of the documents, in Serbian (Latin) and English; Cyrillic is derived.

Where Serbian needs the client's grammatical gender, the text has three forms: female, male
and a neutral slash form for everyone else ("klijent/kinja").
"""

from __future__ import annotations

import re

from sosdesk.documents.script import in_script

_DOUBLE_STOP = re.compile(r"(?<!\.)\.\.(?!\.)")

# key -> (Serbian Latin, English). `{...}` placeholders survive transliteration.
_TEXT: dict[str, tuple[str, str]] = {
    "number": ("Broj", "Number"),
    "place_date": ("Mesto i datum", "Place and date"),
    "client_code": ("Šifra", "Client code"),
    "name": ("Ime i prezime", "Name"),
    "born": ("Datum rođenja", "Date of birth"),
    "birth_year": ("Godina rođenja", "Year of birth"),
    "citizenship": ("Državljanstvo", "Citizenship"),
    "languages": ("Jezici", "Languages"),
    "address": ("Adresa", "Address"),
    "phones": ("Telefon", "Phone"),
    "period": ("Period", "Period"),
    "period_all": ("ceo period podrške", "the whole period of support"),
    "period_from": ("od {a}", "from {a}"),
    "period_to": ("do {b}", "until {b}"),
    "period_span": ("od {a} do {b}", "from {a} to {b}"),
    "kinds": ("Vrste unosa", "Kinds of entries"),
    "col_no": ("Rb.", "No."),
    "col_date": ("Datum", "Date"),
    "col_kind": ("Vrsta", "Kind"),
    "col_what": ("Šta je urađeno", "What was done"),
    "col_by": ("Evidentirao/la", "Recorded by"),
    "col_type": ("Vrsta pomoći", "Type of assistance"),
    "col_provider": ("Pružalac", "Provider"),
    "col_amount": ("Iznos", "Amount"),
    "col_currency": ("Valuta", "Currency"),
    "col_items": ("Stavki", "Items"),
    "col_subtotal": ("Međuzbir", "Subtotal"),
    "col_time": ("Vreme", "Time"),
    "page": ("Strana {x} od {y}", "Page {x} of {y}"),
    "confidential": ("POVERLJIVO", "CONFIDENTIAL"),
    "signature": ("potpis", "signature"),
    "stamp": ("M. P.", "(stamp)"),
    "sos": ("SOS telefon", "SOS line"),
    "tel": ("tel.", "tel."),
    "pseudonymised": (
        "Dokument je pseudonimizovan: umesto imena navedena je šifra, a adrese, brojevi "
        "telefona i lokacije skloništa su izostavljeni.",
        "This document is pseudonymised: the client is identified by code; addresses, phone "
        "numbers and shelter locations are omitted.",
    ),
    "corrected": (
        "Ispravka {date} ({author}): {changes}. Razlog: {reason}",
        "Corrected on {date} ({author}): {changes}. Reason: {reason}",
    ),
    "corrects_entry": ("Ispravka unosa od {date}", "Correction of the entry of {date}"),
    "entries": ("Ukupno unosa: {n}", "Number of entries: {n}"),
    "chronology_intro": (
        "Hronološki prikaz podrške koju je {org} pružila gore navedenom licu u periodu: {period}.",
        "Chronological record of the support {org} provided to the person named above in the "
        "period: {period}.",
    ),
    # Certificate
    "cert_body_f": (
        "Ovim se potvrđuje da je {name}{born} korisnica podrške organizacije {org} "
        "od {since}{until}.",
        "",
    ),
    "cert_body_m": (
        "Ovim se potvrđuje da je {name}{born} korisnik podrške organizacije {org} "
        "od {since}{until}.",
        "",
    ),
    "cert_body_x": (
        "Ovim se potvrđuje da je {name}{born} korisnik/korisnica podrške "
        "organizacije {org} od {since}{until}.",
        "This is to certify that {name}{born} has been receiving support from {org} "
        "since {since}{until}.",
    ),
    "cert_born_f": (", rođena {d},", ", born on {d},"),
    "cert_born_m": (", rođen {d},", ", born on {d},"),
    "cert_born_x": (", rođen/a {d},", ", born on {d},"),
    "cert_born_year_f": (", rođena {d}. godine,", ", born in {d},"),
    "cert_born_year_m": (", rođen {d}. godine,", ", born in {d},"),
    "cert_born_year_x": (", rođen/a {d}. godine,", ", born in {d},"),
    "cert_until": (" do {d}", " until {d}"),
    "cert_code_f": ("klijentkinja pod šifrom {code}", "the client with code {code}"),
    "cert_code_m": ("klijent pod šifrom {code}", "the client with code {code}"),
    "cert_code_x": ("klijent/kinja pod šifrom {code}", "the client with code {code}"),
    "cert_kinds": (
        "U tom periodu pružene su sledeće vrste podrške:",
        "The following kinds of support were provided:",
    ),
    "cert_sos": (
        "Savetovanje i podrška putem SOS telefona",
        "Counselling and support through the SOS line",
    ),
    "cert_purpose": (
        "Potvrda se izdaje na lični zahtev, radi ostvarivanja prava, i ne može se koristiti u "
        "druge svrhe.",
        "This certificate is issued at the client's request for the exercise of the client's "
        "rights and may not be used for any other purpose.",
    ),
    # Accompaniment record
    "acc_intro": (
        "Zapisnik o pratnji gore navedenog lica na ročište.",
        "Record of the accompaniment of the person named above to a court hearing.",
    ),
    "acc_when": ("Datum i vreme ročišta", "Date and time of the hearing"),
    "court": ("Sud", "Court"),
    "case_number": ("Broj predmeta", "Case number"),
    "proceeding": ("Vrsta postupka", "Proceedings"),
    "client_role": ("Uloga klijenta/kinje", "Client's role"),
    "accompanied_by": ("Pratnja", "Accompanied by"),
    "outcome": ("Ishod", "Outcome"),
    "note": ("Napomena", "Note"),
    "recorded_by": ("Evidentirao/la", "Recorded by"),
    "acc_related": ("Pratnja tog dana", "Accompaniment on the day"),
    "acc_remarks": ("Napomene", "Remarks"),
    # Costs
    "costs_intro": (
        "Izjava o troškovima pomoći koju je {org} pružila gore navedenom licu u periodu: "
        "{period}, za potrebe zahteva za naknadu štete.",
        "Statement of the costs of the assistance {org} provided to the person named above in "
        "the period: {period}, in support of a compensation claim.",
    ),
    "costs_items": ("Pojedinačni troškovi", "Itemised costs"),
    "costs_subtotals": ("Međuzbirovi po vrsti pomoći", "Subtotals by type of assistance"),
    "costs_totals": ("Ukupno po valuti", "Totals by currency"),
    "costs_total": ("Ukupno", "Total"),
    "costs_was": ("prvobitno {amount}", "originally {amount}"),
    "costs_declare": (
        "Izjavljujemo da su navedeni troškovi nastali u vezi sa pružanjem pomoći i da su "
        "podaci tačni.",
        "We declare that the costs listed were incurred in providing assistance and that the "
        "figures are true.",
    ),
    # Referral letter
    "ref_to": ("Za", "To"),
    "ref_subject": ("Predmet: uput", "Subject: referral"),
    "ref_dear": ("Poštovani,", "Dear Sir or Madam,"),
    # The name follows a colon, in the nominative: no declension of a name the desk cannot
    # decline reliably (foreign names, names typed without diacritics).
    "ref_body_f": (
        "Upućujemo Vam našu korisnicu: {name}{born}{citizen}. Razlog upućivanja: {reason}",
        "",
    ),
    "ref_body_m": (
        "Upućujemo Vam našeg korisnika: {name}{born}{citizen}. Razlog upućivanja: {reason}",
        "",
    ),
    "ref_body_x": (
        "Upućujemo Vam osobu kojoj pružamo podršku: {name}{born}{citizen}. "
        "Razlog upućivanja: {reason}",
        "We refer to you our client: {name}{born}{citizen}. Reason for the referral: {reason}",
    ),
    "ref_code": ("šifra {code}", "code {code}"),
    "ref_citizen": (", državljanstvo: {c}", ", citizen of {c}"),
    "ref_languages_f": ("Klijentkinja govori: {langs}.", ""),
    "ref_languages_m": ("Klijent govori: {langs}.", ""),
    "ref_languages_x": (
        "Klijent/kinja govori: {langs}.",
        "Languages spoken by the client: {langs}.",
    ),
    "ref_consent_f": ("Klijentkinja je dala saglasnost za ovo upućivanje ({d}).", ""),
    "ref_consent_m": ("Klijent je dao saglasnost za ovo upućivanje ({d}).", ""),
    "ref_consent_x": (
        "Klijent/kinja je dao/la saglasnost za ovo upućivanje ({d}).",
        "The client consented to this referral ({d}).",
    ),
    "ref_contact": (
        "Za sva pitanja obratite se osobi {who}, {contact}.",
        "For any questions please contact {who}, {contact}.",
    ),
    "ref_confidential": (
        "Molimo Vas da podatke iz ovog dopisa čuvate kao poverljive.",
        "Please treat the information in this letter as confidential.",
    ),
    "ref_regards": ("S poštovanjem,", "Yours faithfully,"),
    # Event fields in descriptions
    "f_provider": ("pružalac", "provider"),
    "f_place": ("mesto", "place"),
    "f_accompanied_by": ("pratnja", "accompanied by"),
    "f_case_number": ("predmet", "case"),
    "f_client_role": ("uloga", "role"),
    "f_outcome": ("ishod", "outcome"),
    "f_reason": ("razlog", "reason"),
    "f_decided_by": ("odlučio/la", "decided by"),
    "f_amount": ("iznos", "amount"),
    "f_currency": ("valuta", "currency"),
    "f_type": ("vrsta", "type"),
    "f_subtype": ("podvrsta", "sub-type"),
    "f_note": ("napomena", "note"),
    "f_text": ("tekst", "text"),
    "f_summary": ("sažetak", "summary"),
    "f_court": ("sud", "court"),
    "f_proceeding": ("postupak", "proceedings"),
    "f_entry_name": ("upućeno", "referred to"),
    "f_to_status": ("novi status", "new status"),
    "f_from_status": ("prethodni status", "previous status"),
    "referred_to": ("Upućivanje: {to}", "Referred to: {to}"),
    "doc_issued": ("Izdat dokument {doc}, broj {number}", "Issued {doc}, number {number}"),
    "withheld": ("lokacija se ne navodi", "location withheld"),
}


def t(key: str, lang: str, **values: str) -> str:
    """The wording of `key` in `lang`, with placeholders filled (values are used as given)."""
    latin, english = _TEXT[key]
    text = english if lang == "en" and english else latin
    if lang == "sr-Cyrl":
        text = in_script(text, lang)
    if not values:
        return text
    # A value ending in a full stop (Serbian dates: "22.11.2026.") must not get a second one.
    return _DOUBLE_STOP.sub(".", text.format(**values))


def gendered(key: str, gender: str, lang: str, **values: str) -> str:
    """`key_f`, `key_m` or `key_x` by the client's gender (English has one form)."""
    suffix = {"female": "f", "male": "m"}.get(gender, "x")
    if lang == "en" or not _TEXT.get(f"{key}_{suffix}", ("", ""))[0]:
        suffix = "x"
    return t(f"{key}_{suffix}", lang, **values)


def has(key: str) -> bool:
    """Whether `key` is a known wording (event field labels are optional)."""
    return key in _TEXT

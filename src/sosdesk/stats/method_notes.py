"""The method notes printed at the end of the report (Serbian Latin and English)."""

from __future__ import annotations

from sosdesk.domain.translit import latin_to_cyrillic

_NOTES: tuple[tuple[str, str], ...] = (
    (
        "Izvor podataka su evidencije SOS Desk-a ({scope}). Brojevi su izračunati {made} iz "
        "podataka kakvi su tada bili upisani; kasniji unosi i ispravke mogu ih promeniti.",
        "The source is the SOS Desk records ({scope}). The figures were computed on {made} from "
        "the data recorded at that time; later entries and corrections can change them.",
    ),
    (
        "Period je kalendarska godina po lokalnom vremenu (Beograd): od ponoći 1. januara do "
        "ponoći 1. januara sledeće godine, uz tačno uračunat prelazak na letnje i zimsko vreme. "
        "Poziv u 23:59 31. decembra pripada godini koja se završava.",
        "The period is the calendar year in local time (Belgrade): from midnight on 1 January to "
        "midnight on 1 January of the next year, with the changes to and from summer time taken "
        "into account exactly. A call at 23:59 on 31 December belongs to the year that ends.",
    ),
    (
        "Pozivi obuhvataju sve kontakte (telefon, elektronska pošta, lični dolazak, teren), "
        "svaki jednom, prema vremenu početka. Poziv može imati više kategorija, pa zbir po "
        "kategorijama može biti veći od ukupnog broja poziva.",
        "Calls are all contacts (phone, e-mail, walk-in, field), each counted once by its start "
        "time. A call may have several categories, so the categories can add up to more than "
        "the number of calls.",
    ),
    (
        "Novi klijenti su osobe čiji je dosije otvoren u toku godine. Starost je starost u "
        "trenutku otvaranja dosijea: iz datuma rođenja, a ako on nije poznat iz godine rođenja "
        "ili procenjene starosti; starosne grupe su grupe CTDC-a.",
        "New clients are persons whose file was opened during the year. Age is the age when the "
        "file was opened: from the date of birth, or else from the year of birth or the "
        "estimated age; age groups are the CTDC groups.",
    ),
    (
        "Formalno identifikovane žrtve su osobe čija je prva formalna identifikacija (promena "
        "statusa u „formalno identifikovana žrtva”) upisana u toku godine; svaka osoba se broji "
        "jednom, u godini prve identifikacije. Dosije označen kao identifikovan bez zapisa o "
        "promeni statusa broji se u godini otvaranja.",
        "Formally identified victims are persons whose first formal identification (a change of "
        "status to “formally identified victim”) was recorded during the year; each person is "
        "counted once, in the year of the first identification. A file marked identified without "
        "a recorded status change counts in the year it was opened.",
    ),
    (
        "Pomoć, terenske akcije i ročišta su unosi na vremenskim linijama klijenata. Ispravke "
        "unosa su uračunate (važi poslednja ispravka). Troškovi su zbir iznosa u izvornoj valuti, "
        "tačno na paru/cent, bez preračunavanja između valuta.",
        "Assistance, field actions and hearings are entries on the clients' timelines. "
        "Corrections are applied (the latest correction wins). Costs are sums in the original "
        "currency, exact to the cent, never converted between currencies.",
    ),
    (
        "Praćenje je obavljeno na vreme ako je obavljeno najkasnije sat vremena posle roka.",
        "A follow-up counts as done on time when it was done no later than one hour after it "
        "was due.",
    ),
    (
        "Zaštita podataka: u tabelama o osobama broj od 1 do {km1} prikazan je kao „{small}”. "
        "Da se takav broj ne bi mogao izračunati oduzimanjem od zbira, u istom redu i koloni "
        "skriven je još najmanje jedan broj („{x}”); nule su prikazane. Tabele o osobama nemaju "
        "grafikone.",
        "Data protection: in tables of persons, a count from 1 to {km1} is shown as “{small}”. So "
        "that such a count cannot be worked out by subtraction from a total, at least one more "
        "count in the same row and column is withheld (“{x}”); zeros are shown. Tables of persons "
        "have no charts.",
    ),
    (
        "Poređenje je sa prethodnom kalendarskom godinom, istim pravilima.",
        "The comparison is with the previous calendar year, by the same rules.",
    ),
)


def method_notes(lang: str, **values: object) -> list[str]:
    """The notes in `lang`, placeholders filled in."""
    out = []
    for latin, english in _NOTES:
        template = english if lang == "en" else latin
        if lang == "sr-Cyrl":
            template = latin_to_cyrillic(template)
        out.append(template.format(**values))
    return out


_ERASED = (
    "Na zahtev lica ili po pravilima o čuvanju podataka potpuno je obrisano {n} dosijea "
    "klijenata; njihovi pozivi i unosi više nisu uračunati, pa se brojevi mogu razlikovati od "
    "ranije objavljenih. Anonimizovani dosijei su uračunati.",
    "{n} client files were erased completely, on request or under the retention rules; their "
    "calls and entries are no longer counted, so figures may differ from those published "
    "before. Anonymised files are counted.",
)


def erasure_note(lang: str, erased: int) -> str | None:
    """The note saying how many clients were erased (None when none was)."""
    if not erased:
        return None
    latin, english = _ERASED
    template = english if lang == "en" else latin
    if lang == "sr-Cyrl":
        template = latin_to_cyrillic(template)
    return template.format(n=erased)

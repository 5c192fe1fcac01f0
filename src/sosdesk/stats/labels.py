"""Wording of the report and its CSV tables in Serbian (Latin) and English; Cyrillic is
transliterated from the Latin text so the scripts never drift apart."""

from __future__ import annotations

from sosdesk.domain.countries import COUNTRY
from sosdesk.domain.translit import latin_to_cyrillic
from sosdesk.domain.vocab import GENDER, VOCABULARIES
from sosdesk.stats.regions import REGION_NAMES
from sosdesk.stats.tables import StatTable

LANGS = ("sr-Cyrl", "sr-Latn", "en")

# key -> (Serbian Latin, English); `{...}` placeholders survive transliteration.
_TEXT: dict[str, tuple[str, str]] = {
    "report_title": ("Godišnji statistički izveštaj {year}", "Annual statistical report {year}"),
    "report_sub": ("SOS telefon za žrtve trgovine ljudima", "SOS line for victims of trafficking"),
    "office_scope": (
        "Objedinjeni podaci svih dežurnih mesta (kancelarija {desk})",
        "Merged records of all desks (office {desk})",
    ),
    "desk_scope": ("Podaci dežurnog mesta {desk}", "Records of desk {desk}"),
    "period_line": (
        "Period: {a} – {b} (lokalno vreme, Beograd)",
        "Period: {a} – {b} (local time, Belgrade)",
    ),
    "made": ("Izrađeno {when}", "Produced on {when}"),
    "summary": ("Sažetak", "Summary"),
    "no_data": (
        "Za {year}. godinu nema evidentiranih poziva, klijenata ni aktivnosti. "
        "Izveštaj zato ne sadrži tabele.",
        "No calls, clients or activities were recorded for {year}. "
        "The report therefore contains no tables.",
    ),
    "figure": ("Pokazatelj", "Figure"),
    "calls_total": ("Pozivi i kontakti", "Calls and contacts"),
    "new_clients": ("Novi klijenti", "New clients"),
    "identified": ("Formalno identifikovane žrtve", "Formally identified victims"),
    "assistance_events": ("Pružena pomoć (broj usluga)", "Assistance given (services)"),
    "assisted_clients": ("Klijenti koji su dobili pomoć", "Clients who received assistance"),
    "costs": ("Troškovi pomoći", "Costs of assistance"),
    "field_actions": ("Terenske akcije", "Field actions"),
    "hearings": ("Ročišta uz podršku", "Court hearings supported"),
    "followups_on_time": ("Praćenja obavljena na vreme", "Follow-ups done on time"),
    "of": ("{a} od {b}", "{a} of {b}"),
    "change": ("Promena", "Change"),
    "total": ("Ukupno", "Total"),
    "total_persons": ("Ukupno (osoba)", "Total (persons)"),
    "total_calls": ("Ukupno (poziva)", "Total (calls)"),
    "count": ("Broj", "Number"),
    "events": ("Broj", "Number"),
    "clients": ("Klijenti", "Clients"),
    "no_category": ("Bez kategorije", "No category recorded"),
    "unknown": ("Nepoznato", "Unknown"),
    "not_recorded": ("Nije evidentirano", "Not recorded"),
    "sec_calls": ("Pozivi", "Calls"),
    "sec_clients": ("Novi klijenti", "New clients"),
    "sec_victims": ("Formalno identifikovane žrtve", "Formally identified victims"),
    "sec_assistance": ("Pomoć, teren i sud", "Assistance, field work and courts"),
    "sec_missing": ("Nestala deca (116 000)", "Missing children (116 000)"),
    "sec_method": ("Metodološke napomene", "Method notes"),
    "multi_note": (
        "Jedan zapis može biti u više redova; ukupno broji zapise.",
        "A record may count in several rows; the total counts records.",
    ),
    "small_note": (
        "{small}: manje od {k} osoba; {x}: skriveno da se mali broj ne bi mogao "
        "izračunati iz zbirova.",
        "{small}: fewer than {k} persons; {x}: withheld so that a small number "
        "cannot be worked out from the totals.",
    ),
    "page": ("Strana {x} od {y}", "Page {x} of {y}"),
    "ctdc_ok": (
        "{rows} redova (od {n} žrtava), k = {k}.",
        "{rows} rows (of {n} victims), k = {k}.",
    ),
}

_TITLES: dict[str, tuple[str, str]] = {
    "calls_by_line": ("Pozivi po liniji", "Calls by line"),
    "missing_by_category": (
        "Nestala deca: slučajevi po kategoriji",
        "Missing children: cases by category",
    ),
    "missing_by_reporter": ("Nestala deca: ko je prijavio", "Missing children: who reported"),
    "missing_by_channel": (
        "Nestala deca: kako je linija kontaktirana",
        "Missing children: how the line was contacted",
    ),
    "missing_by_status": (
        "Nestala deca: ishod na kraju perioda",
        "Missing children: outcome at the end of the period",
    ),
    "missing_features": (
        "Nestala deca: prekogranično, nasilje, ponovljeno bekstvo",
        "Missing children: cross-border, violence, repeat runaways",
    ),
    "calls_by_category": ("Pozivi po kategoriji", "Calls by category"),
    "calls_by_caller_type": ("Pozivi po vrsti pozivaoca", "Calls by caller type"),
    "calls_by_urgency": ("Pozivi po hitnosti", "Calls by urgency"),
    "calls_by_hour": ("Pozivi po satu u danu", "Calls by hour of day"),
    "calls_by_weekday": ("Pozivi po danu u nedelji", "Calls by day of the week"),
    "calls_by_month": ("Pozivi po mesecu", "Calls by month"),
    "new_clients_by_gender": ("Novi klijenti po polu", "New clients by gender"),
    "new_clients_by_age_group": ("Novi klijenti po starosnoj grupi", "New clients by age group"),
    "new_clients_by_citizenship": ("Novi klijenti po državljanstvu", "New clients by citizenship"),
    "new_clients_by_exploitation": (
        "Novi klijenti po vrsti eksploatacije",
        "New clients by type of exploitation",
    ),
    "new_clients_by_status": ("Novi klijenti po statusu", "New clients by status"),
    "victims_by_gender": ("Identifikovane žrtve po polu", "Identified victims by gender"),
    "victims_by_age_group": (
        "Identifikovane žrtve po starosnoj grupi",
        "Identified victims by age group",
    ),
    "victims_by_citizenship": (
        "Identifikovane žrtve po državljanstvu",
        "Identified victims by citizenship",
    ),
    "victims_by_exploitation": (
        "Identifikovane žrtve po vrsti eksploatacije",
        "Identified victims by type of exploitation",
    ),
    "victims_by_country": (
        "Identifikovane žrtve po zemlji eksploatacije",
        "Identified victims by country of exploitation",
    ),
    "victims_age_by_gender": (
        "Identifikovane žrtve po starosnoj grupi i polu",
        "Identified victims by age group and gender",
    ),
    "assistance_by_type": ("Pružena pomoć po vrsti", "Assistance by type"),
    "costs_by_type": ("Troškovi pomoći po vrsti", "Costs of assistance by type"),
    "field_actions_by_type": ("Terenske akcije po vrsti", "Field actions by type"),
    "hearings_by_proceeding": (
        "Ročišta po vrsti postupka",
        "Court hearings by type of proceedings",
    ),
    "followups_by_outcome": (
        "Praćenja (povratni pozivi) dospela u periodu",
        "Follow-ups (call-backs) due in the period",
    ),
}

_WEEKDAYS = (
    ("ponedeljak", "Monday"),
    ("utorak", "Tuesday"),
    ("sreda", "Wednesday"),
    ("četvrtak", "Thursday"),
    ("petak", "Friday"),
    ("subota", "Saturday"),
    ("nedelja", "Sunday"),
)
_MONTHS = (
    ("januar", "January"),
    ("februar", "February"),
    ("mart", "March"),
    ("april", "April"),
    ("maj", "May"),
    ("jun", "June"),
    ("jul", "July"),
    ("avgust", "August"),
    ("septembar", "September"),
    ("oktobar", "October"),
    ("novembar", "November"),
    ("decembar", "December"),
)
_OUTCOMES = {
    "on_time": (
        "Obavljeno na vreme (do sat vremena posle roka)",
        "Done on time (within an hour of the time due)",
    ),
    "late": ("Obavljeno sa zakašnjenjem", "Done late"),
    "overdue": ("Nije obavljeno, rok je prošao", "Not done, overdue"),
    "pending": ("Nije obavljeno, rok još nije došao", "Not done, not yet due"),
}
_MEASURES = {
    "events": ("Broj", "Number"),
    "clients": ("Klijenti", "Clients"),
    "count": ("Broj", "Number"),
}


def _pick(pair: tuple[str, str], lang: str) -> str:
    if lang == "en":
        return pair[1]
    return latin_to_cyrillic(pair[0]) if lang == "sr-Cyrl" else pair[0]


def text(key: str, lang: str, **values: object) -> str:
    """A phrase of the report in `lang`, with `{placeholders}` filled in."""
    return _pick(_TEXT[key], lang).format(**values)


def title(table_key: str, lang: str) -> str:
    """The title of a statistics table."""
    return _pick(_TITLES[table_key], lang)


def month_name(month: int, lang: str) -> str:
    return _pick(_MONTHS[month - 1], lang)


def row_label(dimension: str, code: str, lang: str) -> str:
    """How a row reads: a vocabulary label, a country, an hour span, a weekday or a month."""
    if code in ("", "unknown") and dimension not in VOCABULARIES:
        return text("unknown", lang)
    if dimension == "hour":
        return f"{int(code):02d}:00–{(int(code) + 1) % 24:02d}:00"
    if dimension == "weekday":
        return _pick(_WEEKDAYS[int(code) - 1], lang)
    if dimension == "month":
        year, month = code.split("-")
        return f"{month_name(int(month), lang)} {year}"
    if dimension == "age_group":
        return code.replace("--", "–")
    if dimension == "country":
        if code.startswith("region:") or (code in REGION_NAMES and code not in COUNTRY):
            return _pick(REGION_NAMES[code.removeprefix("region:")], lang)
        return COUNTRY.label(code, lang)
    if dimension == "follow-up outcome":
        return _pick(_OUTCOMES[code], lang)
    if dimension == "call category" and code == "none":
        return text("no_category", lang)
    if dimension == "exploitation type" and code == "none":
        return text("not_recorded", lang)
    vocab = VOCABULARIES.get(dimension)
    return vocab.label(code, lang) if vocab is not None else code


def column_label(table: StatTable, column: str, lang: str) -> str:
    """How a column reads: a measure, a currency code or (cross-tabs) a gender."""
    if table.column_dimension == "currency":
        return column
    if table.column_dimension == "gender":
        return GENDER.label(column, lang)
    return _pick(_MEASURES.get(column, (column, column)), lang)


def total_label(table: StatTable, lang: str) -> str:
    """The Total row: counting persons or calls when a record can sit in several rows."""
    if table.multi_valued:
        return text("total_persons" if table.unit == "persons" else "total_calls", lang)
    return text("total", lang)

"""The method notes of the CTDC export: which columns are quasi-identifiers and why the others
are not, how cells are generalised and suppressed, and how missing values are written."""

from __future__ import annotations

from sosdesk.domain.translit import latin_to_cyrillic

_NOTES: tuple[tuple[str, str], ...] = (
    (
        "Format: kolone k-anonimizovanog globalnog skupa CTDC-a, vrednosti po šifarniku CTDC "
        "sintetičkog skupa (v2, 2024): pol {genders}, starosne "
        "grupe CTDC-a, zemlje po ISO 3166-1 alpha-3 (Kosovo: {xkx}, dodeljena šifra), jedna zemlja "
        "u polju (ostale se izostavljaju i broje u sažetku), zastavice 1/0, nepoznato prazno.",
        "Format: the columns of CTDC's k-anonymised global dataset, values by the CTDC synthetic "
        "dataset codebook (v2, 2024): gender {genders}, CTDC age "
        "groups, countries as ISO 3166-1 alpha-3 (Kosovo: {xkx}, a user-assigned code), one "
        "country per cell (the others are dropped and counted in the summary), flags 1/0, "
        "unknown left empty.",
    ),
    (
        "k-anonimnost: svaka kombinacija vrednosti svih kolona osim godine registracije javlja "
        "se najmanje k puta. Godina je ista u celoj datoteci (izvoz je godišnji), a izvor podataka "
        "je isti za celo dežurno mesto, pa ne izdvajaju nikoga. Kolone koje ne vodimo "
        "({unrecorded}, ostale vrste rada i seksualne eksploatacije) uvek su prazne; "
        "spojene kolone ({joined}) slede iz zastavica.",
        "k-anonymity: every combination of the values of all columns except the registration "
        "year occurs at least k times. The year is the same in the whole file (the export is "
        "yearly) and the data source is the same for the whole desk, so neither singles anyone "
        "out. Columns we do not record ({unrecorded}, the other kinds of labour and sexual "
        "exploitation) are always empty; the joined columns ({joined}) follow from the flags.",
    ),
    (
        "Najpre se uopštava za sve redove (starost samo kao punoletan/maloletan, eksploatacija "
        "samo kao seksualna/radna, sredstva kontrole samo da li su zabeležena), zatim se u "
        "retkim redovima potiskuju pojedinačne vrednosti. Potisnuta vrednost je prazna, kao i "
        "nepoznata, i računa se kao ista vrednost. Sažetak navodi koliko je polja ispražnjeno "
        "po koloni.",
        "First every row is generalised (age as adult/minor only, exploitation as sexual/labour "
        "only, means of control as recorded or not only), then single values are suppressed in "
        "rare rows. A suppressed value is empty, like an unknown one, and counts as the same "
        "value. The summary says how many cells were emptied in each column.",
    ),
)


# Codes stay in Latin letters in every script: they are filled in after transliteration.
_CODES = {
    "genders": "Man/Woman/Trans/Transgender/NonConforming",
    "xkx": "XKX",
    "unrecorded": "majorityStatusAtExploit, majorityEntry, isAbduction, isForcedMilitary, "
    "isSlaveryAndPractices",
    "joined": "…Concatenated, RecruiterRelationship",
}


def ctdc_method_notes(lang: str) -> list[str]:
    """The notes in `lang` (sr-Latn, sr-Cyrl or en)."""
    out = []
    for latin, english in _NOTES:
        template = english if lang == "en" else latin
        if lang == "sr-Cyrl":
            template = latin_to_cyrillic(template)
        out.append(template.format(**_CODES))
    return out

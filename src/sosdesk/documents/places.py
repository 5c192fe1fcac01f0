"""Place and country names in an English document: Belgrade, Serbia, not Beograd, Srbija.

Addresses and places are typed in Serbian; an English document prints the English exonym of
each country (from the country vocabulary) and of the few cities English names differently.
Street names stay as they are: a letter must still reach "Knez Mihailova 5".
"""

from __future__ import annotations

import re
from functools import cache

from sosdesk.domain.countries import COUNTRY
from sosdesk.domain.translit import cyrillic_to_latin, nfc

# Serbian (and regional) city names whose English name differs.
_CITIES = {
    "Beograd": "Belgrade",
    "Podgorica": "Podgorica",
    "Skoplje": "Skopje",
    "Priština": "Pristina",
    "Atina": "Athens",
    "Beč": "Vienna",
    "Rim": "Rome",
    "Minhen": "Munich",
    "Pariz": "Paris",
    "Prag": "Prague",
    "Varšava": "Warsaw",
    "Bukurešt": "Bucharest",
    "Solun": "Thessaloniki",
    "Carigrad": "Istanbul",
    "Istanbul": "Istanbul",
    "Ženeva": "Geneva",
    "Cirih": "Zurich",
    "Kijev": "Kyiv",
    "Moskva": "Moscow",
}


@cache
def _exonyms() -> tuple[re.Pattern[str], dict[str, str]]:
    table = dict(_CITIES)
    for term in COUNTRY:
        table.setdefault(term.sr_latn, term.en)
    body = "|".join(re.escape(k) for k in sorted(table, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{body})(?!\w)"), table


def place_in(text: str | None, lang: str) -> str:
    """`text` (an address, a city, a place) with country and city names in English when
    `lang` is en; unchanged otherwise."""
    if not text:
        return ""
    if lang != "en":
        return text
    pattern, table = _exonyms()
    return pattern.sub(lambda m: table[m.group(0)], nfc(cyrillic_to_latin(text)))

"""Country groups used to generalise citizenship and country of exploitation when a country
alone would single a person out. Serbia stays itself: domestic versus foreign matters most."""

from __future__ import annotations

REGIONS: dict[str, tuple[str, ...]] = {
    "RS": ("RS",),
    "WB": ("ME", "BA", "MK", "XK", "AL"),
    "EU": (
        "SI",
        "HU",
        "RO",
        "BG",
        "GR",
        "HR",
        "DE",
        "AT",
        "IT",
        "FR",
        "ES",
        "NL",
        "BE",
        "SE",
        "PL",
        "CZ",
        "SK",
        "CY",
    ),
    "EUR": ("CH", "NO", "GB", "MD", "UA", "RU", "BY", "TR"),
    "MENA": ("AE", "SA", "QA", "IQ", "SY", "IR", "MA", "TN"),
    "ASIA": ("AF", "PK", "BD", "IN", "NP", "CN", "PH"),
    "AFR": ("NG",),
    "AM": ("US",),
}

REGION_NAMES = {
    "RS": ("Srbija", "Serbia"),
    "WB": ("Zapadni Balkan (bez Srbije)", "Western Balkans (without Serbia)"),
    "EU": ("Evropska unija", "European Union"),
    "EUR": ("Ostatak Evrope i Turska", "Rest of Europe and Turkey"),
    "MENA": ("Bliski istok i severna Afrika", "Middle East and North Africa"),
    "ASIA": ("Azija", "Asia"),
    "AFR": ("Podsaharska Afrika", "Sub-Saharan Africa"),
    "AM": ("Amerika", "Americas"),
    "OTHER": ("Ostale zemlje", "Other countries"),
    "XX": ("Nepoznato", "Unknown"),
}

_OF = {country: region for region, members in REGIONS.items() for country in members}


def region_of(country: str) -> str:
    """The region code of an ISO country code (`XX` stays unknown, unlisted ones are OTHER)."""
    if country == "XX" or not country:
        return "XX"
    return _OF.get(country, "OTHER")


def region_label(region: str) -> str:
    """How a generalised value appears in the export: `region:EU`; Serbia and unknown stay."""
    return region if region in ("RS", "XX") else f"region:{region}"

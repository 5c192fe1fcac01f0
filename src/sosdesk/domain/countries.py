"""Countries (ISO 3166-1 alpha-2) that SOS lines in the region meet, with their labels."""

from __future__ import annotations

from sosdesk.domain.vocab import Term, Vocabulary

_ROWS = (
    ("RS", "Srbija", "Serbia"), ("ME", "Crna Gora", "Montenegro"),
    ("BA", "Bosna i Hercegovina", "Bosnia and Herzegovina"), ("HR", "Hrvatska", "Croatia"),
    ("MK", "Severna Makedonija", "North Macedonia"), ("XK", "Kosovo*", "Kosovo*"),
    ("AL", "Albanija", "Albania"), ("SI", "Slovenija", "Slovenia"), ("HU", "Mađarska", "Hungary"),
    ("RO", "Rumunija", "Romania"), ("BG", "Bugarska", "Bulgaria"), ("GR", "Grčka", "Greece"),
    ("TR", "Turska", "Turkey"), ("MD", "Moldavija", "Moldova"), ("UA", "Ukrajina", "Ukraine"),
    ("RU", "Rusija", "Russia"), ("BY", "Belorusija", "Belarus"), ("DE", "Nemačka", "Germany"),
    ("AT", "Austrija", "Austria"), ("CH", "Švajcarska", "Switzerland"),
    ("IT", "Italija", "Italy"), ("FR", "Francuska", "France"), ("ES", "Španija", "Spain"),
    ("NL", "Holandija", "Netherlands"), ("BE", "Belgija", "Belgium"),
    ("SE", "Švedska", "Sweden"), ("NO", "Norveška", "Norway"), ("PL", "Poljska", "Poland"),
    ("CZ", "Češka", "Czechia"), ("SK", "Slovačka", "Slovakia"), ("CY", "Kipar", "Cyprus"),
    ("GB", "Ujedinjeno Kraljevstvo", "United Kingdom"), ("US", "SAD", "United States"),
    ("AE", "Ujedinjeni Arapski Emirati", "United Arab Emirates"),
    ("SA", "Saudijska Arabija", "Saudi Arabia"), ("QA", "Katar", "Qatar"),
    ("AF", "Avganistan", "Afghanistan"), ("PK", "Pakistan", "Pakistan"),
    ("IQ", "Irak", "Iraq"), ("SY", "Sirija", "Syria"), ("IR", "Iran", "Iran"),
    ("BD", "Bangladeš", "Bangladesh"), ("IN", "Indija", "India"), ("NP", "Nepal", "Nepal"),
    ("CN", "Kina", "China"), ("PH", "Filipini", "Philippines"),
    ("NG", "Nigerija", "Nigeria"), ("MA", "Maroko", "Morocco"), ("TN", "Tunis", "Tunisia"),
    ("XX", "Nepoznato", "Unknown"),
)  # fmt: skip

COUNTRY = Vocabulary("country", tuple(Term(code, lat, en, code) for code, lat, en in _ROWS))

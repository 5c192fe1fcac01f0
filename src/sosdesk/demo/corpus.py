"""Word lists for synthetic data: Serbian and foreign names, places, call summaries."""

from __future__ import annotations

FEMALE = (
    "Milica", "Jelena", "Ana", "Marija", "Jovana", "Ivana", "Dragana", "Snežana", "Ljiljana",
    "Tijana", "Nevena", "Katarina", "Teodora", "Sanja", "Gordana", "Biljana", "Danijela",
    "Aleksandra", "Maja", "Nataša", "Vesna", "Jasmina", "Željka", "Đurđa", "Anđela",
    "Svetlana", "Mirjana", "Slađana", "Dušica", "Nikolina", "Božana", "Ljubica", "Zorica",
    "Radmila", "Emina", "Senada", "Ajša", "Dženana",
)  # fmt: skip
MALE = (
    "Marko", "Nikola", "Stefan", "Lazar", "Đorđe", "Miloš", "Nemanja", "Aleksandar", "Luka",
    "Vuk", "Dušan", "Filip", "Uroš", "Bojan", "Dragan", "Zoran", "Goran", "Milan", "Ljubomir",
    "Živko", "Srđan", "Predrag", "Čedomir", "Đuro", "Njegoš", "Džemal", "Emir",
)  # fmt: skip
FAMILY = (
    "Petrović", "Jovanović", "Nikolić", "Marković", "Đorđević", "Stojanović", "Ilić",
    "Stanković", "Pavlović", "Milošević", "Popović", "Živković", "Todorović", "Janković",
    "Ristić", "Kostić", "Đukić", "Lazić", "Šarić", "Čolić", "Ćirić", "Mladenović",
    "Radovanović", "Vuković", "Ljubisavljević", "Njegovan", "Džakula", "Savić", "Tomić",
    "Mitrović", "Obradović", "Simić", "Zdravković", "Bogdanović", "Krstić", "Husović",
    "Bajramović", "Ramović",
)  # fmt: skip
NICKNAMES = ("Mica", "Ceca", "Buba", "Maca", "Gaga", "Lepa", "Cica", "Beba", "Žuća", "Đoka",
             "Pera", "Joca", "Mile", "Džoni", "Lela", "Sneki")  # fmt: skip

# Foreign nationals: (citizenship, language, phone prefix, given names, family names)
FOREIGN = (
    ("UA", "uk", "380", ("Olena", "Oksana", "Iryna", "Yulia", "Taras", "Andriy"),
     ("Shevchenko", "Kovalenko", "Bondarenko", "Tkachenko")),
    ("RO", "ro", "40", ("Ioana", "Elena", "Andreea", "Mihai", "Florin"),
     ("Popescu", "Ionescu", "Dumitru", "Stan")),
    ("AF", "fa", "93", ("Ahmad", "Farid", "Zahra", "Mariam", "Hamid"),
     ("Rahimi", "Ahmadi", "Karimi", "Hosseini")),
    ("NG", "en", "234", ("Blessing", "Joy", "Precious", "Chinedu", "Emeka"),
     ("Okafor", "Adeyemi", "Eze", "Okonkwo")),
    ("CN", "zh", "86", ("Li", "Wei", "Fang", "Min"), ("Wang", "Zhang", "Liu", "Chen")),
    ("MD", "ro", "373", ("Natalia", "Svetlana", "Victor", "Ion"), ("Rusu", "Ciobanu", "Munteanu")),
    ("AL", "sq", "355", ("Ardita", "Besa", "Driton", "Arben"), ("Hoxha", "Krasniqi", "Berisha")),
    ("BG", "bg", "359", ("Desislava", "Petya", "Georgi", "Ivan"), ("Dimitrova", "Georgiev")),
)  # fmt: skip

CITIES = ("Beograd", "Novi Sad", "Niš", "Kragujevac", "Subotica", "Čačak", "Šabac", "Kraljevo",
          "Leskovac", "Vranje", "Zrenjanin", "Pančevo", "Smederevo", "Užice", "Novi Pazar",
          "Sombor", "Kikinda", "Jagodina", "Valjevo", "Loznica", "Pirot", "Zaječar")  # fmt: skip
ABROAD = ("Beč", "Minhen", "Ljubljana", "Istanbul", "Dubai", "Atina", "Milano", "Berlin",
          "Cirih", "Prag", "Budimpešta", "Solun")  # fmt: skip

# Summaries of calls with no client (information and prevention), Latin; some become Cyrillic.
INFO_SUMMARIES = (
    "Pitala za proveru ponude za posao u {abroad}; objašnjeni znaci upozorenja.",
    "Provera agencije za zapošljavanje iz grada {city}; agencija nije registrovana.",
    "Informacije o bezbednoj migraciji i radnoj vizi za {abroad}.",
    "Učenik pita o radionici o trgovini ljudima u školi u gradu {city}.",
    "Roditelj pita kako da proveri ponudu za sezonski rad u {abroad}.",
    "Pitanje o pravima radnika u inostranstvu, upućen na brošuru.",
    "Tihi poziv, veza prekinuta posle nekoliko sekundi.",
    "Novinarka traži statistiku, upućena na godišnji izveštaj.",
    "Provera ugovora za rad na brodu; savet da ne predaje pasoš.",
    "Pitanje o oglasu za dadilju u {abroad} preko društvenih mreža.",
)  # fmt: skip
CLIENT_SUMMARIES = (
    "Javila se {name}; poslodavac u {abroad} zadržao pasoš i zaradu.",
    "{name} prijavljuje dug prema posredniku i pretnje porodici u gradu {city}.",
    "Majka prijavljuje da ćerka {name} ne odgovara na telefon od odlaska u {abroad}.",
    "{name} traži smeštaj; izašla iz stana u gradu {city} gde je bila zatvorena.",
    "Kontrolni poziv: {name} dobro, dogovoren odlazak kod advokata.",
    "{name} pita za ročište u gradu {city}; dogovorena pratnja na sud.",
    "{name} u panici, kaže da je prate; dat broj policije 192 i plan bezbednosti.",
    "Prijava sumnje: devojka {name} prosi na raskrsnici u gradu {city}.",
    "{name} traži psihološku podršku, zakazano savetovanje.",
    "Poziv iz Centra za socijalni rad {city} u vezi sa klijentkinjom {name}.",
)  # fmt: skip

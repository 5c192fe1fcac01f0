"""Messages of the office flows: refused records named in the user's language, and what a desk
does before its first export (`sosdesk.sync`, `sosdesk.ui.sync`)."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "office.missing_record": (
        "Refused: record {line} of the batch changes a record of {table} that this database "
        "does not have. Nothing of the batch was applied. At the desk, export again: records "
        "the office cannot have yet are sent whole.",
        "Odbijeno: zapis {line} iz paketa menja zapis tabele {table} koji ova baza nema. Ništa "
        "iz paketa nije primenjeno. Na punktu ponovo izvezite: zapisi koje kancelarija još ne "
        "može da ima šalju se celi.",
    ),
    "office.record_does_not_fit": (
        "Refused: a record of the batch does not fit this database ({why}): it refers to a "
        "record that is not here, or repeats a unique value such as a client code. Nothing of "
        "the batch was applied.",
        "Odbijeno: zapis iz paketa ne odgovara ovoj bazi ({why}): poziva se na zapis kojeg "
        "ovde nema ili ponavlja jedinstvenu vrednost, kao što je šifra klijenta. Ništa iz "
        "paketa nije primenjeno.",
    ),
    "office.trust_first": (
        "This desk does not trust an office yet, so there is no one to export to. First ask "
        "the office for its identity file, compare its fingerprint by phone and choose "
        "“Trust the office…” (Ctrl+Shift+O). Nothing was exported.",
        "Ovaj punkt još ne veruje nijednoj kancelariji, pa nema kome da izveze. Prvo tražite od "
        "kancelarije datoteku identiteta, uporedite otisak ključa telefonom i izaberite "
        "„Odredi kancelariju…” (Ctrl+Shift+O). Ništa nije izvezeno.",
    ),
    "office.send_again": (
        "The office refused batch {seq}; the next export (sosdesk sync export) sends it again "
        "with the records the office was missing. Nothing needs editing.",
        "Kancelarija je odbila paket {seq}; sledeći izvoz (sosdesk sync export) ponovo ga šalje "
        "sa zapisima koji su kancelariji nedostajali. Ništa ne treba ispravljati.",
    ),
}

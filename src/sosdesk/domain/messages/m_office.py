"""Messages of the office flows: refused records named in the user's language, and what a desk
does before its first export (`sosdesk.sync`, `sosdesk.ui.sync`)."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "office.missing_record": (
        "Refused: record {line} of the batch changes a record of {table} that this database "
        "does not have. Nothing of the batch was applied. Take the receipts back to the desk: "
        "its next export sends the batch again with the records that are missing here.",
        "Odbijeno: zapis {line} iz paketa menja zapis tabele {table} koji ova baza nema. Ništa "
        "iz paketa nije primenjeno. Odnesite potvrde nazad na punkt: njegov sledeći izvoz "
        "ponovo šalje paket sa zapisima koji ovde nedostaju.",
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
    "office.coordinator_only": (
        "Only a coordinator may use the office tools (backup, database check, print register).",
        "Samo koordinator/ka može da koristi alate kancelarije (rezervna kopija, provera baze, "
        "registar štampe).",
    ),
    "office.backup_done": (
        "Backup written and checked: {file} ({size} MB). It opens only with this database's key "
        "file: keep a copy of the key file with it, in a locked place.",
        "Rezervna kopija je zapisana i proverena: {file} ({size} MB). Otvara se samo sa datotekom "
        "ključa ove baze: čuvajte kopiju datoteke ključa uz nju, pod ključem.",
    ),
    "office.check_sound": (
        "The database is sound: its pages, their encryption and the audit chain ({entries} "
        "entries) are intact.",
        "Baza je ispravna: njene stranice, njihovo šifrovanje i revizorski lanac ({entries} "
        "zapisa) su netaknuti.",
    ),
    "office.check_unsound": (
        "The database is damaged: {pages} problem(s) in its pages, {chain} in the audit chain. "
        "Stop entering data, make no backup over an older one, and restore the newest backup "
        "(sosdesk restore) with the IT person.",
        "Baza je oštećena: {pages} problem(a) u stranicama, {chain} u revizorskom lancu. Ne "
        "unosite više podatke, ne pravite kopiju preko starije i vratite najnoviju rezervnu "
        "kopiju (sosdesk restore) uz pomoć IT osobe.",
    ),
    "office.doc_issued": (
        "Issued here: {kind} {number}, issued on {when} by {who}. The file is exactly the one "
        "that was issued.",
        "Izdat ovde: {kind} {number}, izdat {when}, izdao/la {who}. Datoteka je tačno ona koja "
        "je izdata.",
    ),
    "office.doc_issued_elsewhere": (
        "Issued at another desk: {kind} {number}, issued on {when} by {who} (known from a synced "
        "timeline). The file is exactly the one that was issued.",
        "Izdat na drugom punktu: {kind} {number}, izdat {when}, izdao/la {who} (poznat iz "
        "sinhronizovane hronologije). Datoteka je tačno ona koja je izdata.",
    ),
    "office.doc_modified": (
        "Not authentic: the file claims to be {kind} {number} (issued on {when}), but its "
        "content differs from the PDF that was issued: it was changed after issue.",
        "Nije verodostojan: datoteka tvrdi da je {kind} {number} (izdat {when}), ali se sadržaj "
        "razlikuje od izdatog PDF-a: izmenjen je posle izdavanja.",
    ),
    "office.doc_unknown": (
        "Unknown: this file is not a document issued here (no matching record in the print "
        "register).",
        "Nepoznat: ova datoteka nije dokument izdat ovde (nema odgovarajućeg zapisa u registru "
        "štampe).",
    ),
    "office.restore_confirm": (
        "Replace this database with the backup {name}? Everything entered here after that "
        "backup was made is lost at this desk (what reached the office comes back with its next "
        "batch). The desk locks now; unlock it again when the restore is done.",
        "Zameniti ovu bazu rezervnom kopijom {name}? Sve što je ovde uneto posle pravljenja te "
        "kopije gubi se na ovom punktu (ono što je stiglo u kancelariju vraća se sa njenim "
        "sledećim paketom). Punkt se sada zaključava; otključajte ga ponovo kad vraćanje završi.",
    ),
    "office.restore_done": (
        "The database was restored from {name} and checked. Unlock the desk to continue.",
        "Baza je vraćena iz kopije {name} i proverena. Otključajte punkt da nastavite.",
    ),
    "office.restore_not_locked": (
        "The desk could not be locked, so nothing was restored.",
        "Punkt nije mogao da se zaključa, pa ništa nije vraćeno.",
    ),
}

"""Messages of setting aside the records of a refused batch that completion cannot fix
(`sosdesk.sync.set_aside`, `sosdesk office set-aside`, the Office area, the desk's receipts)."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "set_aside.nothing_refused": (
        "Desk {desk} has no refused batch waiting for a decision: its last refused batch was "
        "sent again or applied since. Nothing was changed.",
        "Punkt {desk} nema odbijen paket koji čeka odluku: njegov poslednji odbijeni paket je "
        "u međuvremenu ponovo poslat ili primenjen. Ništa nije promenjeno.",
    ),
    "set_aside.file_gone": (
        "The refused batch {seq} of desk {desk} is no longer kept in quarantine (the copy was "
        "removed or the quarantine was full). Ask the desk to export again, import it, then "
        "decide. Nothing was changed.",
        "Odbijeni paket {seq} punkta {desk} više se ne čuva u karantinu (kopija je uklonjena "
        "ili je karantin bio pun). Zamolite punkt da ponovo izveze, uvezite paket, pa onda "
        "odlučite. Ništa nije promenjeno.",
    ),
    "set_aside.changed": (
        "What would be set aside from batch {seq} of desk {desk} has changed since it was "
        "shown. Look at the list again before deciding. Nothing was changed.",
        "Spisak zapisa koji bi se izdvojili iz paketa {seq} punkta {desk} promenio se otkako "
        "je prikazan. Pogledajte spisak ponovo pre odluke. Ništa nije promenjeno.",
    ),
    "set_aside.does_not_fit": (
        "it does not fit this database ({why}): it repeats a unique value such as a client "
        "code, or refers to a record that is not here",
        "ne odgovara ovoj bazi ({why}): ponavlja jedinstvenu vrednost, kao što je šifra "
        "klijenta, ili se poziva na zapis kojeg ovde nema",
    ),
    "set_aside.missing": (
        "it changes a record of {table} that this database does not have",
        "menja zapis tabele {table} koji ova baza nema",
    ),
    "set_aside.bad_value": (
        "its values break a rule of the table {table} at this office",
        "njegove vrednosti krše pravilo tabele {table} u ovoj kancelariji",
    ),
    "set_aside.unreadable": (
        "the record cannot be read as a record of this program",
        "zapis ne može da se pročita kao zapis ovog programa",
    ),
    "set_aside.record": (
        "Record {line} ({table}, {id}): ",
        "Zapis {line} ({table}, {id}): ",
    ),
    "set_aside.office_plan": (
        "Batch {seq} of desk {desk} holds {records} record(s). If you decide to apply it "
        "without the records that do not fit here, {count} record(s) are set aside, kept "
        "sealed in quarantine with their reasons, and never applied; the others are applied "
        "in one transaction and the desk gets a receipt naming what was set aside.",
        "Paket {seq} punkta {desk} sadrži {records} zapis(a). Ako odlučite da ga primenite "
        "bez zapisa koji ovde ne odgovaraju, {count} zapis(a) se izdvaja: čuvaju se "
        "zapečaćeni u karantinu sa razlozima i nikada se ne primenjuju; ostali se primenjuju "
        "u jednoj transakciji, a punkt dobija potvrdu u kojoj piše šta je izdvojeno.",
    ),
    "set_aside.office_done": (
        "Batch {seq} of desk {desk} applied without {count} record(s) ({inserted} new "
        "record(s) here). The set-aside records stay sealed in quarantine with their reasons. "
        "Take the receipt to the desk: its next export continues after this batch.",
        "Paket {seq} punkta {desk} primenjen je bez {count} zapis(a) ({inserted} novih "
        "zapisa ovde). Izdvojeni zapisi ostaju zapečaćeni u karantinu sa razlozima. Odnesite "
        "potvrdu na punkt: njegov sledeći izvoz nastavlja posle ovog paketa.",
    ),
    "set_aside.run_again": (
        "Nothing was changed. To decide, run the command again with --yes.",
        "Ništa nije promenjeno. Da biste odlučili, pokrenite komandu ponovo sa --yes.",
    ),
    "set_aside.desk_done": (
        "The office applied batch {seq} without {count} record(s) that do not fit there. "
        "They stay on this desk and are not sent again; talk to the coordinator about them.",
        "Kancelarija je primenila paket {seq} bez {count} zapis(a) koji tamo ne odgovaraju. "
        "Oni ostaju na ovom punktu i ne šalju se ponovo; razgovarajte o njima sa "
        "koordinatorom.",
    ),
    "set_aside.receipts_needed": (
        "Say where the desk's receipt goes: --receipts DIR. Nothing was changed.",
        "Navedite gde ide potvrda za punkt: --receipts FASCIKLA. Ništa nije promenjeno.",
    ),
    "set_aside.hint": (
        "If batch {seq} of desk {desk} is refused again for a record the desk cannot send "
        "otherwise (a client code taken here, a value this office refuses), the coordinator "
        "can apply it without that record: Office area, “Decide on a refused batch…” (Alt+E), "
        "or sosdesk office set-aside --desk {desk}.",
        "Ako paket {seq} punkta {desk} ponovo bude odbijen zbog zapisa koji punkt ne može "
        "drugačije da pošalje (šifra klijenta koja je ovde zauzeta, vrednost koju ova "
        "kancelarija odbija), koordinator ga može primeniti bez tog zapisa: oblast "
        "Kancelarija, „Odluka o odbijenom paketu…” (Alt+E), ili sosdesk office set-aside "
        "--desk {desk}.",
    ),
}

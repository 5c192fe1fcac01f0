"""Messages of sync's everyday refusals: folders, exports, identities, peers, conflicts.

The English texts are the sentences these errors spoke before they had codes.
"""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "sync.no_folder": (
        "the folder {folder} does not exist (is the stick plugged in?)",
        "Fascikla {folder} ne postoji (da li je fleš memorija priključena?)",
    ),
    "sync.no_receipts_folder": (
        "the receipts folder {folder} does not exist",
        "Fascikla za potvrde {folder} ne postoji",
    ),
    "sync.use_office_import": (
        "this is the office database: use `sosdesk office import`",
        "Ovo je baza kancelarije: koristite `sosdesk office import`",
    ),
    "sync.receipt_not_written": (
        "could not write a receipt ({why})",
        "Potvrda nije zapisana ({why})",
    ),
    "sync.no_office_trusted": (
        "this desk does not trust an office yet (sosdesk sync trust-office)",
        "Ovaj punkt još ne veruje nijednoj kancelariji (sosdesk sync trust-office)",
    ),
    "sync.export_raced": (
        "another export ran at the same time; export again",
        "Istovremeno je tekao još jedan izvoz; izvezite ponovo",
    ),
    "sync.outbox_changed": (
        "the outbox changed during the export; export again",
        "Izlazni red se promenio tokom izvoza; izvezite ponovo",
    ),
    "sync.desk_revoked_send": (
        "desk {desk} is revoked; nothing is sent to it",
        "Punkt {desk} je opozvan; njemu se ništa ne šalje",
    ),
    "sync.unknown_entity": ("unknown record type {entity}", "Nepoznata vrsta zapisa {entity}"),
    "sync.conflict_ambiguous": (
        "no single conflict starts with {ref}; see `sosdesk office conflicts`",
        "Nijedan pojedinačni sukob ne počinje sa {ref}; pogledajte `sosdesk office conflicts`",
    ),
    "sync.field_not_settable": (
        "{entity}.{field} cannot be set here",
        "{entity}.{field} se ovde ne može postaviti",
    ),
    "sync.field_empty": ("{field} cannot be empty", "{field} ne može biti prazno"),
    # `detail` is the wire schema's reason (English, names a code or a limit; see sync.failed).
    "sync.field_bad_value": ("{field}: {detail}", "{field}: {detail}"),
    "sync.conflict_resolved": (
        "that conflict is already resolved",
        "Taj sukob je već razrešen",
    ),
    "sync.conflict_record_missing": (
        "the record of this conflict is not in this database",
        "Zapis ovog sukoba nije u ovoj bazi",
    ),
    "sync.office_not_desk": (
        "this is the office database; desk sync commands run on a desk",
        "Ovo je baza kancelarije; komande sinhronizacije punkta rade na punktu",
    ),
    "sync.identity_is_office": (
        "that file is an office's identity, not a desk's",
        "Ta datoteka je identitet kancelarije, ne punkta",
    ),
    "sync.identity_is_self": (
        "{desk} is this office itself; enrol the desks' files",
        "{desk} je sama ova kancelarija; upišite datoteke punktova",
    ),
    "sync.identity_is_desk": (
        "that file is a desk's identity; ask the office for its identity file",
        "Ta datoteka je identitet punkta; tražite od kancelarije njenu datoteku identiteta",
    ),
    "sync.no_such_desk": (
        "no enrolled desk {ref}; see `sosdesk office desks`",
        "Nema upisanog punkta {ref}; pogledajte `sosdesk office desks`",
    ),
    "sync.identity_is_folder": (
        "{name} is a folder; give a file name, e.g. {desk}.sosid",
        "{name} je fascikla; navedite ime datoteke, npr. {desk}.sosid",
    ),
    "sync.identity_version": (
        "{name} was made by another version of SOS Desk; update both",
        "{name} je napravila druga verzija SOS Desk-a; ažurirajte obe",
    ),
    "sync.identity_key_missing": (
        "{name} is damaged: a key is missing or unreadable",
        "{name} je oštećena: ključ nedostaje ili se ne može pročitati",
    ),
    "sync.identity_key_size": (
        "{name} is damaged: the keys have the wrong size",
        "{name} je oštećena: ključevi su pogrešne veličine",
    ),
    "sync.identity_bad_code": (
        "{name} is damaged: the desk code or id is not valid",
        "{name} je oštećena: oznaka ili id punkta nisu ispravni",
    ),
}

"""Messages of the encrypted store: opening, keys, backup and restore (`sosdesk.store`)."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "store.wrong_passphrase": (
        "Wrong passphrase for this user. Check the keyboard layout and Caps Lock.",
        "Pogrešna lozinka za ovog korisnika. Proverite raspored tastature i Caps Lock.",
    ),
    "store.wrong_recovery_key": (
        "That recovery key does not open this database. Check it and try again.",
        "Taj ključ za oporavak ne otvara ovu bazu. Proverite ga i pokušajte ponovo.",
    ),
    "store.unknown_user": (
        "No user named {user} can unlock this database. Ask the coordinator to add you.",
        "Korisnik {user} ne može da otključa ovu bazu. Zamolite koordinatorku da vas doda.",
    ),
    "store.keyfile_missing": (
        "The key file {name} is missing beside the database. Copy it back from where you keep "
        "backups; without it the database cannot be opened.",
        "Datoteka ključeva {name} ne postoji pored baze. Vratite je sa mesta gde čuvate "
        "rezervne kopije; bez nje se baza ne može otvoriti.",
    ),
    "store.keyfile_unreadable": (
        "The key file {name} cannot be read (no permission or a damaged medium).",
        "Datoteka ključeva {name} ne može da se pročita (nema dozvole ili je medij oštećen).",
    ),
    "store.keyfile_damaged": (
        "The key file is damaged or is not an SOS Desk key file ({detail}); "
        "copy it back from a backup.",
        "Datoteka ključeva je oštećena ili nije datoteka ključeva SOS Deska ({detail}); "
        "vratite je iz rezervne kopije.",
    ),
    "store.keyfile_no_recovery": (
        "This key file has no recovery slot; unlock with a user's passphrase.",
        "Ova datoteka ključeva nema mesto za ključ za oporavak; otključajte lozinkom korisnika.",
    ),
    "store.last_user": (
        "The last user cannot be removed: nobody could unlock the database.",
        "Poslednji korisnik ne može da se ukloni: niko ne bi mogao da otključa bazu.",
    ),
    "store.last_coordinator": (
        "{user} is the last active coordinator and cannot be removed or lose that role; "
        "add another coordinator first.",
        "{user} je poslednja aktivna koordinatorka i ne može da se ukloni niti da izgubi tu "
        "ulogu; prvo dodajte drugu koordinatorku.",
    ),
    "store.user_name_at": (
        "A user name may not contain @: it marks colleagues from other desks. Choose another.",
        "Korisničko ime ne sme da sadrži @: tim znakom se označavaju kolege sa drugih punktova. "
        "Izaberite drugo.",
    ),
    "store.user_name": (
        "A user name must have 1 to {limit} characters, without spaces at the ends or line breaks.",
        "Korisničko ime mora imati od 1 do {limit} znakova, bez razmaka na krajevima i bez "
        "prelaska u novi red.",
    ),
    "store.unknown_role": (
        "Unknown role {role}: use volunteer, operator, consultant, coordinator or auditor.",
        "Nepoznata uloga {role}: upotrebite volunteer, operator, consultant, coordinator ili "
        "auditor.",
    ),
    "store.missing": (
        "No database {name} here. Check --db, or create one with `sosdesk init`.",
        "Ovde nema baze {name}. Proverite --db ili napravite bazu komandom `sosdesk init`.",
    ),
    "store.exists": (
        "{name} already exists; nothing was changed.",
        "{name} već postoji; ništa nije promenjeno.",
    ),
    "store.not_a_file": (
        "{name} is a folder or a device, not a database file. Give the database file.",
        "{name} je fascikla ili uređaj, a ne datoteka baze. Navedite datoteku baze.",
    ),
    "store.symlink": (
        "{name} is a symbolic link; SOS Desk keeps its database only in ordinary files.",
        "{name} je simbolička veza; SOS Desk čuva bazu samo u običnim datotekama.",
    ),
    "store.not_ours": (
        "{name} is not an SOS Desk database, or the key file beside it belongs to another "
        "database. Nothing was written to it.",
        "{name} nije baza SOS Deska ili datoteka ključeva pored nje pripada drugoj bazi. "
        "Ništa u nju nije upisano.",
    ),
    "store.empty_file": (
        "{name} is empty: it is not an SOS Desk database. Nothing was written to it; restore "
        "the database from a backup.",
        "{name} je prazna: nije baza SOS Deska. Ništa u nju nije upisano; vratite bazu iz "
        "rezervne kopije.",
    ),
    "store.no_identity": (
        "{name} has no desk identity; it is damaged. Restore it from a backup.",
        "{name} nema identitet punkta; oštećena je. Vratite je iz rezervne kopije.",
    ),
    "store.damaged": (
        "{name} is damaged (a page does not read back as written). Run `sosdesk verify`, "
        "then restore the latest backup; nothing was changed.",
        "{name} je oštećena (jedna stranica se ne čita onako kako je upisana). Pokrenite "
        "`sosdesk verify`, pa vratite poslednju rezervnu kopiju; ništa nije promenjeno.",
    ),
    "store.newer_schema": (
        "{name} was written by a newer SOS Desk; install that version to open it.",
        "{name} je zapisana novijom verzijom SOS Deska; instalirajte tu verziju da biste je "
        "otvorili.",
    ),
    "store.sqlcipher_version": (
        "SQLCipher 4 is required to open this database.",
        "Za otvaranje ove baze potreban je SQLCipher 4.",
    ),
    "store.busy": (
        "The database is in use by another program; nothing was saved. Close it and try again.",
        "Bazu koristi drugi program; ništa nije sačuvano. Zatvorite ga i pokušajte ponovo.",
    ),
    "store.in_use": (
        "{name} is already open in another SOS Desk window on this computer. "
        "Switch to that window, or close it and try again.",
        "{name} je već otvorena u drugom prozoru SOS Deska na ovom računaru. "
        "Pređite u taj prozor ili ga zatvorite i pokušajte ponovo.",
    ),
    "store.disk_full": (
        "The disk is full (where {name} is): nothing of this change was saved. Free some "
        "space (or ask the coordinator) and try again.",
        "Disk je pun (tamo gde je {name}): ništa od ove izmene nije sačuvano. Oslobodite "
        "prostor (ili se javite koordinatorki) i pokušajte ponovo.",
    ),
    "store.folder_cannot_create": (
        "The folder {name} cannot be created (a file is in the way, or no permission); "
        "choose another.",
        "Fascikla {name} ne može da se napravi (na tom mestu je datoteka ili nema dozvole); "
        "izaberite drugu.",
    ),
    "store.folder_not_writable": (
        "Cannot write into the folder of {name} (read-only or no permission). "
        "Choose another folder; nothing was changed.",
        "Nije moguće pisati u fasciklu datoteke {name} (samo za čitanje ili bez dozvole). "
        "Izaberite drugu fasciklu; ništa nije promenjeno.",
    ),
    "store.weak_passphrase": (
        "This passphrase is too easy to guess. Use at least {min} characters, best a short "
        "sentence of four or more unusual words; not only spaces, repeated or common words.",
        "Ova lozinka se lako pogađa. Upotrebite najmanje {min} znakova, najbolje kratku "
        "rečenicu od četiri ili više neobičnih reči; ne samo razmake, ponavljanja ili česte "
        "reči.",
    ),
    "store.passphrase_too_long": (
        "A passphrase may have at most {limit} characters.",
        "Lozinka može imati najviše {limit} znakova.",
    ),
    "store.passphrase_not_utf8": (
        "The passphrase is not valid UTF-8 text (check the terminal's encoding); "
        "nothing was changed.",
        "Lozinka nije ispravan UTF-8 tekst (proverite kodiranje terminala); ništa nije promenjeno.",
    ),
    "store.backup_failed": (
        "The backup {name} could not be written. Free disk space or choose another folder; "
        "the database itself is unchanged.",
        "Rezervna kopija {name} nije mogla da se upiše. Oslobodite prostor na disku ili "
        "izaberite drugu fasciklu; sama baza nije promenjena.",
    ),
    "store.backup_not_ours": (
        "{name} does not open with this database's key, or is not a complete backup of it "
        "(damaged or empty). Nothing was changed.",
        "{name} se ne otvara ključem ove baze ili nije njena potpuna rezervna kopija "
        "(oštećena ili prazna). Ništa nije promenjeno.",
    ),
    "store.backup_other_desk": (
        "{name} is a backup of desk {found}, not of this desk {expected}. Nothing was changed.",
        "{name} je rezervna kopija punkta {found}, a ne ovog punkta {expected}. "
        "Ništa nije promenjeno.",
    ),
    "store.backup_newer": (
        "{name} was made by a newer SOS Desk; restore it with that version. Nothing was changed.",
        "{name} je napravljena novijom verzijom SOS Deska; vratite je tom verzijom. "
        "Ništa nije promenjeno.",
    ),
    "store.restore_failed": (
        "The restored copy did not verify; the previous database was put back unchanged.",
        "Vraćena kopija nije prošla proveru; prethodna baza je vraćena nepromenjena.",
    ),
}

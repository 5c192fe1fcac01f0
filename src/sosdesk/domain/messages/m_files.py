"""Messages of reading and writing files (`sosdesk.files`)."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "file.missing": (
        "There is no file {name}. Check the name and the folder.",
        "Ne postoji datoteka {name}. Proverite ime i fasciklu.",
    ),
    "file.not_regular": (
        "{name} is not an ordinary file (a folder or a device?). Choose a file.",
        "{name} nije obična datoteka (fascikla ili uređaj?). Izaberite datoteku.",
    ),
    "file.too_large": (
        "{name} is larger than {limit} bytes, more than such a file can be. Nothing was read.",
        "{name} je veća od {limit} bajtova, više nego što takva datoteka može biti. "
        "Ništa nije pročitano.",
    ),
    "file.exists": (
        "{name} already exists. Choose another name, or allow overwriting.",
        "{name} već postoji. Izaberite drugo ime ili dozvolite zamenu.",
    ),
    "file.symlink": (
        "{name} is a symbolic link; SOS Desk writes only to ordinary files. Choose another name.",
        "{name} je simbolička veza; SOS Desk upisuje samo u obične datoteke. Izaberite drugo ime.",
    ),
    "file.no_space": (
        "The disk holding {name} is full. Free some space or choose another place; "
        "nothing was written.",
        "Disk na kome je {name} je pun. Oslobodite prostor ili izaberite drugo mesto; "
        "ništa nije upisano.",
    ),
    "file.not_writable": (
        "Cannot write into the folder of {name} (read-only or no permission). "
        "Choose another folder.",
        "Nije moguće pisati u fasciklu datoteke {name} (samo za čitanje ili bez dozvole). "
        "Izaberite drugu fasciklu.",
    ),
    "file.no_folder": (
        "The folder for {name} does not exist. Create it or choose another.",
        "Fascikla za {name} ne postoji. Napravite je ili izaberite drugu.",
    ),
    "file.unreadable": (
        "Cannot read {name} (no permission or a damaged medium).",
        "Nije moguće pročitati {name} (nema dozvole ili je medij oštećen).",
    ),
    "file.bad_name": (
        "The file name is not valid text; rename the file or choose another.",
        "Ime datoteke nije ispravan tekst; preimenujte datoteku ili izaberite drugu.",
    ),
}

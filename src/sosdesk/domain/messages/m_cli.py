"""Messages of the `sosdesk` command line (argument mistakes, refusals of a command)."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "cli.text": ("{text}", "{text}"),
    "cli.no_user": (
        "No user: pass --user NAME or set SOSDESK_USER.",
        "Nema korisnika: navedite --user IME ili postavite SOSDESK_USER.",
    ),
    "cli.no_passphrase": (
        "No passphrase: set {env} or run on a terminal to be asked.",
        "Nema lozinke: postavite {env} ili pokrenite na terminalu da biste bili upitani.",
    ),
    "cli.passphrases_differ": (
        "The two passphrases differ; nothing was changed.",
        "Dve lozinke se razlikuju; ništa nije promenjeno.",
    ),
    "cli.coordinator_only_passwd": (
        "Sorry, only a coordinator can set another user's passphrase.",
        "Samo koordinatorka može da postavi lozinku drugom korisniku.",
    ),
    "cli.coordinator_only_add": (
        "Sorry, only a coordinator can add users.",
        "Samo koordinatorka može da dodaje korisnike.",
    ),
    "cli.coordinator_only_remove": (
        "Sorry, only a coordinator can remove users.",
        "Samo koordinatorka može da uklanja korisnike.",
    ),
    "cli.bad_name": (
        "A file or folder name is not valid text; choose another name.",
        "Ime datoteke ili fascikle nije ispravan tekst; izaberite drugo ime.",
    ),
    "cli.demo_calls": (
        "--calls must be between 1 and {limit}.",
        "--calls mora biti između 1 i {limit}.",
    ),
    "cli.demo_real_data": (
        "{name} already holds real data (not made by `sosdesk demo`). Demo data would mix "
        "with it; pass --into-existing only if that is really wanted. Nothing was changed.",
        "{name} već sadrži prave podatke (nije je napravio `sosdesk demo`). Demo podaci bi se "
        "pomešali s njima; navedite --into-existing samo ako je to zaista namera. "
        "Ništa nije promenjeno.",
    ),
    "cli.search_empty": (
        "Please give something to look for: a name, a code, a phone number or words.",
        "Navedite šta tražite: ime, šifru, broj telefona ili reči.",
    ),
    "cli.search_limit": (
        "--limit must be between 1 and {limit}.",
        "--limit mora biti između 1 i {limit}.",
    ),
    "cli.output_exists": (
        "{name} already exists; choose another name or pass --overwrite.",
        "{name} već postoji; izaberite drugo ime ili navedite --overwrite.",
    ),
}

"""Directory: search in any script, kinds by name, stale entries, edit with version check."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from sosdesk.domain.validation import ValidationFailed
from sosdesk.services.directory import (
    create_entry,
    get_entry,
    mark_verified,
    search_directory,
    update_entry,
)
from sosdesk.store.database import Database


def test_search_any_script_and_stale_marking(db: Database) -> None:
    old = date.today() - timedelta(days=400)
    e = create_entry(
        db,
        {
            "kind": "lawyer",
            "name": "adv. Milan Đorđević",
            "city": "Kragujevac",
            "phones": ["034 300 200"],
            "languages": ["sr", "de"],
            "last_verified": old,
        },
    )
    create_entry(db, {"kind": "court", "name": "Viši sud u Beogradu", "city": "Beograd"})
    assert [x.id for x in search_directory(db, "Ђорђевић")] == [e.id]
    assert [x.id for x in search_directory(db, "djordjev")] == [e.id]
    assert [x.id for x in search_directory(db, "300 2")] == [e.id]
    assert [x.name for x in search_directory(db, "адвокат")] == ["adv. Milan Đorđević"]
    assert [x.kind for x in search_directory(db, "court")] == ["court"]
    assert e.is_stale() and e.phones == ("+38134300200",)
    fresh = mark_verified(db, e.id)
    assert fresh.last_verified == date.today() and not fresh.is_stale()
    assert search_directory(db, "nema takvog") == []


def test_edit_deactivate_and_refuse_bad_input(db: Database) -> None:
    e = create_entry(db, {"kind": "shelter", "name": "Prihvatilište", "phones": ["192"]})
    assert e.phones == ("192",)
    with pytest.raises(ValidationFailed) as err:
        create_entry(db, {"kind": "spaceship", "name": " ", "email": "nije-adresa"})
    assert {x.field for x in err.value.errors} == {"kind", "name", "email"}
    assert update_entry(db, e.id, {"city": "Beograd"}, expected_version=1) == ["city"]
    with pytest.raises(ValidationFailed, match="changed meanwhile"):
        update_entry(db, e.id, {"city": "Niš"}, expected_version=1)
    update_entry(db, e.id, {"active": False})
    assert search_directory(db, "prihvat") == []
    assert [x.id for x in search_directory(db, "prihvat", include_inactive=True)] == [e.id]
    assert get_entry(db, e.id).city == "Beograd"

"""Organisation header settings, and script conversion of names and free text."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from sosdesk.documents.labels import gendered, t
from sosdesk.documents.script import fmt_amount, in_script, para
from sosdesk.domain.translit import cyrillic_to_latin
from sosdesk.domain.validation import ValidationFailed
from sosdesk.services.organisation import DEMO, get_organisation, set_organisation
from sosdesk.store.database import Database
from sosdesk.store.models import AuditEntry
from tests.conftest import PASSPHRASE


def test_demo_default_is_the_seed_organisation(db: Database) -> None:
    org = get_organisation(db)
    assert org == DEMO
    assert "ASTRA" in org.name and org.sos_numbers == ("011 33 47 817", "0800 101 201")
    assert org.email == "sos@astra.rs" and org.place == "Beograd"


def test_coordinator_changes_the_header_and_it_is_audited(db: Database) -> None:
    org = set_organisation(
        db, {"name": "Udruženje Iskra", "place": "Novi Sad", "sos_numbers": ["021 111 222"]}
    )
    assert org.name == "Udruženje Iskra" and org.place == "Novi Sad"
    assert org.email == DEMO.email  # untouched fields keep their values
    assert get_organisation(db) == org
    with db.session() as s:
        entry = s.execute(
            select(AuditEntry).where(AuditEntry.action == "settings_changed")
        ).scalar_one()
        assert entry.detail == {"fields": ["name", "place", "sos_numbers"]}


def test_bad_settings_are_refused(db: Database) -> None:
    with pytest.raises(ValidationFailed) as err:
        set_organisation(
            db,
            {
                "name": "",
                "timezone": "Mars/Olympus",
                "colour": "red",
                "sos_numbers": ["1", "2", "3", "4", "5"],
            },
        )
    fields = {e.field for e in err.value.errors}
    assert fields == {"name", "timezone", "colour", "sos_numbers"}
    assert get_organisation(db) == DEMO
    operator = db.add_user("mira", "Mira Operaterka", "operator", PASSPHRASE)
    assert operator
    mira = Database.open(db.path, user="mira", passphrase=PASSPHRASE)
    try:
        with pytest.raises(PermissionError):
            set_organisation(mira, {"name": "Druga"})
    finally:
        mira.close()


def test_cyrillic_keeps_addresses_codes_and_foreign_words() -> None:
    text = "Milica, sos@astra.rs, www.astra.rs, https://x.org/a, BG1-2026-0142, Wang Yi, K 12/2025"
    out = in_script(text, "sr-Cyrl")
    assert out.startswith("Милица, sos@astra.rs, www.astra.rs, https://x.org/a, BG1-2026-0142")
    assert "Wang Yi" in out and "К 12/2025" in out
    assert in_script("Ђорђе и Љиља", "en") == "Đorđe i Ljilja"


def test_labels_in_three_languages() -> None:
    assert t("page", "sr-Cyrl", x="2", y="7") == "Страна 2 од 7"
    assert t("page", "sr-Latn", x="2", y="7") == "Strana 2 od 7"
    assert t("page", "en", x="2", y="7") == "Page 2 of 7"
    assert gendered("cert_code", "female", "sr-Latn", code="X") == "klijentkinja pod šifrom X"
    assert gendered("cert_code", "unknown", "sr-Cyrl", code="X") == "клијент/киња под шифром X"
    assert gendered("cert_code", "male", "en", code="X") == "the client with code X"
    # A Serbian date's full stop is not doubled at the end of a sentence.
    assert t("ref_consent_x", "sr-Latn", d="22.11.2026.").endswith("(22.11.2026.).")
    assert t("chronology_intro", "sr-Latn", org="X", period="do 22.11.2026.").endswith(
        "do 22.11.2026."
    )
    assert t("cert_until", "sr-Latn", d="22.11.2026.") == " do 22.11.2026."


@settings(deadline=None)  # the first example registers the fonts
@given(st.text(max_size=60))
def test_free_text_is_always_safe_markup(text: str) -> None:
    from reportlab.platypus import Paragraph

    from sosdesk.documents.layout import styles

    for lang in ("sr-Cyrl", "sr-Latn", "en"):
        Paragraph(para(text, lang), styles()["cell"])  # never raises on user text


@given(st.integers(min_value=-(10**12), max_value=10**12))
def test_amounts_are_exact(minor: int) -> None:
    sr, en = fmt_amount(minor, "sr-Latn"), fmt_amount(minor, "en")
    assert int(sr.replace(".", "").replace(",", "")) == minor
    assert int(en.replace(",", "").replace(".", "")) == minor
    assert cyrillic_to_latin(sr) == sr

"""The organisation header printed on every document, kept in the Setting table.

Until a coordinator sets it, the header is the organisation the seeds describe (NVO ASTRA and
its SOS line), so a demo database prints sensible documents out of the box.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, replace
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sosdesk.domain import roles
from sosdesk.domain.validation import Checker
from sosdesk.services.access import require
from sosdesk.store.database import Database
from sosdesk.store.models import Setting

SETTING_KEY = "organisation"
FIELDS = (
    "name",
    "name_en",
    "unit",
    "unit_en",
    "address",
    "place",
    "sos_numbers",
    "phone",
    "email",
    "web",
    "timezone",
)


@dataclass(frozen=True)
class Organisation:
    """Who issues the documents: name (Serbian Latin and English), address, SOS numbers, place."""

    name: str
    name_en: str
    unit: str  # the service issuing the document, e.g. the SOS line
    unit_en: str
    address: str
    place: str  # where documents are dated ("Beograd, 21. 11. 2026.")
    sos_numbers: tuple[str, ...]
    phone: str
    email: str
    web: str
    timezone: str = "Europe/Belgrade"

    def display_name(self, lang: str) -> str:
        """The name in an English document, or the Serbian one."""
        return self.name_en if lang == "en" and self.name_en else self.name

    def display_unit(self, lang: str) -> str:
        """The issuing service in an English document, or the Serbian one."""
        return self.unit_en if lang == "en" and self.unit_en else self.unit


# Public contact details of the organisation in the seed documents.
DEMO = Organisation(
    name="NVO ASTRA – Akcija protiv trgovine ljudima",
    name_en="ASTRA – Anti Trafficking Action",
    unit="SOS telefon za žrtve trgovine ljudima",
    unit_en="SOS hotline for victims of human trafficking",
    address="Beograd, Srbija",
    place="Beograd",
    sos_numbers=("011 33 47 817", "0800 101 201"),
    phone="011 785 0000",
    email="sos@astra.rs",
    web="www.astra.rs",
)


def zone(org: Organisation) -> ZoneInfo:
    """The organisation's time zone (documents show local dates and times)."""
    try:
        return ZoneInfo(org.timezone)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


def get_organisation(db: Database) -> Organisation:
    """The header as configured, or the demo default."""
    with db.session() as s:
        row = s.get(Setting, SETTING_KEY)
        stored: dict[str, Any] = dict(row.value) if row and isinstance(row.value, dict) else {}
    if not stored:
        return DEMO
    values = {k: v for k, v in stored.items() if k in FIELDS}
    if "sos_numbers" in values:
        values["sos_numbers"] = tuple(values["sos_numbers"] or ())
    return replace(DEMO, **values)


def clean_organisation(data: dict[str, Any]) -> dict[str, Any]:
    """Validate header fields (only those present); raises ValidationFailed."""
    c = Checker()
    out: dict[str, Any] = {}
    for name in sorted(set(data) - set(FIELDS)):
        c.fail(name, "organisation.unknown_field")
    for name in ("name", "place"):
        if name in data:
            out[name] = c.text(name, data[name], required=True, max_len=200)
    for name in ("name_en", "unit", "unit_en", "address", "phone", "email", "web"):
        if name in data:
            out[name] = c.text(name, data[name], max_len=200) or ""
    if "sos_numbers" in data:
        numbers = [
            n
            for n in (c.text("sos_numbers", n, max_len=40) for n in data["sos_numbers"] or [])
            if n
        ]
        if len(numbers) > 4:
            c.fail("sos_numbers", "organisation.too_many_numbers")
        out["sos_numbers"] = numbers
    if "timezone" in data:
        try:
            ZoneInfo(str(data["timezone"]))
            out["timezone"] = str(data["timezone"])
        except (ZoneInfoNotFoundError, ValueError):
            c.fail("timezone", "organisation.bad_timezone")
    c.done()
    return out


def set_organisation(db: Database, data: dict[str, Any]) -> Organisation:
    """Change header fields (coordinators only); the change is recorded in the audit chain."""
    require(db, roles.EDIT_ORGANISATION)
    fields = clean_organisation(data)
    merged: dict[str, Any] = asdict(get_organisation(db))
    merged.update(fields)
    merged["sos_numbers"] = list(merged["sos_numbers"])
    with db.transaction() as tx:
        tx.session.merge(Setting(key=SETTING_KEY, value=merged))
        tx.audit("settings_changed", "settings", SETTING_KEY, {"fields": sorted(fields)})
    return get_organisation(db)

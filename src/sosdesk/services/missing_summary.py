"""What the case summary of a missing child (for the police or a foreign 116 000 line) shows.

The child's name appears only in the full profile and only to a role that may see it; the
pseudonymised profile (the default) shows the case code and scrubs the name, aliases and contact
details out of free text with the documents' own `Scrubber`. Times are the organisation's.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import select

from sosdesk.domain import roles
from sosdesk.domain.validation import Checker
from sosdesk.domain.vocab import LANGS
from sosdesk.services.documents.redaction import Scrubber
from sosdesk.services.documents.request import PROFILES
from sosdesk.services.errors import NotFound
from sosdesk.services.missing_children import _can_see_name, _episode, require_missing
from sosdesk.services.organisation import Organisation, get_organisation, zone
from sosdesk.store.database import Database
from sosdesk.store.models import MissingCase, MissingStep, User


@dataclass(frozen=True)
class SummaryStep:
    """One step of the search as printed: local time, kind code, scrubbed details."""

    occurred_at: datetime
    kind: str
    details: tuple[tuple[str, str], ...]  # (payload key, value); vocabulary codes stay codes


@dataclass(frozen=True)
class MissingSummaryData:
    """Everything the summary PDF prints, already redacted for its profile."""

    organisation: Organisation
    signatory: str
    signatory_role: str
    issued_on: date
    lang: str
    profile: str
    code: str
    opened_at: datetime
    child_name: str | None  # None: pseudonymised (the code stands for the child)
    aliases: tuple[str, ...]
    birth_date: date | None
    age: int | None
    gender: str
    citizenship: str | None
    languages: tuple[str, ...]
    living: str | None
    description: str | None
    reporter_kind: str
    reporter_relation: str | None
    contact_channel: str
    last_seen_on: date | None
    last_seen_place: str | None
    circumstances: str | None
    category: str
    countries: tuple[str, ...]
    risks: tuple[str, ...]
    episode: int
    outcome: str | None
    outcome_on: date | None
    found_where: str | None
    found_by: str | None
    after: str | None
    steps: tuple[SummaryStep, ...]


def _check(lang: str, profile: str) -> None:
    c = Checker()
    if lang not in LANGS:
        c.fail("lang", "prefs.lang")
    if profile not in PROFILES:
        c.fail("profile", "missing.profile")
    c.done()


def summary_data(
    db: Database, case_id: str, lang: str = "sr-Cyrl", profile: str = "pseudonymised"
) -> MissingSummaryData:
    """Gather one case for its summary; the full profile needs a role that may see the name."""
    require_missing(db, roles.RECORD_MISSING_SEARCH)
    _check(lang, profile)
    org = get_organisation(db)
    tz = zone(org)
    with db.session() as s:
        case = s.get(MissingCase, case_id)
        if case is None:
            raise NotFound("not_found.missing_case", id=case_id)
        full = profile == "full" and _can_see_name(s, db, case)
        name = case.child_name or ""
        given, _, family = name.partition(" ")
        scrub = Scrubber(
            case.code,
            [a for a in case.child_aliases or [] if a],
            [],
            full_name=(given or None, family or None),
        )

        def text(value: str | None) -> str | None:
            return value if full else scrub.scrub(value)

        steps = []
        for step in s.execute(
            select(MissingStep)
            .where(MissingStep.case_id == case.id)
            .order_by(MissingStep.occurred_at, MissingStep.created_at)
        ).scalars():
            details = tuple((k, text(str(v)) or "") for k, v in dict(step.payload).items())
            steps.append(SummaryStep(step.occurred_at.astimezone(tz), step.kind, details))
        me = s.get(User, db.actor.user_id)
        return MissingSummaryData(
            organisation=org,
            signatory=me.display_name if me else db.actor.name,
            signatory_role=db.actor.role,
            issued_on=datetime.now(tz).date(),
            lang=lang,
            profile="full" if full else "pseudonymised",
            code=case.code,
            opened_at=case.opened_at.astimezone(tz),
            child_name=name if full and name else None,
            aliases=tuple(case.child_aliases or ()) if full else (),
            birth_date=case.birth_date if full else None,
            age=case.age,
            gender=case.gender,
            citizenship=case.citizenship,
            languages=tuple(case.languages or ()),
            living=case.living,
            description=text(case.description),
            reporter_kind=case.reporter_kind,
            reporter_relation=text(case.reporter_relation),
            contact_channel=case.contact_channel,
            last_seen_on=case.last_seen_on,
            last_seen_place=case.last_seen_place,
            circumstances=text(case.circumstances),
            category=case.category,
            countries=tuple(case.countries or ()),
            risks=tuple(case.risks or ()),
            episode=_episode(s, case),
            outcome=case.outcome,
            outcome_on=case.outcome_on,
            found_where=text(case.found_where),
            found_by=text(case.found_by),
            after=case.after,
            steps=tuple(steps),
        )


def register_detail(
    data: MissingSummaryData, sha256: str, pages: int, encrypted: bool
) -> dict[str, Any]:
    """What the audit chain keeps about an issued summary (codes only, never a name)."""
    return {
        "kind": "missing_summary",
        "case": data.code,
        "lang": data.lang,
        "profile": data.profile,
        "sha256": sha256,
        "pages": pages,
        "encrypted": encrypted,
    }

"""The band at the top of a client file: code and name, and what an operator must see at a
glance at 3 a.m.: risk level, identification status, consent, age, citizenship, phones, case.
"""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from sosdesk.domain.countries import COUNTRY
from sosdesk.domain.vocab import CASE_PHASE, GENDER, RISK_LEVEL, VICTIM_STATUS, age_group
from sosdesk.services.cases import CaseView
from sosdesk.services.clients import client_age
from sosdesk.services.views import ClientView
from sosdesk.ui.widgets.datetime_field import format_date
from sosdesk.ui.widgets.display import display_phone, theme_colours


class ClientHeader(QFrame):
    """Read-only summary of the open client."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("role", "card")
        outer = QVBoxLayout(self)
        outer.setContentsMargins(12, 8, 12, 8)
        top = QHBoxLayout()
        self.title = QLabel(self)
        self.title.setProperty("role", "heading")
        self.risk = QLabel(self)
        self.risk.setProperty("role", "risk")
        top.addWidget(self.title, 1)
        top.addWidget(self.risk)
        outer.addLayout(top)
        self.facts = QLabel(self)
        self.facts.setWordWrap(True)
        self.facts.setProperty("role", "muted")
        outer.addWidget(self.facts)
        self.flags = QLabel(self)
        self.flags.setWordWrap(True)
        outer.addWidget(self.flags)

    def show_client(self, c: ClientView, cases: list[CaseView] | None, lang: str) -> None:
        """Fill the band for a client and her cases (None: not read yet)."""
        self.title.setText(
            f"{c.code}   {c.display_name if c.display_name != c.code else ''}".strip()
        )
        colours = theme_colours()
        colour = {"high": colours["danger"], "medium": colours["warning"]}.get(
            c.risk_level, colours["muted"]
        )
        self.risk.setText(self.tr("Risk: %1").replace("%1", RISK_LEVEL.label(c.risk_level, lang)))
        self.risk.setStyleSheet(
            f"color: {colour}; font-weight: bold; border: 2px solid {colour};"
            "border-radius: 4px; padding: 2px 8px;"
        )
        age = client_age(c)
        facts = [GENDER.label(c.gender, lang)]
        if age is not None:
            facts.append(
                self.tr("%1 years (%2)")
                .replace("%1", str(age))
                .replace("%2", age_group(age).replace("--", "–"))
            )
        if c.citizenship:
            facts.append(COUNTRY.label(c.citizenship, lang))
        if c.nickname and c.display_name != c.nickname:
            facts.append(f"„{c.nickname}“")
        facts.extend(display_phone(p) for p in c.phones)
        self.facts.setText(" · ".join(f for f in facts if f))
        flags = [self.tr("Status: %1").replace("%1", VICTIM_STATUS.label(c.status, lang))]
        if c.consent_date:
            flags.append(self.tr("Consent given %1").replace("%1", format_date(c.consent_date)))
        else:
            flags.append(self.tr("No consent to data processing recorded"))
        flags.append(
            self.tr("Shares with institutions: yes")
            if c.consent_share_institutions
            else self.tr("Shares with institutions: no")
        )
        open_cases = [k for k in cases or [] if k.is_open]
        if cases is None:
            pass  # the case line follows a moment later
        elif open_cases:
            flags.append(
                self.tr("Case: %1").replace("%1", CASE_PHASE.label(open_cases[0].phase, lang))
            )
        else:
            flags.append(self.tr("No open case"))
        self.flags.setText(" · ".join(flags))

    def clear(self) -> None:
        for label in (self.title, self.risk, self.facts, self.flags):
            label.clear()
        self.risk.setStyleSheet("")

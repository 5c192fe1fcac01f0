"""The shared state of one demo run: the seeded random source, the clock window, the desk and
user the rows are written as, and the people, phones and times every generator draws from.

Every generator draws from the one `random.Random` in a fixed order, so a seed always gives
the same data.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from typing import Any, NamedTuple

from sosdesk.demo import corpus
from sosdesk.domain.phones import normalise_phone
from sosdesk.domain.translit import latin_to_cyrillic
from sosdesk.store.database import Database

YEARS_BACK = 3
Progress = Callable[[int, int, str], None]  # done, total, what


class DemoClient(NamedTuple):
    """A generated client as the later generators need it."""

    id: str
    code: str
    registered: float  # POSIX seconds
    status: str


class DemoContext:
    """Seeded random source and the clock window of a run (`start` .. `now`)."""

    def __init__(self, db: Database, seed: int) -> None:
        self.db = db
        self.r = random.Random(seed)
        self.now = time.time()
        self.start = self.now - YEARS_BACK * 365 * 86400
        self.device = db.desk.device_id
        self.user = db.actor.user_id
        self.directory_ids: list[str] = []

    def hlc(self) -> str:
        """The next hybrid-clock stamp of this desk."""
        return self.db.clock.now().encode()

    def when(self) -> float:
        """A moment in the window, busier in the evening and at night."""
        day = self.r.uniform(self.start, self.now)
        base = day - (day % 86400)
        hour = self.r.choices(
            range(24),
            weights=[3, 3, 2, 2, 1, 1, 1, 2, 3, 4, 5, 5, 5, 5, 5, 5, 5, 6, 7, 7, 7, 6, 5, 4],
        )[0]
        return min(self.now - 60, base + hour * 3600 + self.r.uniform(0, 3599))

    def phone(self, prefix: str = "381") -> str:
        """A plausible mobile number (Serbian unless another country code is given)."""
        if prefix == "381":
            raw = (
                "+3816"
                + str(self.r.choice([0, 1, 2, 3, 4, 5, 6, 9]))
                + str(self.r.randrange(10**6, 10**7))
            )
        else:
            raw = "+" + prefix + str(self.r.randrange(10**8, 10**9))
        return normalise_phone(raw)

    def person(self) -> dict[str, Any]:
        """A name, citizenship, language and gender (some foreign, some in Cyrillic)."""
        r = self.r
        if r.random() < 0.15:
            cit, lang, prefix, givens, families = r.choice(corpus.FOREIGN)
            given, family = r.choice(givens), r.choice(families)
            gender = r.choices(["female", "male"], [8, 2])[0]
        else:
            cit, lang, prefix = "RS", "sr", "381"
            gender = r.choices(["female", "male", "trans_nonbinary", "unknown"], [75, 20, 2, 3])[0]
            given = r.choice(corpus.MALE if gender == "male" else corpus.FEMALE)
            family = r.choice(corpus.FAMILY)
            if r.random() < 0.3:  # written down in Cyrillic by the operator
                given, family = latin_to_cyrillic(given), latin_to_cyrillic(family)
        return {
            "given": given,
            "family": family,
            "citizenship": cit,
            "language": lang,
            "prefix": prefix,
            "gender": gender,
        }

    def summary(self, templates: tuple[str, ...], name: str = "") -> str:
        """A call or note summary from the corpus (a quarter of them in Cyrillic)."""
        text = self.r.choice(templates).format(
            abroad=self.r.choice(corpus.ABROAD), city=self.r.choice(corpus.CITIES), name=name
        )
        return latin_to_cyrillic(text) if self.r.random() < 0.25 else text

"""Indicator lists of trafficking (ILO/European Commission 2009) and the suggested reading.

A list is data (a resource file, then versions a coordinator adds); this module only reads a
list and counts what a screening observed. The reading is a suggestion for the professional:
it never decides identification.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from sosdesk.domain.translit import latin_to_cyrillic

WEIGHTS = ("strong", "medium", "weak")
SETS = ("adult_labour", "adult_sexual", "child_labour", "child_sexual")
ELEMENTS = ("recruitment", "exploitation", "coercion")


@dataclass(frozen=True)
class Dimension:
    """One of the six dimensions and the element of the definition it belongs to."""

    code: str
    en: str
    sr_latn: str
    element: str

    def label(self, lang: str) -> str:
        """The name in sr-Latn, sr-Cyrl or en."""
        return _pick(lang, self.en, self.sr_latn)


@dataclass(frozen=True)
class Indicator:
    """One indicator, its dimension and its weight in each set it belongs to."""

    code: str
    dimension: str
    weights: Mapping[str, str]
    en: str
    sr_latn: str

    def label(self, lang: str) -> str:
        """The text in sr-Latn, sr-Cyrl or en."""
        return _pick(lang, self.en, self.sr_latn)


@dataclass(frozen=True)
class IndicatorList:
    """A version of the preliminary or the formal list."""

    kind: str
    version: int
    source: str
    dimensions: tuple[Dimension, ...]
    items: tuple[Indicator, ...]

    def item(self, code: str) -> Indicator | None:
        """The indicator with `code`, if this version has it."""
        return next((i for i in self.items if i.code == code), None)

    def for_set(self, indicator_set: str) -> tuple[Indicator, ...]:
        """The indicators that belong to one of the four sets."""
        return tuple(i for i in self.items if indicator_set in i.weights)


@dataclass(frozen=True)
class Reading:
    """Counts behind the suggestion: dimensions with a strong indicator, dimensions met by the
    ILO combination rule, and whether every element of the definition is met."""

    strong_dimensions: int
    met_dimensions: tuple[str, ...]
    elements_met: tuple[str, ...]
    suggests_trafficking: bool
    dimensions_total: int

    def as_payload(self) -> dict[str, Any]:
        """What a screening event keeps of the reading."""
        return {
            "strong_dimensions": self.strong_dimensions,
            "met_dimensions": list(self.met_dimensions),
            "elements_met": list(self.elements_met),
            "suggests_trafficking": self.suggests_trafficking,
            "dimensions_total": self.dimensions_total,
        }


def _pick(lang: str, en: str, sr_latn: str) -> str:
    if lang == "en":
        return en
    if lang == "sr-Cyrl":
        return latin_to_cyrillic(sr_latn)
    return sr_latn


def parse_list(kind: str, version: int, data: Mapping[str, Any]) -> IndicatorList:
    """Build a list from its stored form (the resource file's shape); `kind` picks the items of
    the preliminary list when the data names them."""
    dims = tuple(Dimension(d["code"], d["en"], d["sr"], d["element"]) for d in data["dimensions"])
    wanted = set(data.get("preliminary") or ()) if kind == "preliminary" else None
    items = tuple(
        Indicator(i["code"], i["dimension"], dict(i["weight"]), i["en"], i["sr"])
        for i in data["items"]
        if wanted is None or i["code"] in wanted
    )
    return IndicatorList(kind, version, str(data.get("source", "")), dims, items)


def _dimension_met(weights: list[str]) -> bool:
    # The ILO/EC 2009 combination rule for one dimension.
    strong, medium, weak = (weights.count(w) for w in WEIGHTS)
    return (
        strong >= 2
        or (strong >= 1 and medium + weak >= 1)
        or medium >= 3
        or (medium >= 2 and weak >= 1)
    )


def suggested_reading(lst: IndicatorList, indicator_set: str, observed: Iterable[str]) -> Reading:
    """Count what was observed in one set. Adults need recruitment, exploitation and coercion;
    for children coercion is not needed (a child cannot consent), as in the ILO/EC rule."""
    by_dim: dict[str, list[str]] = {d.code: [] for d in lst.dimensions}
    for code in observed:
        ind = lst.item(code)
        if ind is not None and indicator_set in ind.weights and ind.dimension in by_dim:
            by_dim[ind.dimension].append(ind.weights[indicator_set])
    strong = sum(1 for ws in by_dim.values() if "strong" in ws)
    met = tuple(d for d, ws in by_dim.items() if _dimension_met(ws))
    element_of = {d.code: d.element for d in lst.dimensions}
    elements = tuple(e for e in ELEMENTS if any(element_of[d] == e for d in met))
    needed = ELEMENTS[:2] if indicator_set.startswith("child") else ELEMENTS
    suggests = all(e in elements for e in needed)
    return Reading(strong, met, elements, suggests, len(lst.dimensions))

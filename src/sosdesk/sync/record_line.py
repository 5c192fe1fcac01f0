"""Reading one payload line in the exact form desks and the office write (outbox.py): the
record's keys in sorted order, no spaces. Each value is scanned by the JSON decoder where it
stands, so the text of `fields` is known exactly and can be relayed as received instead of
being encoded again. A line in any other form (or with a duplicate key) is not split here;
the caller then parses it in full, with the same checks.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any


def _no_constants(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


# The C scanner (one value at a position, nothing skipped), with NaN and Infinity refused.
_DECODER: Any = json.JSONDecoder(parse_constant=_no_constants)  # typeshed omits scan_once
_SCAN: Callable[[str, int], tuple[Any, int]] = _DECODER.scan_once
# The keys in the order they are written, each with the text that leads to its value.
_LEADS = (
    ("base", '{"base":'),
    ("entity", ',"entity":'),
    ("fields", ',"fields":'),
    ("hlc", ',"hlc":'),
    ("id", ',"id":'),
    ("op", ',"op":'),
    ("origin", ',"origin":'),
    ("seq", ',"seq":'),
)


def split_line(text: str) -> tuple[dict[str, Any], str] | None:
    """The record of a line written in the standard form, and the exact text of its fields
    (one JSON value); None for any other form or invalid JSON (parse the line in full)."""
    doc: dict[str, Any] = {}
    pos = 0
    raw = ""
    try:
        for key, lead in _LEADS:
            if not text.startswith(lead, pos):
                return None
            start = pos + len(lead)
            doc[key], pos = _SCAN(text, start)
            if key == "fields":
                raw = text[start:pos]
    except (StopIteration, ValueError):
        return None
    if pos != len(text) - 1 or text[pos] != "}":
        return None
    return doc, raw

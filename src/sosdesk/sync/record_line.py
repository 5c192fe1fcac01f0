"""Reading one payload line in the exact form desks and the office write (outbox.py): the
record's keys in sorted order, no spaces. The plain values around `fields` are matched by
pattern and `fields` is scanned by the JSON decoder where it stands, so its text is known
exactly and can be relayed as received instead of being encoded again. A line in any other
form (escapes in a plain value, a duplicate key, spaces) is not split here; the caller then
parses it in full, with the same checks.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any


def _no_constants(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


# The C scanner (one value at a position, nothing skipped), with NaN and Infinity refused.
_DECODER: Any = json.JSONDecoder(parse_constant=_no_constants)  # typeshed omits scan_once
_SCAN: Callable[[str, int], tuple[Any, int]] = _DECODER.scan_once
# A JSON string without escapes (what json.loads would return unchanged), a JSON whole number.
_STR = r'"([^"\\\x00-\x1f]*)"'
_NUM = r"(0|[1-9][0-9]*)"
_HEAD = re.compile(rf'\{{"base":{_NUM},"entity":{_STR},"fields":')
_TAIL = re.compile(rf',"hlc":{_STR},"id":{_STR},"op":{_STR},"origin":{_STR},"seq":{_NUM}\}}')


def split_line(text: str) -> tuple[dict[str, Any], str] | None:
    """The record of a line written in the standard form, and the exact text of its fields
    (one JSON value); None for any other form or invalid JSON (parse the line in full)."""
    head = _HEAD.match(text)
    if head is None:
        return None
    start = head.end()
    try:
        fields, end = _SCAN(text, start)
    except (StopIteration, ValueError):
        return None
    tail = _TAIL.fullmatch(text, end)
    if tail is None:
        return None
    hlc, rid, op, origin, seq = tail.groups()
    doc = {
        "base": int(head[1]),
        "entity": head[2],
        "fields": fields,
        "hlc": hlc,
        "id": rid,
        "op": op,
        "origin": origin,
        "seq": int(seq),
    }
    return doc, text[start:end]

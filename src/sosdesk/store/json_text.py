"""JSON text for the values of JSON columns, exactly as `json.dumps(v, ensure_ascii=False)`
writes it, without building a new encoder for every value: the engine's JSON serializer for
every write, and the import's for the tens of thousands of values it binds itself."""

from __future__ import annotations

import json
from collections.abc import Callable
from json import encoder as _encoder
from typing import Any


def _not_json(o: Any) -> Any:
    raise TypeError(f"Object of type {o.__class__.__name__} is not JSON serializable")


def _make() -> Callable[[Any], str]:
    make = getattr(_encoder, "c_make_encoder", None)
    if make is None:  # no C accelerator: the standard call
        return lambda v: json.dumps(v, ensure_ascii=False)
    # No cycle check (markers None): decoded JSON has no cycles, and a value from the
    # services is JSON data too; separators and escaping as json.dumps' defaults.
    encode = make(None, _not_json, _encoder.encode_basestring, None, ": ", ", ", False, False, True)

    def dump(v: Any) -> str:
        return "".join(encode(v, 0))

    return dump


dump_json: Callable[[Any], str] = _make()

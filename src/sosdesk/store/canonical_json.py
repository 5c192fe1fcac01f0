"""The audit chain's canonical JSON: the text an entry's hash covers, and the form its detail
is stored in, so that checking the chain hashes the stored text as it is instead of parsing
and encoding every entry again (most of the time of `verify` on a long log)."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from sqlalchemy import JSON, Dialect, TypeDecorator

# Built once: json.dumps with options builds a new encoder per call, a tenth of a long check.
canonical: Callable[[Any], str] = json.JSONEncoder(
    sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str
).encode


class CanonicalJSON(TypeDecorator[Any]):
    """A JSON column written in canonical text (sorted keys, no spaces, UTF-8 as it is)."""

    impl = JSON
    cache_ok = True

    def bind_processor(self, dialect: Dialect) -> Callable[[Any], str]:
        # Replaces JSON's own serializer rather than feeding it: the stored text is the
        # canonical text itself, not a JSON string holding it.
        return canonical

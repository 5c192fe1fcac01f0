"""Which language the CLI speaks: `--lang`, then `SOSDESK_LANG`, then the locale."""

from __future__ import annotations

import os
from collections.abc import Mapping

DEFAULT_LANG = "sr-Latn"
ENV_LANG = "SOSDESK_LANG"


def _from_locale(value: str) -> str | None:
    low = value.lower()
    if not low or low in ("c", "posix") or low.startswith("c."):
        return None
    if low.startswith("en"):
        return "en"
    if low.startswith("sr"):
        return "sr-Latn" if "latin" in low or "latn" in low else "sr-Cyrl"
    return None


def resolve_lang(explicit: str | None = None, env: Mapping[str, str] | None = None) -> str:
    """The language to speak in; the product default (sr-Latn) when nothing says otherwise."""
    from sosdesk.domain.messages.core import LANGS

    environ = os.environ if env is None else env
    for candidate in (explicit, environ.get(ENV_LANG)):
        if candidate in LANGS:
            return str(candidate)
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        found = _from_locale(environ.get(var, ""))
        if found:
            return found
    return DEFAULT_LANG

"""The page formats of the SQLCipher databases this program writes and reads.

Every page SQLCipher reads is decrypted and its HMAC checked, and that HMAC is most of the
cost of an encrypted read. On the benchmark machine SQLCipher 4's default, HMAC-SHA512, took
14.8 us per 4 KiB page, HMAC-SHA256 10.5 us and a plain SQLite page 4.2 us: SHA-256 has its
own instructions on current x86 and ARM processors, SHA-512 does not. New databases therefore
authenticate their pages with HMAC-SHA256, a 256-bit tag under a 256-bit key, as strong as the
page encryption itself. Databases written in SQLCipher 4's default format (every database
before this change) open as they are: the format is found by trying each in turn, current
first.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PageFormat:
    """How each page is authenticated: SQLCipher's name for the HMAC, hashlib's name for its
    digest and the tag's length in bytes at the end of every page."""

    hmac: str
    digest: str
    tag: int


CURRENT = PageFormat("HMAC_SHA256", "sha256", 32)
SQLCIPHER4_DEFAULT = PageFormat("HMAC_SHA512", "sha512", 64)
# The order files are tried in: the format new databases are written in first.
KNOWN = (CURRENT, SQLCIPHER4_DEFAULT)


def by_hmac(name: str) -> PageFormat:
    """The known format whose HMAC SQLCipher calls `name`."""
    for fmt in KNOWN:
        if fmt.hmac == name.upper():
            return fmt
    raise ValueError(f"unknown page HMAC {name!r}")

"""Every page's HMAC checked from a database file's raw bytes, range by range.

SQLCipher's own check (`cipher_integrity_check`) needs the whole file and a connection to
it, so a backup could only be checked after its last byte was copied: at a million calls
(7 GB) that doubled the time of a backup. Checking the pages of each range as it is written
lets the check run beside the copy, and `verify` checks a whole file the same way, read past
the OS cache (page_checks.py). No library reads SQLCipher's page format, hence
this module; it knows the page formats this program writes (cipher_format.py) and says so
when a file's first page authenticates under none of them (the caller then uses SQLCipher's
own check), so a change of format can slow a backup but never pass a bad one.

The format (SQLCipher 4, `sqlcipher.c`): 4096-byte pages, each ending in a 16-byte IV and an
HMAC (32 bytes of SHA-256, or 64 of SHA-512) over the page's ciphertext, its IV and its page
number (4 bytes, little endian); the first page's first 16 bytes are the key-derivation salt
and are not covered; the page at 1 GiB holds SQLite's lock bytes and nothing else. With a raw
key the HMAC key is PBKDF2-HMAC-SHA512 (SQLCipher 4's key derivation, whatever the page HMAC)
of the key over the salt XOR 0x3a, 2 rounds.
"""

from __future__ import annotations

import hashlib
import hmac
from pathlib import Path

from sosdesk.store import direct_read
from sosdesk.store.cipher_format import KNOWN, PageFormat

PAGE_SIZE = 4096
_SALT = 16
_SALT_MASK = 0x3A
_HMAC_ROUNDS = 2
# The page holding SQLite's lock bytes at 1 GiB is never written (SQLite's PENDING_BYTE);
# SQLCipher's own check skips it too.
LOCK_PAGE = 0x40000000 // PAGE_SIZE + 1


class PageHmacs:
    """The HMAC check of raw pages written under one raw key and one file's salt."""

    def __init__(self, key: bytes, first_page: bytes) -> None:
        salt = bytes(b ^ _SALT_MASK for b in first_page[:_SALT])
        self._key = hashlib.pbkdf2_hmac("sha512", key, salt, _HMAC_ROUNDS, len(key))
        page = first_page[:PAGE_SIZE]
        # None: the first page authenticates in no known format.
        self.format: PageFormat | None = next(
            (f for f in KNOWN if len(page) == PAGE_SIZE and not self._bad(page, 1, f)), None
        )

    @property
    def known(self) -> bool:
        """Whether the first page authenticated under one of the known formats."""
        return self.format is not None

    def damaged(self, data: bytes | memoryview, first: int) -> list[int]:
        """The numbers of the pages in `data` (whole pages, the first numbered `first`) whose
        HMAC does not match their bytes; only for a file whose format is `known`."""
        if self.format is None:
            raise ValueError("the first page is in no known format")
        return self._bad(data, first, self.format)

    def _bad(self, data: bytes | memoryview, first: int, fmt: PageFormat) -> list[int]:
        view = memoryview(data)
        bad: list[int] = []
        # Keyed once per range and copied per page: keying an HMAC for each page was a third
        # of the check's time.
        keyed = hmac.new(self._key, digestmod=fmt.digest)
        end = len(data) - len(data) % PAGE_SIZE
        for at in range(0, end, PAGE_SIZE):
            number = first + at // PAGE_SIZE
            if number == LOCK_PAGE:
                continue
            covered = view[at + (_SALT if number == 1 else 0) : at + PAGE_SIZE - fmt.tag]
            mac = keyed.copy()
            mac.update(covered)
            mac.update(number.to_bytes(4, "little"))
            if mac.digest() != view[at + PAGE_SIZE - fmt.tag : at + PAGE_SIZE]:
                bad.append(number)
        if end != len(data):  # a torn last page
            bad.append(first + end // PAGE_SIZE)
        return bad


def damaged_in_file(path: Path, pages: PageHmacs) -> list[int]:
    """The numbers of the damaged pages of the whole file at `path`, read once past the OS
    cache (direct_read.py); `pages` must be `known`."""
    damaged: list[int] = []
    first = 1
    for data in direct_read.chunks(path):  # whole pages: the range size is a multiple of them
        damaged += pages.damaged(data, first)
        first += len(data) // PAGE_SIZE
    return damaged


class CopiedPages:
    """The check of a file copied range by range from its first byte on (a
    `snapshot_copy.RangeCheck`): each range's pages as they are written."""

    def __init__(self, key: bytes) -> None:
        self._key = key
        self._pages: PageHmacs | None = None
        self.checked = True  # False when the first page is not in the format known here

    def __call__(self, data: memoryview, offset: int) -> list[int]:
        if self._pages is None:
            if offset != 0:
                raise ValueError("ranges are checked from the start of the file")
            self._pages = PageHmacs(self._key, bytes(data[:PAGE_SIZE]))
            self.checked = self._pages.known
        if not self.checked:
            return []
        return self._pages.damaged(data, offset // PAGE_SIZE + 1)

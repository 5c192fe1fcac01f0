"""The encrypted file container of batches and receipts.

Layout: `SOSDESK` + version byte + kind byte, then a SealedBox (anonymous X25519) holding a
random file key and a secretstream header, then the content as XChaCha20-Poly1305
secretstream chunks of 64 KiB (the last one tagged FINAL). Only the recipient's private key
opens it; nothing (not even the sending desk) can be read without it. Every chunk is
authenticated, so a flipped byte, a cut or appended data are all detected while streaming,
and memory stays bounded whatever the size of the file.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO

import nacl.bindings as nb
from nacl.exceptions import CryptoError
from nacl.public import PrivateKey, PublicKey, SealedBox

from sosdesk.files import fsync_folder
from sosdesk.sync import errors
from sosdesk.sync.errors import Rejected

MAGIC = b"SOSDESK\x01"
KIND_BATCH = b"B"
KIND_RECEIPT = b"R"
CHUNK = 64 * 1024
_ABYTES = nb.crypto_secretstream_xchacha20poly1305_ABYTES
_TAG_MESSAGE = nb.crypto_secretstream_xchacha20poly1305_TAG_MESSAGE
_TAG_FINAL = nb.crypto_secretstream_xchacha20poly1305_TAG_FINAL
_KEY_MATERIAL = 32 + nb.crypto_secretstream_xchacha20poly1305_HEADERBYTES
SEALED_LEN = _KEY_MATERIAL + 48  # SealedBox adds an ephemeral public key and a MAC


class SealedWriter:
    """Encrypts a stream of bytes to a recipient's X25519 public key, chunk by chunk."""

    def __init__(self, fh: BinaryIO, recipient_box_public: bytes, kind: bytes) -> None:
        self._fh = fh
        self._ad = MAGIC + kind
        self.file_key = nb.crypto_secretstream_xchacha20poly1305_keygen()
        self._state = nb.crypto_secretstream_xchacha20poly1305_state()
        header = nb.crypto_secretstream_xchacha20poly1305_init_push(self._state, self.file_key)
        self.stream_header = header
        self.sealed = SealedBox(PublicKey(recipient_box_public)).encrypt(self.file_key + header)
        fh.write(self._ad + self.sealed)
        self._buf = bytearray()
        self.closed = False

    def write(self, data: bytes) -> None:
        """Add plaintext; full chunks are encrypted and written at once."""
        self._buf += data
        if len(self._buf) < CHUNK:
            return
        whole = len(self._buf) - len(self._buf) % CHUNK
        view = memoryview(self._buf)
        for start in range(0, whole, CHUNK):
            self._fh.write(
                nb.crypto_secretstream_xchacha20poly1305_push(
                    self._state, bytes(view[start : start + CHUNK]), self._ad, _TAG_MESSAGE
                )
            )
        view.release()
        del self._buf[:whole]

    def close(self) -> None:
        """Encrypt what is left as the FINAL chunk (always shorter than a full chunk)."""
        self._fh.write(
            nb.crypto_secretstream_xchacha20poly1305_push(
                self._state, bytes(self._buf), self._ad, _TAG_FINAL
            )
        )
        self._buf.clear()
        self.closed = True


def _prefix(fh: BinaryIO, kind: bytes) -> bytes:
    head = fh.read(len(MAGIC) + 1)
    if len(head) < len(MAGIC) + 1 or head[: len(MAGIC)] != MAGIC:
        raise Rejected(
            errors.NOT_A_BATCH, "this is not an SOS Desk sync file (or its start is damaged)"
        )
    if head[len(MAGIC) :] != kind:
        what = "batch" if kind == KIND_BATCH else "receipt"
        raise Rejected(errors.NOT_A_BATCH, f"this SOS Desk file is not a {what}")
    return head


def _chunks(fh: BinaryIO, state: Any, ad: bytes) -> Iterator[bytes]:
    while True:
        block = fh.read(CHUNK + _ABYTES)
        if not block:
            raise Rejected(
                errors.TRUNCATED, "the file is cut short (copy it again from the desk's stick)"
            )
        try:
            plain, tag = nb.crypto_secretstream_xchacha20poly1305_pull(state, block, ad)
        except (CryptoError, ValueError):
            if len(block) < CHUNK + _ABYTES:
                raise Rejected(
                    errors.DAMAGED, "the file is damaged or cut short: it fails its integrity check"
                ) from None
            raise Rejected(
                errors.DAMAGED, "the file is damaged or was altered: it fails its integrity check"
            ) from None
        if tag == _TAG_FINAL:
            if fh.read(1):
                raise Rejected(
                    errors.TRAILING_DATA, "extra data follows the end of the file; it was altered"
                ) from None
            if plain:
                yield plain
            return
        if len(block) < CHUNK + _ABYTES:
            raise Rejected(errors.DAMAGED, "the file's structure is damaged")
        yield plain


def open_sealed(fh: BinaryIO, box_private: bytes, kind: bytes, who: str) -> Iterator[bytes]:
    """Decrypt a container with our private key; yields plaintext chunks, raises Rejected."""
    ad = _prefix(fh, kind)
    sealed = fh.read(SEALED_LEN)
    try:
        material = SealedBox(PrivateKey(box_private)).decrypt(sealed)
    except (CryptoError, ValueError):
        raise Rejected(
            errors.WRONG_RECIPIENT,
            f"this file cannot be opened with {who}'s key: "
            "it was made for someone else, or it is damaged",
        ) from None
    if len(material) != _KEY_MATERIAL:
        raise Rejected(errors.DAMAGED, "the file's key block is damaged")
    state = nb.crypto_secretstream_xchacha20poly1305_state()
    nb.crypto_secretstream_xchacha20poly1305_init_pull(state, material[32:], material[:32])
    yield from _chunks(fh, state, ad)


def open_with_file_key(
    fh: BinaryIO, file_key: bytes, header: bytes, sealed: bytes, kind: bytes
) -> Iterator[bytes]:
    """Read back a file we just wrote (we cannot open the recipient's seal, but know the key)."""
    ad = _prefix(fh, kind)
    if fh.read(SEALED_LEN) != sealed:
        raise Rejected(errors.DAMAGED, "the file on the stick differs from what was written")
    state = nb.crypto_secretstream_xchacha20poly1305_state()
    nb.crypto_secretstream_xchacha20poly1305_init_pull(state, header, file_key)
    yield from _chunks(fh, state, ad)


class PlainReader:
    """Exact reads and bounded lines over decrypted chunks."""

    def __init__(self, chunks: Iterator[bytes]) -> None:
        self._chunks = chunks
        self._buf = bytearray()
        self._pos = 0
        self._eof = False

    def _fill(self) -> bool:
        if self._eof:
            return False
        try:
            nxt = next(self._chunks)
        except StopIteration:
            self._eof = True
            return False
        if self._pos:
            del self._buf[: self._pos]
            self._pos = 0
        self._buf += nxt
        return True

    def read_exact(self, n: int) -> bytes:
        """Exactly n bytes, or Rejected(TRUNCATED)."""
        while len(self._buf) - self._pos < n:
            if not self._fill():
                raise Rejected(errors.TRUNCATED, "the content ends too early")
        out = bytes(self._buf[self._pos : self._pos + n])
        self._pos += n
        return out

    def lines(self, max_line: int) -> Iterator[bytes]:
        """Newline-terminated lines (without the newline); the last must be terminated too."""
        while True:
            nl = self._buf.find(b"\n", self._pos)
            if nl >= 0:
                if nl - self._pos > max_line:
                    raise Rejected(errors.TOO_LARGE, f"a record is longer than {max_line} bytes")
                line = bytes(self._buf[self._pos : nl])
                self._pos = nl + 1
                yield line
                continue
            if len(self._buf) - self._pos > max_line:
                raise Rejected(errors.TOO_LARGE, f"a record is longer than {max_line} bytes")
            if not self._fill():
                if len(self._buf) > self._pos:
                    raise Rejected(errors.MALFORMED, "the last record is not complete")
                return


def random_name(suffix: str) -> str:
    """`<random>.<suffix>`: the name says nothing about the desk or its content."""
    return f"{secrets.token_hex(12)}.{suffix}"


def fsync_dir(folder: Path) -> None:
    """Make a rename durable (the one implementation lives in `sosdesk.files`)."""
    fsync_folder(folder)

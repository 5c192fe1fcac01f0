"""Writing one batch file: payload first to an encrypted spool (its hash goes in the header),
then header + payload sealed to the recipient in a temp file, flushed, fsynced, renamed, and
read back and checked before the batch counts as written.

The spool lives beside the database and is encrypted with a key that only exists in memory,
so no plaintext touches any disk and memory stays bounded for any number of records.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

import nacl.bindings as nb

from sosdesk.files import FileProblem, private_output
from sosdesk.sync import batch_format as bf
from sosdesk.sync.container import (
    CHUNK,
    KIND_BATCH,
    PlainReader,
    SealedWriter,
    open_with_file_key,
    random_name,
)
from sosdesk.sync.errors import Rejected, SyncError

Progress = Callable[[int, int], None]
_ABYTES = nb.crypto_secretstream_xchacha20poly1305_ABYTES


class Spool:
    """A temporary, encrypted, anonymous file: write plaintext once, read it back once."""

    def __init__(self, folder: Path) -> None:
        self._fh: BinaryIO = tempfile.TemporaryFile(dir=folder)  # noqa: SIM115 (unlinked at once; closed by close())
        self._key = nb.crypto_secretstream_xchacha20poly1305_keygen()
        self._state = nb.crypto_secretstream_xchacha20poly1305_state()
        self._header = nb.crypto_secretstream_xchacha20poly1305_init_push(self._state, self._key)
        self._buf = bytearray()
        self.sha = hashlib.sha256()
        self.size = 0

    def write(self, data: bytes) -> None:
        """Add plaintext (hashed as it goes)."""
        self.sha.update(data)
        self.size += len(data)
        self._buf += data
        while len(self._buf) >= CHUNK:
            self._fh.write(
                nb.crypto_secretstream_xchacha20poly1305_push(self._state, bytes(self._buf[:CHUNK]))
            )
            del self._buf[:CHUNK]

    def replay(self) -> Iterator[bytes]:
        """The plaintext again, chunk by chunk."""
        self._fh.write(
            nb.crypto_secretstream_xchacha20poly1305_push(
                self._state,
                bytes(self._buf),
                None,
                nb.crypto_secretstream_xchacha20poly1305_TAG_FINAL,
            )
        )
        self._buf.clear()
        self._fh.flush()
        self._fh.seek(0)
        state = nb.crypto_secretstream_xchacha20poly1305_state()
        nb.crypto_secretstream_xchacha20poly1305_init_pull(state, self._header, self._key)
        while True:
            block = self._fh.read(CHUNK + _ABYTES)
            if not block:
                return
            plain, _tag = nb.crypto_secretstream_xchacha20poly1305_pull(state, block)
            yield plain

    def close(self) -> None:
        self._fh.close()


@dataclass(frozen=True)
class Payload:
    """A serialised payload waiting in its spool."""

    spool: Spool
    records: int
    sha256: str
    size: int
    origins: frozenset[str]


def spool_payload(
    folder: Path, lines: Iterable[tuple[bytes, str]], total: int, progress: Progress | None
) -> Payload:
    """Serialise (line, origin) pairs into a spool; returns counts and hash."""
    spool = Spool(folder)
    count = 0
    origins: set[str] = set()
    try:
        for line, origin in lines:
            spool.write(line)
            origins.add(origin)
            count += 1
            if progress is not None and count % 2000 == 0:
                progress(count, max(total, count))
    except BaseException:
        spool.close()
        raise
    return Payload(spool, count, spool.sha.hexdigest(), spool.size, frozenset(origins))


def signed_header(header: bf.BatchHeader, sign_private: bytes) -> tuple[bytes, bytes]:
    """Header bytes and their signature."""
    raw = header.encode()
    return raw, bf.sign_header(raw, sign_private)


def write_file(
    out_dir: Path,
    recipient_box_public: bytes,
    header_bytes: bytes,
    signature: bytes,
    payload: Payload,
    max_line: int,
) -> Path:
    """Seal header + payload into `<random>.sosbatch` in out_dir, durably, and verify it."""
    if not out_dir.is_dir():
        raise SyncError("sync.no_folder", folder=str(out_dir))
    name = random_name("sosbatch")
    final = out_dir / name
    try:
        with private_output(final) as fh:
            writer = SealedWriter(fh, recipient_box_public, KIND_BATCH)
            writer.write(bf.frame_header(header_bytes, signature))
            for chunk in payload.spool.replay():
                writer.write(chunk)
            writer.close()
    except FileProblem as exc:
        raise SyncError(
            f"could not write the batch: {exc.text('en')} Nothing counts as exported."
        ) from None
    try:
        _verify(final, writer, header_bytes, signature, payload, max_line)
    except (Rejected, OSError) as exc:
        with contextlib.suppress(OSError):
            final.unlink()
        raise SyncError(
            f"the batch written to {out_dir} did not read back correctly ({exc}); "
            "nothing counts as exported: try another stick"
        ) from None
    return final


def _verify(
    path: Path,
    writer: SealedWriter,
    header_bytes: bytes,
    signature: bytes,
    payload: Payload,
    max_line: int,
) -> None:
    # Drop the page cache copy where the OS lets us, so the check reads what is on the device.
    with open(path, "rb") as fh:
        with contextlib.suppress(AttributeError, OSError):
            os.posix_fadvise(fh.fileno(), 0, 0, os.POSIX_FADV_DONTNEED)
        reader = PlainReader(
            open_with_file_key(fh, writer.file_key, writer.stream_header, writer.sealed, KIND_BATCH)
        )
        frame = bf.frame_header(header_bytes, signature)
        if reader.read_exact(len(frame)) != frame:
            raise Rejected("damaged", "the header differs")
        sha = hashlib.sha256()
        count = 0
        for line in reader.lines(max_line):
            sha.update(line + b"\n")
            count += 1
        if count != payload.records or sha.hexdigest() != payload.sha256:
            raise Rejected("damaged", "the records differ")

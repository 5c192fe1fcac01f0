"""Argon2id passphrase hashing with stored, bounded parameters."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from argon2.low_level import Type, hash_secret_raw

from sosdesk.store.errors import KeyFileError


@dataclass(frozen=True)
class KdfParams:
    """Argon2id cost: iterations, memory in KiB, lanes."""

    time_cost: int = 24
    memory_kib: int = 65_536
    parallelism: int = 2

    def check(self) -> KdfParams:
        """Refuse parameters no honest key file has (a damaged or hostile file)."""
        if not (1 <= self.time_cost <= 40):
            raise KeyFileError("store.keyfile_damaged", detail="Argon2 iterations out of range")
        if not (8 * 1024 <= self.memory_kib <= 2 * 1024 * 1024):
            raise KeyFileError("store.keyfile_damaged", detail="Argon2 memory out of range")
        if not (1 <= self.parallelism <= 16):
            raise KeyFileError("store.keyfile_damaged", detail="Argon2 lanes out of range")
        return self

    def to_json(self) -> dict[str, Any]:
        return {"alg": "argon2id", **asdict(self)}

    @classmethod
    def from_json(cls, data: Any) -> KdfParams:
        """Parse and bound-check stored parameters."""
        if not isinstance(data, dict) or data.get("alg") != "argon2id":
            raise KeyFileError("store.keyfile_damaged", detail="unknown key derivation")
        try:
            params = cls(int(data["time_cost"]), int(data["memory_kib"]), int(data["parallelism"]))
        except (KeyError, TypeError, ValueError):
            raise KeyFileError(
                "store.keyfile_damaged", detail="damaged key derivation parameters"
            ) from None
        return params.check()


# New key slots: 64 MiB, 24 passes, two lanes. Lanes are filled in parallel, one thread each,
# so two cores derive a key in about half the time one needs, while each guess still costs an
# attacker the whole memory and every pass: 24 passes over 64 MiB are 1.7 times the work of
# the earlier 14 in one lane, yet take 0.52 s on the reference machine's two cores against
# 0.63 s for those (DESIGN.md §8: 0.3-1.0 s; a one-core PC would need about 1.1 s). OWASP's
# Argon2id floor is 19 MiB and 2 passes. The still earlier 256 MiB x 3 pushed the desk window
# past its 300 MB peak. Existing slots keep the parameters stored with them until the
# passphrase is next set.
DEFAULT_KDF = KdfParams()
# Only for tests and throwaway data: fast, and still real Argon2id.
FAST_KDF = KdfParams(time_cost=1, memory_kib=8 * 1024, parallelism=1)


def default_kdf() -> KdfParams:
    """The parameters new key slots get (tests swap DEFAULT_KDF for FAST_KDF)."""
    return DEFAULT_KDF


def derive(secret: bytes, salt: bytes, params: KdfParams) -> bytes:
    """A 32-byte key from a secret and a 16-byte salt."""
    return hash_secret_raw(
        secret, salt, params.time_cost, params.memory_kib, params.parallelism, 32, Type.ID
    )

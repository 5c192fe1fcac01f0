"""Hybrid logical clock: monotonic timestamps that survive wall-clock jumps and order sync."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

_MAX_DRIFT_MS = 24 * 3600 * 1000  # a remote clock a day ahead is not believed


@dataclass(frozen=True, order=True)
class Timestamp:
    """A point of the clock: wall milliseconds, counter, device id (the tie-breaker)."""

    wall_ms: int
    counter: int
    device: str

    def encode(self) -> str:
        """A string that sorts like the timestamp itself."""
        return f"{self.wall_ms:013d}-{self.counter:06d}-{self.device}"

    @classmethod
    def decode(cls, text: str) -> Timestamp:
        """Parse the `encode` form; raises ValueError on anything else."""
        wall, counter, device = text.split("-", 2)
        if len(wall) != 13 or len(counter) != 6 or not device:
            raise ValueError(f"not a clock value: {text!r}")
        return cls(int(wall), int(counter), device)


class HybridLogicalClock:
    """Issues strictly increasing timestamps for one device."""

    def __init__(
        self,
        device: str,
        last: Timestamp | None = None,
        wall: Callable[[], int] = lambda: time.time_ns() // 1_000_000,
    ) -> None:
        self._device = device
        self._wall = wall
        self._last = last or Timestamp(0, 0, device)
        self._lock = threading.Lock()

    @property
    def last(self) -> Timestamp:
        """The most recent timestamp issued or received."""
        return self._last

    def now(self) -> Timestamp:
        """A timestamp greater than every one issued or received before."""
        with self._lock:
            wall = self._wall()
            if wall > self._last.wall_ms:
                ts = Timestamp(wall, 0, self._device)
            else:
                ts = Timestamp(self._last.wall_ms, self._last.counter + 1, self._device)
            self._last = ts
            return ts

    def receive(self, remote: Timestamp) -> Timestamp:
        """Merge a timestamp seen from another device; the next `now()` is after both."""
        with self._lock:
            wall = self._wall()
            if remote.wall_ms > wall + _MAX_DRIFT_MS:
                raise ValueError("remote clock is more than a day ahead")
            top = max(wall, self._last.wall_ms, remote.wall_ms)
            if top == self._last.wall_ms == remote.wall_ms:
                counter = max(self._last.counter, remote.counter) + 1
            elif top == self._last.wall_ms:
                counter = self._last.counter + 1
            elif top == remote.wall_ms:
                counter = remote.counter + 1
            else:
                counter = 0
            self._last = Timestamp(top, counter, self._device)
            return self._last

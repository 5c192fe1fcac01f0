"""Properties of the hybrid logical clock and of client codes."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sosdesk.domain.codes import CodeError, format_client_code, parse_client_code
from sosdesk.domain.hlc import HybridLogicalClock, Timestamp

walls = st.lists(st.integers(min_value=0, max_value=2**41), min_size=1, max_size=60)


@given(walls)
def test_hlc_is_strictly_monotonic_whatever_the_wall_clock_does(readings: list[int]) -> None:
    it = iter(readings)
    clock = HybridLogicalClock("desk-a", wall=lambda: next(it))
    issued = [clock.now() for _ in readings]
    assert all(a < b for a, b in itertools.pairwise(issued))
    encoded = [t.encode() for t in issued]
    assert encoded == sorted(encoded), "encoded form must sort like the clock"
    assert [Timestamp.decode(e) for e in encoded] == issued


@given(walls, st.lists(st.tuples(st.integers(0, 2**41), st.integers(0, 999)), max_size=20))
def test_hlc_after_receive_is_later_than_everything_seen(
    readings: list[int], remote: list[tuple[int, int]]
) -> None:
    it = iter(readings * 3)
    clock = HybridLogicalClock("desk-a", wall=lambda: next(it, 2**41 + 10**8))
    seen: list[Timestamp] = []
    for wall, counter in remote:
        r = Timestamp(wall, counter, "desk-b")
        seen.append(r)
        try:
            seen.append(clock.receive(r))
        except ValueError:
            seen.pop()  # a remote clock a day ahead is refused, not believed
    after = clock.now()
    assert all(after > t for t in seen)


def test_hlc_refuses_a_remote_clock_a_day_ahead() -> None:
    clock = HybridLogicalClock("a", wall=lambda: 1_000)
    with pytest.raises(ValueError, match="day ahead"):
        clock.receive(Timestamp(1_000 + 25 * 3600 * 1000, 0, "b"))


@given(
    st.from_regex(r"[A-Z][A-Z0-9]{1,5}", fullmatch=True),
    st.integers(1900, 9999),
    st.integers(1, 999_999),
)
def test_client_codes_round_trip(desk: str, year: int, number: int) -> None:
    code = format_client_code(desk, year, number)
    parsed = parse_client_code(f"  {code.lower()} ")
    assert (parsed.desk, parsed.year, parsed.number) == (desk, year, number)
    assert str(parsed) == code


@pytest.mark.parametrize(
    "bad",
    [
        "",
        "BG1",
        "BG1-26-1",
        "bg1_2026_0001",
        "1BG-2026-0001",
        "BG1-2026-12a4",
        "TOOLONG1-2026-0001",
    ],
)
def test_malformed_client_codes_are_refused(bad: str) -> None:
    with pytest.raises(CodeError):
        parse_client_code(bad)

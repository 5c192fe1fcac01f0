"""Caller lookup as you type: one query over client codes, names, aliases, phone fragments and
call summaries, in any script. Clients come first (best match first), then calls (newest first).

Text and queries are folded the same way (sosdesk.domain.folding), so `Ђорђе`, `Đorđe`,
`Djordje` and `Dorde` meet. The query shapes keep a lookup inside one frame on a million calls
(measured by benchmarks/lookup_bench.py). What was learnt measuring FTS5 on that data set:

- walking matches in ascending rowid order is cheap, descending is not (10-20 ms for a common
  word over a segmented index), so "newest first" is read as ascending windows of rowids taken
  from the newest end (`rowid >= lo AND rowid < hi`), widening until enough matches are found;
- a prefix query longer than the table's prefix index (`"pasos"*` on call_fts, whose index
  covers 3 characters) merges every matching term's whole doclist: 10-20 ms for a common word,
  whatever the window. Such words are therefore looked up by their first three characters (the
  prefix index), and each candidate is checked against its record's folded text, built by the
  same functions that index it. Only when few candidates pass (a rare word, hence a cheap full
  prefix query) is the exact prefix query run;
- clients are ranked in tiers: every word matching whole (`Ana` before `Anastasija`), then the
  last word as a prefix (still being typed), then every word as a prefix; newest first within a
  tier. Calls need a word of three characters or more: a shorter one matches most of a million
  summaries and tells the operator nothing.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from sosdesk.domain import roles
from sosdesk.domain.clock import to_desk
from sosdesk.domain.folding import fold, fold_words
from sosdesk.domain.phones import digits_of
from sosdesk.domain.vocab import LINE
from sosdesk.services import search_index
from sosdesk.services.access import require
from sosdesk.services.views import SearchHit
from sosdesk.store.database import Database
from sosdesk.store.models import UtcDateTime
from sosdesk.store.raw import driver_connection

_PHONE_LIKE = re.compile(r"^[+\d\s()./-]+$")
MIN_CALL_TOKEN = 3  # see the module docstring
PREFIX_INDEX = {"client": 3, "call": 3}  # longest prefix index of each table (migration 0001)
MAX_TOKENS = 8  # a pasted paragraph is not a lookup
MAX_QUERY = 200
FIRST_WINDOW = 1024  # rowids; widened fourfold while a window holds too few matches
WINDOW_CAP = 1500  # matches read from one window; a denser window is narrowed to its newer half
VERIFY_BUDGET = 450  # candidates checked against their text before the exact prefix query
EXACT_CAP = 20_000
_TIME = UtcDateTime()

_CLIENT_ROWS = (
    "SELECT r.rowid, c.id, c.code, c.given_name, c.family_name, c.nickname, c.aliases, "
    "c.phones, c.notes FROM search_refs r JOIN clients c ON c.id = r.ref WHERE r.rowid IN ({})"
)
_CALL_ROWS = (
    "SELECT r.rowid, c.id, c.started_at, c.line, c.summary, c.client_id, c.actions_taken, "
    "c.caller_phone FROM search_refs r JOIN calls c ON c.id = r.ref WHERE r.rowid IN ({})"
)
_DIRECTORY_SQL = (
    "SELECT d.id, d.name, d.organisation, d.city, d.phones "
    "FROM (SELECT rowid AS rid FROM directory_fts WHERE directory_fts MATCH ? "
    "ORDER BY rowid DESC LIMIT ?) f "
    "JOIN search_refs r ON r.rowid = f.rid JOIN directory_entries d ON d.id = r.ref "
    "WHERE d.active ORDER BY d.name"
)
_DIRECTORY_ALL = (
    "SELECT id, name, organisation, city, phones FROM directory_entries WHERE active "
    "ORDER BY name LIMIT ?"
)


@dataclass(frozen=True)
class Query:
    """A folded query: its words, and whether it was typed as a phone number."""

    tokens: tuple[str, ...]
    phone: bool

    @property
    def shortest(self) -> int:
        return min(len(t) for t in self.tokens)


def parse_query(query: str) -> Query | None:
    """Fold what was typed into search words (None: nothing to look for)."""
    stripped = query.strip()[:MAX_QUERY]
    if _PHONE_LIKE.match(stripped) and len(digits_of(stripped)) >= 3:
        return Query((digits_of(stripped),), True)
    tokens = tuple(dict.fromkeys(fold_words(stripped)))[:MAX_TOKENS]
    return Query(tokens, False) if tokens else None


def _expr(tokens: tuple[str, ...], whole: tuple[bool, ...]) -> str:
    """FTS5 MATCH text: whole words as terms, the others as prefixes."""
    return " AND ".join(f'"{t}"' if w else f'"{t}"*' for t, w in zip(tokens, whole, strict=True))


def match_expression(query: str) -> tuple[str, int] | None:
    """The broadest FTS5 MATCH text for a query (every word a prefix) and its shortest word."""
    q = parse_query(query)
    if q is None:
        return None
    return _expr(q.tokens, (False,) * len(q.tokens)), q.shortest


def _json_list(value: Any) -> list[str]:
    data = json.loads(value) if isinstance(value, str) else value
    return [str(x) for x in data or []]


# -- reading matches newest first ------------------------------------------------------------


class _Finder:
    """Newest-first matches of one FTS table on one raw connection."""

    def __init__(self, conn: Any, kind: str) -> None:
        self.conn = conn
        self.kind = kind
        self.table = search_index.TABLES[kind]
        self._top: int | None = None

    def top(self) -> int:
        """The newest rowid of the table (0 when empty)."""
        if self._top is None:
            row = self.conn.execute(
                f"SELECT rowid FROM {self.table} ORDER BY rowid DESC LIMIT 1"
            ).fetchone()
            self._top = int(row[0]) if row else 0
        return self._top

    def _range(self, expr: str, lo: int, hi: int, cap: int) -> list[int]:
        sql = (
            f"SELECT rowid FROM {self.table} WHERE {self.table} MATCH ? "
            "AND rowid >= ? AND rowid < ? ORDER BY rowid LIMIT ?"
        )
        return [r[0] for r in self.conn.execute(sql, (expr, lo, hi, cap))]

    def _dense_window(self, expr: str, lo: int, hi: int) -> tuple[int, list[int]]:
        """Matches in [lo, hi), narrowed to the newer part while there are too many."""
        rows = self._range(expr, lo, hi, WINDOW_CAP + 1)
        while len(rows) > WINDOW_CAP and hi - lo > 1:
            lo = (lo + hi) // 2
            rows = self._range(expr, lo, hi, WINDOW_CAP + 1)
        return lo, rows

    def newest(self, expr: str) -> Iterator[int]:
        """Rowids matching `expr`, newest first, read as they are consumed: the newest window;
        then, if matches look sparse, everything older in one read, else window by window."""
        hi = self.top() + 1
        lo, rows = self._dense_window(expr, max(0, hi - FIRST_WINDOW), hi)
        yield from reversed(rows)
        density = len(rows) / max(1, hi - lo)
        hi = lo
        if hi <= 0:
            return
        if density * hi <= WINDOW_CAP:  # probably few: one read instead of many windows
            rest = self._range(expr, 0, hi, WINDOW_CAP + 1)
            if len(rest) <= WINDOW_CAP:
                yield from reversed(rest)
                return
        width = FIRST_WINDOW * 4
        while hi > 0:
            lo, rows = self._dense_window(expr, max(0, hi - width), hi)
            yield from reversed(rows)
            hi = lo
            width *= 4

    def every(self, expr: str) -> tuple[list[int], bool]:
        """Every match newest first, and whether that is all of them (capped read)."""
        sql = f"SELECT rowid FROM {self.table} WHERE {self.table} MATCH ? ORDER BY rowid LIMIT ?"
        rows = [r[0] for r in self.conn.execute(sql, (expr, EXACT_CAP + 1))]
        return rows[:EXACT_CAP][::-1], len(rows) <= EXACT_CAP


def _rows(conn: Any, sql: str, rowids: list[int]) -> dict[int, tuple[Any, ...]]:
    if not rowids:
        return {}
    marks = ",".join("?" for _ in rowids)
    return {r[0]: tuple(r) for r in conn.execute(sql.format(marks), rowids)}


def _matches(words: set[str], tokens: tuple[str, ...], whole: tuple[bool, ...]) -> bool:
    """Whether a folded text (its words) matches every query word as FTS5 would."""
    for token, exact in zip(tokens, whole, strict=True):
        if exact:
            if token not in words:
                return False
        elif not any(w.startswith(token) for w in words):
            return False
    return True


def _take(ids: Iterator[int], n: int, skip: set[int]) -> list[int]:
    out: list[int] = []
    for rowid in ids:
        if rowid not in skip:
            out.append(rowid)
            if len(out) >= n:
                break
    return out


def _find(
    finder: _Finder,
    sql: str,
    words_of: Callable[[tuple[Any, ...]], set[str]] | None,
    tokens: tuple[str, ...],
    whole: tuple[bool, ...],
    limit: int,
    skip: set[int],
) -> list[tuple[Any, ...]]:
    """Up to `limit` newest rows matching the words (rowids in `skip` are left out); long
    prefixes are checked candidate by candidate with `words_of` (None: run them as they are)."""
    if limit <= 0:
        return []
    reach = PREFIX_INDEX[finder.kind]
    long_prefix = tuple(not w and len(t) > reach for t, w in zip(tokens, whole, strict=True))
    if not any(long_prefix):
        picked = _take(finder.newest(_expr(tokens, whole)), limit, skip)
        rows = _rows(finder.conn, sql, picked)
        return [rows[r] for r in picked if r in rows]
    if words_of is None:  # a small table: its long prefix queries are cheap (clients)
        return _precise(finder, sql, tokens, whole, limit, skip, [])
    if all(t.isdigit() for t, lp in zip(tokens, long_prefix, strict=True) if lp):
        # Digit prefixes (phone fragments) spread over many distinct terms: exact is cheap.
        return _precise(finder, sql, tokens, whole, limit, skip, [])
    # Long prefixes: candidates through the prefix index, checked against their own text.
    wide = tuple(t[:reach] if lp else t for t, lp in zip(tokens, long_prefix, strict=True))
    candidates = finder.newest(_expr(wide, whole))
    found: list[tuple[Any, ...]] = []
    seen, size = 0, 30
    while len(found) < limit and seen < VERIFY_BUDGET:
        batch = _take(candidates, size, skip)
        if not batch:
            return found  # every candidate was checked: nothing else matches
        seen += len(batch)
        size *= 2
        rows = _rows(finder.conn, sql, batch)
        found += [
            rows[r] for r in batch if r in rows and _matches(words_of(rows[r]), tokens, whole)
        ][: limit - len(found)]
        # Few pass: the word is rare among its candidates, so its exact prefix query is cheap.
        if len(found) * (VERIFY_BUDGET - seen) < (limit - len(found)) * seen:
            break
    if len(found) >= limit:
        return found
    return _precise(finder, sql, tokens, whole, limit, skip, found)


def _precise(
    finder: _Finder,
    sql: str,
    tokens: tuple[str, ...],
    whole: tuple[bool, ...],
    limit: int,
    skip: set[int],
    found: list[tuple[Any, ...]],
) -> list[tuple[Any, ...]]:
    """The exact prefix query, read in one go when its matches are few (else by windows)."""
    have = {row[0] for row in found} | skip
    exact, complete = finder.every(_expr(tokens, whole))
    ids = iter(exact) if complete else finder.newest(_expr(tokens, whole))
    extra = _take(ids, limit - len(found), have)
    rows = _rows(finder.conn, sql, extra)
    merged = found + [rows[r] for r in extra if r in rows]
    return sorted(merged, key=lambda row: int(row[0]), reverse=True)[:limit]


def _call_words(row: tuple[Any, ...]) -> set[str]:
    _rid, _id, _started, _line, summary, _client, actions, phone = row
    parts = [fold(v) for v in (summary, actions) if v]
    if phone:
        parts += search_index.phone_tokens([phone])
    return set(" ".join(parts).split())


def _client_hit(row: tuple[Any, ...]) -> SearchHit:
    _rid, cid, code, given, family, nick, aliases, phones, _notes = row
    name = " ".join(p for p in (given, family) if p) or (nick or "")
    extra = [nick] if nick and nick != name else []
    extra += _json_list(phones)[:1] + _json_list(aliases)[:2]
    return SearchHit("client", cid, f"{code}  {name}".strip(), ", ".join(extra), cid)


def _call_hit(row: tuple[Any, ...], lang: str) -> SearchHit:
    _rid, cid, started, line, summary, client_id, _actions, _phone = row
    when = _TIME.process_result_value(started, None)  # type: ignore[arg-type]
    local = to_desk(when).strftime("%Y-%m-%d %H:%M") if when else ""
    title = f"{local}  {LINE.label(line, lang)}"
    return SearchHit("call", cid, title, (summary or "")[:120], client_id)


def _client_tiers(q: Query) -> list[tuple[bool, ...]]:
    n = len(q.tokens)
    tiers = [(True,) * n]  # every word whole: `Ana` before `Anastasija`
    if n > 1:
        tiers.append((True,) * (n - 1) + (False,))  # still typing the last word
    tiers.append((False,) * n)
    return tiers


def _clients(conn: Any, q: Query, limit: int) -> list[SearchHit]:
    finder = _Finder(conn, "client")
    picked: list[tuple[Any, ...]] = []
    seen: set[int] = set()
    for whole in _client_tiers(q):
        rows = _find(finder, _CLIENT_ROWS, None, q.tokens, whole, limit - len(picked), seen)
        for row in rows:
            seen.add(row[0])
            picked.append(row)
        if len(picked) >= limit:
            break
    return [_client_hit(r) for r in picked[:limit]]


def _calls(conn: Any, q: Query, limit: int, lang: str) -> list[SearchHit]:
    words = tuple(t for t in q.tokens if len(t) >= MIN_CALL_TOKEN)
    if not words or limit <= 0:
        return []
    rows = _find(
        _Finder(conn, "call"), _CALL_ROWS, _call_words, words, (False,) * len(words), limit, set()
    )
    return [_call_hit(r, lang) for r in rows]


def search(
    db: Database, query: str, limit: int = 20, *, calls: bool = True, lang: str = "sr-Latn"
) -> list[SearchHit]:
    """Ranked matches for what the operator typed so far: clients first, then calls (their
    titles name the line in `lang`). Names of clients need `see_safety_card`."""
    require(db, roles.SEE_SAFETY_CARD)
    q = parse_query(query)
    if q is None or limit <= 0:
        return []
    # Keep room for calls when there are many clients: the operator sees both groups.
    client_cap = limit if not calls else max(1, limit - max(1, limit // 3))
    with db.session() as s:
        conn = driver_connection(s)
        hits = _clients(conn, q, client_cap)
        if calls:
            hits += _calls(conn, q, limit - len(hits), lang)
    return hits


def search_clients(db: Database, query: str, limit: int = 10) -> list[SearchHit]:
    """Clients only (linking a call to a client)."""
    return search(db, query, limit, calls=False)


def directory_hits(db: Database, query: str, limit: int = 10) -> list[SearchHit]:
    """Active directory entries matching `query` (all of them, by name, for an empty one);
    `detail` holds organisation, city and first phone."""
    if limit <= 0:
        return []
    q = parse_query(query)
    out: list[SearchHit] = []
    with db.session() as s:
        conn = driver_connection(s)
        if q is None:
            rows = conn.execute(_DIRECTORY_ALL, (limit,)).fetchall()
        else:
            expr = _expr(q.tokens, (False,) * len(q.tokens))
            rows = conn.execute(_DIRECTORY_SQL, (expr, limit)).fetchall()
        for eid, name, org, city, phones in rows:
            numbers = _json_list(phones)
            detail = " · ".join(p for p in (org, city, numbers[0] if numbers else None) if p)
            out.append(SearchHit("directory", eid, name, detail, None))
    return out

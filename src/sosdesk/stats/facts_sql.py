"""The SQL of the statistics facts: triggers that keep `stat_call_hours`, `stat_call_counts`
and `stat_event_facts` in step with calls and events, and the statements that rebuild them.

Migration 0003 holds a frozen copy of this text (migrations import nothing live); a test checks
the two agree. `facts.py` re-creates the triggers if a later table rebuild ever dropped them.
"""

from __future__ import annotations

EVENT_KINDS = ("assistance", "field_action", "court_hearing", "status_change")
# The same four, as an SQL list.
KINDS_SQL = "('assistance', 'field_action', 'court_hearing', 'status_change')"


def bucket(col: str) -> str:
    """The 22:00/23:00 UTC bucket a UTC text time falls in (a Belgrade day starts at one)."""
    return (
        f"CASE substr({col}, 12, 2) WHEN '22' THEN substr({col}, 1, 11) || '22' "
        f"WHEN '23' THEN substr({col}, 1, 11) || '23' "
        f"ELSE date(substr({col}, 1, 10), '-1 day') || 'T23' END"
    )


def json_array(col: str) -> str:
    """A JSON array column as rows (an invalid value counts as empty)."""
    return f"json_each(CASE WHEN json_valid({col}) THEN {col} ELSE '[]' END)"


def call_facts(r: str) -> str:
    """(dim, code) rows one call contributes: its line, caller type, urgency and categories."""
    return (
        f"SELECT 'line' AS dim, coalesce({r}.line, '') AS code "
        f"UNION ALL SELECT 'caller', coalesce({r}.caller_type, '') "
        f"UNION ALL SELECT 'urgency', coalesce({r}.urgency, '') "
        f"UNION ALL SELECT 'category', code FROM (SELECT DISTINCT CAST(value AS TEXT) AS code "
        f"FROM {json_array(r + '.categories')}) "
        f"UNION ALL SELECT 'uncategorised', '' "
        f"WHERE NOT EXISTS (SELECT 1 FROM {json_array(r + '.categories')})"
    )


def _add_call(r: str) -> str:
    return (
        f"INSERT INTO stat_call_hours (hour, n) VALUES (substr({r}.started_at, 1, 13), 1) "
        f"ON CONFLICT (hour) DO UPDATE SET n = n + 1; "
        f"INSERT INTO stat_call_counts (bucket, dim, code, n) "
        f"SELECT {bucket(r + '.started_at')}, dim, code, 1 FROM ({call_facts(r)}) WHERE true "
        f"ON CONFLICT (bucket, dim, code) DO UPDATE SET n = n + 1;"
    )


def _remove_call(r: str) -> str:
    b = bucket(r + ".started_at")
    return (
        f"UPDATE stat_call_hours SET n = n - 1 WHERE hour = substr({r}.started_at, 1, 13); "
        f"DELETE FROM stat_call_hours WHERE hour = substr({r}.started_at, 1, 13) AND n <= 0; "
        f"UPDATE stat_call_counts SET n = n - 1 WHERE bucket = {b} "
        f"AND (dim, code) IN (SELECT dim, code FROM ({call_facts(r)})); "
        f"DELETE FROM stat_call_counts WHERE bucket = {b} AND n <= 0;"
    )


def event_key(r: str) -> str:
    """The code an event is counted under: its type, proceeding or new status."""
    return (
        f"CASE WHEN json_valid({r}.payload) THEN json_extract({r}.payload, CASE {r}.kind "
        f"WHEN 'court_hearing' THEN '$.proceeding' WHEN 'status_change' THEN '$.to_status' "
        f"ELSE '$.type' END) END"
    )


def _add_event(r: str) -> str:
    return (
        f"INSERT INTO stat_event_facts (kind, occurred_at, event_id, stat_key, client_id, "
        f"amount_minor, currency) SELECT {r}.kind, {r}.occurred_at, {r}.id, {event_key(r)}, "
        f"{r}.client_id, {r}.amount_minor, {r}.currency WHERE {r}.kind IN {KINDS_SQL};"
    )


def _remove_event(r: str) -> str:
    return (
        f"DELETE FROM stat_event_facts WHERE kind = {r}.kind AND occurred_at = {r}.occurred_at "
        f"AND event_id = {r}.id;"
    )


TRIGGERS: dict[str, str] = {
    "stat_calls_insert": f"CREATE TRIGGER stat_calls_insert AFTER INSERT ON calls "
    f"BEGIN {_add_call('NEW')} END",
    "stat_calls_delete": f"CREATE TRIGGER stat_calls_delete AFTER DELETE ON calls "
    f"BEGIN {_remove_call('OLD')} END",
    "stat_calls_update": f"CREATE TRIGGER stat_calls_update AFTER UPDATE OF started_at, line, "
    f"caller_type, urgency, categories ON calls "
    f"BEGIN {_remove_call('OLD')} {_add_call('NEW')} END",
    "stat_events_insert": f"CREATE TRIGGER stat_events_insert AFTER INSERT ON events "
    f"BEGIN {_add_event('NEW')} END",
    "stat_events_delete": f"CREATE TRIGGER stat_events_delete AFTER DELETE ON events "
    f"BEGIN {_remove_event('OLD')} END",
    "stat_events_update": f"CREATE TRIGGER stat_events_update AFTER UPDATE OF kind, occurred_at, "
    f"payload, client_id, amount_minor, currency ON events "
    f"BEGIN {_remove_event('OLD')} {_add_event('NEW')} END",
}

REBUILD: tuple[str, ...] = (
    "DELETE FROM stat_call_hours",
    "DELETE FROM stat_call_counts",
    "DELETE FROM stat_event_facts",
    "INSERT INTO stat_call_hours (hour, n) SELECT substr(started_at, 1, 13), count(*) FROM calls "
    "GROUP BY 1",
    f"INSERT INTO stat_call_counts (bucket, dim, code, n) SELECT b, dim, code, count(*) FROM ("
    f"SELECT {bucket('c.started_at')} AS b, 'line' AS dim, coalesce(c.line, '') AS code "
    f"FROM calls AS c "
    f"UNION ALL SELECT {bucket('c.started_at')}, 'caller', coalesce(c.caller_type, '') "
    f"FROM calls AS c "
    f"UNION ALL SELECT {bucket('c.started_at')}, 'urgency', coalesce(c.urgency, '') "
    f"FROM calls AS c "
    f"UNION ALL SELECT {bucket('s')}, 'category', code FROM (SELECT DISTINCT c.rowid, "
    f"c.started_at AS s, CAST(j.value AS TEXT) AS code FROM calls AS c, {json_array('c.categories')} AS j) "
    f"UNION ALL SELECT {bucket('c.started_at')}, 'uncategorised', '' FROM calls AS c "
    f"WHERE NOT EXISTS (SELECT 1 FROM {json_array('c.categories')})"
    f") GROUP BY 1, 2, 3",
    f"INSERT INTO stat_event_facts (kind, occurred_at, event_id, stat_key, client_id, "
    f"amount_minor, currency) SELECT e.kind, e.occurred_at, e.id, {event_key('e')}, e.client_id, "
    f"e.amount_minor, e.currency FROM events AS e WHERE e.kind IN {KINDS_SQL}",
)

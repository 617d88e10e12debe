"""An incremental rebuild: the previous database with the rows of the files that changed replaced.

Each submission's rows depend only on its own bytes, its path and (when the workbook has no saved time)
its file time - except the duplicate rule, which compares the files of one group (organization, year,
form). So when the code is the same as the previous build's (`etl_runs.code_sha256`), the new database is
the previous one minus the rows of changed and removed files, plus the rows of changed and added files,
with the duplicate rule applied again to the groups they left or joined, the notice tables replaced when
a notice changed, the entered deadlines and the run record written again. The result equals a full build
of the same folder table by table (tests/etl/test_incremental.py); the write is the same copy-and-swap.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import duckdb

from etl.pipeline import faults, load
from etl.pipeline.resolve import Rows, china_time, group_key, mark_duplicates

# load_issues rows of submissions are the file's own (kind = 'submission'); notices' are kind = 'notice'
SUBMISSION_KIND, NOTICE_KIND = "submission", "notice"
DUPLICATE_CODE = "duplicate_submission"


@dataclass
class Changes:
    """Relative paths: `parse` (added, or with other bytes or another file time) and `drop` (every path
    whose previous rows go: the changed and the removed)."""

    parse: list[str]
    drop: list[str]


def compare(current: dict[str, tuple[str, datetime]], previous: dict[str, tuple]) -> Changes:
    """current: source_file -> (sha256, file mtime); previous: source_file -> (sha256, modified_at,
    modified_source) as the previous database holds them."""
    parse, drop = [], []
    for source, (sha, mtime) in current.items():
        old = previous.get(source)
        if old is None:
            parse.append(source)
        elif old[0] != sha or (old[2] == "file" and old[1] != china_time(mtime)):
            # the same bytes with another file time matter only where the file time is the saved time
            parse.append(source)
            drop.append(source)
    drop.extend(source for source in previous if source not in current)
    return Changes(sorted(parse), sorted(drop))


def per_file_tables(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Tables whose rows belong to one submission: those with a submission_id column (schema.sql)."""
    return [name for (name,) in con.execute(
        "SELECT table_name FROM information_schema.columns WHERE column_name = 'submission_id' AND table_name IN "
        "(SELECT table_name FROM information_schema.tables WHERE table_type = 'BASE TABLE') ORDER BY 1").fetchall()]


def notice_tables(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Tables filled from the notices (schema.sql names them notice*)."""
    return [name for (name,) in con.execute(
        "SELECT table_name FROM duckdb_tables() WHERE table_name LIKE 'notice%' ORDER BY 1").fetchall()]


def apply(con: duckdb.DuckDBPyConnection, changes: Changes, placed: Rows, tables: dict[str, list[dict]],
          notices: tuple[dict[str, list[dict]], list[dict]] | None, run: dict) -> dict:
    """Change the copied database in place; returns the etl_runs row. `placed`: the parsed files' rows
    (resolve.place, duplicates not yet marked); `tables`: tables written whole (entered deadlines);
    `notices`: the notice tables and issues when a notice changed, else None."""
    con.execute("CREATE TEMP TABLE dropped (source_file VARCHAR)")
    if changes.drop:
        con.executemany("INSERT INTO dropped VALUES (?)", [[s] for s in changes.drop])
    # the groups the dropped files leave: their other members may be loaded now
    affected = {tuple(r) for r in con.execute(
        "SELECT year, org_key, form FROM submissions WHERE status <> 'rejected' "
        "AND source_file IN (SELECT source_file FROM dropped)").fetchall()}
    for table in per_file_tables(con):
        con.execute(f'DELETE FROM "{table}" WHERE source_file IN (SELECT source_file FROM dropped)')
        faults.at("removed", table)
    con.execute("DELETE FROM load_issues WHERE kind = ? AND source_file IN (SELECT source_file FROM dropped)",
                [SUBMISSION_KIND])
    faults.at("removed", "load_issues")

    affected |= {group_key(r) for r in placed.submissions if r["status"] != "rejected"}
    members = _members(con, affected)
    groups: dict[tuple, list[dict]] = {}
    for row in members + [r for r in placed.submissions if r["status"] != "rejected"]:
        groups.setdefault(group_key(row), []).append(row)
    before = {m["submission_id"]: (m["status"], m["duplicate_of"]) for m in members}
    for m in members:
        m["status"], m["duplicate_of"] = "loaded", None
    duplicate_issues = mark_duplicates(groups)
    _regroup(con, members, before)
    faults.at("regrouped")

    for table, rows in ({
        "submissions": placed.submissions, "cell_values": placed.cell_values,
        "submission_contacts": placed.contacts, "load_issues": placed.issues + duplicate_issues,
    } | placed.activities).items():
        load.insert(con, table, rows)
        faults.at("inserted", table)
    if notices is not None:
        notice_rows, notice_issues = notices
        for table in notice_tables(con):
            con.execute(f'DELETE FROM "{table}"')
            load.insert(con, table, notice_rows.get(table, []))
        con.execute("DELETE FROM load_issues WHERE kind = ?", [NOTICE_KIND])
        load.insert(con, "load_issues", notice_issues)
        faults.at("inserted", "notices")
    for table, rows in tables.items():
        con.execute(f'DELETE FROM "{table}"')
        load.insert(con, table, rows)
        faults.at("inserted", table)
    recorded = load.record_run(con, run)
    faults.at("inserted", "etl_runs")
    return recorded


def _members(con: duckdb.DuckDBPyConnection, groups: set[tuple]) -> list[dict]:
    """The rows already in the database that belong to these groups (what the duplicate rule reads)."""
    if not groups:
        return []
    con.execute("CREATE TEMP TABLE affected (year INTEGER, org_key VARCHAR, form VARCHAR)")
    con.executemany("INSERT INTO affected VALUES (?, ?, ?)", [list(g) for g in groups])
    cur = con.execute(
        "SELECT s.submission_id, s.source_file, s.modified_at, s.org_name, s.year, s.org_key, s.form, "
        "s.status, s.duplicate_of FROM submissions s JOIN affected a "
        "ON s.year = a.year AND s.org_key = a.org_key AND s.form = a.form WHERE s.status <> 'rejected'")
    names = [d[0] for d in cur.description]
    return [dict(zip(names, r, strict=True)) for r in cur.fetchall()]


def _regroup(con: duckdb.DuckDBPyConnection, members: list[dict], before: dict[str, tuple]) -> None:
    """Write the members' new status and their duplicate issues (those of the placed files are inserted
    with them)."""
    changed = [[m["status"], m["duplicate_of"], m["submission_id"]] for m in members
               if (m["status"], m["duplicate_of"]) != before[m["submission_id"]]]
    if changed:
        con.executemany("UPDATE submissions SET status = ?, duplicate_of = ? WHERE submission_id = ?", changed)
    if members:
        con.execute("CREATE TEMP TABLE regrouped (source_file VARCHAR)")
        con.executemany("INSERT INTO regrouped VALUES (?)", [[m["source_file"]] for m in members])
        con.execute("DELETE FROM load_issues WHERE kind = ? AND code = ? "
                    "AND source_file IN (SELECT source_file FROM regrouped)", [SUBMISSION_KIND, DUPLICATE_CODE])

"""The writer's one insert path: row dicts -> one columnar INSERT … SELECT (etl/pipeline/load.py)."""

from __future__ import annotations

from datetime import datetime

import duckdb

from etl.pipeline.load import insert


def _table() -> duckdb.DuckDBPyConnection:
    con = duckdb.connect()
    con.execute("CREATE TABLE t (id INTEGER, label VARCHAR, value DOUBLE, seen TIMESTAMP, note VARCHAR)")
    return con


def test_rows_with_different_keys_and_empty_columns_are_inserted_by_name() -> None:
    con = _table()
    insert(con, "t", [
        {"value": 1.5, "id": 1, "label": "甲", "note": None},
        {"id": 2, "seen": datetime(2024, 5, 30, 8, 0), "note": None},  # no label or value: NULL
    ])
    assert con.execute("SELECT * FROM t ORDER BY id").fetchall() == [
        (1, "甲", 1.5, None, None), (2, None, None, datetime(2024, 5, 30, 8, 0), None),
    ]


def test_a_column_mixing_types_still_goes_in() -> None:
    """Arrow finds no one type for 1 and '二'; the rows go through pandas as objects, cast by DuckDB."""
    con = _table()
    insert(con, "t", [{"id": 1, "label": 1}, {"id": 2, "label": "二"}])
    assert con.execute("SELECT id, label FROM t ORDER BY id").fetchall() == [(1, "1"), (2, "二")]


def test_nothing_to_insert_is_no_statement() -> None:
    con = _table()
    insert(con, "t", [])
    assert con.execute("SELECT count(*) FROM t").fetchone() == (0,)

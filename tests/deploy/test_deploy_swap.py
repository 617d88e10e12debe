"""The database published to every process: a build renames a new file over the published one, and each
running process shows the new build at its next page run, with no restart and no signal (its cache is keyed
on the file's inode, dashboard/data/cache.py)."""

from __future__ import annotations

import os
from pathlib import Path

import duckdb
import pytest

from deploy.serve import Cluster
from tests.browser.page_checks import WAIT_MS, assert_no_exception, open_page

pytestmark = pytest.mark.browser

OLD, NEW = "数据生成时间：2025-05-20 09:30", "数据生成时间：2026-11-30 08:00"


def publish_new_build(db: Path) -> None:
    """What etl/pipeline/load.py does: a new file beside the published one, then one atomic rename."""
    temp = db.with_name(db.name + ".new")
    temp.write_bytes(db.read_bytes())
    with duckdb.connect(str(temp)) as con:
        con.execute("UPDATE etl_runs SET built_at = TIMESTAMP '2026-11-30 08:00:00', is_demo = false")
    os.replace(temp, db)


def test_every_process_shows_the_new_database_without_restart(published_cluster: Cluster, chromium) -> None:
    c = published_cluster
    pids = {p: proc.pid for p, proc in c.procs.items()}
    pages = {}
    for port in c.ports:  # one browser pinned to each process by nginx's route cookie
        context = chromium.new_context(viewport={"width": 1366, "height": 900}, locale="zh-CN")
        context.add_cookies([{"name": "campaign_route", "value": f"p{port}", "url": c.url}])
        pages[port] = context.new_page()
        pages[port].set_default_timeout(WAIT_MS)
        open_page(pages[port], f"{c.url}/", OLD)
    try:
        publish_new_build(c.db)
        for pg in pages.values():
            open_page(pg, f"{c.url}/", NEW)  # the next page run, on the same process
            assert pg.get_by_text(OLD).count() == 0
            assert pg.get_by_text("演示数据", exact=False).count() == 0  # the new build is not the demo
            assert_no_exception(pg)
        upstreams = [ln for ln in c.access_log.read_text().splitlines() if "GET / HTTP" in ln]
        assert {p for p in c.ports if any(f"upstream=127.0.0.1:{p} " in ln for ln in upstreams)} == set(c.ports)
        assert {p: proc.pid for p, proc in c.procs.items()} == pids and all(
            proc.poll() is None for proc in c.procs.values()
        )
    finally:
        for pg in pages.values():
            pg.context.close()

"""Several dashboard processes behind nginx on this machine, without root (docs/deploy.md):

    python -m deploy.serve --processes 2 --port 8080

starts N Streamlit processes on free localhost ports, all reading the same database, and nginx on
--port in front of them, everything (configuration, pid, logs) under one private folder. It supervises
them as systemd would: a process that exits, or fails its health check three times in a row, is started
again. Ctrl-C stops everything. `Cluster` is the same as a context manager (tests/deploy/).
"""

from __future__ import annotations

import argparse
import os
import secrets
import signal
import subprocess
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from deploy.nginx import local_config, site_config
from deploy.processes import (
    free_port,
    healthy,
    local_url,
    nginx_binary,
    nginx_command,
    start_streamlit,
    wait_healthy,
)
from etl.paths import db_path

CHECK_EVERY = 5.0  # seconds between health checks
FAILS_BEFORE_RESTART = 3
STARTUP_GRACE = 90.0  # seconds a (re)started process may take to answer its first health check


@dataclass
class Cluster:
    """N Streamlit processes over `db` and nginx on `port` (0: a free one), under `folder`."""

    db: Path
    processes: int = 2
    port: int = 0
    folder: Path | None = None
    ports: list[int] = field(default_factory=list)
    procs: dict[int, subprocess.Popen] = field(default_factory=dict)
    nginx: subprocess.Popen | None = None

    def __enter__(self) -> Cluster:
        binary = nginx_binary()
        if binary is None:
            raise FileNotFoundError("nginx is not installed (apt-get install nginx; scripts/install_system_deps.sh)")
        self.folder = Path(self.folder or tempfile.mkdtemp(prefix="campaign-deploy-"))
        for sub in ("logs", "tmp"):
            (self.folder / sub).mkdir(parents=True, exist_ok=True)
        self.port = self.port or free_port()
        # One cookie secret for all: Streamlit signs its XSRF cookie with it, so a viewer whose session
        # moves to another process can still upload (and st.login's cookie stays valid).
        self.env = {**os.environ, "CAMPAIGN_DB": str(self.db),
                    "STREAMLIT_SERVER_COOKIE_SECRET": secrets.token_hex(32)}
        try:
            self.ports = [free_port() for _ in range(self.processes)]
            for p in self.ports:
                self.procs[p] = start_streamlit(p, self.env, self.log(p))
            for p in self.ports:
                wait_healthy(p, self.procs[p], self.log(p))
            self._start_nginx(binary)
        except BaseException:
            self.__exit__(None, None, None)
            raise
        return self

    def log(self, port: int) -> Path:
        return self.folder / "logs" / f"streamlit-{port}.log"

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def access_log(self) -> Path:
        return self.folder / "logs" / "access.log"

    def _start_nginx(self, binary: str) -> None:
        site = site_config([f"127.0.0.1:{p}" for p in self.ports], f"127.0.0.1:{self.port}",
                           access_log=str(self.access_log))
        (self.folder / "campaign-dashboard.conf").write_text(site, encoding="utf-8")
        (self.folder / "nginx.conf").write_text(local_config(self.folder), encoding="utf-8")
        check = subprocess.run(nginx_command(binary, self.folder, "-t", "-q"), capture_output=True, text=True)
        if check.returncode:
            raise RuntimeError(f"nginx rejected the configuration:\n{check.stderr}")
        self.nginx = subprocess.Popen(nginx_command(binary, self.folder, "-g", "daemon off;"),
                                      stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 30
        while not healthy(self.url):
            if self.nginx.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"nginx did not start:\n{(self.folder / 'logs' / 'error.log').read_text()}")
            time.sleep(0.1)  # polling interval

    def restart(self, port: int) -> None:
        """Start the process on `port` again (after it died or hung), as systemd's Restart=always does."""
        old = self.procs[port]
        if old.poll() is None:
            old.kill()
            old.wait()
        self.procs[port] = start_streamlit(port, self.env, self.log(port))

    def supervise(self) -> None:
        """Until interrupted: restart a process that exited, or failed its health check three times in a
        row once it had started (a process still starting gets STARTUP_GRACE seconds)."""
        fails = dict.fromkeys(self.ports, 0)
        started = dict.fromkeys(self.ports, time.monotonic())
        while True:
            time.sleep(CHECK_EVERY)
            for p, proc in self.procs.items():
                ok = proc.poll() is None and healthy(local_url(p), timeout=CHECK_EVERY)
                starting = time.monotonic() - started[p] < STARTUP_GRACE
                fails[p] = 0 if ok or starting else fails[p] + 1
                if proc.poll() is not None or fails[p] >= FAILS_BEFORE_RESTART:
                    print(f"restarting the dashboard process on port {p}", flush=True)
                    self.restart(p)
                    fails[p], started[p] = 0, time.monotonic()

    def __exit__(self, *exc: object) -> None:
        running = [pr for pr in [self.nginx, *self.procs.values()] if pr is not None and pr.poll() is None]
        for pr in running:
            pr.terminate()
        for pr in running:
            try:
                pr.wait(timeout=10)
            except subprocess.TimeoutExpired:
                pr.kill()
                pr.wait()


def _stop(signum: int, frame: object) -> None:
    raise KeyboardInterrupt  # SIGTERM (systemctl stop, kill) stops as Ctrl-C does


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m deploy.serve", description=__doc__.split("\n\n")[0])
    ap.add_argument("--processes", type=int, default=2, help="Streamlit processes (default 2)")
    ap.add_argument("--port", type=int, default=8080, help="nginx's port on 127.0.0.1 (default 8080)")
    ap.add_argument("--db", help="the database (default $CAMPAIGN_DB, else data/campaigns.duckdb)")
    ap.add_argument("--dir", help="the private folder for configuration, pid and logs (default: a new temp folder)")
    args = ap.parse_args(argv)
    signal.signal(signal.SIGTERM, _stop)
    with Cluster(db_path(args.db), args.processes, args.port, Path(args.dir) if args.dir else None) as c:
        print(f"dashboard on {c.url} ({args.processes} processes on ports {c.ports}); logs in {c.folder}/logs",
              flush=True)
        try:
            c.supervise()
        except KeyboardInterrupt:
            print("stopping", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

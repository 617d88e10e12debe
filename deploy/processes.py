"""The dashboard's Streamlit processes: the command that starts one, its health, and a private nginx.

Every process reads the same published database (`CAMPAIGN_DB`), read-only: dashboard/data/db.py opens it
for each query and cache.py keys every cached result on the file's inode and mtime, so when the build swaps
in a new file (etl/pipeline/load.py: os.replace), each process sees it at its next script run, no restart.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from etl.paths import APP_FILE, ROOT

NGINX = os.environ.get("NGINX", "/usr/sbin/nginx")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def streamlit_command(port: int, address: str = "127.0.0.1") -> list[str]:
    """One dashboard process on address:port (the settings the systemd unit uses too)."""
    return [sys.executable, "-m", "streamlit", "run", str(APP_FILE), "--server.port", str(port),
            "--server.address", address, "--server.headless", "true", "--server.fileWatcherType", "none",
            "--browser.gatherUsageStats", "false"]


def start_streamlit(port: int, env: dict[str, str], log: Path) -> subprocess.Popen:
    """Start one process, its output in `log`. `env` carries CAMPAIGN_DB and the shared cookie secret."""
    with log.open("a") as fh:
        return subprocess.Popen(streamlit_command(port), cwd=ROOT, env=env, stdout=fh, stderr=subprocess.STDOUT)


def local_url(port: int) -> str:
    return f"http://127.0.0.1:{port}"


def healthy(url: str, timeout: float = 2.0) -> bool:
    """Streamlit's own health endpoint (through nginx too) answers 200 once the server is ready."""
    try:
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=timeout) as r:
            return r.status == 200
    except OSError:
        return False


def wait_healthy(port: int, proc: subprocess.Popen, log: Path, timeout: float = 90) -> None:
    """Return once the process on `port` is healthy; raise with its log if it exits or never gets there."""
    deadline = time.monotonic() + timeout
    while not healthy(local_url(port)):
        if proc.poll() is not None:
            raise RuntimeError(f"streamlit on port {port} exited:\n{log.read_text(errors='replace')[-4000:]}")
        if time.monotonic() > deadline:
            raise RuntimeError(f"streamlit on port {port} not healthy after {timeout:.0f} s:\n"
                               f"{log.read_text(errors='replace')[-4000:]}")
        time.sleep(0.25)  # polling interval; the wait ends when the process answers


def nginx_binary() -> str | None:
    """Debian's nginx (scripts/install_system_deps.sh installs it), or the one on PATH, or None."""
    return NGINX if os.access(NGINX, os.X_OK) else shutil.which("nginx")


def nginx_command(binary: str, folder: Path, *extra: str) -> list[str]:
    """nginx with every path under `folder` (prefix, configuration, error log): no root needed."""
    return [binary, "-p", str(folder), "-c", str(folder / "nginx.conf"), "-e", str(folder / "logs" / "error.log"),
            *extra]

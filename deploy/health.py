"""The health check a supervisor runs against one dashboard process (`/_stcore/health`):

    python -m deploy.health --port 8501               # exit 0 when healthy now
    python -m deploy.health --port 8501 --wait 90     # wait until healthy (systemd's ExecStartPost)
    python -m deploy.health --port 8501 --attempts 3  # unhealthy only when 3 checks in a row fail

Open-source nginx only notices a dead process when a request to it fails (passive checks); this finds
a process that is alive but no longer answers, so that the supervisor restarts it.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Sequence

from deploy.processes import healthy, local_url


def check(url: str, attempts: int = 1, every: float = 5.0) -> bool:
    """True when any of `attempts` checks, `every` seconds apart, answers."""
    for i in range(attempts):
        if healthy(url, timeout=every):
            return True
        if i + 1 < attempts:
            time.sleep(every)  # a hiccup (a long garbage collection) is not a reason to restart
    return False


def wait(url: str, timeout: float) -> bool:
    """True once `url` is healthy; False after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while not healthy(url):
        if time.monotonic() > deadline:
            return False
        time.sleep(0.5)  # polling interval
    return True


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m deploy.health", description=__doc__.split("\n\n")[0])
    ap.add_argument("--port", type=int, required=True, help="the process's port on 127.0.0.1")
    ap.add_argument("--wait", type=float, help="wait up to this many seconds for it to become healthy")
    ap.add_argument("--attempts", type=int, default=1, help="checks (5 s apart) before calling it unhealthy")
    args = ap.parse_args(argv)
    url = local_url(args.port)
    ok = wait(url, args.wait) if args.wait else check(url, args.attempts)
    print(f"{url}/_stcore/health: {'ok' if ok else 'NOT healthy'}", flush=True)
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())

"""The nginx configuration for N dashboard processes, from deploy/nginx/*.template.

    python -m deploy.nginx --ports 8501,8502,8503 --listen 80 > /etc/nginx/conf.d/campaign-dashboard.conf

The templates hold the configuration; this fills in the parts that depend on how many processes there
are (one upstream group per process, with the others as its backups). `{{name}}` marks a part, so nginx's
own `$variables` need no escaping (envsubst and string.Template would take them for theirs).
"""

from __future__ import annotations

import argparse
import grp
import os
import pwd
import re
import sys
from collections.abc import Sequence
from pathlib import Path

TEMPLATES = Path(__file__).resolve().parent / "nginx"
SITE_TEMPLATE = TEMPLATES / "campaign-dashboard.conf.template"
LOCAL_TEMPLATE = TEMPLATES / "local.conf.template"
FAIL = "max_fails=1 fail_timeout=10s"  # passive health check: one refused connection -> skipped for 10 s


def fill(template: str, values: dict[str, str]) -> str:
    """`template` with each {{name}} replaced; a name without a value is an error, not a blank."""
    missing = sorted(set(re.findall(r"{{(\w+)}}", template)) - values.keys())
    if missing:
        raise KeyError(f"no value for {', '.join(missing)} in the nginx template")
    return re.sub(r"{{(\w+)}}", lambda m: values[m.group(1)], template)


def route_name(address: str) -> str:
    """The cookie's name for a process: opaque to the viewer, e.g. 127.0.0.1:8501 -> p8501."""
    host, port = address.rsplit(":", 1)
    return f"p{port}" if host in ("127.0.0.1", "localhost") else "p" + re.sub(r"\W", "_", address)


def site_config(
    addresses: Sequence[str], listen: str = "80", server_name: str = "_", access_log: str = "/var/log/nginx/campaign-dashboard.access.log"
) -> str:
    """The http-level configuration for the processes at `addresses` (host:port each)."""
    if not addresses:
        raise ValueError("at least one dashboard process is needed")
    names = [route_name(a) for a in addresses]
    route_map = "\n".join(f"    {n:<14} campaign_{n};" for n in names)
    served_map = "\n".join(
        f'    "~(^|[ ,]){re.escape(a)}$" {n};' for a, n in zip(addresses, names, strict=True)
    )
    any_servers = "\n".join(f"    server {a} {FAIL};" for a in addresses)
    groups = []
    for a, n in zip(addresses, names, strict=True):
        backups = "".join(f"    server {b} {FAIL} backup;\n" for b in addresses if b != a)
        groups.append(
            f"upstream campaign_{n} {{\n    zone campaign_{n} 64k;\n    server {a} {FAIL};\n{backups}    keepalive 8;\n}}"
        )
    return fill(
        SITE_TEMPLATE.read_text(encoding="utf-8"),
        {
            "route_map": route_map,
            "served_map": served_map,
            "any_servers": any_servers,
            "instance_upstreams": "\n\n".join(groups),
            "listen": listen,
            "server_name": server_name,
            "access_log": access_log,
            "tries": str(len(addresses)),
        },
    )


def local_config(folder: Path) -> str:
    """nginx's main file for a private prefix `folder` (deploy/serve.py). Started by root, nginx would run
    its workers as `nobody`, who cannot write the folder's temp files (a 4 MB script is buffered there):
    this launcher is for local use, so its workers run as whoever started it."""
    user = ""
    if os.geteuid() == 0:
        user = f"user {pwd.getpwuid(os.geteuid()).pw_name} {grp.getgrgid(os.getegid()).gr_name};\n"
    return fill(LOCAL_TEMPLATE.read_text(encoding="utf-8"), {"dir": str(folder), "user": user})


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m deploy.nginx", description=__doc__.split("\n\n")[0])
    ap.add_argument("--ports", required=True, help="the dashboard processes' ports on 127.0.0.1, e.g. 8501,8502")
    ap.add_argument("--hosts", default="127.0.0.1", help="comma-separated hosts; each gets every port")
    ap.add_argument("--listen", default="80", help="nginx's listen argument (default 80)")
    ap.add_argument("--server-name", default="_")
    ap.add_argument("--access-log", default="/var/log/nginx/campaign-dashboard.access.log")
    args = ap.parse_args(argv)
    ports = [int(p) for p in args.ports.split(",") if p.strip()]
    addresses = [f"{h.strip()}:{p}" for h in args.hosts.split(",") if h.strip() for p in ports]
    sys.stdout.write(site_config(addresses, args.listen, args.server_name, args.access_log))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

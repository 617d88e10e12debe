"""deploy/nginx.py: the rendered configuration is one nginx accepts (`nginx -t`), with one upstream group
per process whose backups are the others, and a template part without a value is an error."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from deploy.nginx import fill, local_config, site_config
from deploy.processes import nginx_binary, nginx_command
from tests.deploy.conftest import NO_NGINX

ADDRESSES = ["127.0.0.1:8501", "127.0.0.1:8502", "127.0.0.1:8503"]


def test_each_process_has_its_group_with_the_others_as_backups() -> None:
    conf = site_config(ADDRESSES, "8080")
    group = conf.split("upstream campaign_p8502 {")[1].split("}")[0]
    assert "server 127.0.0.1:8502 max_fails=1 fail_timeout=10s;" in group
    assert group.count(" backup;") == 2 and "8501" in group and "8503" in group
    assert "p8503          campaign_p8503;" in conf
    assert "{{" not in conf and "proxy_next_upstream_tries 3;" in conf


def test_a_part_without_a_value_is_an_error() -> None:
    with pytest.raises(KeyError, match="listen"):
        fill("listen {{listen}};", {})


def test_nginx_accepts_the_configuration(tmp_path: Path) -> None:
    binary = nginx_binary()
    if binary is None:
        pytest.skip(NO_NGINX)
    for sub in ("logs", "tmp"):
        (tmp_path / sub).mkdir()
    (tmp_path / "campaign-dashboard.conf").write_text(
        site_config(ADDRESSES, "127.0.0.1:8080", access_log=str(tmp_path / "logs" / "access.log"))
    )
    (tmp_path / "nginx.conf").write_text(local_config(tmp_path))
    check = subprocess.run(nginx_command(binary, tmp_path, "-t"), capture_output=True, text=True)
    assert check.returncode == 0, check.stderr

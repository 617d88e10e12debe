"""A received file read once in a child process before the server reads it (`read_in_child`).

The checks in etl/readers/ keep every known hostile file from reaching a reader that could abort (calamine is
Rust: a failed allocation ends the process, it raises nothing). An upload is checked inside the dashboard's
server, so a hole not yet found would take every user's session down with it. The child reads the same bytes
with the same code under an address-space and a time limit first; only when it finishes does the server read
them. The child sends nothing back but its exit status, so nothing it computed from the file is trusted.
Used by the upload's check (etl/intake/upload.py) and by a build run inside the server (`build(...,
isolate=True)`, the rebuild an upload's confirmation starts) on every file it parses in its own process.

    python -m etl.pipeline.canary FILE      # exit 0: read to the end (problems in the file are not failures)
"""

from __future__ import annotations

import os
import resource
import signal
import subprocess
import sys
from pathlib import Path

from etl.issues import InputError
from etl.readers.convert import kill_group
from etl.readers.safety import CHECK_MEMORY_BYTES, CHECK_SECONDS


def read_in_child(path: Path, seconds: float = CHECK_SECONDS) -> None:
    """Raise InputError, saying why, when reading `path` ends the child or takes over `seconds`."""
    proc = subprocess.Popen([sys.executable, "-m", "etl.pipeline.canary", str(path)], stdin=subprocess.DEVNULL,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)  # fmt: skip
    try:
        code = proc.wait(timeout=seconds)
    except subprocess.TimeoutExpired:
        raise InputError(
            f"读取此文件超过 {seconds:g} 秒仍未完成，已中止并拒收（文件可能已损坏或经过特殊构造）",
            f"reading this file took over {seconds:g} s and was stopped; refused (damaged or crafted?)",
        ) from None
    finally:
        kill_group(proc)  # the child and anything it started (LibreOffice for a .doc)
    if code != 0:
        why = f"signal {signal.Signals(-code).name}" if code < 0 else f"exit code {code}"
        raise InputError(
            f"读取此文件时读取程序异常终止（{why}），为保护服务已拒收；请在 Excel 或 WPS 中另存为 .xlsx 后重新上传",
            f"the reader stopped while reading this file ({why}); refused to protect the service: save it "
            "from Excel or WPS as .xlsx and upload again",
        )


def main(path: str) -> None:
    resource.setrlimit(resource.RLIMIT_AS, (CHECK_MEMORY_BYTES, CHECK_MEMORY_BYTES))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    from etl.pipeline import faults  # after the limits: everything the file can reach runs under them
    from etl.pipeline.extract import extract_file

    faults.at("canary", os.path.basename(path))
    extract_file(Path(path))  # never raises for a bad file: what matters is that it returns


if __name__ == "__main__":
    main(sys.argv[1])

"""Real builds, started fast: a server that imports the build once, then forks one build per request.

A fault test starts dozens of builds; a fresh Python importing pandas and DuckDB costs 1-3 s each,
a fork costs milliseconds. Each forked child is a real process running `etl.pipeline.build.build`:
it can be paused at a point (etl.pipeline.faults), SIGKILLed, or given a file size limit.

Server side: `python -m tests.security.build_server`, reading one JSON request a line on stdin and
answering {"pid": ...} when a build starts and {"pid": ..., "exit": ...} when it ends (exit is
negative for a signal). Test side: `BuildServer`, `Build`.
"""

from __future__ import annotations

import json
import os
import queue
import resource
import signal
import subprocess
import sys
import threading
from pathlib import Path
from typing import IO

from tests.waiting import wait_until

ROOT = Path(__file__).resolve().parents[2]
TIMEOUT = 120.0  # for anything that should take a second: generous for one slow core


# ----- server side (the forking process) -----

def serve() -> None:
    import pandas  # noqa: F401  (what makes a fresh build slow to start; imported once here)

    from etl.notices import collect  # noqa: F401  (imported by the build on its first run)
    from etl.pipeline import faults
    from etl.pipeline.build import build

    print("ready", flush=True)
    for line in sys.stdin:
        request = json.loads(line)
        pid = os.fork()
        if pid == 0:
            _child(request, build, faults.arm)
        print(json.dumps({"pid": pid}), flush=True)
        _, status = os.waitpid(pid, 0)
        print(json.dumps({"pid": pid, "exit": os.waitstatus_to_exitcode(status)}), flush=True)


def _child(request: dict, build, arm) -> None:
    """Run one build and leave by os._exit (never back into the server's loop)."""
    code, outcome = 1, {}
    try:
        if request.get("fsize"):  # a full disk at the write: writes past this size fail (EFBIG)
            resource.setrlimit(resource.RLIMIT_FSIZE, (request["fsize"], request["fsize"]))
        os.environ["CAMPAIGN_FAULT_DIR"] = request["fault_dir"]
        arm(request.get("fault", ""))
        cache = request.get("cache")
        summary = build(Path(request["sub"]), Path(request["notices"]), Path(request["db"]),
                        cache_dir=Path(cache) if cache else None, workers=1, force=request.get("force", False))
        outcome, code = {"files": summary.files_read, "skipped": summary.skipped}, 0
    except BaseException as exc:  # reported to the test, which decides whether it was expected
        outcome = {"error": f"{type(exc).__name__}: {exc}"}
    finally:
        try:
            Path(request["fault_dir"], "result.json").write_text(json.dumps(outcome), encoding="utf-8")
        finally:
            os._exit(code)


# ----- test side -----

class Build:
    """One forked build: its pid, its points, its end."""

    def __init__(self, server: BuildServer, pid: int, fault_dir: Path) -> None:
        self.server, self.pid, self.fault_dir = server, pid, fault_dir
        self.exit: int | None = None

    def paused(self, point: str) -> None:
        """Wait until the build pauses at `point` ("name:nth"); fail at once if it ends instead."""
        marker = self.fault_dir / (point.replace(":", ".") + ".paused")
        wait_until(lambda: marker.exists() or self.done(), TIMEOUT, f"a pause at {point}")
        assert marker.exists(), f"the build ended (exit {self.exit}, {self.outcome()}) before {point}"

    def kill(self) -> int:
        os.kill(self.pid, signal.SIGKILL)
        return self.wait()

    def wait(self) -> int:
        wait_until(self.done, TIMEOUT, f"build {self.pid} to end")
        assert self.exit is not None
        return self.exit

    def outcome(self) -> dict:
        path = self.fault_dir / "result.json"
        return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}

    def trace(self) -> list[str]:
        """The points passed, "name:nth" in order (with the fault "*=trace")."""
        return [line.split(" ", 1)[0] for line in (self.fault_dir / "trace").read_text().splitlines()]

    def done(self) -> bool:
        if self.exit is None:
            self.exit = self.server.ended(self.pid)
        return self.exit is not None


class BuildServer:
    def __init__(self, log: Path) -> None:
        env = {k: v for k, v in os.environ.items() if not k.startswith("CAMPAIGN_FAULT")}
        self._log: IO[str] = log.open("w")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "tests.security.build_server"], cwd=ROOT, env=env, text=True,
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self._log)
        self._lines: queue.Queue[str] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()
        assert self._next() == "ready", f"the build server did not start: see {log}"
        self.runs = 0
        self._last: Build | None = None

    def start(self, sub: Path, notices: Path, db: Path, work: Path, *, fault: str = "",
              cache: Path | None = None, fsize: int | None = None, force: bool = False) -> Build:
        """Fork a build; its fault files (markers, trace, result) go to a fresh folder under `work`."""
        self.runs += 1
        fault_dir = work / f"run{self.runs}"
        fault_dir.mkdir(parents=True)
        request = {"sub": str(sub), "notices": str(notices), "db": str(db), "fault": fault,
                   "fault_dir": str(fault_dir), "cache": str(cache) if cache else None, "fsize": fsize,
                   "force": force}
        assert self.proc.stdin is not None
        self.proc.stdin.write(json.dumps(request) + "\n")
        self.proc.stdin.flush()
        self._last = Build(self, json.loads(self._next())["pid"], fault_dir)
        return self._last

    def ended(self, pid: int) -> int | None:
        """The exit of build `pid` if the server has reported it, else None (does not wait)."""
        try:
            answer = json.loads(self._lines.get_nowait())
        except queue.Empty:
            return None
        assert answer["pid"] == pid, answer
        return answer["exit"]

    def close(self) -> None:
        """End the server; a build a failed test left paused is killed, not left waiting for its release."""
        if self._last is not None and not self._last.done():
            self._last.kill()
        assert self.proc.stdin is not None
        self.proc.stdin.close()
        self.proc.wait(timeout=TIMEOUT)
        self._log.close()

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            self._lines.put(line.strip())

    def _next(self) -> str:
        try:
            return self._lines.get(timeout=TIMEOUT)
        except queue.Empty:
            raise AssertionError("the build server did not answer") from None


if __name__ == "__main__":
    serve()

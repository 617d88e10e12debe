"""Old Word `.doc`, WPS Writer `.wps` and WPS Spreadsheets `.et` -> `.docx` / `.xlsx`, by LibreOffice.

LibreOffice (Debian: libreoffice-writer-nogui, libreoffice-calc-nogui) is the converter, not a hand-written
binary parser. It is an outside program reading hostile bytes, so it runs:
- on a copy of the file under a neutral name (`input.doc`), in a private temp folder that is removed after;
- with a private, throw-away profile (`-env:UserInstallation`) that disables macros and external links;
- in its own process group, with a wall-time limit (the whole group is killed when it is over) and limits on
  address space and on the size of any file it writes (`resource.setrlimit` before it starts);
- and what it writes is read by the same checked readers as a received .docx/.xlsx (the caller does that).
Where LibreOffice is not installed, `InputError` says what to install or what to send instead.
The limits are in etl/readers/safety.py; the threat model in docs/security.md.
"""

from __future__ import annotations

import os
import resource
import shutil
import signal
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from etl.issues import InputError
from etl.readers.formats import CONVERTED_SUFFIXES
from etl.readers.safety import (
    CONVERT_MEMORY_BYTES,
    CONVERT_OUTPUT_BYTES,
    CONVERT_SECONDS,
    MAX_FILE_BYTES,
    OLE_MAGIC,
    ZIP_MAGIC,
    read_sized,
)

EXECUTABLES = ("soffice", "libreoffice")
# First bytes LibreOffice is asked to read: an OLE container (.doc/.wps/.et), a zip package (a .docx or
# .xlsx saved under an old name) or RTF (Word and WPS both save RTF as ".doc"). Anything else is refused
# before the converter starts.
ACCEPTED_MAGIC = (OLE_MAGIC, ZIP_MAGIC, b"{\\rtf")
# The profile's settings: no macro ever runs, no link is followed while the file is read.
PROFILE_SETTINGS = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema"
 xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Common/Security/Scripting"><prop oor:name="MacroSecurityLevel"
 oor:op="fuse"><value>3</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Security/Scripting"><prop oor:name="DisableMacrosExecution"
 oor:op="fuse"><value>true</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Security"><prop oor:name="BlockUntrustedRefererLinks"
 oor:op="fuse"><value>true</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Misc"><prop oor:name="UseLocking"
 oor:op="fuse"><value>false</value></prop></item>
</oor:items>
"""
_SEND_INSTEAD = {".docx": "Word（.docx）", ".xlsx": "Excel（.xlsx）"}


def soffice() -> str | None:
    """The LibreOffice executable on PATH, or None."""
    for name in EXECUTABLES:
        found = shutil.which(name)
        if found:
            return found
    return None


def not_installed(suffix: str) -> InputError:
    target = CONVERTED_SUFFIXES[suffix]
    package = "libreoffice-calc-nogui" if target == ".xlsx" else "libreoffice-writer-nogui"
    return InputError(
        f"读取 {suffix} 文件需要 LibreOffice（服务器上请安装 {package}），"
        f"或请发送方另存为 {_SEND_INSTEAD[target]} 后重新提交",
        f"reading a {suffix} file needs LibreOffice (install {package} on the server), "
        f"or ask the sender to save it as {target} and send it again",
    )


@contextmanager
def converted(path: Path) -> Iterator[Path]:
    """`path` (.doc/.wps/.et) converted to .docx/.xlsx in a private temp folder, removed on exit.
    Raises InputError when the file cannot be converted (the reason in both languages)."""
    suffix = path.suffix.lower()
    target = CONVERTED_SUFFIXES[suffix]
    data = read_sized(path, MAX_FILE_BYTES)
    if not data.startswith(ACCEPTED_MAGIC):
        raise InputError(
            f"文件内容不是 Word/WPS/Excel 文档，与扩展名 {suffix} 不符",
            f"the file's content is not a Word/WPS/Excel document, as its {suffix} name says",
        )
    exe = soffice()
    if exe is None:
        raise not_installed(suffix)
    with tempfile.TemporaryDirectory(prefix="campaign-convert-") as tmp:
        folder = Path(tmp)
        source = folder / f"input{suffix}"
        source.write_bytes(data)
        profile = folder / "profile"
        (profile / "user").mkdir(parents=True)
        (profile / "user" / "registrymodifications.xcu").write_text(PROFILE_SETTINGS, encoding="utf-8")
        out = folder / "out"
        _run([exe, "--headless", "--invisible", "--norestore", "--nologo", "--nodefault", "--nolockcheck",
              f"-env:UserInstallation={profile.as_uri()}", "--convert-to", target.lstrip("."),
              "--outdir", str(out), str(source)], folder)
        result = out / f"input{target}"
        if not result.is_file():
            raise InputError(
                f"LibreOffice 无法转换此 {suffix} 文件（可能已损坏或设有密码），"
                f"请另存为 {_SEND_INSTEAD[target]} 后重新提交",
                f"LibreOffice could not convert this {suffix} file (damaged or password-protected?); "
                f"save it as {target} and send it again",
            )
        yield result


def _limits() -> None:
    """Runs in the child before LibreOffice starts (so it binds LibreOffice and everything it spawns)."""
    resource.setrlimit(resource.RLIMIT_AS, (CONVERT_MEMORY_BYTES, CONVERT_MEMORY_BYTES))
    resource.setrlimit(resource.RLIMIT_FSIZE, (CONVERT_OUTPUT_BYTES, CONVERT_OUTPUT_BYTES))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def _run(command: list[str], folder: Path) -> None:
    env = {"HOME": str(folder), "PATH": os.environ.get("PATH", "/usr/bin:/bin"), "LANG": "C.UTF-8",
           "TMPDIR": str(folder)}
    try:
        proc = subprocess.Popen(command, cwd=folder, env=env, stdin=subprocess.DEVNULL,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
                                preexec_fn=_limits)
    except OSError as exc:  # found on PATH but cannot start (a broken install)
        raise InputError(f"LibreOffice 无法启动：{exc.strerror or exc}",
                         f"LibreOffice could not start: {exc.strerror or exc}") from exc
    try:
        proc.wait(timeout=CONVERT_SECONDS)
    except subprocess.TimeoutExpired:
        raise InputError(
            f"转换超过 {CONVERT_SECONDS} 秒仍未完成，已中止（文件可能过大或已损坏）",
            f"conversion took over {CONVERT_SECONDS} s and was stopped (the file may be too large or damaged)",
        ) from None
    finally:
        kill_group(proc)


def kill_group(proc: subprocess.Popen) -> None:
    """End a child started with `start_new_session=True` and everything it started (LibreOffice's launcher
    starts soffice.bin as a child), whatever is left of them, and reap it."""
    with suppress(ProcessLookupError, PermissionError):
        os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()

"""Which Chinese font the PDF embeds: the first of these found on the machine (or BRIEFING_FONT).

A PDF must carry its font (a reader may have no Chinese font), and none is shipped with the project:
Debian's fonts-noto-cjk (scripts/install_system_deps.sh) gives Noto Sans CJK; Windows and macOS have
their own. Without any of them the dashboard says so and offers the .docx only.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import os
import threading
from dataclasses import dataclass
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont

from etl.paths import TEXT_DIR, cache_dir


@dataclass(frozen=True)
class FontFile:
    path: Path
    index: int  # face number inside a .ttc collection


# (file, face index). Noto Sans CJK .ttc: face 2 is SC (simplified Chinese), per `fc-list`.
CANDIDATES: tuple[tuple[str, int], ...] = (
    ("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", 2),
    ("/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc", 2),
    ("/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc", 2),
    ("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", 0),
    ("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", 0),
    ("/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf", 0),
    ("C:/Windows/Fonts/simhei.ttf", 0),
    ("C:/Windows/Fonts/simsun.ttc", 0),
    ("/System/Library/Fonts/Supplemental/Arial Unicode.ttf", 0),
    ("/Library/Fonts/Arial Unicode.ttf", 0),
)


def find_font() -> FontFile | None:
    """The Chinese font to embed, or None when the machine has none of the known ones."""
    explicit = os.environ.get("BRIEFING_FONT")
    if explicit:
        return FontFile(Path(explicit), 0) if Path(explicit).is_file() else None
    for path, index in CANDIDATES:
        if Path(path).is_file():
            return FontFile(Path(path), index)
    return None


# --- a smaller copy of the font, for speed -------------------------------------------------------------
# Reading a 19 MB CJK collection and subsetting it is most of the PDF's build time (~2 s of it, idle). So
# one face is cut down once per machine to the characters briefings are written in (GB2312's 6,763 hanzi,
# Latin, punctuation, symbols, and every character of the interface text) and kept in the cache folder; a
# briefing that uses a character outside it is made with the full font. Building the copy takes ~15 s
# (idle), so it runs in the background after the first briefing and is used from the next on. Noto CJK is
# under the SIL Open Font License, which allows subsetting; the copy is never shipped.
_RANGES = ((0x20, 0x250), (0x2000, 0x2070), (0x2100, 0x2300), (0x2460, 0x2600), (0x3000, 0x3040),
           (0xFF00, 0xFFF0))  # fmt: skip
_lock = threading.Lock()
_building: set[Path] = set()


def _gb2312() -> set[str]:
    out = set()
    for hi in range(0xA1, 0xF8):
        for lo in range(0xA1, 0xFF):
            with contextlib.suppress(UnicodeDecodeError):
                out.add(bytes([hi, lo]).decode("gb2312"))
    return out


@functools.cache
def common_characters() -> frozenset[str]:
    """The characters the smaller font keeps."""
    chars = _gb2312() | {chr(c) for a, b in _RANGES for c in range(a, b)}
    for path in TEXT_DIR.glob("*.yaml"):
        chars |= set(path.read_text(encoding="utf-8"))
    return frozenset(c for c in chars if c.isprintable())


def _small_path(font: FontFile) -> Path:
    stat = font.path.stat()
    key = hashlib.sha256(f"{font.path}|{font.index}|{stat.st_size}|{stat.st_mtime_ns}".encode()).hexdigest()
    return cache_dir() / f"briefing-font-{key[:16]}.otf"


def _build_small(font: FontFile, dest: Path) -> None:
    """Cut `font` down to common_characters() and write it to `dest` (atomically: a half-written file is
    never read). Any failure leaves no file: briefings keep using the full font."""
    try:
        f = TTFont(str(font.path), fontNumber=font.index, lazy=True)
        opts = subset.Options()
        opts.layout_features, opts.name_IDs, opts.hinting, opts.notdef_outline = [], ["*"], False, True
        sub = subset.Subsetter(opts)
        sub.populate(unicodes=[ord(c) for c in common_characters()])
        sub.subset(f)
        dest.parent.mkdir(parents=True, exist_ok=True)
        tmp = dest.with_suffix(f".{os.getpid()}.tmp")
        f.save(str(tmp))
        os.replace(tmp, dest)
    except Exception:  # noqa: BLE001 - a speed-up only: the full font still works
        pass
    finally:
        with _lock:
            _building.discard(dest)


def pdf_font(text: str, background: bool = True) -> FontFile | None:
    """The font to embed for a PDF holding `text`: the smaller copy when it exists and has every
    character of `text`, else the full font (and the copy is started in the background, once)."""
    font = find_font()
    if font is None:
        return None
    try:
        small = _small_path(font)
    except OSError:
        return font
    if small.is_file():
        return FontFile(small, 0) if set(text) - set(" \n\t") <= common_characters() else font
    with _lock:
        start = background and small not in _building
        if start:
            _building.add(small)
    if start:
        threading.Thread(target=_build_small, args=(font, small), name="briefing-font", daemon=True).start()
    return font


def prepare() -> None:
    """Make the smaller copy now if it is missing (benchmarks; a warm-up), waiting for it."""
    font = find_font()
    if font is not None and not _small_path(font).is_file():
        _build_small(font, _small_path(font))

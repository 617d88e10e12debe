"""Which Chinese font the PDF embeds: the first of these found on the machine (or BRIEFING_FONT).

A PDF must carry its font (a reader may have no Chinese font), and none is shipped with the project:
Debian's fonts-noto-cjk (scripts/install_system_deps.sh) gives Noto Sans CJK; Windows and macOS have
their own. Without any of them the dashboard says so and offers the .docx only.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path


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

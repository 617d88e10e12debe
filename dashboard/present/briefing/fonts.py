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
    regular: Path
    bold: Path | None  # None: the regular face is used for headings too
    index: int  # face number inside a .ttc collection


# (regular, bold, face index). Noto Sans CJK .ttc: face 2 is SC (simplified Chinese), per `fc-list`.
CANDIDATES: tuple[tuple[str, str | None, int], ...] = (
    (
        "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
        "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc",
        2,
    ),
    (
        "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
        "/usr/share/fonts/noto-cjk/NotoSansCJK-Bold.ttc",
        2,
    ),
    (
        "/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc",
        "/usr/share/fonts/google-noto-cjk/NotoSansCJK-Bold.ttc",
        2,
    ),
    ("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", None, 0),
    ("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", None, 0),
    ("/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf", None, 0),
    ("C:/Windows/Fonts/simhei.ttf", None, 0),
    ("C:/Windows/Fonts/simsun.ttc", None, 0),
    ("/System/Library/Fonts/Supplemental/Arial Unicode.ttf", None, 0),
    ("/Library/Fonts/Arial Unicode.ttf", None, 0),
)


def find_font() -> FontFile | None:
    """The Chinese font to embed, or None when the machine has none of the known ones."""
    explicit = os.environ.get("BRIEFING_FONT")
    if explicit:
        return FontFile(Path(explicit), None, 0) if Path(explicit).is_file() else None
    for regular, bold, index in CANDIDATES:
        if Path(regular).is_file():
            return FontFile(Path(regular), Path(bold) if bold and Path(bold).is_file() else None, index)
    return None

"""Parsed notices are remembered by content and name: an unchanged notice is not read again, a changed or
renamed one is, and a cached unreadable notice still gives its error row."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from etl.notices import collect
from etl.paths import ROOT

SEED = sorted((ROOT / "data" / "notices").glob("*.txt"))[0]


@pytest.fixture
def notices(tmp_path: Path) -> tuple[Path, Path]:
    good = tmp_path / "in" / SEED.name
    good.parent.mkdir()
    shutil.copyfile(SEED, good)
    bad = tmp_path / "in" / "坏通知.docx"
    bad.write_bytes(b"not a zip at all")
    return good, bad


def _count_reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    reads: list[str] = []
    parse = collect.parse_notice

    def counted(path: Path):
        reads.append(path.name)
        return parse(path)

    monkeypatch.setattr(collect, "parse_notice", counted)
    return reads


def test_an_unchanged_notice_is_not_read_again(notices, tmp_path: Path, monkeypatch) -> None:
    good, bad = notices
    reads = _count_reads(monkeypatch)
    first = collect.load_notices([good, bad], tmp_path / "cache")
    assert sorted(reads) == sorted([good.name, bad.name])
    again = collect.load_notices([good, bad], tmp_path / "cache")
    assert len(reads) == 2  # both from the cache, the unreadable one too
    assert again == first  # the same rows and the same error row


def test_a_changed_or_renamed_notice_is_read_again(notices, tmp_path: Path, monkeypatch) -> None:
    good, bad = notices
    reads = _count_reads(monkeypatch)
    collect.load_notices([good], tmp_path / "cache")
    good.write_text(good.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    collect.load_notices([good], tmp_path / "cache")
    renamed = good.rename(good.with_name("099_renamed.txt"))
    tables, _ = collect.load_notices([renamed], tmp_path / "cache")
    assert reads == [good.name, good.name, renamed.name]
    assert tables["notices"][0]["notice_id"] == "099_renamed"

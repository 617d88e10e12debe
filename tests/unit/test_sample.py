"""The demo generator: deterministic, readable, every messiness present, times set, --scale multiplies."""

from __future__ import annotations

import csv
import os
import zipfile
from collections import Counter
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from python_calamine import CalamineWorkbook

from etl.demo.generate import TruthRow, generate, load_config, write_truth_csv

REJECTED = {"2023/科技志愿者骨干名单.xlsx", "2024/活动总结（文字稿）.xlsx"}


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[TruthRow]]:
    """The summary forms and their truth; the activity forms beside them are tested in test_sample_activities."""
    out = tmp_path_factory.mktemp("sample") / "submissions"
    return out, [t for t in generate(out, seed=2024) if not _is_activity_form(t.source_file)]


ACTIVITY_FORMS = ("_优秀活动推荐表", "_特色亮点活动筹备方案")


def _is_activity_form(rel: str) -> bool:
    return any(marker in rel for marker in ACTIVITY_FORMS)


def _files(out: Path) -> list[str]:
    return sorted(
        p.relative_to(out).as_posix()
        for p in out.rglob("*")
        if p.is_file() and not p.name.startswith(".") and not _is_activity_form(p.name)
    )


def test_activity_forms_are_written_and_listed_in_the_truth(tmp_path: Path) -> None:
    out = tmp_path / "out"
    truth = generate(out, seed=2024)
    forms = {t.source_file: t for t in truth if _is_activity_form(t.source_file)}
    assert {Path(f).suffix for f in forms} == {".xlsx", ".docx"}
    assert {t.note for t in forms.values()} == {"recommended_activities", "planned_activities"}
    assert all(t.metric is None and t.expected_status == "loaded" for t in forms.values())
    assert all((out / f).is_file() for f in forms)


def _core(path: Path) -> str:
    with zipfile.ZipFile(path) as zf:
        return zf.read("docProps/core.xml").decode("utf-8")


def test_same_seed_same_bytes_other_seed_differs(demo, tmp_path: Path) -> None:
    out, truth = demo
    again = [t for t in generate(tmp_path / "again", seed=2024) if not _is_activity_form(t.source_file)]
    assert again == truth
    assert _files(tmp_path / "again") == _files(out)
    for rel in _files(out):
        assert (out / rel).read_bytes() == (tmp_path / "again" / rel).read_bytes(), rel
    other = generate(tmp_path / "other", seed=7)
    assert [t.value for t in other] != [t.value for t in truth]


def test_truth_covers_every_file_and_statuses(demo) -> None:
    out, truth = demo
    assert {t.source_file for t in truth} == set(_files(out))
    status = {t.source_file: t.expected_status for t in truth}
    assert Counter(status.values())["duplicate"] == 1
    rejected = {f for f, s in status.items() if s == "rejected"}
    assert rejected >= REJECTED and len(rejected) == 3  # + the truncated workbook
    assert all(t.value is None and t.metric is None for t in truth if t.expected_status == "rejected")
    assert 200 <= len(status) <= 400


def test_files_open_with_calamine_except_the_broken_ones(demo) -> None:
    out, truth = demo
    rejected = {t.source_file for t in truth if t.expected_status == "rejected"}
    suffixes = Counter(Path(f).suffix for f in _files(out))
    assert suffixes[".xlsx"] > 150 and suffixes[".xls"] >= 10 and suffixes[".xlsm"] == 2
    for rel in _files(out):
        if rel in rejected - REJECTED:
            with pytest.raises(Exception):  # noqa: B017 - truncated zip: any reader error will do
                CalamineWorkbook.from_path(str(out / rel))
            continue
        if rel.endswith(".docx"):  # activity forms in Word: python-docx's business (test_sample_activities)
            continue
        if rel == "2024/活动总结（文字稿）.xlsx":
            assert not zipfile.is_zipfile(out / rel)
            continue
        wb = CalamineWorkbook.from_path(str(out / rel))
        assert any(wb.get_sheet_by_name(n).to_python() for n in wb.sheet_names), rel


def _cells(out: Path, rel: str) -> list[object]:
    wb = CalamineWorkbook.from_path(str(out / rel))
    return [v for n in wb.sheet_names for row in wb.get_sheet_by_name(n).to_python() for v in row]


def test_every_messiness_appears(demo) -> None:
    out, truth = demo
    notes = " ".join(t.note for t in truth)
    cfg = load_config()
    for style in [s for s in cfg["value_styles"] if s != "num"] + list(cfg["empty_styles"]):
        assert style in notes, style
    assert any(t.approximate for t in truth)
    assert any(t.value == 0 for t in truth)
    assert "rejected: negative" in notes and "5亿" in notes
    texts = [str(v) for t in {t.source_file for t in truth if t.expected_status == "loaded"}
             for v in _cells(out, t)]  # fmt: skip
    joined = "\n".join(texts)
    for token in [
        "约",
        "万",
        "余",
        "多",
        ",",
        "３",
        "场",
        "无",
        "—",
        "填表说明",
        "合计",
        "（盖章）",
        "(",
        "\n（",
        "备注",
    ]:
        assert token in joined or token in notes, token
    assert "西藏自治区科协活动信息汇总表.xlsx" in {t.source_file for t in truth}  # year only in the title
    top = next(t for t in truth if "/" not in t.source_file)
    assert top.year == 2023 and "2023" in joined


def test_layouts_and_org_levels_present(demo) -> None:
    _, truth = demo
    orgs = {(t.year, t.org_name) for t in truth if t.org_name}
    names = {o for _, o in orgs}
    assert {"吉林市科协", "永吉县科协", "中国农学会", "中国农技协科技小院联盟", "四川省农技协"} <= names
    assert any(n.startswith("重庆市") and n.endswith("区科协") for n in names)
    assert not any(o.startswith("重庆市科") for y, o in orgs if y in (2022, 2024))
    assert any(o.startswith("重庆市科") for y, o in orgs if y == 2021)
    channels = {t.channel for t in truth if t.year == 2024}
    assert {"农技协", "科技小院", "科普教育基地"} <= channels
    assert not any(t.channel for t in truth if t.year != 2024)
    cfg = load_config()
    own = {
        p + s
        for p in [*cfg["population_fallback"], cfg["bingtuan"]["name"]]
        for s in ("科协", "科学技术协会")
    }
    for year in (2021, 2022, 2023, 2024):
        provinces = {o for y, o in orgs if y == year and o in own}
        assert 26 <= len(provinces) <= 31  # most of the 32 send, a few are missing


def test_magnitudes_scale_with_population_and_2022_leans_online(demo) -> None:
    _, truth = demo
    loaded = [t for t in truth if t.expected_status == "loaded" and t.value is not None]

    def value(org_prefix: str, year: int, metric: str) -> int | None:
        hits = [
            t.value
            for t in loaded
            if t.org_name.startswith(org_prefix) and t.year == year and t.metric == metric
        ]
        return hits[0] if hits else None

    guangdong = [value("广东省", y, "volunteers") for y in (2021, 2023, 2024)]
    assert all(v is None or v > 20000 for v in guangdong)
    tibet = [value("西藏", y, "volunteers") for y in (2021, 2023, 2024)]
    assert all(v is None or v < 5000 for v in tibet)
    big = [
        t.value for t in loaded if t.metric == "beneficiaries" and t.org_name.startswith(("广东省", "山东省"))
    ]
    assert big and max(big) > 1_000_000

    # 2022: more media reports per event than the neighbouring years (same organizations)
    def ratio(year: int) -> float:
        media = sum(t.value for t in loaded if t.year == year and t.metric == "media_reports")
        events = sum(t.value for t in loaded if t.year == year and t.metric == "events")
        return media / events

    assert ratio(2022) > 1.3 * ratio(2021)


def test_modified_times_in_properties_and_on_disk(demo) -> None:
    out, truth = demo
    late, total = 0, 0
    for rel in _files(out):
        path = out / rel
        mtime = datetime.utcfromtimestamp(os.stat(path).st_mtime) + timedelta(hours=8)
        year = next(t.year for t in truth if t.source_file == rel)
        assert datetime(year, 5, 30) < mtime < datetime(year, 8, 1), rel
        if path.suffix in (".xlsx", ".xlsm") and zipfile.is_zipfile(path):
            core = _core(path)
            assert (
                "演示数据生成器 python -m etl sample" in core
                and "<cp:keywords>demo-data</cp:keywords>" in core
            )
            stamp = core.split("<dcterms:modified")[1].split(">")[1].split("<")[0]
            written = datetime.strptime(stamp, "%Y-%m-%dT%H:%M:%SZ") + timedelta(hours=8)
            assert written == mtime.replace(microsecond=0), rel
        if year in (2021, 2022):
            total += 1
            late += mtime > datetime(year, 7, 1)
    assert 0 < late < total / 3  # most on time, some late


def test_duplicate_later_by_time_not_by_name(demo) -> None:
    out, truth = demo
    dup = {t.source_file: t.expected_status for t in truth
           if t.year == 2023 and (t.org_name or "").startswith("河南省")}  # fmt: skip
    assert sorted(dup.values()) == ["duplicate", "loaded"]
    old = next(f for f, s in dup.items() if s == "duplicate")
    new = next(f for f, s in dup.items() if s == "loaded")
    assert new < old  # the kept file sorts first, so only the modified time can pick it
    assert os.stat(out / new).st_mtime > os.stat(out / old).st_mtime


def test_formula_total_has_cached_value(demo) -> None:
    out, truth = demo
    found = False
    for rel in {t.source_file for t in truth if t.channel}:
        if not rel.endswith((".xlsx", ".xlsm")):
            continue
        with zipfile.ZipFile(out / rel) as zf:
            xml = "".join(zf.read(n).decode() for n in zf.namelist() if n.startswith("xl/worksheets/"))
        if "<f>SUM(" in xml:
            found = True
            assert "<v></v>" not in xml and "<v/>" not in xml
    assert found


def test_truth_csv(demo, tmp_path: Path) -> None:
    _, truth = demo
    path = tmp_path / "truth.csv"
    write_truth_csv(truth, path)
    with open(path, encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == len(truth) and rows[0].keys() >= {"source_file", "metric", "value", "expected_status"}


def _regions(tmp_path: Path) -> Path:
    lines = [
        "# source: test",
        "code,name,short_name,aliases,level,parent_code,province_code,macro_region",
        "440000,广东省,广东,,province,,440000,中南",
        "440100,广州市,广州,,city,440000,440000,",
    ]
    lines += [f"4401{i:02d},第{i}区,第{i},,county,440100,440000," for i in range(1, 31)]
    path = tmp_path / "regions.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_scale_multiplies_units_and_regenerating_clears_them(tmp_path: Path) -> None:
    regions = _regions(tmp_path)
    out = tmp_path / "out"
    base = {
        t.source_file
        for t in generate(out, seed=1, regions_csv=regions)
        if not _is_activity_form(t.source_file)
    }
    scaled = generate(out, seed=1, scale=4, regions_csv=regions)
    bulk = {t.source_file for t in scaled if not _is_activity_form(t.source_file)} - base
    assert len(bulk) == 4 * 30  # every county of the test table, every year
    assert all("/县级/" in f for f in bulk)
    assert all(t.org_name.startswith("广东省广州市") for t in scaled if t.source_file in bulk)
    wb = CalamineWorkbook.from_path(str(out / sorted(bulk)[0]))
    assert wb.sheet_names
    assert "demo-data" in _core(out / sorted(bulk)[0])
    generate(out, seed=1, regions_csv=regions)
    assert set(_files(out)) == base  # the scaled files of the previous run are gone

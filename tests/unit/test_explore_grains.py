"""数据查询与下载 grains against the fixture database: several provinces at once, counties rolled up to their
city, an empty selection explained from what exists, and downloads whose integers stay integers and whose
names say every filter that shaped the rows."""

from __future__ import annotations

import io
from pathlib import Path

import duckdb
import openpyxl
import pandas as pd
import pytest

from dashboard.data import common
from dashboard.data import explore as queries
from dashboard.filters import Filters
from dashboard.present import explore as view
from dashboard.present import explore_empty, export
from dashboard.present.catalog import Catalog

JS_2024 = Filters(years=(2024,), provinces=("江苏省", "浙江省"), metric="volunteers")


def _cat(db: Path) -> Catalog:
    return Catalog.from_frames(common.metrics(db), common.provinces(db))


def _table(db: Path, grain: str, f: Filters) -> pd.DataFrame:
    return view.explore_table(grain, queries.QUERY_FOR_GRAIN[grain](db, f), _cat(db), f)


def _with_second_county(dest: Path, fixture_db_copy) -> Path:
    """The fixture plus 宜兴市科协, a second county under 无锡市 (which has no city report) in 2024."""
    db = fixture_db_copy(dest)
    with duckdb.connect(str(db)) as con:
        old = con.execute("SELECT submission_id FROM submissions WHERE org_name = '江阴市科协'").fetchone()[0]
        con.execute(
            "INSERT INTO submissions SELECT * REPLACE ('yixing' AS submission_id, '宜兴市科协' AS org_name,"
            " '宜兴市' AS county, '320282' AS county_code, '2024/044_宜兴市科协.xlsx' AS source_file,"
            " 'yixing' AS org_key) FROM submissions WHERE submission_id = ?",
            [old],
        )
        con.execute(
            "INSERT INTO cell_values SELECT * REPLACE ('yixing' AS submission_id,"
            " '2024/044_宜兴市科协.xlsx' AS source_file, value + 1 AS value)"
            " FROM cell_values WHERE submission_id = ?",
            [old],
        )
    return db


def test_city_grain_rolls_counties_up_to_their_city(tmp_path: Path, fixture_db_copy) -> None:
    db = _with_second_county(tmp_path / "c.duckdb", fixture_db_copy)
    df = _table(db, "city", JS_2024).set_index("城市")
    # 无锡市 has no report of its own: its two counties summed (5200 + 5201), and how many they were
    assert df.loc["无锡市", "科技志愿者（人）"] == 5200 + 5201
    assert df.loc["无锡市", "汇总区县数"] == 2
    assert df.loc["无锡市", "口径"] == "区县合计"
    # 南京市 reported itself: its county 玄武区 is not added on top (no double counting)
    assert df.loc["南京市", "科技志愿者（人）"] == 15600
    assert df.loc["南京市", "汇总区县数"] == 0
    assert df.loc["南京市", "口径"] == "市级报送"
    assert set(df.index) == {"南京市", "无锡市", "苏州市"}  # 浙江 2024 has only its province report


def test_organization_grain_and_several_provinces(fixture_db: Path) -> None:
    df = _table(fixture_db, "organization", JS_2024)
    assert set(df["省份"]) == {"江苏省", "浙江省"}
    row = df[df["组织单位"] == "南京市科协"].iloc[0]
    assert row["文件数"] == 1 and row["科技志愿者（人）"] == 15600 and row["城市"] == "南京市"
    assert len(df) == df[["年份", "组织单位"]].drop_duplicates().shape[0]  # one row per organization-year
    both = _table(fixture_db, "province_year", Filters(years=(2023,), provinces=("广东省", "四川省")))
    assert set(both["省份"]) == {"广东省", "四川省"} and len(both) == 2


def test_empty_selection_names_what_exists(fixture_db: Path) -> None:
    f = Filters(years=(2022, 2023, 2024), provinces=("广东省", "四川省"), org_levels=("city",))
    assert _table(fixture_db, "metric_value", f).empty
    note = explore_empty.empty_note(
        "metric_value", f, queries.nearby(fixture_db, f), _cat(fixture_db), queries.LEVEL_GRAINS
    )
    assert note == "广东省、四川省 2022–2024（科协）没有市级报送；省级报送 6 份；单位报送 1 份。"
    city = explore_empty.empty_note(
        "city", f, queries.nearby(fixture_db, f), _cat(fixture_db), queries.LEVEL_GRAINS
    )
    assert city.startswith("广东省、四川省 2022–2024（科协）没有市级、县级报送；省级报送 6 份")
    en = Filters(years=(2021,), provinces=("广东省",), channel="农技协", lang="en")
    note_en = explore_empty.empty_note(
        "submission", en, queries.nearby(fixture_db, en), _cat(fixture_db), queries.LEVEL_GRAINS
    )
    assert note_en == (
        "Guangdong, 2021 (CRTA) has no loaded reports; reports in other years: 2023: 1, 2024: 1; "
        "the CAST channel has 1 such reports in these years."
    )


@pytest.mark.parametrize("grain", queries.GRAINS)
def test_downloads_keep_integers_and_names_differ_by_level(fixture_db: Path, grain: str) -> None:
    f = Filters(years=(2023, 2024), provinces=("江苏省", "浙江省"), metric="volunteers")
    table = _table(fixture_db, grain, f)
    assert len(table) > 0
    ints = [c for c in table.columns if pd.api.types.is_integer_dtype(table[c])]
    assert "年份" in ints
    csv = pd.read_csv(
        io.BytesIO(export.to_csv_bytes(table)), encoding="utf-8-sig", dtype=str, keep_default_na=False
    )
    ws = openpyxl.load_workbook(io.BytesIO(export.to_xlsx_bytes(table))).active
    header = [c.value for c in ws[1]]
    for col in ints:
        assert not any("." in v for v in csv[col]), (col, csv[col].tolist())  # 45084, never 45084.0
        cells = [r[header.index(col)] for r in ws.iter_rows(min_row=2, values_only=True)]
        assert all(v is None or type(v) is int for v in cells), (col, cells)
    measures = [c for c in table.columns if "（人）" in c]
    assert all(c in ints for c in measures)
    city_only = Filters(years=f.years, provinces=f.provinces, org_levels=("city",), metric=f.metric)
    names = {
        export.file_name(view.export_parts(grain, g, _cat(fixture_db), queries.LEVEL_GRAINS), "csv")
        for g in (f, city_only)
    }
    if grain in queries.LEVEL_GRAINS:
        assert len(names) == 2 and any("_市级_" in n for n in names)
    else:  # the level filter does not shape these rows, so it is not in the name either
        assert len(names) == 1
    assert all(n.startswith("科技工作者日_2023-2024_江苏省+浙江省_科协_") for n in names)


def test_file_name_for_the_analysts_selection(fixture_db: Path) -> None:
    f = Filters(years=(2022, 2023, 2024), provinces=("江苏省", "浙江省"), metric="volunteers")
    parts = view.export_parts("city", f, _cat(fixture_db), queries.LEVEL_GRAINS)
    assert export.file_name(parts, "csv") == "科技工作者日_2022-2024_江苏省+浙江省_科协_城市.csv"
    en = Filters(
        years=(2024,), provinces=("江苏省",), org_levels=("city", "county"), metric="volunteers", lang="en"
    )
    parts = view.export_parts("metric_value", en, _cat(fixture_db), queries.LEVEL_GRAINS)
    assert (
        export.file_name(parts, "xlsx")
        == "STWorkersDay_2024_Jiangsu_CAST_city+county_S&T-volunteers_values.xlsx"
    )


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_tables_mark_partial_and_approximate_figures(coverage_db: Path, lang: str) -> None:
    """Every grain that sums figures says which rest on a value written 约/余/近, and the province grain
    which provinces are a sum of their cities and counties, in the file as read back."""
    f = Filters(years=(2024,), lang=lang)
    cat = _cat(coverage_db)
    partial, approx = view._h("partial", lang), view._h("approximate_metrics", lang)
    beneficiaries = cat.metric_name("beneficiaries", lang)
    table = _table(coverage_db, "province_year", f)
    back = pd.read_csv(io.BytesIO(export.to_csv_bytes(table)), encoding="utf-8-sig", dtype=str,
                       keep_default_na=False).set_index(view._h("province", lang))  # fmt: skip
    yes, no = ("是", "否") if lang == "zh" else ("Yes", "No")
    assert back.loc[cat.province("江苏省", lang), partial] == yes
    assert back.loc[cat.province("广东省", lang), partial] == no
    assert back.loc[cat.province("河南省", lang), approx] == beneficiaries  # 4100000余, its only one
    assert back.loc[cat.province("广东省", lang), approx] == ""
    orgs = _table(coverage_db, "organization", f)
    henan = orgs[orgs[view._h("org_name", lang)] == "河南省科协"]
    assert henan[approx].tolist() == [beneficiaries]
    ws = openpyxl.load_workbook(io.BytesIO(export.to_xlsx_bytes(_table(coverage_db, "city", f)))).active
    assert approx in [c.value for c in ws[1]]

"""数据查询与下载 Explore through AppTest: grains, filters, and that downloads equal the table."""

from __future__ import annotations

import io
from pathlib import Path

import pandas as pd

from dashboard.data import common
from dashboard.data import explore as queries
from dashboard.filters import Filters
from dashboard.present import explore as view
from dashboard.present import export
from dashboard.present.catalog import Catalog
from tests.apptest import qp
from tests.fixture_db import FORMULA_ORG


def _table(at) -> pd.DataFrame:
    return at.dataframe[0].value


def test_each_grain_renders(app) -> None:
    at = app(page="explore")
    assert not at.exception
    for grain in queries.GRAINS:
        at.radio(key="w_grain_zh").set_value(grain).run()
        assert not at.exception
        assert len(_table(at)) > 0
        assert qp(at, "grain") == ([] if grain == queries.GRAINS[0] else [grain])  # defaults stay out


def test_filter_changes_rows(app) -> None:
    at = app(page="explore", grain="metric_value")
    n_all = len(_table(at))
    at.sidebar.multiselect(key="w_area_zh").set_value(["华东"]).run()
    df = _table(at)
    assert 0 < len(df) < n_all
    assert set(df["省份"]) <= {"江苏省", "浙江省"}


def test_no_personal_columns_or_values(app) -> None:
    at = app(page="explore")
    for grain in queries.GRAINS:
        at.radio(key="w_grain_zh").set_value(grain).run()
        df = _table(at)
        assert not any(k in " ".join(df.columns) for k in ("电话", "联系人", "phone", "contact", "email"))
        assert "13800138000" not in df.to_csv()


def test_download_matches_table(app, fixture_db: Path) -> None:
    at = app(page="explore", years=["2024"], area="广东省", grain="metric_value")
    shown = _table(at)
    # rebuild the same table outside Streamlit, as the download callables do
    f = Filters(years=(2024,), area="广东省", provinces=("广东省",))
    cat = Catalog.from_frames(common.metrics(fixture_db), common.provinces(fixture_db))
    table = view.explore_table("metric_value", queries.metric_values(fixture_db, f), cat, f)
    pd.testing.assert_frame_equal(
        shown.reset_index(drop=True), table.reset_index(drop=True), check_dtype=False
    )
    back = pd.read_csv(io.BytesIO(export.to_csv_bytes(table)), encoding="utf-8-sig")
    assert list(back.columns) == list(table.columns)
    assert back["组织单位"].tolist() == [export.neutralize(v) for v in table["组织单位"]]
    assert "'" + FORMULA_ORG in back["组织单位"].tolist()
    assert back["受益人次（人次）"].tolist() == table["受益人次（人次）"].tolist()
    assert (
        export.file_name(view.export_parts("metric_value", f, cat, queries.LEVEL_GRAINS), "csv")
        == "科技工作者日_2024_广东省_科协_受益人次_指标数值.csv"
    )


def test_province_year_grain_in_english(app) -> None:
    at = app(page="explore", grain="province_year", lang="en")
    df = _table(at)
    assert {"Year", "Province", "Beneficiaries (person-times)"} <= set(df.columns)
    assert "Guangdong" in set(df["Province"])

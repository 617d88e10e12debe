"""dashboard/data/ (db, common, overview, explore) against the fixture database: figures, filters, no double counting, read-only."""

from __future__ import annotations

from pathlib import Path

import duckdb  # noqa: E402
import pytest  # noqa: E402

from dashboard.data import common, explore, overview  # noqa: E402
from dashboard.data.db import build_info, connect, db_status  # noqa: E402
from dashboard.filters import Filters  # noqa: E402
from tests.fixture_db import FORMULA_ORG, value_for  # noqa: E402


@pytest.fixture(scope="module")
def db(fixture_db: Path) -> Path:
    return fixture_db


def test_status(db: Path, tmp_path: Path) -> None:
    assert db_status(db) == "ok"
    assert db_status(tmp_path / "none.duckdb") == "missing"
    (tmp_path / "junk.duckdb").write_bytes(b"not a database")
    assert db_status(tmp_path / "junk.duckdb") == "unreadable"


def test_options(db: Path) -> None:
    assert common.years(db) == [2021, 2022, 2023, 2024]
    assert common.metrics(db)["metric"].tolist()[:2] == ["volunteers", "volunteer_teams"]
    assert set(common.provinces(db)["macro_region"]) == {"华北", "东北", "华东", "中南", "西南", "西北"}
    info = build_info(db)
    assert bool(info["is_demo"]) is True


def test_headline_national_adds_national_bodies_not_units(db: Path) -> None:
    h = overview.headline(db, Filters()).set_index(["year", "metric"])
    row = h.loc[(2024, "events")]
    assert row["national_value"] == value_for("events", 0.5, 2024)
    # 江苏 2024: 南京 + 苏州 + 江阴 (玄武 excluded, its city reported); 浙江大学 (unit) excluded
    assert row["n_provinces"] == 8
    jiangsu = sum(value_for("events", s, 2024) for s in (0.6, 0.5, 0.2))
    others = sum(value_for("events", f, 2024) for f in (1.2, 0.9, 0.7, 1.3, 1.6, 1.0, 0.6))
    assert row["province_value"] == pytest.approx(jiangsu + others)


def test_headline_area_excludes_national_bodies(db: Path) -> None:
    h = overview.headline(db, Filters(area="广东省", provinces=("广东省",)))
    row = h[(h["year"] == 2024) & (h["metric"] == "beneficiaries")].iloc[0]
    assert row["value"] == value_for("beneficiaries", 1.6, 2024)
    assert row["national_value"] != row["national_value"]  # NaN: not added


def test_channels_never_mixed(db: Path) -> None:
    h = overview.headline(db, Filters(channel="农技协"))
    assert sorted(h["year"].unique()) == [2023, 2024]
    events = h[(h["year"] == 2024) & (h["metric"] == "events")]["value"].iloc[0]
    # events split by sub-channel (农技协 + 科技小院) are summed within the channel, plus 中国农技协's 50
    assert events == pytest.approx(value_for("events", 0.3, 2024) + value_for("events", 0.4, 2024) + 50)


def test_ranking_has_previous_year(db: Path) -> None:
    r = overview.province_ranking(db, Filters(metric="beneficiaries"), 2024)
    assert r["province"].iloc[0] == "广东省"
    assert r.set_index("province").loc["广东省", "prev_value"] == value_for("beneficiaries", 1.6, 2023)
    assert overview.province_ranking(db, Filters(), 2020).empty


def test_explore_filters(db: Path) -> None:
    f = Filters(years=(2024,), area="华东", provinces=("江苏省", "浙江省"), org_levels=("county",))
    subs = explore.submissions(db, f)
    assert set(subs["org_name"]) == {"江阴市科协", "玄武区科协"}
    mv = explore.metric_values(db, Filters(years=(2024,), metric="beneficiaries"))
    assert FORMULA_ORG in set(mv["org_name"])
    assert set(mv["metric"]) == {"beneficiaries"}
    assert {"source_file", "sheet", "cell"} <= set(mv.columns)
    py = explore.province_year(db, Filters(years=(2023, 2024)))
    assert set(py["year"]) == {2023, 2024}


def test_hostile_filter_values_are_data_not_sql(db: Path) -> None:
    f = Filters(
        area="x'; DROP TABLE submissions; --",
        provinces=("x'; DROP TABLE submissions; --",),
        channel="科协' OR '1'='1",
    )
    assert explore.submissions(db, f).empty
    assert db_status(db) == "ok"


def test_no_contact_columns(db: Path) -> None:
    for fn in (explore.submissions, explore.metric_values, explore.province_year):
        cols = " ".join(fn(db, Filters()).columns)
        assert "phone" not in cols and "contact" not in cols


def test_connections_are_read_only_and_closed(db: Path) -> None:
    overview.headline(db, Filters())
    # a writer can open the file right after a query: nothing is held open
    con = duckdb.connect(str(db))
    con.close()
    with connect(db) as ro, pytest.raises(duckdb.Error):
        ro.execute("CREATE TABLE x (a INT)")


def test_sql_is_parameterised() -> None:
    """No f-strings or .format in the query modules: values reach SQL only as parameters."""
    for path in sorted(Path(common.__file__).parent.glob("*.py")):
        src = path.read_text(encoding="utf-8")
        assert 'f"""' not in src and "f'''" not in src and ".format(" not in src, path.name

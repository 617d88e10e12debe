"""Placing a file when its 组织单位 is blank: the form's title names the unit, else the file name does."""

from __future__ import annotations

from datetime import UTC, datetime

from etl.pipeline.extract import Extracted
from etl.pipeline.resolve import FileInput, resolve


def _placed(source_file: str, title: str | None) -> tuple[dict, list[str]]:
    ex = Extracted(sha256="0" * 64, file_size=1, file_format="xls")
    ex.form, ex.title = "summary", title
    rows = resolve([FileInput(source_file, ex, datetime(2023, 6, 1, tzinfo=UTC))])
    return rows.submissions[0], [i["code"] for i in rows.issues]


def test_blank_organization_is_read_from_the_title() -> None:
    row, codes = _placed("2023/汇总表.xls", "吉林省科协2023年全国科技工作者日活动信息汇总表")
    assert (row["org_name"], row["org_level"], row["province"]) == ("吉林省科协", "province", "吉林省")
    assert codes == ["org_from_title"]


def test_a_generic_title_falls_back_to_the_file_name() -> None:
    row, codes = _placed("2023/重庆市渝中区科协.xlsx", "2023年全国科技工作者日活动信息汇总表")
    assert (row["org_level"], row["county"]) == ("county", "渝中区")
    assert codes == ["org_missing"]

"""Placing a file when its 组织单位 is blank: the form's title names the unit, else the file name does."""

from __future__ import annotations

from datetime import UTC, datetime

from etl.pipeline.extract import Extracted
from etl.pipeline.resolve import FileInput, place_one, resolve


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


def _input(source_file: str, org: str, modified: datetime, value: float) -> FileInput:
    ex = Extracted(sha256="0" * 64, file_size=1, file_format="xlsx", form="summary", org_name=org,
                   modified_at=modified)
    ex.values = [{"sheet": "Sheet1", "cell": "C5", "metric": "activities", "value": value, "role": "value"}]
    return FileInput(source_file, ex, modified)


def test_files_placed_early_give_the_same_rows_as_files_placed_at_the_end() -> None:
    """The build places each file as a worker hands it back (place_one), in whatever order they come;
    the rows, their order and the duplicate rule's verdicts are those of placing them all at the end."""
    inputs = [
        _input("2023/广东省科协.xlsx", "广东省科协", datetime(2023, 5, 1, tzinfo=UTC), 1.0),
        _input("2023/广东省科协-改.xlsx", "广东省科协", datetime(2023, 5, 9, tzinfo=UTC), 2.0),
        _input("2023/吉林省科协.xlsx", "吉林省科协", datetime(2023, 5, 3, tzinfo=UTC), 3.0),
        FileInput("2023/notes.txt", Extracted(sha256="1" * 64, file_size=1, file_format="txt"),
                  datetime(2023, 5, 3, tzinfo=UTC)),
    ]
    at_the_end = resolve(inputs)
    early = {fi.source_file: place_one(fi) for fi in reversed(inputs[1:])}  # out of order, one left out
    assert resolve(inputs, early) == at_the_end
    assert [r["status"] for r in at_the_end.submissions] == ["rejected", "loaded", "loaded", "duplicate"]
    assert [v["value"] for v in at_the_end.cell_values] == [3.0, 2.0, 1.0]

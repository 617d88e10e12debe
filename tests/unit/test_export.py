"""dashboard/present/export.py: CSV with BOM and XLSX read back; formulas neutralized, numbers kept."""

from __future__ import annotations

import io

import openpyxl  # noqa: E402
import pandas as pd  # noqa: E402
from hypothesis import given  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from dashboard.present import export  # noqa: E402

DANGER = ['=HYPERLINK("http://x","点击")', "+1+1", "-2+3", "@SUM(A1)", "\tx", "\rx", "\nx"]


def _frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "组织单位": ["广东省科协", *DANGER],
            "受益人次（人次）": [2_000_000.5, -5.0, 0.0, None, 1.0, 2.0, 3.0, 4.0],
            "年份": pd.array([2024] * 8, dtype="Int64"),
        }
    )


def test_csv_has_bom_chinese_and_no_live_formula() -> None:
    raw = export.to_csv_bytes(_frame())
    assert raw.startswith(b"\xef\xbb\xbf")
    back = pd.read_csv(io.BytesIO(raw), encoding="utf-8-sig")
    assert back.columns.tolist() == ["组织单位", "受益人次（人次）", "年份"]
    assert back["组织单位"][0] == "广东省科协"
    for v in back["组织单位"][1:]:
        assert v.startswith("'")
    assert back["受益人次（人次）"][1] == -5.0  # a negative number stays a number
    assert back["年份"].tolist() == [2024] * 8


def test_xlsx_strings_stay_strings_numbers_stay_numbers() -> None:
    wb = openpyxl.load_workbook(io.BytesIO(export.to_xlsx_bytes(_frame(), "数据")))
    ws = wb["数据"]
    assert ws.freeze_panes == "A2"
    assert [c.value for c in ws[1]] == ["组织单位", "受益人次（人次）", "年份"]
    for row in ws.iter_rows(min_row=3, max_col=1):
        cell = row[0]
        assert cell.data_type == "s" and cell.value.startswith("'")
    assert ws["B2"].value == 2_000_000.5 and ws["B3"].value == -5 and ws["B5"].value is None
    assert ws["C2"].value == 2024
    assert ws.column_dimensions["A"].width >= 12


@given(st.text(max_size=30))
def test_neutralize_any_text(s: str) -> None:
    out = export.neutralize(s)
    assert not str(out).startswith(tuple(export.DANGEROUS_START))
    assert out == s or out == "'" + s


def test_file_name() -> None:
    assert (
        export.file_name(["科技工作者日", "2024", "华东", "受益人次"], "csv")
        == "科技工作者日_2024_华东_受益人次.csv"
    )
    assert export.file_name(["a/b", "", "c d"], "xlsx") == "a-b_c-d.xlsx"


def test_a_download_built_later_from_the_kept_arrow_table_is_the_same_file() -> None:
    df = _frame()
    kept = export.kept(df)
    assert kept.num_rows == len(df) and kept.schema.pandas_metadata["index_columns"] == []  # no index column
    assert export.later(export.to_csv_bytes, kept)() == export.to_csv_bytes(df)
    later = openpyxl.load_workbook(io.BytesIO(export.later(export.to_xlsx_bytes, kept, "表")())).active
    now = openpyxl.load_workbook(io.BytesIO(export.to_xlsx_bytes(df, "表"))).active
    assert later.title == "表"
    assert [[c.value for c in r] for r in later.iter_rows()] == [[c.value for c in r] for r in now.iter_rows()]

"""One walk over a Word table (etl/readers/docx.py) feeds both a form's sheet and a notice's lines."""

from __future__ import annotations

from pathlib import Path

import docx
from docx.document import Document
from docx.table import Table

from etl.notices.files import read_notice_lines
from etl.readers.docx import table_cells, table_grid


def _merged_table(doc: Document | None = None) -> Table:
    table = (doc or docx.Document()).add_table(rows=5, cols=4)
    for r in range(5):
        for c in range(4):
            table.cell(r, c).text = f"r{r}c{c}"
    table.cell(0, 0).merge(table.cell(0, 1))  # across
    table.cell(1, 2).merge(table.cell(3, 2))  # down
    table.cell(1, 0).merge(table.cell(2, 1))  # a block
    table.cell(4, 1).text = "多行\n第二行"
    return table


def test_a_merged_cell_comes_once_where_word_stores_it() -> None:
    rows = table_cells(_merged_table())
    assert [(c.col, c.span, c.continued) for c in rows[2]] == [(0, 2, True), (2, 1, True), (3, 1, False)]
    assert rows[2][1].top == 1 and rows[2][1].text == ""


def test_sheet_grid_keeps_text_top_left_and_lists_the_spans() -> None:
    grid, merged = table_grid(_merged_table())
    assert grid[0] == ["r0c0\nr0c1", "", "r0c2", "r0c3"]
    assert grid[1][0].startswith("r1c0") and grid[2][:3] == ["", "", ""]
    assert sorted(merged) == [(0, 0, 0, 1), (1, 0, 2, 1), (1, 2, 3, 2)]


def test_notice_lines_write_a_merged_cell_once(tmp_path: Path) -> None:
    doc = docx.Document()
    _merged_table(doc)
    doc.save(str(tmp_path / "n.docx"))
    lines = read_notice_lines(tmp_path / "n.docx")
    assert lines[:5] == ["\tr0c0", "r0c1", "\tr0c2", "\tr0c3", ""]
    assert lines[13:18] == ["", "\t", "\t", "\tr2c3", ""]  # row 2: both merged cells continue from above
    assert lines[-5:] == ["\t多行", "第二行", "\tr4c2", "\tr4c3", ""]

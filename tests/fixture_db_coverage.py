"""The "coverage" layer of the fixture database: provinces that reported in one year only, and a 同比
resting on an approximate figure (issue 13).

- 河南省 (中南) reports 2023 and 2024; its 2024 受益人次 is written 4100000余 (approximate): +130.3%.
- 湖北省 (中南) reports 2023 only: 2024 has no file from it ("未报送").
- 山西省 (华北) reports 2024 only.
So 2023 and 2024 cover different provinces, and the like-for-like 同比 differs from the change of the
two totals.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

EXTRA = [
    ("河南省", "410000", "河南", "中南"),
    ("湖北省", "420000", "湖北", "中南"),
    ("山西省", "140000", "山西", "华北"),
]
HENAN_BENEFICIARIES = {2023: 1_780_000.0, 2024: 4_100_000.0}  # 2024 written 4100000余
REPORTS = {  # province -> (years, size factor)
    "河南省": ((2023, 2024), 1.1),
    "湖北省": ((2023,), 0.8),
    "山西省": ((2024,), 0.5),
}


def add_coverage_rows(path: Path) -> Path:
    from tests.fixture_db import FIVE, _Writer, value_for  # here: tests/fixture_db.py imports this module

    con = duckdb.connect(str(path))
    try:
        w = _Writer(con)
        w.n = 500  # file names (hence ids) apart from the base's
        for name, code, short, macro in EXTRA:
            con.execute(
                "INSERT INTO regions VALUES (?,?,?,?,?,?,?)",
                [code, name, short, "province", None, code, macro],
            )
            con.execute("INSERT INTO population VALUES (?,?,?,?,?)", [name, code, 5000.0, 2023, "fixture"])
            years, factor = REPORTS[name]
            for year in years:
                sid = w.submission(
                    year, f"{short}省科协", "province", "科协", province=name, codes=(code, None, None)
                )
                items = []
                for m in FIVE:
                    if m == "beneficiaries" and name == "河南省":
                        items.append((m, HENAN_BENEFICIARIES[year], None, year == 2024))
                    else:
                        items.append((m, value_for(m, factor, year), None, False))
                w.values(sid, items)
    finally:
        con.close()
    return path

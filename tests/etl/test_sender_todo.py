"""The per-sender to-do list on a database built from real files: who to tell, where, and what to do."""

from __future__ import annotations

import io

import pandas as pd

from dashboard.data.quality import sender_problems
from dashboard.present.export import to_xlsx_bytes
from dashboard.present.quality import todo_rows, todo_text
from etl.pipeline.build import build
from tests.builders import SEED000_FILLED, seed000_sheet, write


def test_an_unnamed_unreadable_file_is_listed_under_its_file_name(tmp_path):
    subs, notices = tmp_path / "submissions", tmp_path / "notices"
    notices.mkdir()
    (subs / "2024").mkdir(parents=True)
    (subs / "2024" / "活动总结（文字稿）.xlsx").write_text("活动总结：今年共开展活动 12 场。", encoding="utf-8")
    org = "广西壮族自治区农村专业技术协会"
    write(subs / "2024" / "广西农技协.xlsx", [seed000_sheet(SEED000_FILLED | {"volunteers": "约1.2万"}, org=org)])
    db = tmp_path / "campaigns.duckdb"
    build(subs, notices, db, cache_dir=None, workers=1)

    todo = todo_rows(sender_problems(db, 2024), "zh")
    by_sender = dict(tuple(todo.groupby("报送单位")))
    unreadable = by_sender["未知报送单位：2024/活动总结（文字稿）.xlsx"]
    assert list(unreadable["位置"]) == ["整个文件"]
    assert "另存为 .xlsx" in unreadable["如何修改"].iloc[0]
    approx = by_sender[org]
    assert "把 B10 的“约1.2万”改为具体数字" in set(approx["如何修改"]), approx.to_dict("records")
    assert "Sheet1!B10" in set(approx["位置"])

    text = todo_text(todo, "zh", org)
    assert text.startswith(f"{org}：") and "把 B10 的“约1.2万”改为具体数字" in text
    assert "未知报送单位" not in text  # only this sender's block
    en = todo_rows(sender_problems(db, 2024), "en")
    assert "Unknown sender: 2024/活动总结（文字稿）.xlsx" in set(en["Sender"])
    # the download: one row per sender and problem, as shown
    back = pd.read_excel(io.BytesIO(to_xlsx_bytes(todo, "修改清单")), dtype=str, engine="calamine")
    assert list(back.columns) == list(todo.columns) and len(back) == len(todo)
    assert "未知报送单位：2024/活动总结（文字稿）.xlsx" in set(back["报送单位"])

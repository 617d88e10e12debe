"""The upload path: who may use it, how received files are checked, stored and loaded."""

from __future__ import annotations

import os
import shutil
import threading
from collections.abc import Callable
from pathlib import Path

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

from dashboard.upload import decide
from etl.intake import upload as intake
from tests.apptest import APP
from tests.security import corpus

MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.mark.parametrize(
    ("enabled", "auth", "logged_in", "email", "expected"),
    [
        (False, False, False, None, "disabled"),
        (False, True, True, "a@cast.org.cn", "disabled"),
        (True, False, False, None, "ok"),
        (True, True, False, None, "login"),
        (True, True, True, "A@Cast.org.cn ", "ok"),
        (True, True, True, "b@cast.org.cn", "denied"),
        (True, True, True, None, "denied"),
    ],
)
def test_access_decision(enabled, auth, logged_in, email, expected):
    assert (
        decide(
            enabled=enabled, auth_configured=auth, logged_in=logged_in, email=email, allowed={"a@cast.org.cn"}
        )
        == expected
    )


def test_empty_allow_list_lets_nobody_in():
    assert (
        decide(enabled=True, auth_configured=True, logged_in=True, email="x@y.cn", allowed=set()) == "denied"
    )


@pytest.mark.parametrize(
    ("raw", "safe"),
    [
        ("../../etc/passwd.xlsx", "passwd.xlsx"),
        ("C:\\Users\\a\\广东省科协.XLSX", "广东省科协.xlsx"),
        (".hidden.xlsx", "hidden.xlsx"),
        ("~$lock.xlsx", "lock.xlsx"),
        ("a\x00b<c>|.xlsx", "a_b_c__.xlsx"),
        (".xlsx", "xlsx"),  # no extension left: refused as not a workbook
    ],
)
def test_safe_name(raw, safe):
    assert intake.safe_name(raw) == safe


def test_store_never_overwrites(tmp_path: Path):
    data = corpus.form_bytes("广东省科学技术协会", {"动员科技志愿者数量（人）": 1})
    checked = intake.check_upload("广东省科协.xlsx", data)
    first = intake.store(checked, tmp_path, 2024)
    second = intake.store(checked, tmp_path, 2024)
    assert first.name == "广东省科协.xlsx" and second.name == "广东省科协-2.xlsx"
    assert first.read_bytes() == second.read_bytes() == data
    assert not list((tmp_path / "2024").glob(".*")), "no temp file left"


def test_concurrent_stores_each_get_their_own_name(tmp_path: Path):
    checked = intake.check_upload("x.xlsx", corpus.form_bytes("广东省科学技术协会", {"受益人次": 5}))
    paths: list[Path] = []
    threads = [
        threading.Thread(target=lambda: paths.append(intake.store(checked, tmp_path, 2024))) for _ in range(8)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len({p.name for p in paths}) == 8


def test_store_refuses_a_bad_year(tmp_path: Path):
    checked = intake.check_upload("x.xlsx", corpus.form_bytes("广东省科学技术协会", {"受益人次": 5}))
    with pytest.raises(ValueError):
        intake.store(checked, tmp_path, "../2024")  # type: ignore[arg-type]


def test_check_upload_accepts_a_good_form_with_its_values():
    checked = intake.check_upload("广东省科协.xlsx", corpus.form_bytes(*corpus.GOOD[0][1:]))
    assert checked.accepted and checked.year == 2024
    table = intake.review_table(checked)
    assert {(r["metric"], r["value"]) for r in table if r["metric"]} >= {
        ("volunteers", 3500),
        ("events", 210),
    }


def test_check_upload_shows_problems_beside_their_cells():
    values = {"动员科技志愿者数量（人）": "很多", "开展活动数量（场）": 12}
    checked = intake.check_upload("福建.xlsx", corpus.form_bytes("福建省科学技术协会", values))
    bad = [r for r in intake.review_table(checked) if r["severity"] == "error"]
    assert bad and bad[0]["raw_text"] == "很多" and "很多" in bad[0]["problem"] and bad[0]["cell"]


@pytest.mark.parametrize("builder", [b for b, _ in corpus.HOSTILE.values()])
def test_check_upload_refuses_hostile_files(builder, tmp_path: Path):
    name = builder(tmp_path)
    checked = intake.check_upload(name, (tmp_path / name).read_bytes())
    if name in ("文字数值.xlsx", "超长字符串.xlsx"):
        assert checked.errors, "loadable, but every bad cell is an error"
    else:
        assert not checked.accepted, name
        assert checked.errors or checked.problems


def test_macros_are_refused_on_upload(tmp_path: Path):
    name = corpus.xlsm_macro(tmp_path)
    checked = intake.check_upload(name, (tmp_path / name).read_bytes())
    assert not checked.accepted and checked.problems == [intake.MACRO_REFUSAL]


def test_a_reader_that_ends_its_process_is_refused_and_the_server_goes_on(monkeypatch: pytest.MonkeyPatch):
    """The first read of an upload is in a child: here the child is killed where it reads (as a Rust abort
    would end it); this process refuses the file with the reason and stores nothing."""
    monkeypatch.setenv("CAMPAIGN_FAULT", "canary=kill")  # read by the child at its import, not by this process
    checked = intake.check_upload("广东省科协.xlsx", corpus.form_bytes(*corpus.GOOD[0][1:]))
    assert not checked.accepted and checked.submission["status"] == "rejected"
    assert "SIGKILL" in str(checked.problems[0]) and "reader stopped" in str(checked.problems[0])
    assert any("SIGKILL" in i["message_en"] for i in checked.rows.issues)
    monkeypatch.delenv("CAMPAIGN_FAULT")
    assert intake.check_upload("广东省科协.xlsx", corpus.form_bytes(*corpus.GOOD[0][1:])).accepted


def test_a_reader_that_does_not_finish_is_stopped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    from etl.issues import InputError
    from etl.pipeline.canary import read_in_child

    monkeypatch.setenv("CAMPAIGN_FAULT", "canary=pause")  # the child waits for a release that never comes
    monkeypatch.setenv("CAMPAIGN_FAULT_DIR", str(tmp_path))
    path = tmp_path / "a.xlsx"
    path.write_bytes(corpus.form_bytes(*corpus.GOOD[0][1:]))
    with pytest.raises(InputError, match="took over 1 s"):
        read_in_child(path, seconds=1)
    paused = list(tmp_path.glob("canary.*.paused"))
    for marker in paused:  # when the child got as far as the pause, it is gone now
        with pytest.raises(ProcessLookupError):
            os.kill(int(marker.read_text().split()[0]), 0)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_refused_file_says_why_in_the_readers_language(lang: str, tmp_path: Path):
    from dashboard.upload import refusal_reasons

    name = corpus.HOSTILE["稀疏角落-单引号.xlsx"][0](tmp_path)
    checked = intake.check_upload(name, (tmp_path / name).read_bytes())
    reasons = refusal_reasons(checked.problems, checked.errors, lang)
    assert reasons and ("too large" in reasons[0] if lang == "en" else "过大" in reasons[0])
    assert ("过大" not in reasons[0]) if lang == "en" else ("too large" not in reasons[0])
    killed = intake.InputError("读取程序异常终止", "the reader stopped")
    cell = {"sheet": "表", "cell": "B3", "message": "不是数字", "message_en": "not a number"}
    file = {"sheet": None, "cell": None, "message": "不是汇总表", "message_en": "not a summary form"}
    assert refusal_reasons([killed], [cell, file], "en") == ["the reader stopped", "not a summary form",
                                                              "[表] B3 not a number"]  # fmt: skip


def test_oversized_and_wrong_type_are_refused_before_parsing():
    big = intake.check_upload("a.xlsx", b"PK\x03\x04" + b"\0" * (intake.MAX_UPLOAD_BYTES + 1))
    assert not big.accepted and "20 MB" in str(big.problems[0])
    exe = intake.check_upload("a.exe", b"MZ....")
    assert not exe.accepted and ".xlsx" in str(exe.problems[0])


# -- the page, with AppTest --------------------------------------------------------------------------------


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fixture_db_copy: Callable[..., Path]) -> Path:
    """A data folder with a built fixture database; CAMPAIGN_DATA and CAMPAIGN_DB point at it."""
    data = tmp_path / "data"
    (data / "notices").mkdir(parents=True)
    db = fixture_db_copy(data / "campaigns.duckdb")
    monkeypatch.setenv("CAMPAIGN_DATA", str(data))
    monkeypatch.setenv("CAMPAIGN_DB", str(db))
    monkeypatch.setenv("CAMPAIGN_CACHE", str(tmp_path / "cache"))
    return data


def _page(at: AppTest) -> AppTest:
    at.switch_page("app_pages/upload.py")
    return at.run()


def test_page_is_off_by_default(site: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.delenv("CAMPAIGN_UPLOAD", raising=False)
    at = _page(AppTest.from_file(APP, default_timeout=60))
    assert not at.exception
    assert not at.file_uploader, "the upload page is not in the navigation, so it cannot be reached"
    # its address says, in the reader's language, that it is off (not Streamlit's "Page not found")
    assert any("上传功能未开启，请联系管理员" in x.value for x in at.info)
    from dashboard import upload

    assert upload.access() == "disabled"


def test_page_checks_then_stores_and_rebuilds_on_confirmation(site: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("CAMPAIGN_UPLOAD", "1")
    at = _page(AppTest.from_file(APP, default_timeout=120))
    good = corpus.form_bytes(*corpus.GOOD[0][1:])
    at.file_uploader[0].set_value(
        [("广东省科协.xlsx", good, MIME), ("图片.xlsx", b"\x89PNG\r\n\x1a\n0000", MIME)]
    )
    at.run()
    assert not at.exception, at.exception
    assert any("可导入" in s.value for s in at.success)
    assert any("拒收" in e.value for e in at.error)
    assert not (site / "submissions").exists(), "nothing is stored before confirmation"
    confirm = [b for b in at.button if "重建数据库" in b.label]
    assert len(confirm) == 1 and "1" in confirm[0].label
    confirm[0].click()
    at.run()
    assert not at.exception, at.exception
    assert (site / "submissions" / "2024" / "广东省科协.xlsx").read_bytes() == good
    assert not (site / "submissions" / "2024" / "图片.xlsx").exists()
    con = duckdb.connect(str(site / "campaigns.duckdb"), read_only=True)
    try:
        assert con.execute("SELECT source_file, status FROM submissions").fetchall() == [
            ("2024/广东省科协.xlsx", "loaded")
        ]
    finally:
        con.close()


def test_same_unit_twice_is_kept_and_the_duplicate_rule_applies(site: Path):
    data = site
    first = corpus.form_bytes("广东省科学技术协会", {"动员科技志愿者数量（人）": 100})
    second = corpus.form_bytes("广东省科学技术协会", {"动员科技志愿者数量（人）": 200, "受益人次": 1})
    for payload in (first, second):
        checked = intake.check_upload("广东省科协.xlsx", payload)
        intake.accept([checked], data / "submissions", data / "notices", data / "campaigns.duckdb")
    con = duckdb.connect(str(data / "campaigns.duckdb"), read_only=True)
    try:
        rows = dict(con.execute("SELECT source_file, status FROM submissions").fetchall())
    finally:
        con.close()
    assert set(rows) == {"2024/广东省科协.xlsx", "2024/广东省科协-2.xlsx"}
    assert sorted(rows.values()) == ["duplicate", "loaded"]
    again = intake.check_upload("广东省科协.xlsx", second)
    assert [e["same_bytes"] for e in intake.existing_submissions(data / "campaigns.duckdb", again)].count(
        True
    ) == 1
    shutil.rmtree(data / "submissions")


def test_with_auth_configured_the_page_asks_to_sign_in(site: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.delenv("CAMPAIGN_UPLOAD", raising=False)
    at = AppTest.from_file(APP, default_timeout=60)
    at.secrets["upload"] = {"enabled": True, "allowed_emails": ["a@cast.org.cn"]}
    at.secrets["auth"] = {
        "redirect_uri": "http://localhost:8501/oauth2callback",
        "cookie_secret": "x" * 32,
        "client_id": "id",
        "client_secret": "s",
        "server_metadata_url": "https://idp.invalid/.well-known/openid-configuration",
    }
    _page(at)
    assert not at.exception, at.exception
    assert any("需要登录" in w.value for w in at.warning)
    assert not at.file_uploader, "no uploader before signing in"


def test_the_rebuild_an_upload_starts_reads_each_new_file_in_a_child_first(site: Path, monkeypatch):
    """A file placed by hand is first read by the rebuild the upload's confirmation starts, in the server: a
    reader that ends its child rejects that file (and the upload, read the same way) with the reason, and the
    build, the server and the files loaded before go on."""
    data, db, cache_dir = site, site / "campaigns.duckdb", site.parent / "cache"
    first = intake.check_upload("广东省科协.xlsx", corpus.form_bytes(*corpus.GOOD[0][1:]))
    intake.accept([first], data / "submissions", data / "notices", db, cache_dir=cache_dir)
    by_hand = data / "submissions" / "2024" / "福建省科协.xlsx"
    by_hand.write_bytes(corpus.form_bytes("福建省科学技术协会", {"动员科技志愿者数量（人）": 7}))
    upload = intake.check_upload("湖南省科协.xlsx", corpus.form_bytes("湖南省科学技术协会", {"开展活动数量（场）": 3}))
    monkeypatch.setenv("CAMPAIGN_FAULT", "canary=kill")  # every child the rebuild starts is killed as it reads
    _, summary = intake.accept([upload], data / "submissions", data / "notices", db, cache_dir=cache_dir)
    assert (summary.files_read, summary.loaded, summary.rejected) == (3, 1, 2)
    con = duckdb.connect(str(db), read_only=True)
    try:
        status = dict(con.execute("SELECT source_file, status FROM submissions").fetchall())
        reasons = [m for (m,) in con.execute(
            "SELECT message_en FROM load_issues WHERE source_file IN ('2024/福建省科协.xlsx', '2024/湖南省科协.xlsx')"
        ).fetchall()]  # fmt: skip
    finally:
        con.close()
    assert status == {"2024/广东省科协.xlsx": "loaded", "2024/福建省科协.xlsx": "rejected",
                      "2024/湖南省科协.xlsx": "rejected"}  # fmt: skip
    assert len(reasons) == 2 and all("reader stopped" in m and "SIGKILL" in m for m in reasons)
    shutil.rmtree(data / "submissions")

"""Old Word .doc, WPS .wps/.et and PDF notices: each twin of a .docx/.xlsx/.txt file gives the same database.

The twins are made once per session by LibreOffice from files built here (summary forms) or from the seed
notices: .xlsx -> .xls saved as .et, .docx/.txt -> .doc, and a .doc saved as .wps; .docx -> .pdf. LibreOffice
cannot write WPS's own formats, so the .wps is a Word 97 binary and the .et an Excel 97 binary under WPS
names: what WPS Office writes when it saves in its compatible formats, and what the reader must then accept
by content. Tests that need LibreOffice skip when it is missing (scripts/install_system_deps.sh installs it).
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import docx
import psutil
import pytest

from etl.issues import InputError
from etl.notices.collect import load_notices
from etl.pipeline.build import build
from etl.pipeline.extract import extract_file
from etl.readers import convert, pdf
from etl.readers.formats import NOTICE_SUFFIXES, SUBMISSION_SUFFIXES
from tests.builders import SEED000_FILLED, seed000_sheet, write
from tests.conftest import NOTICES
from tests.database import fetch
from tests.waiting import wait_until

NEEDS_SOFFICE = pytest.mark.skipif(
    convert.soffice() is None, reason="LibreOffice (soffice) is not installed: apt-get install "
    "libreoffice-writer-nogui libreoffice-calc-nogui (scripts/install_system_deps.sh does it)"
)
ORGS = {"gx": "广西壮族自治区农村专业技术协会", "gd": "广东省农村专业技术协会", "yn": "云南省农村专业技术协会"}
# submission / notice stem -> (original suffix, twin suffix)
SUBMISSION_TWINS = {"gx": (".xlsx", ".et"), "gd": (".docx", ".doc"), "yn": (".docx", ".wps")}
NOTICE_TWINS = {"000": (".docx", ".pdf"), "002": (".txt", ".doc"), "004": (".docx", ".wps")}
LO_WRITES = {".et": "xls", ".doc": "doc", ".wps": "doc", ".pdf": "pdf"}  # LibreOffice's export per twin


def _seed(prefix: str) -> Path:
    return next(NOTICES.glob(f"{prefix}_*.txt"))


def _notice_docx(txt: Path, target: Path) -> None:
    """A seed notice as Word writes it: paragraphs, and its tab-prefixed form rows as a ruled table."""
    document = docx.Document()
    table: list[list[str]] = []
    row: list[str] | None = None  # the row being read, until the blank line after it
    for line in txt.read_text(encoding="utf-8").splitlines():
        if line.startswith("\t"):
            if row is None:
                row = []
                table.append(row)
            row.append(line[1:])
        elif row is not None:
            if line.strip():
                row[-1] += "\n" + line  # a cell's second paragraph
            else:
                row = None
        else:
            _flush(document, table)
            table = []
            document.add_paragraph(line)
    _flush(document, table)
    document.save(str(target))


def _flush(document: docx.document.Document, table_rows: list[list[str]]) -> None:
    if not table_rows:
        return
    table = document.add_table(rows=len(table_rows), cols=max(len(r) for r in table_rows))
    table.style = "Table Grid"  # ruled, as the seeds' attached forms are printed
    for r, cells in enumerate(table_rows):
        for c, text in enumerate(cells):
            table.cell(r, c).text = text


def _soffice(to: str, files: list[Path], outdir: Path, profile: Path) -> None:
    subprocess.run([convert.soffice(), "--headless", f"-env:UserInstallation={profile.as_uri()}",
                    "--convert-to", to, "--outdir", str(outdir), *map(str, files)],
                   check=True, capture_output=True, timeout=300)


@pytest.fixture(scope="module")
def twins(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(database of the originals, database of their twins), each from one build."""
    if convert.soffice() is None:
        pytest.skip(NEEDS_SOFFICE.kwargs["reason"])
    root = tmp_path_factory.mktemp("twins")
    made = root / "made"
    made.mkdir()
    dbs = []
    for kind in ("orig", "twin"):
        (root / kind / "submissions" / "2024").mkdir(parents=True)
        (root / kind / "notices").mkdir()
    for stem, (suffix, _) in SUBMISSION_TWINS.items():
        write(root / "orig/submissions/2024" / f"{stem}{suffix}", [seed000_sheet(SEED000_FILLED, org=ORGS[stem])])
    for stem, (suffix, _) in NOTICE_TWINS.items():
        target = root / "orig/notices" / f"{stem}{suffix}"
        if suffix == ".docx":
            _notice_docx(_seed(stem), target)
        else:
            shutil.copy(_seed(stem), target)
    originals = [*(root / "orig/submissions/2024").iterdir(), *(root / "orig/notices").iterdir()]
    twin_of = {p: p.with_suffix((SUBMISSION_TWINS | NOTICE_TWINS)[p.stem][1]) for p in originals}
    for export in sorted(set(LO_WRITES.values())):
        sources = [p for p in originals if LO_WRITES[twin_of[p].suffix] == export]
        _soffice(export, sources, made, root / "profile")
    for original, twin in twin_of.items():
        written = made / f"{original.stem}.{LO_WRITES[twin.suffix]}"
        shutil.copy(written, Path(str(twin).replace("/orig/", "/twin/")))
    for kind in ("orig", "twin"):
        db = root / kind / "campaigns.duckdb"
        build(root / kind / "submissions", root / kind / "notices", db, workers=1)
        dbs.append(db)
    return dbs[0], dbs[1]


FIGURES = """SELECT split_part(split_part(source_file, '/', 2), '.', 1), metric, channel, value
             FROM metric_values ORDER BY ALL"""


@NEEDS_SOFFICE
def test_doc_wps_and_et_twins_give_the_same_figures(twins):
    orig, twin = twins
    assert fetch(orig, FIGURES) == fetch(twin, FIGURES)
    assert len(fetch(twin, FIGURES)) == 3 * len(SEED000_FILLED)
    # provenance keeps the file as it was received: its own name and format
    assert fetch(twin, "SELECT source_file, file_format, status FROM submissions ORDER BY 1") == [
        (f"2024/{stem}{twin_suffix}", twin_suffix[1:], "loaded")
        for stem, (_, twin_suffix) in sorted(SUBMISSION_TWINS.items())
    ]
    assert fetch(twin, "SELECT count(*) FROM load_issues WHERE severity = 'error'") == [(0,)]


NOTICE_TABLES = ["notices", "notice_issuers", "notice_deadlines", "notice_attachments", "notice_form_fields",
                 "notice_activities"]


@NEEDS_SOFFICE
@pytest.mark.parametrize("table", NOTICE_TABLES)
def test_pdf_doc_and_wps_notices_give_the_same_facts(twins, table):
    orig, twin = twins
    columns = [r[0] for r in fetch(orig, f"SELECT column_name FROM (DESCRIBE {table})")]
    facts = ", ".join(c for c in columns if c not in ("source_file", "full_text"))  # the text as read
    sql = f"SELECT {facts} FROM {table} ORDER BY ALL"
    got, expected = fetch(twin, sql), fetch(orig, sql)
    assert expected, f"{table}: the originals give no rows to compare"
    assert got == expected
    if table == "notices":
        names = fetch(twin, "SELECT source_file FROM notices ORDER BY 1")
        assert [n[0] for n in names] == [f"{s}{t}" for s, (_, t) in sorted(NOTICE_TWINS.items())]


def test_every_notice_file_is_read_or_explained(tmp_path: Path):
    """A notice of any suffix, a scanned PDF, a second file of the same name and a file in a subfolder:
    each is a notice or a load_issues row, never skipped silently."""
    notices = tmp_path / "notices"
    (notices / "2023").mkdir(parents=True)
    shutil.copy(_seed("002"), notices / "002.txt")
    (notices / "002.docx").write_bytes(b"PK\x03\x04")  # damaged: read first (by name), then 002.txt
    _notice_docx(_seed("003"), notices / "003.docx")  # read before 2023/003.txt, a good file of the same name
    (notices / "scan.pdf").write_bytes(_blank_pdf())
    (notices / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0 not a notice")
    (notices / "README").write_text("no suffix", encoding="utf-8")
    shutil.copy(_seed("003"), notices / "2023" / "003.txt")
    (notices / ".hidden.txt").write_text("hidden files are not read", encoding="utf-8")
    db = tmp_path / "campaigns.duckdb"
    summary = build(tmp_path / "submissions", notices, db, workers=1)
    assert summary.notices == 7
    assert {r[0] for r in fetch(db, "SELECT source_file FROM notices")} == {"002.txt", "003.docx"}
    why = dict(fetch(db, "SELECT source_file, message_en FROM load_issues WHERE code = 'notice_unreadable'"))
    assert set(why) == {"003.txt", "002.docx", "scan.pdf", "photo.jpg", "README"}
    assert "not a valid Word" in why["002.docx"] and "same name as 003.docx" in why["003.txt"]
    assert "no text layer" in why["scan.pdf"] and "Word original" in why["scan.pdf"]
    assert "unsupported file type .jpg" in why["photo.jpg"] and ".pdf" in why["photo.jpg"]
    assert "unsupported file type (none)" in why["README"]


def _blank_pdf() -> bytes:
    """A one-page PDF with no text layer, as a scanner writes one (without the picture)."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>"]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for n, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (n, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


@pytest.mark.parametrize("suffix", [".doc", ".wps", ".et"])
def test_without_libreoffice_the_file_says_what_to_install_or_send(tmp_path, monkeypatch, suffix):
    monkeypatch.setattr(convert, "soffice", lambda: None)
    path = tmp_path / f"form{suffix}"
    path.write_bytes(convert.OLE_MAGIC + b"\0" * 1024)
    error = extract_file(path).error
    package = "libreoffice-calc-nogui" if suffix == ".et" else "libreoffice-writer-nogui"
    assert package in error.reason_en and (".xlsx" if suffix == ".et" else ".docx") in error.reason_en
    assert package in error.reason_zh
    if suffix != ".et":  # a notice too: one error row, and the other notices still load
        shutil.copy(_seed("002"), tmp_path / "002.txt")
        tables, issues = load_notices([path, tmp_path / "002.txt"])
        assert len(tables["notices"]) == 1 and [i["source_file"] for i in issues if i["severity"] == "error"] == [
            path.name]


def test_a_file_that_is_not_an_office_document_never_reaches_the_converter(tmp_path, monkeypatch):
    monkeypatch.setattr(convert, "_run", lambda *a: pytest.fail("the converter was started"))
    path = tmp_path / "photo.doc"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 100)
    assert "not a Word/WPS/Excel document" in extract_file(path).error.reason_en


@NEEDS_SOFFICE
def test_a_conversion_over_its_time_is_stopped_and_reported(tmp_path, monkeypatch):
    monkeypatch.setattr(convert, "CONVERT_SECONDS", 0.05)
    path = tmp_path / "form.doc"
    path.write_bytes(convert.OLE_MAGIC + b"\0" * 1024)
    with pytest.raises(InputError, match="stopped"), convert.converted(path):
        pass
    # SIGKILLed children are reaped by init a moment later: poll for it
    wait_until(lambda: not _converters_left(), 10, "LibreOffice processes to end after their time limit")


@NEEDS_SOFFICE
@pytest.mark.parametrize("limit", ["damaged", "memory"])
def test_a_file_the_converter_cannot_read_is_reported_not_raised(twins, tmp_path, monkeypatch, limit):
    """A damaged .doc, and a good one under an address-space limit LibreOffice cannot start in (so the
    limit is really applied to it): each is an InputError asking for a .docx."""
    path = tmp_path / "form.doc"
    if limit == "memory":
        monkeypatch.setattr(convert, "CONVERT_MEMORY_BYTES", 64 * 1024 * 1024)
        shutil.copy(twins[1].parent / "submissions" / "2024" / "gd.doc", path)
    else:
        path.write_bytes(convert.OLE_MAGIC + b"\0" * 4096)
    with pytest.raises(InputError, match="could not convert") as caught, convert.converted(path):
        pass
    assert ".docx" in caught.value.reason_zh


def _converters_left() -> list[int]:
    """LibreOffice processes still working in a conversion's private folder."""
    left = []
    for proc in psutil.process_iter(["pid", "cmdline", "status"]):
        cmdline = " ".join(proc.info["cmdline"] or [])
        if "campaign-convert-" in cmdline and proc.info["status"] != psutil.STATUS_ZOMBIE:
            left.append(proc.info["pid"])
    return left


def test_scanned_and_overlong_pdfs_are_refused_with_a_reason(monkeypatch):
    with pytest.raises(InputError, match="Word original"):
        pdf.read_pdf_lines(_blank_pdf())
    monkeypatch.setattr(pdf, "MAX_PDF_PAGES", 0)
    with pytest.raises(InputError, match="more than a notice's limit"):
        pdf.read_pdf_lines(_blank_pdf())
    with pytest.raises(InputError, match="not a PDF"):
        pdf.read_pdf_lines(b"PK\x03\x04 a zip named .pdf")
    with pytest.raises(InputError, match="damaged or unreadable PDF"):
        pdf.read_pdf_lines(_blank_pdf()[:60])


@NEEDS_SOFFICE
def test_a_password_protected_pdf_asks_for_the_password_to_be_removed(twins, tmp_path):
    source = twins[0].parent / "notices" / "002.txt"
    password = '{"EncryptFile":{"type":"boolean","value":"true"},"DocumentOpenPassword":{"type":"string","value":"x"}}'
    _soffice(f"pdf:writer_pdf_Export:{password}", [source], tmp_path, tmp_path / "profile")
    with pytest.raises(InputError, match="encrypted; remove the password"):
        pdf.read_pdf_lines((tmp_path / "002.pdf").read_bytes())


def test_the_upload_and_validate_accept_what_the_build_reads(tmp_path):
    from etl.__main__ import parser
    from etl.intake import upload as intake

    assert [s[1:] for s in SUBMISSION_SUFFIXES] == intake.UPLOAD_TYPES
    assert {".doc", ".wps", ".et", ".docx"} <= set(SUBMISSION_SUFFIXES)
    assert {".pdf", ".doc", ".wps"} <= set(NOTICE_SUFFIXES)
    validate = next(a for a in parser()._subparsers._group_actions[0].choices["validate"]._actions
                    if a.dest == "files")
    assert validate.help.endswith(f"({' '.join(SUBMISSION_SUFFIXES)})")
    refused = intake.check_upload("notes.txt", b"hello")
    assert not refused.accepted and ".wps" in refused.problems[0].reason_en


@NEEDS_SOFFICE
def test_upload_and_validate_read_a_wps_form_like_the_build(twins, capsys):
    from etl.intake import upload as intake
    from etl.intake.validate import validate_files

    twin_form = twins[1].parent / "submissions" / "2024" / "yn.wps"
    checked = intake.check_upload(twin_form.name, twin_form.read_bytes(), year=2024)
    assert checked.accepted and checked.name == "yn.wps"
    assert sorted((v["metric"], v["channel"], v["value"]) for v in checked.rows.cell_values if v["metric"]) == sorted(
        fetch(twins[0], "SELECT metric, channel, value FROM metric_values WHERE source_file = '2024/yn.docx'"))
    assert validate_files([twin_form]) == 0
    assert "可导入 / accepted — 云南省农村专业技术协会 2024" in capsys.readouterr().out

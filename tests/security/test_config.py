"""Hardened settings: .streamlit/config.toml, and no unsafe_allow_html with anything but constants."""

from __future__ import annotations

import ast
import tomllib
from pathlib import Path

from etl.intake.upload import MAX_UPLOAD_BYTES
from etl.readers.safety import MAX_FILE_BYTES

ROOT = Path(__file__).resolve().parents[2]


def test_streamlit_config_is_hardened():
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["server"]["enableXsrfProtection"] is True
    assert config["server"].get("enableCORS", True) is True, "CORS protection stays on"
    assert config["server"]["maxUploadSize"] == 20
    assert config["client"]["showErrorDetails"] in ("none", False)
    assert config["client"]["toolbarMode"] == "viewer"
    assert config["browser"]["gatherUsageStats"] is False
    assert MAX_UPLOAD_BYTES == MAX_FILE_BYTES == 20 * 1024 * 1024, "our own check matches the server's"


def test_no_secrets_committed():
    tracked = (ROOT / ".gitignore").read_text(encoding="utf-8") if (ROOT / ".gitignore").exists() else ""
    assert not (ROOT / ".streamlit" / "secrets.toml").exists() or "secrets.toml" in tracked


def _unsafe_calls(tree: ast.AST):
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            for kw in node.keywords:
                if kw.arg == "unsafe_allow_html" and not (
                    isinstance(kw.value, ast.Constant) and kw.value.value is False
                ):
                    yield node


def test_unsafe_allow_html_only_with_constant_text():
    """HTML is allowed only when every argument is a literal written in our code, never data."""
    offenders = []
    for path in sorted((ROOT / "dashboard").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for call in _unsafe_calls(tree):
            if not all(isinstance(a, ast.Constant) and isinstance(a.value, str) for a in call.args):
                offenders.append(f"{path.relative_to(ROOT)}:{call.lineno}")
    assert not offenders, f"unsafe_allow_html with non-constant content: {offenders}"
    for path in sorted((ROOT / "dashboard").rglob("*.py")):  # and no raw-HTML components fed with data
        text = path.read_text(encoding="utf-8")
        assert "components.html(" not in text and "st.html(" not in text, path

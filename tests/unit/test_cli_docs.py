"""The command line documents itself: every subcommand's help has an example and every argument a help
text, and README.md's command reference is exactly what scripts/cli_reference.py writes from the parser."""

from __future__ import annotations

import pytest

from etl.__main__ import main, parser
from scripts import cli_reference

SUBCOMMANDS = cli_reference.subcommands(parser())


def test_readme_command_reference_is_generated_from_the_parser() -> None:
    readme = cli_reference.README.read_text(encoding="utf-8")
    assert cli_reference.readme_section(readme) == cli_reference.markdown(), (
        "README.md's command reference is out of date: run scripts/cli_reference.py"
    )
    assert cli_reference.main(["--check"]) == 0


@pytest.mark.parametrize("name", SUBCOMMANDS)
def test_every_subcommand_has_an_example_of_itself(name: str) -> None:
    assert cli_reference.example(SUBCOMMANDS[name]).startswith(f"python -m etl {name}")


@pytest.mark.parametrize("name", SUBCOMMANDS)
def test_every_argument_has_help(name: str) -> None:
    sub = SUBCOMMANDS[name]
    assert sub.description
    assert [a.dest for a in cli_reference.arguments(sub) if not a.help] == []


def test_the_reference_names_every_option() -> None:
    reference = cli_reference.markdown()
    for option in ("--workers", "--force", "--no-cache", "--lang", "--truth", "--scale", "--seed", "--db"):
        assert f"`{option}" in reference


@pytest.mark.parametrize("argv", [["--help"], *([name, "--help"] for name in SUBCOMMANDS)])
def test_help_prints_and_exits_0(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stop:
        main(argv)
    assert stop.value.code == 0
    out = capsys.readouterr().out
    assert "usage: python -m etl" in out
    if len(argv) == 2:
        assert "example: python -m etl " + argv[0] in out

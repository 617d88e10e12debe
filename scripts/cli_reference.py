"""The README's command reference, written from the argparse parser of `python -m etl`, so it cannot drift.

    .venv/bin/python scripts/cli_reference.py          # rewrite README.md between the two markers
    .venv/bin/python scripts/cli_reference.py --check  # exit 1 when README.md is not what the parser says

tests/unit/test_cli_docs.py runs the check with every test run: change a subcommand or an option in
etl/__main__.py, then run this script.
"""

from __future__ import annotations

import argparse
import sys

from etl.__main__ import parser
from etl.paths import ROOT

README = ROOT / "README.md"
BEGIN = "<!-- cli-reference: begin (written by scripts/cli_reference.py from `python -m etl --help`) -->"
END = "<!-- cli-reference: end -->"
EXAMPLE = "example: "


# argparse has no public list of a parser's arguments; `_actions` is what its own help formatter reads
# (and what sphinx-argparse and shtab read too).
def subcommands(top: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    """The subcommand parsers of `top`, by name, in the order `--help` lists them."""
    return next(a.choices for a in top._actions if a.dest == "command")


def example(sub: argparse.ArgumentParser) -> str:
    """The example at the end of a subcommand's help (empty when there is none)."""
    lines = [x for x in (sub.epilog or "").splitlines() if x.startswith(EXAMPLE)]
    return lines[0].removeprefix(EXAMPLE) if lines else ""


def arguments(sub: argparse.ArgumentParser) -> list[argparse.Action]:
    """Every argument but -h/--help, in the order `--help` lists them."""
    return [a for a in sub._actions if a.dest != "help"]


def _spelling(action: argparse.Action) -> str:
    """How the argument is written: `--db PATH`, `--force`, `--lang {zh,en,both}`, `FILE...`."""
    if not action.option_strings:
        return f"{action.metavar}..." if action.nargs == "+" else str(action.metavar)
    flag = action.option_strings[-1]
    if action.nargs == 0:
        return flag
    value = "{" + ",".join(action.choices) + "}" if action.choices else action.metavar or action.dest.upper()
    return f"{flag} {value}"


def _usage(prog: str, sub: argparse.ArgumentParser) -> str:
    """`prog [--option VALUE] ... POSITIONAL...`: options first, as argparse's own usage line has them."""
    args = sorted(arguments(sub), key=lambda a: not a.option_strings)
    return " ".join([prog, *(_spelling(a) if a.required else f"[{_spelling(a)}]" for a in args)])


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def markdown(top: argparse.ArgumentParser | None = None) -> str:
    """The command reference: a table of subcommands, then a table of every argument."""
    top = top or parser()
    subs = subcommands(top)
    lines = ["| command | does | example |", "|---|---|---|"]
    for name, sub in subs.items():
        usage = _usage(f"{top.prog} {name}", sub)
        lines.append(f"| `{usage}` | {_cell(sub.description or '')} | `{example(sub)}` |")
    lines += ["", "| command | argument | meaning |", "|---|---|---|"]
    for name, sub in subs.items():
        for action in arguments(sub):
            lines.append(f"| `{name}` | `{_spelling(action)}` | {_cell(action.help or '')} |")
    return "\n".join(lines) + "\n"


def readme_section(text: str) -> str:
    """What README.md holds between the markers."""
    if BEGIN not in text or END not in text:
        raise ValueError(f"README.md has lost a marker of the command reference: {BEGIN} ... {END}")
    return text.split(BEGIN + "\n", 1)[1].split(END, 1)[0]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Write (or check) the command reference in README.md.")
    ap.add_argument("--check", action="store_true", help="only compare; exit 1 when README.md differs")
    args = ap.parse_args(argv)
    text = README.read_text(encoding="utf-8")
    wanted = markdown()
    if readme_section(text) == wanted:
        return 0
    if args.check:
        print("README.md's command reference is out of date: run scripts/cli_reference.py", file=sys.stderr)
        return 1
    head, rest = text.split(BEGIN + "\n", 1)
    README.write_text(head + BEGIN + "\n" + wanted + END + rest.split(END, 1)[1], encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())

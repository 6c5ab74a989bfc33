"""`kiosk` command line: subcommands for the installer (the kiosk app itself comes later)."""
from __future__ import annotations

import argparse
import sys

from kiosk.printing import print_test

# Each module here adds one subcommand with add_command(subparsers) and sets `run`.
COMMANDS = (print_test,)


def build_parser() -> argparse.ArgumentParser:
    """The `kiosk` argument parser with every subcommand."""
    parser = argparse.ArgumentParser(prog="kiosk", description="Queue ticket kiosk for one-stop reception centres.")
    commands = parser.add_subparsers(title="commands", metavar="COMMAND")
    for command in COMMANDS:
        command.add_command(commands)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the chosen subcommand and return its exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    run = getattr(args, "run", None)
    if run is None:  # later: no subcommand starts the kiosk app
        parser.print_help()
        return 2
    return run(args)


if __name__ == "__main__":
    sys.exit(main())

"""`kiosk` (or `python -m kiosk`): the kiosk window; `kiosk --tour OUTDIR` walks every screen and
saves a screenshot of each; `kiosk print-test` checks a printer."""
from __future__ import annotations

import argparse
import logging
import os
import sys
from pathlib import Path

from kiosk.config import DEFAULT_FILE, ConfigError, load_config
from kiosk.printing import print_test

# Each module here adds one subcommand with add_command(subparsers) and sets `run`.
COMMANDS = (print_test,)


def build_parser() -> argparse.ArgumentParser:
    """The `kiosk` argument parser: the window by default, or a subcommand."""
    parser = argparse.ArgumentParser(
        prog="kiosk", description="Queue ticket kiosk for one-stop reception centres. "
        "Settings: the --config file, then KIOSK_SERVER_URL, KIOSK_TOKEN, KIOSK_PRINTER, KIOSK_LANGUAGE, ...")
    parser.add_argument("--config", type=Path, default=Path(os.environ.get("KIOSK_CONFIG", DEFAULT_FILE)),
                        help="TOML settings file (default: $KIOSK_CONFIG or %(default)s)")
    parser.add_argument("--tour", type=Path, metavar="OUTDIR",
                        help="walk every screen against the server and save one PNG per screen into OUTDIR "
                             "(KIOSK_TOUR_DOSSIER_CODE and KIOSK_TOUR_DOSSIER_PHONE4 name a dossier to show)")
    commands = parser.add_subparsers(title="commands", metavar="COMMAND")
    for command in COMMANDS:
        command.add_command(commands)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the chosen subcommand, or the kiosk window; return the exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    run = getattr(args, "run", None)
    if run is not None:
        return run(args)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    try:
        config = load_config(args.config)
    except ConfigError as error:
        print(f"kiosk: {error}", file=sys.stderr)
        return 2
    from kiosk.launch import run_kiosk
    script = None
    if args.tour is not None:
        out = args.tour

        def script(app):
            from kiosk.tour import tour  # imports Kivy's window: only once run_kiosk has configured it
            tour(app, out)
    return run_kiosk(config, args.config, script)


if __name__ == "__main__":
    sys.exit(main())

"""The ``tawsim`` console script: the core's command line plus the ``gui`` command.

The dependency runs one way: this module adds the window's command to
:mod:`corpus.cli`, which knows nothing of the GUI. Qt is imported only when the
``gui`` command runs, so ``tawsim stats`` and the other headless commands stay as
light as ``python -m corpus``.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from corpus.cli import Command
from corpus.cli import main as core_main
from corpus.errors import UserError


def add_gui_arguments(parser: argparse.ArgumentParser) -> None:
    """The ``gui`` command's own options."""
    parser.add_argument(
        "--screenshot",
        type=Path,
        metavar="OUT.png",
        help="render the window offscreen to a PNG and exit",
    )
    parser.add_argument("--doc", help="document to show (id or external id)")


def run_gui(args: argparse.Namespace) -> int:
    """Open the annotator window; returns the exit status."""
    try:
        from gui.app import run
    except ImportError as exc:
        raise UserError(f"the desktop annotator cannot start: {exc}") from exc
    return run(
        db=getattr(args, "db", None),
        schema=getattr(args, "schema", None),
        screenshot=getattr(args, "screenshot", None),
        doc=getattr(args, "doc", None),
    )


GUI_COMMAND = Command(
    name="gui",
    help="open the annotator window (default)",
    add_arguments=add_gui_arguments,
    run=run_gui,
)


def main(argv: Sequence[str] | None = None) -> int:
    """``tawsim [COMMAND]``: the window when no command is given."""
    return core_main(argv, extra=(GUI_COMMAND,), default=GUI_COMMAND.name)


if __name__ == "__main__":
    sys.exit(main())

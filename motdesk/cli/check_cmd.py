"""`motdesk check`: not written yet (placeholder so the parser can list it)."""

from __future__ import annotations

import argparse

from motdesk.errors import MotdeskError


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("check", help="(not available yet)")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    raise MotdeskError("'motdesk check' is not available in this build yet")

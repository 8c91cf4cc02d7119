"""The command line: init, map, validate, gaps, diff, whatif, export, plugins — and commands from plugins.

Exit codes: 0 ok, 1 findings where asked (--fail-on), 2 bad input, usage or a failing
plugin, 3 an internal error (a bug of ours), 141 the reader of stdout went away (as a shell
reports a Unix tool stopped by SIGPIPE).
Each module here adds its commands to the one group in `base`.
"""

from __future__ import annotations

import gc
import sys

import click

from samverkan.cli import changes, export, gaps, plugins, project, whatif  # noqa: F401  (they register commands)
from samverkan.cli.base import cli, exit_quietly, stdout_closed
from samverkan.plugins import get_plugins

__all__ = ["build_cli", "cli", "main"]


def build_cli() -> click.Group:
    """The command line with every plugin's commands; a plugin that fails there is reported."""
    get_plugins().register_commands(cli)
    return cli


def main() -> None:
    # Windows consoles default to a legacy code page; our output is Swedish.
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(encoding="utf-8", errors="replace")
    # A short batch run that builds millions of long-lived objects: with Python's default
    # threshold (700) the cyclic collector rescans them again and again, a quarter of
    # `samverkan map` at 10,000 actors (16.5 s -> 13.9 s, same peak memory; see
    # docs/performance.md).
    gc.set_threshold(100_000, *gc.get_threshold()[1:])
    try:
        build_cli()(prog_name="samverkan")
    finally:
        _flush_or_exit_quietly()


def _flush_or_exit_quietly() -> None:
    """Output still buffered when the command ends meets a closed pipe here, not in a command."""
    try:
        sys.stdout.flush()
    except OSError as error:
        if not stdout_closed(error):
            raise
        exit_quietly()

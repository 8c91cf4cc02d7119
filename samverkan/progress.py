"""Progress for long work: a bar on a terminal, silence when output goes to a file or a pipe."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import TypeVar

import click

T = TypeVar("T")


@contextmanager
def progress(
    items: Sequence[T], label: str, show: Callable[[T | None], str | None] | None = None
) -> Iterator[Iterator[T]]:
    """Iterate `items`, drawing a bar on stderr only when stderr is a terminal.

    Logs, pipes and CI keep their output clean; one item needs no bar either.
    """
    if len(items) < 2 or not sys.stderr.isatty():
        yield iter(items)
        return
    with click.progressbar(
        items, label=label, file=sys.stderr, item_show_func=show, show_eta=True
    ) as bar:
        yield iter(bar)

"""Progress bars for long jobs: shown on a terminal, silent in pipes and notebooks."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator, Sized
from typing import TypeVar

T = TypeVar("T")
MIN_ITEMS = 500  # shorter jobs finish before a bar would help


def track(
    items: Iterable[T], description: str, *, total: int | None = None, min_items: int = MIN_ITEMS
) -> Iterator[T]:
    """Iterate ``items``, drawing a rich progress bar on stderr when it is a terminal
    (and there are at least ``min_items``)."""
    if total is None and isinstance(items, Sized):
        total = len(items)
    if not sys.stderr.isatty() or (total is not None and total < min_items):
        yield from items
        return
    from rich.console import Console
    from rich.progress import Progress

    with Progress(console=Console(file=sys.stderr), transient=True) as progress:
        task = progress.add_task(description, total=total)
        for item in items:
            yield item
            progress.advance(task)

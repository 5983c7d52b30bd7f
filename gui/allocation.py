"""Bulk allocation without the cyclic garbage collector getting in the way."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def without_cyclic_gc() -> Iterator[None]:
    """Pause Python's cyclic garbage collector around bulk object creation.

    Opening a document builds tens of thousands of small objects (annotations, marks,
    rows), none in a cycle; each burst of allocations would set off full collections
    over everything alive, which cost more than the work itself.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()

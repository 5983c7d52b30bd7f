"""Python's cyclic garbage collector, paused where it gets in the way.

Every pause goes through one counter, so that overlapping pauses (a document
loading while an export runs) never turn the collector back on early.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

_holds = 0
_was_enabled = True


def hold_cyclic_gc() -> None:
    """Pause the cyclic collector until the matching :func:`release_cyclic_gc`."""
    global _holds, _was_enabled
    if _holds == 0:
        _was_enabled = gc.isenabled()
        gc.disable()
    _holds += 1


def release_cyclic_gc() -> None:
    """End one pause; the collector runs again once no pause is left."""
    global _holds
    if _holds == 0:
        return
    _holds -= 1
    if _holds == 0 and _was_enabled:
        gc.enable()


@contextmanager
def without_cyclic_gc() -> Iterator[None]:
    """Pause Python's cyclic garbage collector around bulk object creation.

    Opening a document builds tens of thousands of small objects (annotations, marks,
    rows), none in a cycle; each burst of allocations would set off full collections
    over everything alive, which cost more than the work itself.
    """
    hold_cyclic_gc()
    try:
        yield
    finally:
        release_cyclic_gc()


def exempt_survivors() -> None:
    """Leave every object alive now out of later collections (``gc.freeze``).

    A long document's annotations, made while the collector was paused, would
    otherwise all be swept by the first collections after the pause (over 20 ms
    with 100,000 annotations) and again by every full one (40 ms); none of them is
    in a cycle, and they still go as soon as nothing refers to them.

    The objects stay exempt: a cycle among them that becomes garbage later is not
    collected (a window replaced after a change of language keeps its Python
    side). Putting them back (``gc.unfreeze``) and collecting such a cycle late
    crashed PySide (QUndoStack::clear of a session's stacks), so it is not done.
    """
    gc.freeze()

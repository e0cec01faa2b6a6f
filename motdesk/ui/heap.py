"""How often Python's cycle collector runs while the editor is open.

The collector's default pace suits small scripts: a young pass every 700 new objects
and a full pass every hundred or so of those. With a 20,000-step project open a full
pass walks some half a million objects (cards, arrows, records, the undo history) and
takes about a third of a second, and an auto-layout or a large paste made two of them
(a quarter of its time). Almost everything the editor makes is freed by reference
counting, not by the collector, so it runs at a slower pace: young passes every 10,000
new objects and full passes a hundred times rarer. Benchmarks of the window set the
same pace (`pace`), so they measure the editor as it runs.
"""

from __future__ import annotations

import gc

YOUNG = 10_000  # new objects between young passes (Python's default: 700)
MIDDLE = 20  # young passes between passes of the middle generation (default: 10)
OLD = 100  # middle passes between full passes (default: 10)


def pace() -> None:
    """Set the editor's collector pace (once, when the application starts)."""
    gc.set_threshold(YOUNG, MIDDLE, OLD)

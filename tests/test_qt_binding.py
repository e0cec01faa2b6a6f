"""Guards against a PySide6 build that leaks a reference to None on every void Qt call.

PySide6 6.12.0 on Python 3.11 does so and the process aborts after a few thousand
calls (none_dealloc); pyproject.toml pins below 6.12 there. This test fails if an
upgrade brings the leak back.
"""

from __future__ import annotations

import sys


def test_void_qt_calls_leave_the_refcount_of_none_alone(qapp) -> None:
    from PySide6.QtCore import QObject
    from PySide6.QtWidgets import QGraphicsRectItem, QWidget

    item = QGraphicsRectItem(0, 0, 10, 10)
    widget = QWidget()
    obj = QObject()
    calls = 2000
    before = sys.getrefcount(None)
    for i in range(calls):
        item.setPos(i, i)
        widget.resize(100 + i % 5, 100)
        obj.setObjectName("x")
    after = sys.getrefcount(None)
    # Other threads may touch None a little; the bug moves it by one per call (6,000 here).
    assert abs(after - before) < calls // 4, f"None refcount moved by {after - before}"

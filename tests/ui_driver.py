"""Driving the editor in tests like a user: mouse and keys on the real widgets, no timings."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox

from motdesk.ui.app import configure_names


def settle() -> None:
    """Let queued (zero-delay) work run: map refreshes, editors retiring."""
    for _ in range(3):
        QApplication.processEvents()


def make_window(qtbot, session=None):
    from motdesk.ui.mainwindow import MainWindow

    configure_names()
    window = MainWindow(session)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    window.view.zoom_reset()
    settle()
    return window


def view_point(window, scene_point: QPointF) -> QPoint:
    """Where a scene point is on the view's viewport, scrolled into sight first."""
    window.view.ensureVisible(scene_point.x() - 1, scene_point.y() - 1, 2, 2, 120, 120)
    return window.view.mapFromScene(scene_point)


def cell_centre(window, stage_index: int, lane_index: int) -> QPointF:
    geometry = window.scene.geometry()
    stage, lane = geometry.stages[stage_index], geometry.lanes[lane_index]
    return QPointF(stage.middle, lane.middle)


def double_click(window, scene_point: QPointF) -> None:
    port = window.view.viewport()
    QTest.mouseDClick(
        port,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
        view_point(window, scene_point),
    )
    settle()


def click(window, scene_point: QPointF, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    QTest.mouseClick(
        window.view.viewport(), Qt.MouseButton.LeftButton, modifier, view_point(window, scene_point)
    )
    settle()


def drag(window, start: QPointF, end: QPointF, steps: int = 6) -> None:
    port = window.view.viewport()
    a = view_point(window, start)
    b = window.view.mapFromScene(end)
    QTest.mousePress(port, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, a)
    for i in range(1, steps + 1):
        p = a + (b - a) * i / steps
        QTest.mouseMove(port, p)
    QTest.mouseRelease(port, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, b)
    settle()


def type_text(window, text: str, enter: bool = True) -> None:
    QTest.keyClicks(window.view.viewport(), text)
    if enter:
        QTest.keyClick(window.view.viewport(), Qt.Key.Key_Return)
    settle()


def key(widget, key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    QTest.keyClick(widget, key, modifier)
    settle()


def card_centre(window, step_id: str) -> QPointF:
    return window.scene.step_item(step_id).sceneBoundingRect().center()


class Answers:
    """Stands in for QMessageBox's static dialogs: records each question, answers from a list."""

    def __init__(self, monkeypatch, answer=QMessageBox.StandardButton.Cancel) -> None:
        self.seen: list[tuple[str, str]] = []
        self.answer = answer
        for name in ("question", "critical", "warning", "information"):
            monkeypatch.setattr(QMessageBox, name, self._make(name))

    def _make(self, kind: str):
        def answer(parent, title, text, *args, **kwargs):
            self.seen.append((kind, text))
            return self.answer

        return staticmethod(answer)


def no_modal_dialogs(monkeypatch) -> Answers:
    """No modal box may block a test: every one is recorded and answered (Discard unless set)."""
    from PySide6.QtWidgets import QFileDialog

    box = Answers(monkeypatch, QMessageBox.StandardButton.Discard)

    def no_file(*args, **kwargs):
        return ("", "")

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(no_file))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(no_file))
    return box


def close_all_windows(box: Answers) -> None:
    """Close what a test left open, discarding its changes (windows delete themselves)."""
    from motdesk.ui.mainwindow import WINDOWS

    box.answer = QMessageBox.StandardButton.Discard
    for window in list(WINDOWS):
        window.close()
    settle()
    release_modifiers()


def release_modifiers() -> None:
    """Let go of Ctrl, Shift and Alt: a shortcut that closes or opens a window can leave
    Qt believing one is still held, which would leak into the next test."""
    from PySide6.QtWidgets import QWidget

    spare = QWidget()
    for held in (Qt.Key.Key_Control, Qt.Key.Key_Shift, Qt.Key.Key_Alt):
        QTest.keyRelease(spare, held, Qt.KeyboardModifier.NoModifier)
    spare.deleteLater()
    settle()

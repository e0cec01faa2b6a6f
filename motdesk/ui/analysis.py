"""The analysis dock: findings and priorities of the journey on the canvas, and its emotional arc.

Numbers come from `motdesk.graph.analysis` (the same the CLI and the handout
print). Clicking a finding or a priority selects its steps on the canvas. The
dock recomputes shortly after the document changes, a journey or a view switch,
only while it is visible, and not at all when the journey and the view it reads
are those it last analysed. The analysis of a large journey takes seconds, so it
runs on a copy of the journey in a worker thread while the window stays usable;
a result that a later change made stale is dropped.
"""

from __future__ import annotations

import threading
from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRectF, Qt, QTimer
from PySide6.QtGui import QColor, QFont, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import (
    QDockWidget,
    QListWidget,
    QListWidgetItem,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QWidget,
)

from motdesk.graph.codes import step_codes
from motdesk.graph.vocabulary import EmotionScale, View, format_emotion
from motdesk.ui.canvas.palette import LIGHT
from motdesk.ui.text import literal

if TYPE_CHECKING:
    from motdesk.graph.analysis import Analysis, Arc
    from motdesk.ui.mainwindow import MainWindow

DELAY_MS = 250
POLL_MS = 40
SEVERITY_MARK = {"high": "●", "medium": "◐", "low": "○"}
# the map's curve colours on its light page: today solid and dark, the target dashed and blue
CURRENT_COLOUR = LIGHT.card_text
FUTURE_COLOUR = LIGHT.arrow_added
MISERY_COLOUR = QColor("#c0392b")
PRIORITY_COLUMNS = (
    "Code",
    "Step",
    "Stage",
    "MoT",
    "Today",
    "Target",
    "Gap",
    "Reach",
    "Priority",
    "Phase",
)
STEP_COLUMN = PRIORITY_COLUMNS.index("Step")
STEP_WIDTH = (140, 360)  # the Step column: a label's first words at least, room for numbers


class PriorityTable(QTableWidget):
    """The Priorities table. Each column fits its contents; the Step column is at least
    readable (a stretched column would shrink to a sliver when the others fill the dock,
    as they do in a dock of a laptop's width) and takes whatever width the others leave;
    a table wider than the dock scrolls."""

    def __init__(self) -> None:
        super().__init__(0, len(PRIORITY_COLUMNS))
        self._step_width = STEP_WIDTH[0]

    def fit_columns(self) -> None:
        """After the rows change: every column to its contents, the Step column readable."""
        self.resizeColumnsToContents()
        low, high = STEP_WIDTH
        self._step_width = min(max(self.sizeHintForColumn(STEP_COLUMN), low), high)
        self._fit_step()

    def _fit_step(self) -> None:
        others = sum(self.columnWidth(c) for c in range(self.columnCount()) if c != STEP_COLUMN)
        spare = self.viewport().width() - others
        self.setColumnWidth(STEP_COLUMN, max(self._step_width, spare))

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._fit_step()


def axis_labels(scale: EmotionScale) -> list[tuple[int, str]]:
    """The levels the chart's axis names, with their text ("+3 magic", as on the map)."""
    return [
        (level, f"{scale.number(level)} {scale.name(level)}") for level in (scale.low, scale.high)
    ]


class ArcChart(QWidget):
    """The emotional arc of the main path, today and in the future, on the project's scale."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMinimumSize(320, 160)
        self.analysis: Analysis | None = None
        self.moments: set[str] = set()

    def set_analysis(self, analysis: Analysis | None, moments: set[str]) -> None:
        self.analysis, self.moments = analysis, moments
        self.update()

    def paintEvent(self, event) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor("#ffffff"))
        small = QFont(self.font())
        small.setPointSizeF(max(7.0, small.pointSizeF() - 1))
        painter.setFont(small)
        if self.analysis is None:
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, "No analysis")
            return
        scale = self.analysis.scale
        plot = QRectF(self.rect()).adjusted(88, 24, -16, -20)
        span = max(1, scale.high - scale.low)

        def y_of(value: float) -> float:
            return plot.bottom() - (value - scale.low) / span * plot.height()

        painter.setPen(QPen(QColor("#dddddd"), 1))
        for level in scale.levels():
            y = y_of(level)
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
        painter.setPen(QPen(QColor("#999999"), 1, Qt.PenStyle.DashLine))
        painter.drawLine(
            QPointF(plot.left(), y_of(scale.neutral)), QPointF(plot.right(), y_of(scale.neutral))
        )
        painter.setPen(QColor("#555555"))
        for level, text in axis_labels(scale):
            painter.drawText(QRectF(4, y_of(level) - 8, 80, 16), Qt.AlignmentFlag.AlignRight, text)
        legend_x = plot.left()
        for view, colour, text in (
            (View.CURRENT, CURRENT_COLOUR, "today"),
            (View.FUTURE, FUTURE_COLOUR, "future"),
        ):
            painter.setPen(QPen(colour, 2))
            painter.drawLine(QPointF(legend_x, 12), QPointF(legend_x + 18, 12))
            painter.setPen(QColor("#333333"))
            painter.drawText(QPointF(legend_x + 22, 16), text)
            legend_x += 90
            self._draw_arc(painter, self.analysis.arcs.get(view), plot, y_of, colour, scale)

    def _draw_arc(self, painter, arc: Arc | None, plot: QRectF, y_of, colour, scale) -> None:
        if arc is None or not arc.points:
            return
        count = len(arc.points)
        step = plot.width() / max(1, count - 1)
        points = [
            QPointF(plot.left() + (i * step if count > 1 else plot.width() / 2), y_of(p.emotion))
            for i, p in enumerate(arc.points)
        ]
        path = QPainterPath(points[0])
        for point in points[1:]:
            path.lineTo(point)
        style = Qt.PenStyle.SolidLine if arc.view is View.CURRENT else Qt.PenStyle.DashLine
        painter.setPen(QPen(colour, 2, style))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(path)
        for point, arc_point in zip(points, arc.points, strict=True):
            misery = scale.is_negative(arc_point.emotion) and arc_point.step_id in self.moments
            painter.setPen(QPen(MISERY_COLOUR if misery else colour, 1.5))
            painter.setBrush(MISERY_COLOUR if misery else QColor("#ffffff"))
            radius = 5.0 if arc_point.step_id in self.moments else 3.0
            painter.drawEllipse(point, radius, radius)


class AnalysisDock(QDockWidget):
    def __init__(self, window: MainWindow) -> None:
        super().__init__("Analysis", window)
        self.setObjectName("analysis-dock")
        self.window_ = window
        self.findings = QListWidget()
        self.findings.setWordWrap(True)
        self.priorities = PriorityTable()
        self.priorities.setHorizontalHeaderLabels(list(PRIORITY_COLUMNS))
        self.priorities.verticalHeader().hide()
        self.priorities.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.priorities.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.findings, "Findings")
        self.tabs.addTab(self.priorities, "Priorities")
        self.chart = ArcChart()
        splitter = QSplitter()
        splitter.addWidget(self.tabs)
        splitter.addWidget(self.chart)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        self.setWidget(splitter)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(DELAY_MS)
        self.timer.timeout.connect(self._start_background)
        self.poll = QTimer(self)
        self.poll.setInterval(POLL_MS)
        self.poll.timeout.connect(self._collect)
        self.findings.itemClicked.connect(self._finding_clicked)
        self.priorities.cellClicked.connect(self._priority_clicked)
        # computed just after it shows, so the window's first frame does not wait for it
        self.visibilityChanged.connect(lambda shown: self.timer.start() if shown else None)
        self.result: Analysis | None = None
        self._changes = 0  # document changes seen; part of what an analysis was made of
        self._shown_key: tuple | None = None  # what the result on show was made of
        self._running: _Background | None = None

    def refresh_if_shown(self) -> None:
        """After a journey or view switch: analyse again soon if on screen and not current."""
        if self.isVisible() and self._key() != self._shown_key:
            self.timer.start()

    def document_changed(self) -> None:
        self._changes += 1
        if self.isVisible():
            self.timer.start()

    @property
    def busy(self) -> bool:
        """Whether an analysis is running in the background."""
        return self._running is not None

    def _key(self) -> tuple:
        window = self.window_
        return (id(window.document), window.journey_id, self._view(), self._changes)

    def _view(self) -> View:
        """The view analysed: compare reads today's journey."""
        return View.FUTURE if self.window_.view_mode is View.FUTURE else View.CURRENT

    def refresh(self) -> None:
        """Analyse the journey on the canvas in the view shown, now, on this thread."""
        self.timer.stop()
        self._drop_running()
        window = self.window_
        key = self._key()
        if window.journey_id is None:
            self._show(None, key)
            return
        from motdesk.graph.analysis import analyze

        try:
            result = analyze(window.document.project, window.journey_id, self._view())
        except (KeyError, ValueError):
            result = None
        self._show(result, key)

    def _start_background(self) -> None:
        """Analyse a copy of the journey in a worker thread; `_collect` shows the result."""
        window = self.window_
        key = self._key()
        if not self.isVisible() or key == self._shown_key:
            return
        if self._running is not None and self._running.key == key:
            return
        self._drop_running()
        journey = window.journey()
        if journey is None:
            self._show(None, key)
            return
        project = window.document.project
        snapshot = replace(project, personas=list(project.personas), journeys=[journey.copy()])
        self._running = _Background(key, snapshot, journey.id, self._view())
        self.setWindowTitle(f"Analysis: {literal(journey.title)} (analysing…)")
        self.poll.start()

    def _collect(self) -> None:
        running = self._running
        if running is None:
            self.poll.stop()
            return
        if not running.done.is_set():
            return
        self._drop_running()
        if running.key == self._key():
            self._show(running.result, running.key)
        else:  # the document, journey or view changed meanwhile
            self.timer.start()

    def _drop_running(self) -> None:
        """Forget a running analysis (its thread ends by itself; nothing waits for it)."""
        self._running = None
        self.poll.stop()

    def _show(self, result: Analysis | None, key: tuple | None = None) -> None:
        self.result = result
        self._shown_key = key
        self.findings.clear()
        self.priorities.setRowCount(0)
        journey = self.window_.journey()
        moments = {s.id for s in journey.steps() if s.moment} if journey else set()
        self.chart.set_analysis(result, moments)
        if result is None:
            self.setWindowTitle("Analysis")
            return
        self.setWindowTitle(f"Analysis: {literal(result.journey_title)} ({result.view.value})")
        for finding in result.findings:
            mark = SEVERITY_MARK.get(finding.severity.value, "•")
            item = QListWidgetItem(f"{mark} {finding.message}")
            item.setToolTip(f"{finding.code} ({finding.severity.value})")
            item.setData(Qt.ItemDataRole.UserRole, (finding.step_ids, finding.transition_ids))
            self.findings.addItem(item)
        if not result.findings:
            self.findings.addItem("No findings: nothing to resolve in this view.")
        rows = sorted(result.gaps, key=lambda r: -r.priority)
        codes = step_codes(journey) if journey is not None else {}
        self.priorities.setRowCount(len(rows))
        for r, row in enumerate(rows):
            phase = row.phase if row.phase is not None else row.suggested_phase
            values = (
                codes.get(row.step_id, ""),
                row.label,
                row.stage,
                row.moment or "",
                _level(row.current, result.scale.signed),
                _level(row.future, result.scale.signed),
                _level(row.gap, signed=True),  # a difference: always with its sign
                f"{row.reach:.0%}",
                f"{row.priority:.1f}",
                "" if phase is None else (f"{phase}" if row.phase else f"{phase} (suggested)"),
            )
            for c, value in enumerate(values):
                cell = QTableWidgetItem(value)
                cell.setData(Qt.ItemDataRole.UserRole, row.step_id)
                self.priorities.setItem(r, c, cell)
        self.priorities.fit_columns()

    def _finding_clicked(self, item: QListWidgetItem) -> None:
        ids = item.data(Qt.ItemDataRole.UserRole)
        if ids:
            steps, transitions = ids
            self._select(list(steps), list(transitions))

    def _priority_clicked(self, row: int, _column: int) -> None:
        cell = self.priorities.item(row, 0)
        if cell is not None:
            self._select([cell.data(Qt.ItemDataRole.UserRole)], [])

    def _select(self, steps: list[str], transitions: list[str]) -> None:
        view = self.window_.view
        view.select_ids(steps, transitions)
        if steps:
            view.center_on_step(steps[0])


def _level(value: int | None, signed: bool) -> str:
    """A cell of the table: as the map shows emotions ("+3", "−2"), empty when not rated."""
    return "" if value is None else format_emotion(value, signed)


class _Background:
    """One analysis on a snapshot, in a daemon thread that touches nothing of Qt."""

    def __init__(self, key: tuple, project, journey_id: str, view: View) -> None:
        self.key = key
        self.result: Analysis | None = None
        self.done = threading.Event()
        thread = threading.Thread(
            target=self._run, args=(project, journey_id, view), name="analysis", daemon=True
        )
        thread.start()

    def _run(self, project, journey_id: str, view: View) -> None:
        from motdesk.graph.analysis import analyze

        try:
            self.result = analyze(project, journey_id, view)
        except (KeyError, ValueError):
            self.result = None
        finally:
            self.done.set()

"""How fast the journey canvas opens, paints and drags, beside a bare Qt scene of the same size.

For each size (1,000, 5,000 and 20,000 steps, about 1.2 transitions per step) a
child process measures one variant, so peak memory is its own:

The generated journey is laid out by the editor's auto-layout, as a user would
see it. Times are CPU time of the measuring process (robust on a busy machine).

- ``canvas``: read the file, build the document and a `JourneyScene`, fit to the
  window and paint the first frame; then frames at fit-to-window; frames while
  panning at 100 % (three sweeps, the view moving ``PAN_STEP`` between frames, as
  a hand drag or held arrow key moves it); frames after jumps across the map at
  100 % (each far from the last: nearly every card painted for the first time);
  then single mouse-moves while dragging a card with ten arrows.
- ``floor``: the same file read the same way into a bare `QGraphicsScene` of
  plain rectangles, simple texts and straight lines (the least any canvas must
  do), painted and dragged the same way.

A frame is ``QGraphicsView.render`` into an image of the viewport's own size
(the window less its scroll bars), one image pixel per screen pixel as on screen;
an image of the window's size would scale every frame by about 1 % and keep the
canvas from ever copying a card it painted before. On screen every frame starts
with the viewport filling its background, which ``render`` skips; the canvas
fills it itself when rendering into an image, so the floor's view does the same
(one fill of the window, nothing more), or the floor would be spared a cost no
canvas on screen is spared.

Figures are medians; ratios are canvas / floor. Run: ``python -m benchmarks.bench_canvas``.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

SIZES = (1_000, 5_000, 20_000)
VIEW_W, VIEW_H = 1400, 900
HUB_DEGREE = 10


# -- the file ------------------------------------------------------------------------------
def make_file(steps: int, folder: Path) -> Path:
    """A generated project with one card of ten transitions (the drag target), as JSON."""
    from benchmarks.generate import generate_project
    from motdesk.graph.jsonio import write_project
    from motdesk.graph.layout import auto_layout
    from motdesk.graph.model import Transition
    from motdesk.graph.vocabulary import State

    project = generate_project(steps, seed=0)
    journey = project.journeys[0]
    both = [s for s in journey.steps() if s.state is State.BOTH]
    hub = both[len(both) // 2]
    partners = [s for s in both if s.id != hub.id and s.stage == hub.stage][: HUB_DEGREE * 3]
    made = len(journey.transitions_of(hub.id))
    for i, other in enumerate(partners):
        if made >= HUB_DEGREE:
            break
        source, target = (hub, other) if i % 2 == 0 else (other, hub)
        if journey.has_step(other.id) and not (
            journey.transition_between(hub.id, other.id)
            or journey.transition_between(other.id, hub.id)
        ):
            journey._put_transition(Transition(f"hub{i}", source.id, target.id))
            made += 1
    journey._put_step(replace(hub, label="The card being dragged"))
    # Cards where the editor's auto-layout puts them, in their stage columns and lane rows
    # (the generator's own positions stack many cards on one spot).
    for step_id, (x, y) in auto_layout(journey).items():
        journey._put_step(replace(journey.step(step_id), x=x, y=y))
    path = folder / f"generated-{steps}.json"
    write_project(project, path)
    return path


def hub_id(project) -> str:
    journey = project.journeys[0]
    return next(s.id for s in journey.steps() if s.label == "The card being dragged")


# -- painting ------------------------------------------------------------------------------
def paint_frame(view, image) -> float:
    from PySide6.QtGui import QPainter

    start = time.process_time()
    painter = QPainter(image)
    view.render(painter)
    painter.end()
    return time.process_time() - start


PAN_STEP = 40.0
"""How far the view moves between two frames of a pan (a hand drag at 60 frames a
second covers about 2,400 pixels a second)."""


def pan_sweeps(rect, count: int):
    """Centres of a pan: three sweeps of `count` frames, PAN_STEP apart, from a quarter,
    the middle and three quarters of the map, drifting down as a hand does."""
    from PySide6.QtCore import QPointF

    centres = []
    for fx, fy in ((0.25, 0.3), (0.5, 0.5), (0.75, 0.7)):
        x, y = rect.left() + rect.width() * fx, rect.top() + rect.height() * fy
        centres += [QPointF(x + PAN_STEP * i, y + PAN_STEP * i / 10) for i in range(count)]
    return centres


def pan_centres(rect, count: int):
    """Centres of jumps across the map (a scroll bar clicked, Find going to a match): each
    frame far from the last, so nearly every card in it is painted for the first time."""
    from PySide6.QtCore import QPointF

    return [
        QPointF(
            rect.left() + rect.width() * (0.05 + 0.9 * i / max(1, count - 1)),
            rect.top() + rect.height() * (0.2 + 0.6 * ((i * 7) % count) / max(1, count - 1)),
        )
        for i in range(count)
    ]


# -- one variant in this process ---------------------------------------------------------------
def run_variant(variant: str, path: Path, frames: int) -> dict:
    from PySide6.QtGui import QImage
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])
    results: dict = {}
    start = time.process_time()
    if variant == "canvas":
        view, hub_item, map_rect, read_s = _open_canvas(path)
    else:
        view, hub_item, map_rect, read_s = _open_floor(path)
    view.resize(VIEW_W, VIEW_H)
    view.show()
    app.processEvents()
    # the viewport's own size (the window less its scroll bars): a frame on one pixel per
    # pixel, as on screen, not scaled onto a larger image
    image = QImage(view.viewport().size(), QImage.Format.Format_ARGB32_Premultiplied)
    _fit(view, variant, map_rect)
    paint_frame(view, image)
    results["load"] = time.process_time() - start
    results["read"] = read_s
    # frames at fit-to-window
    fit_times = []
    for i in range(max(3, frames // 2)):
        view.centerOn(map_rect.center().x() + (i % 3) - 1, map_rect.center().y())
        fit_times.append(paint_frame(view, image))
    results["fit_frame"] = statistics.median(fit_times)
    # frames while panning at 100 %, and frames jumping to other parts of the map
    view.resetTransform()
    pan_times = []
    for centre in pan_sweeps(map_rect, max(frames, 30)):
        view.centerOn(centre)
        pan_times.append(paint_frame(view, image))
    results["pan_frame"] = statistics.median(pan_times)
    jump_times = []
    for centre in pan_centres(map_rect, frames):
        view.centerOn(centre)
        jump_times.append(paint_frame(view, image))
    results["jump_frame"] = statistics.median(jump_times)
    results["drag_move"] = _drag(app, view, variant, hub_item)
    results["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return results


def _fit(view, variant: str, map_rect) -> None:
    from PySide6.QtCore import Qt

    if variant == "canvas":
        view.zoom_fit()
    else:
        view.fitInView(map_rect, Qt.AspectRatioMode.KeepAspectRatio)


def _open_canvas(path: Path):
    from motdesk.graph.document import Document
    from motdesk.graph.jsonio import read_project
    from motdesk.ui.canvas import JourneyScene, JourneyView

    start = time.process_time()
    project = read_project(path)
    read_s = time.process_time() - start
    document = Document(project)
    journey = project.journeys[0]
    scene = JourneyScene(document, journey.id)
    view = JourneyView()
    view.set_scene(scene)
    view._keep = (document, scene)  # the benchmark's own reference holder
    return view, scene.step_item(hub_id(project)), scene.map_rect(), read_s


class _FloorLines:
    """The floor's arrows: straight lines from the right edge of one card to the left of another."""

    def __init__(self) -> None:
        self.by_step: dict[str, list] = {}

    def follow(self, rect_item, step_id: str) -> None:
        from PySide6.QtCore import QLineF

        for line, is_source, other in self.by_step.get(step_id, ()):
            a, b = rect_item.pos(), other.pos()
            if is_source:
                line.setLine(QLineF(a.x() + 160, a.y() + 50, b.x(), b.y() + 50))
            else:
                line.setLine(QLineF(b.x() + 160, b.y() + 50, a.x(), a.y() + 50))


def _open_floor(path: Path):
    from PySide6.QtCore import QLineF, QRectF
    from PySide6.QtGui import QBrush, QColor
    from PySide6.QtWidgets import (
        QGraphicsLineItem,
        QGraphicsRectItem,
        QGraphicsScene,
        QGraphicsSimpleTextItem,
        QGraphicsView,
    )

    from motdesk.graph.jsonio import read_project

    class FloorView(QGraphicsView):
        """A bare view that, like the canvas, fills its background when rendered into an
        image (on screen the viewport has filled itself already)."""

        def drawBackground(self, painter, rect) -> None:  # noqa: N802
            if painter.device() is not self.viewport():
                painter.fillRect(rect, self.palette().base())

    start = time.process_time()
    project = read_project(path)
    read_s = time.process_time() - start
    journey = project.journeys[0]
    scene = QGraphicsScene()
    brush = QBrush(QColor("#fde0c8"))
    rects = {}
    for step in journey.steps():
        rect = QGraphicsRectItem(0, 0, 160, 100)
        rect.setBrush(brush)
        rect.setPos(step.x, step.y)
        scene.addItem(rect)
        text = QGraphicsSimpleTextItem(step.label)
        text.setPos(step.x + 30, step.y + 25)
        scene.addItem(text)
        rects[step.id] = rect
    lines = _FloorLines()
    for t in journey.transitions():
        a, b = rects[t.source].pos(), rects[t.target].pos()
        line = QGraphicsLineItem(QLineF(a.x() + 160, a.y() + 50, b.x(), b.y() + 50))
        scene.addItem(line)
        lines.by_step.setdefault(t.source, []).append((line, True, rects[t.target]))
        lines.by_step.setdefault(t.target, []).append((line, False, rects[t.source]))
    view = FloorView()
    view.setScene(scene)
    bounds = scene.itemsBoundingRect()
    scene.setSceneRect(bounds.adjusted(-400, -400, 400, 400))
    hub = rects[hub_id(project)]
    view._keep = (scene, rects, lines)
    hub._floor = (lines, hub_id(project))
    return view, hub, QRectF(bounds), read_s


def _drag(app, view, variant: str, item) -> float:
    """Median time of one mouse-move (event, item and arrows moved, the frame painted)."""
    from PySide6.QtCore import QPoint, QPointF, Qt
    from PySide6.QtTest import QTest

    centre = item.pos() + QPointF(80, 50)
    view.centerOn(centre)
    app.processEvents()
    viewport = view.viewport()
    press = view.mapFromScene(centre)
    times = []
    if variant == "canvas":
        QTest.mousePress(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, press)
        app.processEvents()
        for i in range(1, 41):
            start = time.process_time()
            QTest.mouseMove(viewport, press + QPoint(3 * i, 2 * i))
            app.processEvents()
            viewport.repaint()
            times.append(time.process_time() - start)
        QTest.mouseRelease(
            viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, press
        )
    else:
        lines, step_id = item._floor
        origin = item.pos()
        for i in range(1, 41):
            start = time.process_time()
            item.setPos(origin + QPointF(3 * i, 2 * i))
            lines.follow(item, step_id)
            app.processEvents()
            viewport.repaint()
            times.append(time.process_time() - start)
    return statistics.median(times)


# -- the table -------------------------------------------------------------------------------
ROWS = (
    ("load", "open: read file to first frame (s)"),
    ("fit_frame", "frame at fit-to-window (ms)"),
    ("pan_frame", "frame panning at 100 % (ms)"),
    ("jump_frame", "frame after a jump at 100 % (ms)"),
    ("drag_move", "one mouse-move of a drag (ms)"),
    ("peak_rss_mb", "peak memory (MB)"),
)


def _child(variant: str, path: Path, frames: int) -> dict:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    out = subprocess.run(
        [
            sys.executable,
            "-m",
            "benchmarks.bench_canvas",
            "--child",
            variant,
            str(path),
            "--frames",
            str(frames),
        ],  # fmt: skip
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def _format(key: str, value: float) -> str:
    if key in ("fit_frame", "pan_frame", "jump_frame", "drag_move"):
        return f"{value * 1000:.2f}"
    if key in ("load", "read"):
        return f"{value:.2f}"
    return f"{value:.0f}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=list(SIZES))
    parser.add_argument("--child", nargs=2, metavar=("VARIANT", "FILE"))
    parser.add_argument("--frames", type=int, default=24)
    args = parser.parse_args(argv)
    if args.child:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        print(json.dumps(run_variant(args.child[0], Path(args.child[1]), args.frames)))
        return 0
    print(f"canvas benchmark, view {VIEW_W}x{VIEW_H}, offscreen; ratio = canvas / floor")
    header = f"{'steps':>6}  {'measure':<38}{'canvas':>10}{'floor':>10}{'ratio':>8}"
    print(header)
    print("-" * len(header))
    with tempfile.TemporaryDirectory(prefix="motdesk-bench-") as folder:
        for size in args.sizes:
            path = make_file(size, Path(folder))
            frames = 24 if size <= 5_000 else 10
            canvas = _child("canvas", path, frames)
            floor = _child("floor", path, frames)
            for key, title in ROWS:
                ratio = canvas[key] / floor[key] if floor[key] else float("nan")
                print(
                    f"{size:>6}  {title:<38}{_format(key, canvas[key]):>10}"
                    f"{_format(key, floor[key]):>10}{ratio:>8.2f}"
                )
            print(
                f"{size:>6}  {'  of which reading the file (s)':<38}"
                f"{_format('read', canvas['read']):>10}{_format('read', floor['read']):>10}"
            )
            sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""How fast the editor switches views and runs auto-layout, beside floors measured in the same run.

For each size (1,000, 5,000 and 20,000 steps, about 1.2 transitions per step, laid
out by the auto-layout as in ``bench_canvas``) a child process measures one
variant, offscreen, in a 1400x900 window; times are CPU time of that process.

View switches (current -> future -> compare -> current..., median of each switch):

- ``editor``: the main window with everything that follows a switch: the canvas
  hides and shows cards and arrows and marks the differences, the outline hides
  and shows rows, the emotional curve redraws, the status bar names the view;
  then one frame of the canvas is painted. The overview redraws a moment later
  (after the burst) and the analysis dock analyses the journey again: both are
  timed on rows of their own ("after a switch").
- ``floor``: the bare ``QGraphicsScene`` of ``bench_canvas`` (plain rectangles,
  simple texts, straight lines from the same file): the items whose state the
  view hides or shows are hidden or shown, then one frame is painted (its view
  fills its background in that frame as the editor's does, see ``bench_canvas``).

Both at 100 % (the middle of the map) and at fit-to-window. The aim: a switch
within 2x the floor frame plus the cost of showing or hiding the items. The window
shows and hides two kinds of items, the canvas's cards and arrows and the outline's
rows, so at 100 % its floor is the bare scene's switch plus a bare ``QTreeView``
over a ``QStandardItemModel`` of the same rows hiding and showing them and painting
its visible rows (``outline_views``). More rows split it: the editor with its
outline closed against the bare scene alone, the outline's own part (its model
following the view and its visible rows painted) against the bare tree, and, for
the record, the whole window against the bare scene alone (no tree to repaint).

Auto-layout (median of ``--repeat`` runs, each undone before the next):

- ``floor``: networkx's ``multipartite_layout(graph, subset_key="stage")`` on the
  journey's own graph (columns by stage and nothing else);
- ``auto_layout``: ``motdesk.graph.layout.auto_layout`` alone;
- ``document``: ``apply_layout`` on a document nothing follows (validation, one
  undoable unit, an event per moved step);
- ``editor``: Journey > Auto-layout in the window: the layout, one undoable unit
  through the document, the canvas, outline and curve following, and the next
  frame (overview and analysis dock again on rows of their own). The aim:
  within 10x the floor.

Every child runs at the editor's collector pace (`motdesk.ui.heap`), floors too.

Run: ``python -m benchmarks.bench_views``.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SIZES = (1_000, 5_000, 20_000)
VIEW_W, VIEW_H = 1400, 900
SWITCHES = ("future", "compare", "current")


def _cpu(action) -> float:
    start = time.process_time()
    action()
    return time.process_time() - start


# -- the editor ------------------------------------------------------------------------------
def _open_editor(path: Path):
    from PySide6.QtWidgets import QApplication

    from motdesk.graph.jsonio import read_project
    from motdesk.ui.app import configure_names
    from motdesk.ui.mainwindow import MainWindow
    from motdesk.ui.session import Session

    configure_names()
    QApplication.instance() or QApplication([])
    window = MainWindow(Session.new(read_project(path)))
    window.resize(VIEW_W + 600, VIEW_H + 120)
    window.show()
    for dock in (window.seeing.outline, window.seeing.overview):
        dock.show()
    window.seeing.curve_action.setChecked(True)
    # The overview redraws a moment after a burst (a timer) and the analysis dock analyses the
    # journey again: both are timed on rows of their own, not inside the switch or the layout.
    window.seeing.overview.map._timer.setInterval(10**8)
    window.bench_analysis, window.analysis = window.analysis, None
    QApplication.processEvents()
    return window


def _settle() -> None:
    from PySide6.QtWidgets import QApplication

    for _ in range(3):
        QApplication.processEvents()


def _switch_times(window, image, rounds: int, after=None) -> list[float]:
    """CPU time of each switch through the View menu until idle, with one frame after it;
    `after` runs untimed after each switch (the overview's redraw, timed on its own)."""
    from benchmarks.bench_canvas import paint_frame
    from motdesk.graph.vocabulary import View

    times = []
    for _ in range(rounds):
        for v in map(View, SWITCHES):

            def switch(v=v):
                window.actions.views[v].trigger()
                _settle()
                paint_frame(window.view, image)

            times.append(_cpu(switch))
            if after is not None:
                after()
    return times


def editor_views(path: Path, rounds: int) -> dict:
    from PySide6.QtGui import QImage

    from benchmarks.bench_canvas import paint_frame
    from motdesk.graph.vocabulary import View

    window = _open_editor(path)
    view = window.view
    image = QImage(view.viewport().size(), QImage.Format.Format_ARGB32_Premultiplied)
    results = {}
    analysis = window.bench_analysis
    overview: list[float] = []

    def redraw_overview() -> None:
        overview.append(_cpu(window.seeing.overview.map.render_now))

    for zoom in ("100", "fit"):
        if zoom == "fit":
            view.zoom_fit()
        else:
            view.zoom_reset()
            view.centerOn(window.scene.map_rect().center())
        _settle()
        paint_frame(view, image)
        times = _switch_times(window, image, rounds, redraw_overview)
        results[f"switch_{zoom}"] = statistics.median(times)
    results["overview"] = statistics.median(overview)
    results.update(outline_views(window, rounds))
    view.zoom_reset()
    view.centerOn(window.scene.map_rect().center())
    window.seeing.outline.hide()
    _settle()
    paint_frame(view, image)
    results["switch_100_closed"] = statistics.median(_switch_times(window, image, rounds))
    if analysis is not None:
        times = []
        for v in map(View, SWITCHES * rounds):
            window.view_mode = v
            times.append(_cpu(analysis.refresh))
        results["analysis"] = statistics.median(times)
    window.seeing.detach()
    return results


def outline_views(window, rounds: int) -> dict:
    """The outline's own part of a switch, beside a bare tree of the same rows.

    ``outline``: the dock's model follows the view and its visible rows are painted.
    ``outline_floor``: a `QTreeView` over a `QStandardItemModel` holding every step's
    texts (label, emotion, moment, code) under its stage, of the outline's size, hides
    and shows the rows whose state the view changes, then paints its visible rows.
    """
    from PySide6.QtGui import QStandardItem, QStandardItemModel
    from PySide6.QtWidgets import QTreeView

    from motdesk.graph.views import visible
    from motdesk.graph.vocabulary import View

    dock = window.seeing.outline
    tree = dock.tree
    times = []
    for _ in range(rounds):
        for v in map(View, SWITCHES):

            def follow(v=v):
                dock.set_view_mode(v)
                dock.flush()
                tree.viewport().repaint()

            times.append(_cpu(follow))
    journey = window.journey()
    model = QStandardItemModel()
    model.setColumnCount(4)
    rows: list[tuple] = []  # (stage's index, step row, state)
    for stage_row, stage in enumerate(journey.stages):
        parent = QStandardItem(stage.name)
        model.appendRow([parent, QStandardItem(), QStandardItem(), QStandardItem()])
        steps = sorted((s for s in journey.steps() if s.stage == stage.id), key=lambda s: s.x)
        for row, step in enumerate(steps):
            moment = step.moment.value if step.moment is not None else ""
            texts = (step.label, str(step.emotion or ""), moment, step.id[:5])
            parent.appendRow([QStandardItem(text) for text in texts])
            rows.append((model.index(stage_row, 0), row, step.state))
    bare = QTreeView()
    bare.setUniformRowHeights(True)
    bare.setModel(model)
    bare.expandAll()
    bare.resize(tree.size())
    bare.show()
    _settle()
    floor = []
    for _ in range(rounds):
        for v in map(View, SWITCHES):

            def hide_rows(v=v):
                for parent, row, state in rows:
                    hidden = not visible(state, v)
                    if bare.isRowHidden(row, parent) != hidden:
                        bare.setRowHidden(row, parent, hidden)
                bare.viewport().repaint()

            floor.append(_cpu(hide_rows))
    bare.hide()
    return {"outline": statistics.median(times), "outline_floor": statistics.median(floor)}


def floor_views(path: Path, rounds: int) -> dict:
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImage
    from PySide6.QtWidgets import QApplication

    from benchmarks.bench_canvas import _open_floor, paint_frame
    from motdesk.graph.jsonio import read_project
    from motdesk.graph.views import visible
    from motdesk.graph.vocabulary import View

    QApplication.instance() or QApplication([])
    view, _hub, map_rect, _read = _open_floor(path)
    scene = view.scene()
    journey = read_project(path).journeys[0]
    view.resize(VIEW_W, VIEW_H)
    view.show()
    QApplication.processEvents()
    # the floor's items of each state: a step's rectangle and text, a transition's line
    _scene, rects, lines = view._keep
    texts = {(i.pos().x(), i.pos().y()): i for i in scene.items() if hasattr(i, "text")}
    by_state: dict = {}
    for step in journey.steps():
        rect = rects[step.id]
        text = texts.get((step.x + 30, step.y + 25))
        by_state.setdefault(step.state, []).extend(i for i in (rect, text) if i is not None)
    for transition in journey.transitions():
        target = rects[transition.target]
        for line, is_source, other in lines.by_step.get(transition.source, ()):
            if is_source and other is target:
                by_state.setdefault(transition.state, []).append(line)
    image = QImage(view.viewport().size(), QImage.Format.Format_ARGB32_Premultiplied)
    results = {}
    for zoom in ("100", "fit"):
        if zoom == "fit":
            view.fitInView(map_rect, Qt.AspectRatioMode.KeepAspectRatio)
        else:
            view.resetTransform()
            view.centerOn(map_rect.center())
        paint_frame(view, image)
        times = []
        for _ in range(rounds):
            for v in map(View, SWITCHES):

                def switch(v=v):
                    for state, items in by_state.items():
                        shown = visible(state, v)
                        for item in items:
                            if item.isVisible() != shown:
                                item.setVisible(shown)
                    QApplication.processEvents()
                    paint_frame(view, image)

                times.append(_cpu(switch))
        results[f"switch_{zoom}"] = statistics.median(times)
    return results


def layouts(path: Path, repeat: int) -> dict:
    import networkx as nx

    from benchmarks.bench_canvas import paint_frame
    from motdesk.graph.document import Document
    from motdesk.graph.layout import apply_layout, auto_layout

    window = _open_editor(path)
    document = window.document
    journey = window.journey()
    # the generator's own positions: something for the layout to move
    from benchmarks.generate import generate_project

    original = generate_project(journey.step_count, seed=0).journeys[0]
    moves = {
        s.id: {"x": original.step(s.id).x, "y": original.step(s.id).y}
        for s in journey.steps()
        if original.has_step(s.id)
    }
    document.move_steps(journey.id, moves)
    document.history.clear()
    _settle()
    stage_index = {s.id: i for i, s in enumerate(journey.stages)}
    graph = nx.DiGraph(journey.graph.edges())
    graph.add_nodes_from((s.id, {"stage": stage_index[s.stage]}) for s in journey.steps())
    nx.multipartite_layout(graph, subset_key="stage")  # numpy's first import stays untimed
    from PySide6.QtGui import QImage

    image = QImage(window.view.viewport().size(), QImage.Format.Format_ARGB32_Premultiplied)
    times: dict[str, list[float]] = {
        "floor": [],
        "auto_layout": [],
        "document": [],
        "editor": [],
        "overview": [],
        "analysis": [],
    }
    bare = Document(document.project.copy())  # the same journey, nothing following it
    for _ in range(repeat):
        times["floor"].append(_cpu(lambda: nx.multipartite_layout(graph, subset_key="stage")))
        times["auto_layout"].append(_cpu(lambda: auto_layout(journey)))
        times["document"].append(_cpu(lambda: apply_layout(bare, journey.id)))
        bare.history.undo()

        def editor() -> None:
            window.seeing.auto_layout.trigger()
            _settle()
            paint_frame(window.view, image)

        times["editor"].append(_cpu(editor))
        times["overview"].append(_cpu(window.seeing.overview.map.render_now))
        if window.bench_analysis is not None:
            times["analysis"].append(_cpu(window.bench_analysis.refresh))
        document.history.undo()
        _settle()
    window.seeing.detach()
    return {f"layout_{k}": statistics.median(v) for k, v in times.items() if v}


# -- the table -------------------------------------------------------------------------------
def switch_cycles(size: int, rounds: int) -> int:
    """Cycles of view switches at `size` steps: more where a switch takes a millisecond or
    two (a median of a few is at the mercy of one busy moment of a shared machine)."""
    return max(rounds, 30_000 // size)


def _child(variant: str, path: Path, rounds: int) -> dict:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    env.setdefault("XDG_CONFIG_HOME", tempfile.mkdtemp(prefix="motdesk-bench-config-"))
    out = subprocess.run(
        [sys.executable, "-m", "benchmarks.bench_views", "--child", variant, str(path),
         "--rounds", str(rounds)],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )  # fmt: skip
    return json.loads(out.stdout.strip().splitlines()[-1])


def run_child(variant: str, path: Path, rounds: int) -> dict:
    if variant == "editor":
        return editor_views(path, rounds)
    if variant == "floor":
        return floor_views(path, rounds)
    return layouts(path, rounds)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=list(SIZES))
    parser.add_argument("--rounds", type=int, default=3, help="layout runs, and at least this many switch cycles")
    parser.add_argument("--child", nargs=2, metavar=("VARIANT", "FILE"))
    args = parser.parse_args(argv)
    if args.child:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        from motdesk.ui import heap

        heap.pace()  # the collector's pace the editor runs at, floors included
        print(json.dumps(run_child(args.child[0], Path(args.child[1]), args.rounds)))
        return 0
    from benchmarks.bench_canvas import make_file

    print(f"views and auto-layout, window {VIEW_W}x{VIEW_H} canvas, offscreen, CPU time")
    header = f"{'steps':>6}  {'measure':<40}{'editor':>10}{'floor':>10}{'ratio':>8}{'aim':>6}"
    print(header)
    print("-" * len(header))
    with tempfile.TemporaryDirectory(prefix="motdesk-bench-") as folder:
        for size in args.sizes:
            path = make_file(size, Path(folder))
            cycles = switch_cycles(size, args.rounds)
            editor = _child("editor", path, cycles)
            floor = _child("floor", path, cycles)
            layout = _child("layout", path, args.rounds)
            rows = (
                ("view switch at 100 % (ms)", editor["switch_100"],
                 floor["switch_100"] + editor["outline_floor"], 2),
                ("view switch at fit-to-window (ms)", editor["switch_fit"], floor["switch_fit"], 2),
                ("switch at 100 %, outline closed (ms)", editor["switch_100_closed"],
                 floor["switch_100"], 2),
                ("outline's part of a switch (ms)", editor["outline"], editor["outline_floor"], 2),
                ("switch at 100 %, floor without a tree", editor["switch_100"],
                 floor["switch_100"], 0),
                ("auto_layout alone (ms)", layout["layout_auto_layout"], layout["layout_floor"], 10),
                ("apply_layout, document only (ms)", layout["layout_document"], layout["layout_floor"], 0),
                ("Auto-layout in the editor (ms)", layout["layout_editor"], layout["layout_floor"], 0),
            )  # fmt: skip
            for title, mine, base, aim in rows:
                print(
                    f"{size:>6}  {title:<40}{mine * 1000:>10.1f}{base * 1000:>10.1f}"
                    f"{mine / base:>8.2f}{f'{aim}x' if aim else '—':>6}"
                )
            extras = (
                ("after a switch: overview redrawn (ms)", editor.get("overview")),
                ("after a switch: analysis dock (ms)", editor.get("analysis")),
                ("after auto-layout: overview redrawn (ms)", layout.get("layout_overview")),
                ("after auto-layout: analysis dock (ms)", layout.get("layout_analysis")),
            )
            for title, value in extras:
                if value is not None:
                    print(f"{size:>6}  {title:<40}{value * 1000:>10.1f}")
            sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
